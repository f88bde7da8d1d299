/**
 * Slack's hard limits for what we send: messages (chat.*, response_url) and views (views.*).
 *
 * Real Slack refuses a payload over any of these (`invalid_blocks` for messages, `invalid_arguments` for views), but
 * only in production, with real data — a name one character too long. Checking every payload that reaches the fake
 * Web API turns that into a failing test here. Each violation ends with a JSON pointer, the way Slack words its own
 * `[ERROR] ... [json-pointer:/blocks/0/text/text]` messages, so a failure says exactly which field to shorten.
 *
 * Lengths are UTF-16 code units (`string.length`): never fewer than the characters Slack counts, so the check errs
 * on the strict side for emoji and never lets through something Slack would refuse.
 *
 * Sources: docs.slack.dev Block Kit reference (blocks, block elements, composition objects, view objects) and
 * @slack/types' documented maxima. Where the two disagree we keep the stricter (option `value`: 75 in @slack/types
 * and our spec, 150 in today's docs).
 */

type JsonObject = Record<string, unknown>;

const MESSAGE_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.scheduleMessage',
  'response_url',
]);
const VIEW_METHODS = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);

const MAX_MESSAGE_BLOCKS = 50;
const MAX_VIEW_BLOCKS = 100;
const MAX_MESSAGE_TEXT = 40_000;
const MAX_ATTACHMENTS = 100;
// Slack says "greater than 250kb"; 250,000 bytes is the stricter reading of that.
const MAX_VIEW_BYTES = 250_000;
const MAX_ID = 255;

/** One message or view: its violations, and the block_ids already used in it (they must be unique). */
interface Surface {
  problems: string[];
  blockIds: Set<string>;
}

/** One block: action_ids must be unique within it. */
interface BlockScope {
  surface: Surface;
  actionIds: Set<string>;
}

