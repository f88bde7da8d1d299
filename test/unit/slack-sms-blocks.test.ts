import { describe, expect, it } from '@jest/globals';
import type { SmsTemplateDoc } from '../../src/domain/sms-templates.js';
import { parseSmsCommand } from '../../src/usecases/sms/command-words.js';
import { renderSmsSendModal, type SendModalState } from '../../src/slack/blocks/sms-send-modal.js';
import {
  decodeHistoryQuery,
  encodeHistoryQuery,
  renderSmsDetailModal,
  renderSmsHistory,
} from '../../src/slack/blocks/sms-history.js';
import type { SmsRequestDetail, SmsRequestSummary } from '../../src/usecases/sms/types.js';
import { checkSlackPayload } from '../support/block-kit-limits.js';

const SEOUL = 'Asia/Seoul';
// 2026-12-03 14:00 in Seoul.
const NOW = new Date('2026-12-03T05:00:00Z');

describe('/sms words', () => {
  it.each([
    ['', { kind: 'send' }],
    ['send', { kind: 'send' }],
    ['templates', { kind: 'templates' }],
    ['HELP', { kind: 'help' }],
    ['history', { kind: 'history' }],
    ['history today', { kind: 'history', fromDay: '2026-12-03', toDay: '2026-12-03' }],
    [
      'history yesterday failed',
      { kind: 'history', fromDay: '2026-12-02', toDay: '2026-12-02', status: 'failed' },
    ],
    [
      'history scheduled 7d',
      { kind: 'history', fromDay: '2026-11-27', toDay: '2026-12-03', status: 'scheduled' },
    ],
    [
      'history 2026-12-01..2026-12-03 partially-failed',
      { kind: 'history', fromDay: '2026-12-01', toDay: '2026-12-03', status: 'partially_failed' },
    ],
  ])('"%s"', (text, expected) => {
    expect(parseSmsCommand(text, SEOUL, NOW)).toEqual(expected);
  });

  it('names what it cannot read', () => {
    expect(parseSmsCommand('history delivered', SEOUL, NOW)).toEqual({
      kind: 'badStatus',
      word: 'delivered',
    });
    expect(parseSmsCommand('history 2026-02-30', SEOUL, NOW)).toEqual({
      kind: 'badRange',
      error: '2026-02-30 is not a date (YYYY-MM-DD)',
    });
    expect(parseSmsCommand('history today 7d', SEOUL, NOW)).toEqual({ kind: 'unknown', word: '7d' });
    expect(parseSmsCommand('blast', SEOUL, NOW)).toEqual({ kind: 'unknown', word: 'blast' });
    expect(parseSmsCommand('templates x', SEOUL, NOW)).toEqual({ kind: 'unknown', word: 'x' });
  });
});

const template = (i: number, category: string, over: Partial<SmsTemplateDoc> = {}) => ({
  _id: `tpl${i}`,
  serviceId: 'svc',
  categoryId: category,
  type: 'SMS' as const,
  enabled: true,
  editable: true,
  name: `템플릿 ${i} ${'긴 이름'.repeat(10)}`.slice(0, 50),
  description: null,
  sendNo: '0212345678',
  title: null,
  body: `안내 ${i}`,
  imageId: null,
  advertisement: false,
  order: i,
  createdAt: NOW,
  updatedAt: NOW,
  path: [`대분류 ${category} ${'가'.repeat(40)}`, `소분류 ${category} ${'나'.repeat(40)}`] as [
    string,
    string,
  ],
  ...over,
});

const modalState = (over: Partial<SendModalState> = {}): SendModalState => ({
  options: {
    senderNumbers: ['0212345678', '01098765432'],
    optOutNumber: '0801234567',
    templates: [
      ...Array.from({ length: 60 }, (_, i) => template(i, 'a')),
      ...Array.from({ length: 60 }, (_, i) => template(100 + i, 'b')),
    ],
  },
  timeZone: SEOUL,
  now: NOW,
  metadata: '{}',
  rev: 0,
  type: 'SMS',
  template: null,
  fill: { title: null, body: '', sendNo: null, advertisement: false },
  ...over,
});

type Block = Record<string, unknown> & { block_id?: string; type: string };
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as Block[];

