import { describe, expect, it } from '@jest/globals';
import { checkSlackPayload } from '../support/block-kit-limits.js';

type Json = Record<string, unknown>;

const chars = (n: number): string => 'x'.repeat(n);
const plain = (n: number): Json => ({ type: 'plain_text', text: chars(n) });
const mrkdwn = (n: number): Json => ({ type: 'mrkdwn', text: chars(n) });
const section = (textLength = 5): Json => ({ type: 'section', text: mrkdwn(textLength) });
const button = (overrides: Json = {}): Json => ({
  type: 'button',
  action_id: 'go',
  text: plain(2),
  ...overrides,
});
const option = (i: number, textLength = 3, valueLength = 3): Json => ({
  text: plain(textLength),
  value: `${i}`.padEnd(valueLength, 'v'),
});
const options = (n: number): Json[] => Array.from({ length: n }, (_, i) => option(i));
const inputBlock = (element: Json, extra: Json = {}): Json => ({
  type: 'input',
  label: plain(5),
  element,
  ...extra,
});
const modal = (overrides: Json = {}): Json => ({
  type: 'modal',
  title: plain(5),
  submit: plain(4),
  close: plain(5),
  blocks: [section()],
  ...overrides,
});

/** The args of a chat.postMessage carrying these blocks. */
const message = (...blocks: Json[]): Json => ({ channel: 'C0001', text: 'fallback', blocks });
const checkBlocks = (...blocks: Json[]): string[] =>
  checkSlackPayload('chat.postMessage', message(...blocks));
const checkModal = (overrides: Json = {}): string[] =>
  checkSlackPayload('views.open', { view: modal(overrides) });

interface LimitCase {
  name: string;
  limit: number;
  method: string;
  /** The args of a call where the limited quantity is exactly n. */
  build: (n: number) => Json;
  /** Where Slack would point: the JSON pointer in the violation. */
  pointer: string;
}