interface TextRule {
  what: string;
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

/**
 * Violations of Slack's hard limits in what `method` sends with `args` (an empty array when Slack would accept it).
 * `blocks`, `attachments` and `view` may be JSON strings, as @slack/web-api form-encodes nested arguments.
 */
export function checkSlackPayload(method: string, args: Record<string, unknown>): string[] {
  if (MESSAGE_METHODS.has(method)) return checkMessage(args);
  if (VIEW_METHODS.has(method)) return checkView(args.view);
  return [];
}

function newSurface(): Surface {
  return { problems: [], blockIds: new Set() };
}

function report(surface: Surface, path: string, message: string): void {
  surface.problems.push(`${message} [json-pointer:${path}]`);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested arguments arrive as JSON strings from form-encoded calls; anything else is returned as it came. */
function parseJsonArgument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

function checkMessage(args: JsonObject): string[] {
  const surface = newSurface();
  checkMessageText(args.text, surface);
  const blocks = parseJsonArgument(args.blocks);
  if (blocks !== undefined) checkBlockList(blocks, '/blocks', MAX_MESSAGE_BLOCKS, surface);
  const attachments = parseJsonArgument(args.attachments);
  if (attachments !== undefined) checkAttachments(attachments, surface);
  return surface.problems;
}

function checkMessageText(text: unknown, surface: Surface): void {
  if (typeof text === 'string' && text.length > MAX_MESSAGE_TEXT) {
    report(surface, '/text', `message text is ${text.length} characters; the limit is ${MAX_MESSAGE_TEXT}`);
  }
}

function checkAttachments(attachments: unknown, surface: Surface): void {
  if (!Array.isArray(attachments)) {
    report(surface, '/attachments', 'attachments must be a JSON array');
    return;
  }
  if (attachments.length > MAX_ATTACHMENTS) {
    report(surface, '/attachments', `${attachments.length} attachments; the limit is ${MAX_ATTACHMENTS}`);
  }
  attachments.forEach((attachment: unknown, i) => {
    if (isObject(attachment) && attachment.blocks !== undefined) {
      checkBlockList(attachment.blocks, `/attachments/${i}/blocks`, MAX_MESSAGE_BLOCKS, surface);
    }
  });
}

function checkView(viewArg: unknown): string[] {
  const surface = newSurface();
  const view = parseJsonArgument(viewArg);
  if (!isObject(view)) {
    report(surface, '/view', 'view is missing or not a JSON object');
    return surface.problems;
  }
  checkViewSize(view, surface);
  checkViewType(view, surface);
  checkStringLength(view.private_metadata, '/view/private_metadata', 'private_metadata', 3000, surface);
  checkStringLength(view.callback_id, '/view/callback_id', 'callback_id', MAX_ID, surface);
  checkStringLength(view.external_id, '/view/external_id', 'external_id', MAX_ID, surface);
  checkBlockList(view.blocks, '/view/blocks', MAX_VIEW_BLOCKS, surface);
  return surface.problems;
}

function checkViewSize(view: JsonObject, surface: Surface): void {
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes > MAX_VIEW_BYTES) report(surface, '/view', `view is ${bytes} bytes of JSON; the limit is 250 kB`);
}

function checkViewType(view: JsonObject, surface: Surface): void {
  if (view.type === 'home') return;
  if (view.type !== 'modal') {
    report(surface, '/view/type', `view type "${String(view.type)}" must be modal or home`);
    return;
  }
  checkModalButtons(view, surface);
}

function checkModalButtons(view: JsonObject, surface: Surface): void {
  const scope: BlockScope = { surface, actionIds: new Set() };
  checkTextObject(view.title, '/view/title', scope, {
    what: 'modal title',
    max: 24,
    plainOnly: true,
    required: true,
  });
  checkTextObject(view.submit, '/view/submit', scope, { what: 'modal submit', max: 24, plainOnly: true });
  checkTextObject(view.close, '/view/close', scope, { what: 'modal close', max: 24, plainOnly: true });
  const hasInput =
    Array.isArray(view.blocks) && view.blocks.some((b: unknown) => isObject(b) && b.type === 'input');
  if (hasInput && view.submit === undefined) {
    report(surface, '/view/submit', 'a modal with input blocks needs a submit button');
  }
}

function checkBlockList(blocks: unknown, path: string, max: number, surface: Surface): void {
  const list = parseJsonArgument(blocks);
  if (!Array.isArray(list)) {
    report(surface, path, 'blocks must be a JSON array');
    return;
  }
  if (list.length > max) report(surface, path, `${list.length} blocks; the limit is ${max}`);
  list.forEach((block: unknown, i) => checkBlock(block, `${path}/${i}`, surface));
}

type BlockCheck = (block: JsonObject, path: string, scope: BlockScope) => void;

const noFurtherChecks: BlockCheck = () => {};

const BLOCK_CHECKS: Record<string, BlockCheck> = {
  section: checkSectionBlock,
  divider: noFurtherChecks,
  image: checkImageBlock,
  actions: checkActionsBlock,
  context: checkContextBlock,
  input: checkInputBlock,
  header: checkHeaderBlock,
  rich_text: noFurtherChecks,
  file: noFurtherChecks,
  video: checkVideoBlock,
};

function checkBlock(block: unknown, path: string, surface: Surface): void {
  if (!isObject(block)) {
    report(surface, path, 'a block must be a JSON object');
    return;
  }
  checkBlockId(block, path, surface);
  const check = typeof block.type === 'string' ? BLOCK_CHECKS[block.type] : undefined;
  if (!check) {
    report(surface, `${path}/type`, `unknown block type "${String(block.type)}"`);
    return;
  }
  check(block, path, { surface, actionIds: new Set() });
}

function checkBlockId(block: JsonObject, path: string, surface: Surface): void {
  const id = block.block_id;
  if (id === undefined) return;
  checkStringLength(id, `${path}/block_id`, 'block_id', MAX_ID, surface);
  if (typeof id !== 'string') return;
  if (surface.blockIds.has(id)) report(surface, `${path}/block_id`, `block_id "${id}" is used twice`);
  surface.blockIds.add(id);
}

function checkSectionBlock(block: JsonObject, path: string, scope: BlockScope): void {
  if (block.text === undefined && block.fields === undefined) {
    report(scope.surface, path, 'a section needs text or fields');
  }
  checkTextObject(block.text, `${path}/text`, scope, { what: 'section text', max: 3000 });
  checkSectionFields(block.fields, `${path}/fields`, scope);
  if (block.accessory !== undefined) checkElement(block.accessory, `${path}/accessory`, scope);
}

function checkSectionFields(fields: unknown, path: string, scope: BlockScope): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) {
    report(scope.surface, path, 'section fields must be an array');
    return;
  }
  if (fields.length > 10) report(scope.surface, path, `${fields.length} section fields; the limit is 10`);
  fields.forEach((field: unknown, i) =>
    checkTextObject(field, `${path}/${i}`, scope, { what: 'section field', max: 2000, required: true }),
  );
}