describe('the send modal', () => {
  it('groups templates by category path within Slack limits, and offers the registered sender numbers', () => {
    const view = renderSmsSendModal('ko', modalState());
    expect(checkSlackPayload('views.open', { view })).toEqual([]);
    const select = blocksOf(view).find((b) => b.block_id === 'sms_template')!.element as {
      option_groups: { label: { text: string }; options: unknown[] }[];
    };
    expect(select.option_groups).toHaveLength(2);
    expect(select.option_groups[0]!.options).toHaveLength(60);
    expect(select.option_groups[0]!.label.text).toMatch(/^대분류 a .* \/ 소분류 a /);
    const json = JSON.stringify(view);
    for (const label of ['문자 발송', '템플릿명', '발송 유형', '수신번호', '발신번호', '예약 발송', '광고'])
      expect(json).toContain(label);
    expect(json).toContain('02-1234-5678');
    expect(json).toContain('010-9876-5432');
    expect(json).toContain('수신거부 번호: 080-123-4567');
    // SMS: no title, no image.
    expect(blocksOf(view).map((b) => b.block_id)).not.toContain('sms_title');
    expect(blocksOf(view).map((b) => b.block_id)).not.toContain('sms_image');
  });

  it('MMS shows the title and a jpg-only file input; the byte count sits in the body hint', () => {
    const view = renderSmsSendModal('en', modalState({ type: 'MMS', bodyBytes: 42 }));
    expect(checkSlackPayload('views.open', { view })).toEqual([]);
    const ids = blocksOf(view).map((b) => b.block_id);
    expect(ids).toContain('sms_title');
    const image = blocksOf(view).find((b) => b.block_id === 'sms_image')!.element;
    expect(image).toMatchObject({ type: 'file_input', filetypes: ['jpg', 'jpeg'], max_files: 1 });
    const body = blocksOf(view).find((b) => b.block_id === 'sms_body') as unknown as {
      hint: { text: string };
    };
    expect(body.hint.text).toContain('42 / 2,000 bytes');
  });

  it('a locked template shows its body as text, not an input, under new block ids', () => {
    const locked = template(7, 'a', { editable: false, body: '(광고) 고정 문구' });
    const view = renderSmsSendModal(
      'ko',
      modalState({
        rev: 3,
        template: locked,
        fill: { title: null, body: locked.body, sendNo: locked.sendNo, advertisement: true },
        bodyBytes: 16,
      }),
    );
    expect(checkSlackPayload('views.update', { view })).toEqual([]);
    const ids = blocksOf(view).map((b) => b.block_id);
    expect(ids).not.toContain('sms_body_3');
    const shown = blocksOf(view).find((b) => b.block_id === 'sms_body_locked') as unknown as {
      text: { text: string };
    };
    expect(shown.text.text).toContain('(광고) 고정 문구');
    expect(JSON.stringify(view)).toContain('16 / 90바이트');
    expect(ids).toContain('sms_type_3');
    expect(ids).toContain('sms_ad_3');
    const picked = blocksOf(view).find((b) => b.block_id === 'sms_template')!.element as {
      initial_option: { value: string };
    };
    expect(picked.initial_option.value).toBe('tpl7');
  });
});

const summary = (i: number, over: Partial<SmsRequestSummary> = {}): SmsRequestSummary => ({
  id: `req${i}`,
  serviceId: 'svc',
  status: 'sent',
  type: 'SMS',
  advertisement: false,
  body: '안녕하세요 '.repeat(50),
  title: null,
  sendNo: '0212345678',
  bytes: 20,
  sendAt: null,
  createdAt: new Date(NOW.getTime() - i * 60_000),
  startedAt: NOW,
  finishedAt: NOW,
  requestedBy: { id: 'm1', name: '김상담 <!channel>' },
  counts: { total: 3, pending: 0, success: 2, failed: 1, cancelled: 0 },
  ...over,
});

describe('the history message and detail modal', () => {
  it('a full page stays within Slack limits and shows time, schedule, sender, counts and status', () => {
    const items = Array.from({ length: 10 }, (_, i) =>
      summary(
        i,
        i % 2 ? { status: 'scheduled', sendAt: new Date(NOW.getTime() + 3_600_000), startedAt: null } : {},
      ),
    );
    const query = { serviceId: 'svc', page: 2, fromDay: '2026-12-01', toDay: '2026-12-03' };
    const message = renderSmsHistory(
      'ko',
      { items, page: 2, pageSize: 10, total: 35, ownOnly: true },
      query,
      {
        timeZone: SEOUL,
        ownOnly: true,
      },
    );
    expect(checkSlackPayload('response_url', message)).toEqual([]);
    const json = JSON.stringify(message);
    expect(json).toContain('2026-12-03 14:00');
    expect(json).toContain('예약 2026-12-03 15:00');
    expect(json).toContain('02-1234-5678');
    expect(json).toContain('성공 2 · 실패 1 · 대기 0');
    expect(json).toContain('발송 완료');
    expect(json).toContain('내가 보낸 요청만');
    expect(json).toContain('2 / 4 페이지');
    expect(json).not.toContain('<!channel>');
    // Five scheduled rows, each with its Cancel (and a confirm dialog).
    expect(json.match(/"action_id":"sms.cancel"/g)).toHaveLength(5);
    expect(json).toContain('"confirm"');
    const nav = message.blocks.at(-1) as { elements: { value: string; action_id: string }[] };
    expect(nav.elements.map((e) => e.action_id)).toEqual([
      'sms.history_prev',
      'sms.history_next',
      'sms.export_history',
    ]);
    expect(decodeHistoryQuery(nav.elements[0]!.value)).toEqual({ ...query, page: 1 });
    expect(decodeHistoryQuery(encodeHistoryQuery({ serviceId: 's', page: 0 }))).toBeUndefined();
  });

  it('the detail of a 1,000-recipient request lists the first ones with result codes and meanings', () => {
    const detail: SmsRequestDetail = {
      ...summary(0, { counts: { total: 1000, pending: 0, success: 999, failed: 1, cancelled: 0 } }),
      recipients: Array.from({ length: 1000 }, (_, i) => ({
        phone: `010${String(10_000_000 + i)}`,
        status: i === 0 ? ('failed' as const) : ('success' as const),
        resultCode: i === 0 ? '3006' : '1000',
        resultMessage: i === 0 ? '실패' : '성공',
        deliveredAt: i === 0 ? null : new Date(NOW.getTime() + 60_000),
      })),
      recipientPage: { page: 1, pageSize: 1000, total: 1000 },
    };
    const view = renderSmsDetailModal('ko', detail, { timeZone: SEOUL, serviceId: 'svc' });
    expect(checkSlackPayload('views.open', { view })).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('010-1000-0000');
    expect(json).toContain('실패 · 3006 수신 거부');
    expect(json).toContain('성공 · 1000 성공 · 수신 2026-12-03 14:01');
    expect(json).toContain('외 900건');
  });
});