const limitCases: LimitCase[] = [
  {
    name: 'blocks in a message',
    limit: 50,
    method: 'chat.postMessage',
    build: (n) => message(...Array.from({ length: n }, () => ({ type: 'divider' }))),
    pointer: '/blocks',
  },
  {
    name: 'top-level message text',
    limit: 40_000,
    method: 'chat.postMessage',
    build: (n) => ({ channel: 'C0001', text: chars(n) }),
    pointer: '/text',
  },
  {
    name: 'blocks in a modal',
    limit: 100,
    method: 'views.open',
    build: (n) => ({ view: modal({ blocks: Array.from({ length: n }, () => ({ type: 'divider' })) }) }),
    pointer: '/view/blocks',
  },
  {
    name: 'blocks in a Home tab',
    limit: 100,
    method: 'views.publish',
    build: (n) => ({
      user_id: 'U0001',
      view: { type: 'home', blocks: Array.from({ length: n }, () => ({ type: 'divider' })) },
    }),
    pointer: '/view/blocks',
  },
  {
    name: 'modal title',
    limit: 24,
    method: 'views.open',
    build: (n) => ({ view: modal({ title: plain(n) }) }),
    pointer: '/view/title/text',
  },
  {
    name: 'modal submit',
    limit: 24,
    method: 'views.push',
    build: (n) => ({ view: modal({ submit: plain(n) }) }),
    pointer: '/view/submit/text',
  },
  {
    name: 'modal close',
    limit: 24,
    method: 'views.update',
    build: (n) => ({ view: modal({ close: plain(n) }) }),
    pointer: '/view/close/text',
  },
  {
    name: 'private_metadata',
    limit: 3000,
    method: 'views.open',
    build: (n) => ({ view: modal({ private_metadata: chars(n) }) }),
    pointer: '/view/private_metadata',
  },
  {
    name: 'callback_id',
    limit: 255,
    method: 'views.open',
    build: (n) => ({ view: modal({ callback_id: chars(n) }) }),
    pointer: '/view/callback_id',
  },
  {
    name: 'section text',
    limit: 3000,
    method: 'chat.postMessage',
    build: (n) => message(section(n)),
    pointer: '/blocks/0/text/text',
  },
  {
    name: 'section fields',
    limit: 10,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'section', fields: Array.from({ length: n }, () => mrkdwn(1)) }),
    pointer: '/blocks/0/fields',
  },
  {
    name: 'section field text',
    limit: 2000,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'section', fields: [mrkdwn(1), mrkdwn(n)] }),
    pointer: '/blocks/0/fields/1/text',
  },
  {
    name: 'header text',
    limit: 150,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'header', text: plain(n) }),
    pointer: '/blocks/0/text/text',
  },
  {
    name: 'context elements',
    limit: 10,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'context', elements: Array.from({ length: n }, () => mrkdwn(1)) }),
    pointer: '/blocks/0/elements',
  },
  {
    name: 'actions elements',
    limit: 25,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'actions',
        elements: Array.from({ length: n }, (_, i) => button({ action_id: `b${i}` })),
      }),
    pointer: '/blocks/0/elements',
  },
  {
    name: 'input label',
    limit: 2000,
    method: 'views.open',
    build: (n) => ({
      view: modal({
        blocks: [inputBlock({ type: 'plain_text_input', action_id: 'v' }, { label: plain(n) })],
      }),
    }),
    pointer: '/view/blocks/0/label/text',
  },
  {
    name: 'input hint',
    limit: 2000,
    method: 'views.open',
    build: (n) => ({
      view: modal({ blocks: [inputBlock({ type: 'plain_text_input', action_id: 'v' }, { hint: plain(n) })] }),
    }),
    pointer: '/view/blocks/0/hint/text',
  },
  {
    name: 'block_id',
    limit: 255,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'divider', block_id: chars(n) }),
    pointer: '/blocks/0/block_id',
  },
  {
    name: 'button text',
    limit: 75,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'actions', elements: [button({ text: plain(n) })] }),
    pointer: '/blocks/0/elements/0/text/text',
  },
  {
    name: 'button value',
    limit: 2000,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'actions', elements: [button({ value: chars(n) })] }),
    pointer: '/blocks/0/elements/0/value',
  },
  {
    name: 'button url',
    limit: 3000,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'actions', elements: [button({ url: `https://e.x/${chars(n - 12)}` })] }),
    pointer: '/blocks/0/elements/0/url',
  },
  {
    name: 'action_id',
    limit: 255,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'actions', elements: [button({ action_id: chars(n) })] }),
    pointer: '/blocks/0/elements/0/action_id',
  },
  {
    name: 'static_select options',
    limit: 100,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: options(n) }],
      }),
    pointer: '/blocks/0/elements/0/options',
  },
  {
    name: 'multi_static_select options',
    limit: 100,
    method: 'views.open',
    build: (n) => ({
      view: modal({
        blocks: [inputBlock({ type: 'multi_static_select', action_id: 's', options: options(n) })],
      }),
    }),
    pointer: '/view/blocks/0/element/options',
  },
  {
    name: 'option_groups',
    limit: 100,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'actions',
        elements: [
          {
            type: 'static_select',
            action_id: 's',
            option_groups: Array.from({ length: n }, (_, i) => ({ label: plain(2), options: [option(i)] })),
          },
        ],
      }),
    pointer: '/blocks/0/elements/0/option_groups',
  },
  {
    name: 'option text',
    limit: 75,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [option(1, n)] }],
      }),
    pointer: '/blocks/0/elements/0/options/0/text/text',
  },
  {
    name: 'option value',
    limit: 75,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [option(1, 3, n)] }],
      }),
    pointer: '/blocks/0/elements/0/options/0/value',
  },
  {
    name: 'overflow options',
    limit: 5,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'section',
        text: mrkdwn(3),
        accessory: { type: 'overflow', action_id: 'o', options: options(n) },
      }),
    pointer: '/blocks/0/accessory/options',
  },
  {
    name: 'checkboxes options',
    limit: 10,
    method: 'views.open',
    build: (n) => ({
      view: modal({ blocks: [inputBlock({ type: 'checkboxes', action_id: 'c', options: options(n) })] }),
    }),
    pointer: '/view/blocks/0/element/options',
  },
  {
    name: 'radio_buttons options',
    limit: 10,
    method: 'views.open',
    build: (n) => ({
      view: modal({ blocks: [inputBlock({ type: 'radio_buttons', action_id: 'r', options: options(n) })] }),
    }),
    pointer: '/view/blocks/0/element/options',
  },
  ...(['title', 'text', 'confirm', 'deny'] as const).map((field): LimitCase => ({
    name: `confirm dialog ${field}`,
    limit: { title: 100, text: 300, confirm: 30, deny: 30 }[field],
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'actions',
        elements: [
          button({
            confirm: {
              title: plain(3),
              text: plain(3),
              confirm: plain(3),
              deny: plain(3),
              [field]: plain(n),
            },
          }),
        ],
      }),
    pointer: `/blocks/0/elements/0/confirm/${field}/text`,
  })),
  {
    name: 'plain_text_input placeholder',
    limit: 150,
    method: 'views.open',
    build: (n) => ({
      view: modal({
        blocks: [inputBlock({ type: 'plain_text_input', action_id: 'v', placeholder: plain(n) })],
      }),
    }),
    pointer: '/view/blocks/0/element/placeholder/text',
  },
  {
    name: 'plain_text_input initial_value within its max_length',
    limit: 10,
    method: 'views.open',
    build: (n) => ({
      view: modal({
        blocks: [
          inputBlock({ type: 'plain_text_input', action_id: 'v', max_length: 10, initial_value: chars(n) }),
        ],
      }),
    }),
    pointer: '/view/blocks/0/element/initial_value',
  },
  {
    name: 'image alt_text',
    limit: 2000,
    method: 'chat.postMessage',
    build: (n) => message({ type: 'image', image_url: 'https://e.x/a.png', alt_text: chars(n) }),
    pointer: '/blocks/0/alt_text',
  },
  {
    name: 'context image alt_text',
    limit: 2000,
    method: 'chat.postMessage',
    build: (n) =>
      message({
        type: 'context',
        elements: [{ type: 'image', image_url: 'https://e.x/a.png', alt_text: chars(n) }],
      }),
    pointer: '/blocks/0/elements/0/alt_text',
  },
];