function checkHeaderBlock(block: JsonObject, path: string, scope: BlockScope): void {
  checkTextObject(block.text, `${path}/text`, scope, {
    what: 'header text',
    max: 150,
    plainOnly: true,
    required: true,
  });
}

function checkContextBlock(block: JsonObject, path: string, scope: BlockScope): void {
  const elements = requireArray(block.elements, `${path}/elements`, 'context elements', scope);
  if (!elements) return;
  if (elements.length > 10)
    report(scope.surface, `${path}/elements`, `${elements.length} context elements; the limit is 10`);
  elements.forEach((element: unknown, i) => checkContextElement(element, `${path}/elements/${i}`, scope));
}

function checkContextElement(element: unknown, path: string, scope: BlockScope): void {
  if (isObject(element) && element.type === 'image') {
    checkImageElement(element, path, scope);
    return;
  }
  if (isObject(element) && (element.type === 'plain_text' || element.type === 'mrkdwn')) {
    checkTextObject(element, path, scope, { what: 'context text', max: 3000, required: true });
    return;
  }
  report(scope.surface, path, 'a context element must be an image or a text object');
}

function checkActionsBlock(block: JsonObject, path: string, scope: BlockScope): void {
  const elements = requireArray(block.elements, `${path}/elements`, 'actions elements', scope);
  if (!elements) return;
  if (elements.length > 25)
    report(scope.surface, `${path}/elements`, `${elements.length} actions elements; the limit is 25`);
  elements.forEach((element: unknown, i) => checkElement(element, `${path}/elements/${i}`, scope));
}

function checkInputBlock(block: JsonObject, path: string, scope: BlockScope): void {
  checkTextObject(block.label, `${path}/label`, scope, {
    what: 'input label',
    max: 2000,
    plainOnly: true,
    required: true,
  });
  checkTextObject(block.hint, `${path}/hint`, scope, { what: 'input hint', max: 2000, plainOnly: true });
  if (block.element === undefined) {
    report(scope.surface, `${path}/element`, 'an input block needs an element');
    return;
  }
  checkElement(block.element, `${path}/element`, scope);
}

function checkImageBlock(block: JsonObject, path: string, scope: BlockScope): void {
  checkImageElement(block, path, scope);
  checkTextObject(block.title, `${path}/title`, scope, { what: 'image title', max: 2000, plainOnly: true });
}

function checkVideoBlock(block: JsonObject, path: string, scope: BlockScope): void {
  checkTextObject(block.title, `${path}/title`, scope, {
    what: 'video title',
    max: 200,
    plainOnly: true,
    required: true,
  });
  if (typeof block.alt_text !== 'string' || block.alt_text === '') {
    report(scope.surface, `${path}/alt_text`, 'a video needs alt_text');
  }
}

function checkImageElement(image: JsonObject, path: string, scope: BlockScope): void {
  if (typeof image.alt_text !== 'string' || image.alt_text === '') {
    report(scope.surface, `${path}/alt_text`, 'an image needs alt_text');
  } else {
    checkStringLength(image.alt_text, `${path}/alt_text`, 'image alt_text', 2000, scope.surface);
  }
  checkStringLength(image.image_url, `${path}/image_url`, 'image_url', 3000, scope.surface);
}

type ElementCheck = (element: JsonObject, path: string, scope: BlockScope) => void;

const ELEMENT_CHECKS: Record<string, ElementCheck> = {
  button: checkButton,
  static_select: checkSelectOptions,
  multi_static_select: checkSelectOptions,
  overflow: checkOverflow,
  checkboxes: checkChoiceOptions,
  radio_buttons: checkChoiceOptions,
  plain_text_input: checkPlainTextInput,
  image: checkImageElement,
};

