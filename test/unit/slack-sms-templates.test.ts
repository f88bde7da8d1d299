import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SmsCategoryDoc, SmsTemplateDoc } from '../../src/domain/sms-templates.js';
import {
  renderSmsCategoryForm,
  renderSmsDeleteConfirm,
  renderSmsTemplateForm,
  renderSmsTemplatesModal,
} from '../../src/slack/blocks/sms-templates.js';
import { downloadSlackFile } from '../../src/slack/files.js';
import type { SmsTemplateTree } from '../../src/usecases/sms/types.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';
import { checkSlackPayload } from '../support/block-kit-limits.js';
import { jpegOf } from '../support/jpeg.js';

const at = new Date('2026-12-01T00:00:00Z');
const category = (id: string, name: string, parentId: string | null, enabled = true): SmsCategoryDoc => ({
  _id: id,
  serviceId: 'svc',
  parentId,
  name,
  enabled,
  order: 1,
  createdAt: at,
  updatedAt: at,
});
const template = (id: string, categoryId: string, name: string): SmsTemplateDoc => ({
  _id: id,
  serviceId: 'svc',
  categoryId,
  type: 'MMS',
  enabled: true,
  editable: true,
  name,
  description: '설명 '.repeat(60).slice(0, 200),
  sendNo: '0215441234',
  title: '제목 '.repeat(6),
  body: '긴 본문입니다. '.repeat(150),
  imageId: 'img_1',
  advertisement: true,
  order: 1,
  createdAt: at,
  updatedAt: at,
});

/** A service at the edge of what one screen can hold: many long-named categories, one full of long templates. */
function bigTree(): SmsTemplateTree {
  const long = (i: number) => `아주 긴 분류 이름 ${i} `.repeat(4).slice(0, 50);
  return {
    categories: Array.from({ length: 30 }, (_, i) => ({
      ...category(`smc_top${i}`, long(i), null, i % 2 === 0),
      children: Array.from({ length: 5 }, (_, j) => ({
        ...category(`smc_sub${i}_${j}`, long(j), `smc_top${i}`, j !== 1),
        templates:
          i === 0 && j === 0
            ? Array.from({ length: 120 }, (_, k) =>
                template(`smt_${k}`, `smc_sub0_0`, `템플릿 ${k} `.repeat(5)),
              )
            : [],
      })),
    })),
  };
}

describe('SMS template screens within Slack limits', () => {
  const metadata = JSON.stringify({ serviceId: 'svc', teamId: 'T0001', channelId: 'C0001' });

  it('renders the screen, the forms and the confirmation of a large tree without breaking a limit', () => {
    const tree = bigTree();
    for (const selectedId of [null, 'smc_top0', 'smc_sub0_0', 'smc_sub3_1'])
      expect(
        checkSlackPayload('views.open', {
          view: renderSmsTemplatesModal('ko', {
            serviceName: 'Acme',
            tree,
            selectedId,
            privateMetadata: metadata,
            notice: { text: '저장했습니다.' },
          }),
        }),
      ).toEqual([]);
    const views = [
      renderSmsCategoryForm('en', { tree, parentId: 'smc_top1', privateMetadata: metadata }),
      renderSmsTemplateForm('ko', {
        tree,
        categoryId: 'smc_sub0_0',
        senderNumbers: ['0215441234', '0215445678'],
        editing: tree.categories[0]!.children[0]!.templates[0]!,
        privateMetadata: metadata,
      }),
      renderSmsDeleteConfirm('ko', {
        kind: 'category',
        name: '분류',
        subCategories: 2,
        templates: 5,
        privateMetadata: metadata,
      }),
    ];
    for (const view of views) expect(checkSlackPayload('views.push', { view })).toEqual([]);
  });

  it('says how many templates do not fit, and counts what a disabled category hides', () => {
    const view = renderSmsTemplatesModal('en', {
      serviceName: 'Acme',
      tree: bigTree(),
      selectedId: 'smc_sub0_0',
      privateMetadata: metadata,
    });
    const text = JSON.stringify(view);
    expect(text).toContain('…and 40 more templates that do not fit on this screen.');
    // The first first-level category is enabled; its second sub-category is disabled and holds nothing.
    expect(text).toContain('disabled — hides 0 template(s) from sending');
    expect(text).toContain('hidden: its parent category is disabled');
  });
});

describe('downloading a file people attached (file_input)', () => {
  let slack: FakeSlackWebApi;
  beforeAll(async () => {
    slack = await FakeSlackWebApi.start();
  });
  afterAll(async () => {
    await slack.stop();
  });

  it('fetches the bytes with the bot token', async () => {
    const jpg = jpegOf({ width: 100, height: 80, bytes: 5000 });
    const file = slack.hostFile({ name: 'photo.jpg', data: jpg }) as never;
    const downloaded = await downloadSlackFile(slack.token, file);
    expect(downloaded).toMatchObject({ ok: true, fileName: 'photo.jpg', filetype: 'jpg' });
    expect(downloaded.ok && downloaded.data.equals(jpg)).toBe(true);
    expect(slack.callsTo('file_download').at(-1)?.args.authorized).toBe(true);
  });

  it('never takes the sign-in page a wrong token gets for the file', async () => {
    const file = slack.hostFile({ name: 'photo.jpg', data: jpegOf({ width: 16, height: 16 }) }) as never;
    expect(await downloadSlackFile('xoxb-wrong', file)).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('stops at the size cap: from the size Slack reports, or while reading when the report was wrong', async () => {
    const big = jpegOf({ width: 100, height: 100, bytes: 40_000 });
    const file = slack.hostFile({ name: 'big.jpg', data: big }) as { size: number };
    const before = slack.callsTo('file_download').length;
    expect(await downloadSlackFile(slack.token, file as never, { maxBytes: 10_000 })).toEqual({
      ok: false,
      reason: 'tooLarge',
      fileName: 'big.jpg',
      bytes: 40_000,
    });
    expect(slack.callsTo('file_download').length).toBe(before);
    const understated = await downloadSlackFile(slack.token, { ...file, size: 100 } as never, {
      maxBytes: 10_000,
    });
    expect(understated).toMatchObject({ ok: false, reason: 'tooLarge' });
  });
});