describe('checkSlackPayload: each limit', () => {
  it.each(limitCases)('$name: $limit passes', ({ method, build, limit }) => {
    expect(checkSlackPayload(method, build(limit))).toEqual([]);
  });

  it.each(limitCases)(
    '$name: one over $limit is a violation pointing at $pointer',
    ({ method, build, limit, pointer }) => {
      const violations = checkSlackPayload(method, build(limit + 1));
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain(`[json-pointer:${pointer}]`);
    },
  );

  it('needs at least 2 options in an overflow menu', () => {
    const overflow = (n: number) =>
      message({
        type: 'section',
        text: mrkdwn(3),
        accessory: { type: 'overflow', action_id: 'o', options: options(n) },
      });
    expect(checkSlackPayload('chat.postMessage', overflow(2))).toEqual([]);
    expect(checkSlackPayload('chat.postMessage', overflow(1))).toEqual([
      expect.stringContaining('needs 2 to 5'),
    ]);
  });

  it('refuses a view over 250 kB of JSON', () => {
    const big = (blocks: number) => ({
      view: modal({ blocks: Array.from({ length: blocks }, () => section(2900)) }),
    });
    expect(checkSlackPayload('views.open', big(80))).toEqual([]);
    expect(checkSlackPayload('views.open', big(90))).toEqual([
      expect.stringContaining('the limit is 250 kB'),
    ]);
  });
});

describe('checkSlackPayload: text objects', () => {
  it.each([
    ['section', { type: 'section', text: mrkdwn(0) }],
    ['header', { type: 'header', text: plain(0) }],
    ['button', { type: 'actions', elements: [button({ text: plain(0) })] }],
  ])('refuses empty text in a %s, as Slack does', (_kind, block) => {
    expect(checkBlocks(block)).toEqual([expect.stringContaining('is empty')]);
  });

  it('refuses a text object of another type, and mrkdwn where only plain_text is allowed', () => {
    expect(checkBlocks({ type: 'section', text: { type: 'markdown', text: 'hi' } })).toEqual([
      expect.stringContaining('must be plain_text or mrkdwn'),
    ]);
    expect(checkBlocks({ type: 'header', text: mrkdwn(5) })).toEqual([
      expect.stringContaining('must be plain_text'),
    ]);
    expect(checkBlocks({ type: 'actions', elements: [button({ text: mrkdwn(2) })] })).toEqual([
      expect.stringContaining('button text must be plain_text'),
    ]);
  });

  it('lets checkbox options use mrkdwn but not select options', () => {
    const checkbox = { type: 'checkboxes', action_id: 'c', options: [{ text: mrkdwn(3), value: 'a' }] };
    const select = { type: 'static_select', action_id: 's', options: [{ text: mrkdwn(3), value: 'a' }] };
    expect(checkBlocks({ type: 'actions', elements: [checkbox] })).toEqual([]);
    expect(checkBlocks({ type: 'actions', elements: [select] })).toEqual([
      expect.stringContaining('must be plain_text'),
    ]);
  });

  it('needs text or fields in a section', () => {
    expect(checkBlocks({ type: 'section' })).toEqual([expect.stringContaining('needs text or fields')]);
  });
});