/** Interactive and display elements: accessories, actions/input elements. */
function checkElement(element: unknown, path: string, scope: BlockScope): void {
  if (!isObject(element)) {
    report(scope.surface, path, 'an element must be a JSON object');
    return;
  }
  checkActionId(element, path, scope);
  if (element.confirm !== undefined) checkConfirm(element.confirm, `${path}/confirm`, scope);
  checkTextObject(element.placeholder, `${path}/placeholder`, scope, {
    what: 'placeholder',
    max: 150,
    plainOnly: true,
  });
  const check = typeof element.type === 'string' ? ELEMENT_CHECKS[element.type] : undefined;
  check?.(element, path, scope);
}

function checkActionId(element: JsonObject, path: string, scope: BlockScope): void {
  const id = element.action_id;
  if (id === undefined) return;
  checkStringLength(id, `${path}/action_id`, 'action_id', MAX_ID, scope.surface);
  if (typeof id !== 'string') return;
  if (scope.actionIds.has(id))
    report(scope.surface, `${path}/action_id`, `action_id "${id}" is used twice in one block`);
  scope.actionIds.add(id);
}

function checkButton(button: JsonObject, path: string, scope: BlockScope): void {
  checkTextObject(button.text, `${path}/text`, scope, {
    what: 'button text',
    max: 75,
    plainOnly: true,
    required: true,
  });
  checkStringLength(button.value, `${path}/value`, 'button value', 2000, scope.surface);
  checkStringLength(button.url, `${path}/url`, 'button url', 3000, scope.surface);
  checkStringLength(
    button.accessibility_label,
    `${path}/accessibility_label`,
    'accessibility_label',
    75,
    scope.surface,
  );
  checkStyle(button.style, `${path}/style`, scope);
}

function checkStyle(style: unknown, path: string, scope: BlockScope): void {
  if (style !== undefined && style !== 'primary' && style !== 'danger') {
    report(scope.surface, path, `style "${String(style)}" must be primary or danger`);
  }
}

function checkSelectOptions(select: JsonObject, path: string, scope: BlockScope): void {
  if (select.options !== undefined)
    checkOptionList(select.options, `${path}/options`, 'select options', scope);
  if (select.option_groups === undefined) return;
  const groups = requireArray(select.option_groups, `${path}/option_groups`, 'option_groups', scope);
  if (!groups) return;
  if (groups.length > 100) {
    report(scope.surface, `${path}/option_groups`, `${groups.length} option groups; the limit is 100`);
  }
  groups.forEach((group: unknown, i) => checkOptionGroup(group, `${path}/option_groups/${i}`, scope));
}

function checkOptionGroup(group: unknown, path: string, scope: BlockScope): void {
  if (!isObject(group)) {
    report(scope.surface, path, 'an option group must be a JSON object');
    return;
  }
  checkTextObject(group.label, `${path}/label`, scope, {
    what: 'option group label',
    max: 75,
    plainOnly: true,
    required: true,
  });
  checkOptionList(group.options, `${path}/options`, 'option group options', scope);
}

function checkOptionList(options: unknown, path: string, what: string, scope: BlockScope): void {
  const list = requireArray(options, path, what, scope);
  if (!list) return;
  if (list.length > 100) report(scope.surface, path, `${list.length} ${what}; the limit is 100`);
  list.forEach((option: unknown, i) => checkOption(option, `${path}/${i}`, scope, true));
}

function checkOverflow(overflow: JsonObject, path: string, scope: BlockScope): void {
  const list = requireArray(overflow.options, `${path}/options`, 'overflow options', scope);
  if (!list) return;
  if (list.length < 2 || list.length > 5) {
    report(
      scope.surface,
      `${path}/options`,
      `${list.length} overflow options; an overflow menu needs 2 to 5`,
    );
  }
  list.forEach((option: unknown, i) => checkOption(option, `${path}/options/${i}`, scope, true));
}

function checkChoiceOptions(choices: JsonObject, path: string, scope: BlockScope): void {
  const list = requireArray(choices.options, `${path}/options`, `${String(choices.type)} options`, scope);
  if (!list) return;
  if (list.length > 10)
    report(
      scope.surface,
      `${path}/options`,
      `${list.length} ${String(choices.type)} options; the limit is 10`,
    );
  // Checkboxes and radio buttons may label their options with mrkdwn; menus may not.
  list.forEach((option: unknown, i) => checkOption(option, `${path}/options/${i}`, scope, false));
}

function checkOption(option: unknown, path: string, scope: BlockScope, plainOnly: boolean): void {
  if (!isObject(option)) {
    report(scope.surface, path, 'an option must be a JSON object');
    return;
  }
  checkTextObject(option.text, `${path}/text`, scope, {
    what: 'option text',
    max: 75,
    plainOnly,
    required: true,
  });
  if (typeof option.value !== 'string')
    report(scope.surface, `${path}/value`, 'an option needs a string value');
  checkStringLength(option.value, `${path}/value`, 'option value', 75, scope.surface);
  checkTextObject(option.description, `${path}/description`, scope, {
    what: 'option description',
    max: 75,
    plainOnly,
  });
  checkStringLength(option.url, `${path}/url`, 'option url', 3000, scope.surface);
}

function checkConfirm(confirm: unknown, path: string, scope: BlockScope): void {
  if (!isObject(confirm)) {
    report(scope.surface, path, 'a confirm dialog must be a JSON object');
    return;
  }
  checkTextObject(confirm.title, `${path}/title`, scope, {
    what: 'confirm title',
    max: 100,
    plainOnly: true,
    required: true,
  });
  checkTextObject(confirm.text, `${path}/text`, scope, { what: 'confirm text', max: 300, required: true });
  checkTextObject(confirm.confirm, `${path}/confirm`, scope, {
    what: 'confirm button',
    max: 30,
    plainOnly: true,
    required: true,
  });
  checkTextObject(confirm.deny, `${path}/deny`, scope, {
    what: 'deny button',
    max: 30,
    plainOnly: true,
    required: true,
  });
  checkStyle(confirm.style, `${path}/style`, scope);
}

function checkPlainTextInput(input: JsonObject, path: string, scope: BlockScope): void {
  for (const key of ['min_length', 'max_length'] as const) {
    const value = input[key];
    if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 3000)) {
      report(scope.surface, `${path}/${key}`, `${key} ${String(value)} must be a number from 0 to 3000`);
    }
  }
  const initial = input.initial_value;
  if (initial === undefined) return;
  if (typeof initial !== 'string') {
    report(scope.surface, `${path}/initial_value`, 'initial_value must be a string');
    return;
  }
  const max = typeof input.max_length === 'number' ? input.max_length : 3000;
  if (initial.length > max) {
    report(
      scope.surface,
      `${path}/initial_value`,
      `initial_value is ${initial.length} characters; max_length is ${max}`,
    );
  }
}

function checkTextObject(value: unknown, path: string, scope: BlockScope, rule: TextRule): void {
  if (value === undefined || value === null) {
    if (rule.required) report(scope.surface, path, `${rule.what} is missing`);
    return;
  }
  if (!isObject(value)) {
    report(scope.surface, path, `${rule.what} must be a text object`);
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    report(
      scope.surface,
      `${path}/type`,
      `${rule.what} has type "${String(value.type)}"; must be plain_text or mrkdwn`,
    );
  } else if (rule.plainOnly && value.type !== 'plain_text') {
    report(scope.surface, `${path}/type`, `${rule.what} must be plain_text, not ${value.type}`);
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    report(scope.surface, `${path}/text`, `${rule.what} is empty; Slack needs at least 1 character`);
    return;
  }
  if (value.text.length > rule.max) {
    report(
      scope.surface,
      `${path}/text`,
      `${rule.what} is ${value.text.length} characters; the limit is ${rule.max}`,
    );
  }
}

function checkStringLength(value: unknown, path: string, what: string, max: number, surface: Surface): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    report(surface, path, `${what} must be a string`);
    return;
  }
  if (value.length > max) report(surface, path, `${what} is ${value.length} characters; the limit is ${max}`);
}

function requireArray(value: unknown, path: string, what: string, scope: BlockScope): unknown[] | undefined {
  if (Array.isArray(value) && value.length > 0) return value;
  report(scope.surface, path, `${what} must be a non-empty array`);
  return undefined;
}