describe('checkSlackPayload: structure', () => {
  it('allows the block types Switchboard uses and refuses any other', () => {
    const allowed: Json[] = [
      section(),
      { type: 'divider' },
      { type: 'image', image_url: 'https://e.x/a.png', alt_text: 'chart' },
      { type: 'actions', elements: [button()] },
      { type: 'context', elements: [mrkdwn(3)] },
      { type: 'header', text: plain(3) },
      { type: 'rich_text', elements: [] },
      { type: 'file', external_id: 'x', source: 'remote' },
      {
        type: 'video',
        title: plain(3),
        alt_text: 'clip',
        video_url: 'https://e.x/v',
        thumbnail_url: 'https://e.x/t.png',
      },
    ];
    expect(checkBlocks(...allowed)).toEqual([]);
    expect(
      checkSlackPayload('views.open', {
        view: modal({ blocks: [inputBlock({ type: 'plain_text_input', action_id: 'v' })] }),
      }),
    ).toEqual([]);
    expect(checkBlocks({ type: 'table', rows: [] })).toEqual([
      expect.stringContaining('unknown block type "table"'),
    ]);
  });

  it('refuses a block_id used twice in one message, and in one view', () => {
    expect(checkBlocks({ ...section(), block_id: 'a' }, { type: 'divider', block_id: 'a' })).toEqual([
      expect.stringContaining('block_id "a" is used twice [json-pointer:/blocks/1/block_id]'),
    ]);
    expect(
      checkModal({
        blocks: [
          { type: 'divider', block_id: 'a' },
          { type: 'divider', block_id: 'a' },
        ],
      }),
    ).toHaveLength(1);
  });

  it('refuses an action_id used twice in one block but allows it again in another block', () => {
    const twice = { type: 'actions', elements: [button({ action_id: 'x' }), button({ action_id: 'x' })] };
    expect(checkBlocks(twice)).toEqual([expect.stringContaining('action_id "x" is used twice in one block')]);
    const apart = [
      { type: 'actions', elements: [button({ action_id: 'x' })] },
      { type: 'actions', elements: [button({ action_id: 'x' })] },
    ];
    expect(checkBlocks(...apart)).toEqual([]);
  });

  it('looks inside section accessories and input elements', () => {
    expect(checkBlocks({ ...section(), accessory: button({ text: plain(76) }) })).toEqual([
      expect.stringContaining('[json-pointer:/blocks/0/accessory/text/text]'),
    ]);
    expect(
      checkModal({ blocks: [inputBlock({ type: 'static_select', action_id: 's', options: options(101) })] }),
    ).toEqual([expect.stringContaining('[json-pointer:/view/blocks/0/element/options]')]);
  });

  it('parses blocks, attachments and view sent as JSON strings, as @slack/web-api form-encodes them', () => {
    const blocks = JSON.stringify(Array.from({ length: 51 }, () => ({ type: 'divider' })));
    expect(checkSlackPayload('chat.update', { channel: 'C1', ts: '1.1', blocks })).toEqual([
      expect.stringContaining('51 blocks; the limit is 50'),
    ]);
    const attachments = JSON.stringify([{ blocks: [{ type: 'header', text: plain(151) }] }]);
    expect(checkSlackPayload('chat.postEphemeral', { channel: 'C1', user: 'U1', attachments })).toEqual([
      expect.stringContaining('[json-pointer:/attachments/0/blocks/0/text/text]'),
    ]);
    const view = JSON.stringify(modal({ title: plain(25) }));
    expect(checkSlackPayload('views.open', { trigger_id: 't', view })).toEqual([
      expect.stringContaining('modal title'),
    ]);
    expect(checkSlackPayload('chat.postMessage', { channel: 'C1', blocks: 'not json' })).toEqual([
      expect.stringContaining('blocks must be a JSON array'),
    ]);
  });

  it('requires a title on modals but not on Home tabs', () => {
    expect(checkModal({ title: undefined })).toEqual([expect.stringContaining('modal title is missing')]);
    expect(
      checkSlackPayload('views.publish', { user_id: 'U1', view: { type: 'home', blocks: [section()] } }),
    ).toEqual([]);
  });

  it('requires a submit button on a modal with input blocks', () => {
    const blocks = [inputBlock({ type: 'plain_text_input', action_id: 'v' })];
    expect(checkModal({ blocks, submit: undefined })).toEqual([
      expect.stringContaining('needs a submit button'),
    ]);
  });

  it('checks a response_url body like a message, for chat.scheduleMessage too', () => {
    expect(
      checkSlackPayload('response_url', {
        replace_original: true,
        blocks: [{ type: 'header', text: plain(151) }],
      }),
    ).toHaveLength(1);
    expect(
      checkSlackPayload('chat.scheduleMessage', { channel: 'C1', post_at: 1, text: chars(40_001) }),
    ).toHaveLength(1);
  });

  it('has nothing to say about methods that carry no Block Kit', () => {
    expect(checkSlackPayload('users.info', { user: 'U1', blocks: 'whatever' })).toEqual([]);
  });
});
