import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Locale } from '../../domain/service-settings.js';
import type { SmsCategoryDoc, SmsTemplateDoc } from '../../domain/sms-templates.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { SmsTemplateTree } from '../../usecases/sms/types.js';
import { clip, context, escapeMrkdwn, modal, option, plain, section } from './text.js';

/** `/sms templates`: the template screen, the forms pushed on top of it, and the delete confirmation. */
export const SMS_TEMPLATE_VIEWS = {
  screen: 'sms_templates',
  category: 'sms_templates.category',
  template: 'sms_templates.template',
  delete: 'sms_templates.delete',
} as const;

/** Every button and menu of the screen starts with `sms_templates.` (one listener takes them all). */
export const SMS_TEMPLATE_ACTIONS = {
  addCategory: 'sms_templates.add_category',
  pick: 'sms_templates.pick',
  addSubCategory: 'sms_templates.add_sub_category',
  addTemplate: 'sms_templates.add_template',
  editCategory: 'sms_templates.edit_category',
  toggleCategory: 'sms_templates.toggle_category',
  categoryUp: 'sms_templates.category_up',
  categoryDown: 'sms_templates.category_down',
  deleteCategory: 'sms_templates.delete_category',
  /** A template's overflow menu; option values are `<verb>:<template id>`. */
  template: 'sms_templates.template',
} as const;
export const TEMPLATE_MENU_VERBS = ['edit', 'toggle', 'up', 'down', 'delete'] as const;
export type TemplateMenuVerb = (typeof TEMPLATE_MENU_VERBS)[number];

export const SMS_CATEGORY_BLOCKS = {
  parentId: 'smc_parent',
  name: 'smc_name',
  enabled: 'smc_enabled',
} as const;
export const SMS_TEMPLATE_BLOCKS = {
  categoryId: 'smt_category',
  type: 'smt_type',
  options: 'smt_options',
  name: 'smt_name',
  description: 'smt_description',
  sendNo: 'smt_send_no',
  title: 'smt_title',
  body: 'smt_body',
  image: 'smt_image',
} as const;

/** Where a use case's field problem is shown in the template form. */
export const templateBlockOf = (field: string): string =>
  field === 'enabled' || field === 'editable' || field === 'advertisement'
    ? SMS_TEMPLATE_BLOCKS.options
    : (SMS_TEMPLATE_BLOCKS[field as keyof typeof SMS_TEMPLATE_BLOCKS] ?? SMS_TEMPLATE_BLOCKS.body);
export const categoryBlockOf = (field: string): string =>
  SMS_CATEGORY_BLOCKS[field as keyof typeof SMS_CATEGORY_BLOCKS] ?? SMS_CATEGORY_BLOCKS.name;

/** Room for the screen's other blocks within Slack's 100 per modal. */
const LISTED_TEMPLATES = 80;
const TREE_SECTIONS = 4;
const SELECT_OPTIONS = 100;

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const translator =
  (locale: Locale): T =>
  (key, params) =>
    translate(locale, key, params);

type Top = SmsTemplateTree['categories'][number];
type Child = Top['children'][number];

const enabledTemplates = (children: Child[]) =>
  children.reduce((n, c) => n + c.templates.filter((t) => t.enabled).length, 0);
const allTemplates = (children: Child[]) => children.reduce((n, c) => n + c.templates.length, 0);

function findCategory(
  tree: SmsTemplateTree,
  id: string | null,
): { top: Top; child: Child | undefined } | undefined {
  if (!id) return undefined;
  for (const top of tree.categories) {
    if (top._id === id) return { top, child: undefined };
    const child = top.children.find((c) => c._id === id);
    if (child) return { top, child };
  }
  return undefined;
}

/** "… — disabled, hides N templates from sending" and friends: what a category's state means for sending. */
function categoryState(t: T, category: SmsCategoryDoc, children: Child[], parentEnabled: boolean): string {
  const count = t('smsTemplates.templateCount', { count: allTemplates(children) });
  if (!category.enabled)
    return `${count} · _${t('smsTemplates.disabledHides', { count: enabledTemplates(children) })}_`;
  if (!parentEnabled) return `${count} · _${t('smsTemplates.hiddenByParent')}_`;
  return count;
}

function treeLines(t: T, tree: SmsTemplateTree): string[] {
  const lines: string[] = [];
  for (const top of tree.categories) {
    lines.push(`*${escapeMrkdwn(top.name)}* — ${categoryState(t, top, top.children, true)}`);
    for (const child of top.children)
      lines.push(`      ◦ ${escapeMrkdwn(child.name)} — ${categoryState(t, child, [child], top.enabled)}`);
  }
  return lines;
}

/** Lines packed into a few sections of ≤ 3,000 characters; what does not fit is counted, not cut mid-line. */
function packLines(t: T, lines: string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = '';
  let shown = 0;
  for (const line of lines) {
    if (current.length + line.length + 1 > 2800) {
      if (texts.length + 1 >= TREE_SECTIONS) break;
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    shown += 1;
  }
  if (shown < lines.length)
    current += `\n${t('smsTemplates.moreCategories', { count: lines.length - shown })}`;
  texts.push(current);
  return texts.map((text) => section(text));
}

function categoryOptions(tree: SmsTemplateTree): PlainTextOption[] {
  const options: PlainTextOption[] = [];
  for (const top of tree.categories) {
    options.push(option(top.name, top._id));
    for (const child of top.children) options.push(option(`${top.name} › ${child.name}`, child._id));
  }
  return options.slice(0, SELECT_OPTIONS);
}

function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): Extract<KnownBlock, { type: 'actions' }>['elements'][number] {
  return { type: 'button', action_id: actionId, text: plain(text, 75), value, ...(style ? { style } : {}) };
}

function templateLine(t: T, template: SmsTemplateDoc): string {
  const flags = [
    template.type,
    template.enabled ? t('smsTemplates.enabled') : t('smsTemplates.disabled'),
    template.editable ? t('smsTemplates.editable') : t('smsTemplates.locked'),
    ...(template.advertisement ? [t('smsTemplates.advertisement')] : []),
  ].join(' · ');
  const details = [
    t('smsTemplates.sendNoLine', { sendNo: template.sendNo }),
    ...(template.imageId ? [t('smsTemplates.withImage')] : []),
  ].join(' · ');
  const description = template.description ? `\n_${escapeMrkdwn(clip(template.description, 200))}_` : '';
  const title = template.title ? `*${escapeMrkdwn(template.title)}*\n` : '';
  const body = `${title}${escapeMrkdwn(clip(template.body, 300))}`.replace(/\n/g, '\n> ');
  const name = template.enabled ? `*${escapeMrkdwn(template.name)}*` : `~${escapeMrkdwn(template.name)}~`;
  return clip(`${name}  ${flags}\n${details}${description}\n> ${body}`, 3000);
}

function templateMenu(t: T, template: SmsTemplateDoc): KnownBlock {
  const labels: Record<TemplateMenuVerb, string> = {
    edit: t('smsTemplates.edit'),
    toggle: template.enabled ? t('smsTemplates.disable') : t('smsTemplates.enable'),
    up: t('smsTemplates.moveUp'),
    down: t('smsTemplates.moveDown'),
    delete: t('smsTemplates.delete'),
  };
  return {
    type: 'section',
    block_id: `smt_row_${template._id}`,
    text: { type: 'mrkdwn', text: templateLine(t, template) },
    accessory: {
      type: 'overflow',
      action_id: SMS_TEMPLATE_ACTIONS.template,
      options: TEMPLATE_MENU_VERBS.map((verb) => option(labels[verb], `${verb}:${template._id}`)),
    },
  };
}

/**
 * The template screen: the whole tree as text (with what each disabled category hides), a category picker, and the
 * picked category's actions; a second-level category also lists its templates, each with its menu.
 */
export function renderSmsTemplatesModal(
  locale: Locale,
  input: {
    serviceName: string;
    tree: SmsTemplateTree;
    selectedId: string | null;
    privateMetadata: string;
    notice?: { text: string; warning?: boolean };
  },
): ModalView {
  const t = translator(locale);
  const { tree } = input;
  const blocks: KnownBlock[] = [];
  if (input.notice)
    blocks.push(section(`${input.notice.warning ? ':warning:' : ':white_check_mark:'} ${input.notice.text}`));
  blocks.push(context(`${escapeMrkdwn(input.serviceName)} · ${t('smsTemplates.intro')}`));
  if (tree.categories.length === 0) blocks.push(section(t('smsTemplates.empty')));
  else blocks.push(...packLines(t, treeLines(t, tree)));

  const picked = findCategory(tree, input.selectedId);
  const options = categoryOptions(tree);
  const initial = options.find((o) => o.value === input.selectedId);
  blocks.push({
    type: 'actions',
    block_id: 'smt_screen_actions',
    elements: [
      button(t('smsTemplates.addCategory'), SMS_TEMPLATE_ACTIONS.addCategory, 'new', 'primary'),
      ...(options.length > 0
        ? [
            {
              type: 'static_select' as const,
              action_id: SMS_TEMPLATE_ACTIONS.pick,
              placeholder: plain(t('smsTemplates.pickCategory'), 150),
              options,
              ...(initial ? { initial_option: initial } : {}),
            },
          ]
        : []),
    ],
  });

  if (picked) {
    const category = picked.child ?? picked.top;
    const id = category._id;
    const path = picked.child
      ? `${escapeMrkdwn(picked.top.name)} › ${escapeMrkdwn(picked.child.name)}`
      : escapeMrkdwn(picked.top.name);
    const level = picked.child ? t('smsTemplates.secondLevel') : t('smsTemplates.firstLevel');
    const state = picked.child
      ? categoryState(t, picked.child, [picked.child], picked.top.enabled)
      : categoryState(t, picked.top, picked.top.children, true);
    blocks.push({ type: 'divider' });
    blocks.push(
      section(
        `*${path}*  (${level} · ${category.enabled ? t('smsTemplates.enabled') : t('smsTemplates.disabled')})\n${state}`,
      ),
    );
    blocks.push({
      type: 'actions',
      block_id: 'smt_category_actions',
      elements: [
        picked.child
          ? button(t('smsTemplates.addTemplate'), SMS_TEMPLATE_ACTIONS.addTemplate, id, 'primary')
          : button(t('smsTemplates.addSubCategory'), SMS_TEMPLATE_ACTIONS.addSubCategory, id, 'primary'),
        button(t('smsTemplates.edit'), SMS_TEMPLATE_ACTIONS.editCategory, id),
        button(
          category.enabled ? t('smsTemplates.disable') : t('smsTemplates.enable'),
          SMS_TEMPLATE_ACTIONS.toggleCategory,
          id,
        ),
        button(t('smsTemplates.moveUp'), SMS_TEMPLATE_ACTIONS.categoryUp, id),
        button(t('smsTemplates.moveDown'), SMS_TEMPLATE_ACTIONS.categoryDown, id),
        button(t('smsTemplates.delete'), SMS_TEMPLATE_ACTIONS.deleteCategory, id, 'danger'),
      ],
    });
    if (picked.child) {
      const templates = picked.child.templates;
      if (templates.length === 0) blocks.push(context(t('smsTemplates.noTemplates')));
      for (const template of templates.slice(0, LISTED_TEMPLATES)) blocks.push(templateMenu(t, template));
      if (templates.length > LISTED_TEMPLATES)
        blocks.push(context(t('smsTemplates.moreTemplates', { count: templates.length - LISTED_TEMPLATES })));
    } else blocks.push(context(t('smsTemplates.subCategoriesHint')));
  }

  return modal({
    callbackId: SMS_TEMPLATE_VIEWS.screen,
    metadata: input.privateMetadata,
    title: t('smsTemplates.modalTitle'),
    close: t('smsTemplates.close'),
    blocks,
  });
}

/** Add or edit a category: its parent (none: first level), name and status. */
export function renderSmsCategoryForm(
  locale: Locale,
  input: {
    tree: SmsTemplateTree;
    editing?: SmsCategoryDoc;
    parentId: string | null;
    privateMetadata: string;
  },
): ModalView {
  const t = translator(locale);
  const { editing } = input;
  const none = option(t('smsTemplates.parentNone'), 'none');
  // A first-level category with sub-categories stays first-level; no category can be its own parent.
  const parents = input.tree.categories
    .filter((c) => c._id !== editing?._id)
    .map((c) => option(c.name, c._id))
    .slice(0, SELECT_OPTIONS - 1);
  const parentOptions = [none, ...parents];
  const initialParent = parentOptions.find((o) => o.value === (input.parentId ?? 'none')) ?? none;
  const enabledOption = option(t('smsTemplates.usageOption'), 'enabled');
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: SMS_CATEGORY_BLOCKS.parentId,
      label: plain(t('smsTemplates.parentLabel'), 2000),
      hint: plain(t('smsTemplates.parentHint'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: parentOptions,
        initial_option: initialParent,
      },
    },
    {
      type: 'input',
      block_id: SMS_CATEGORY_BLOCKS.name,
      label: plain(t('smsTemplates.categoryNameLabel'), 2000),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 50,
        ...(editing ? { initial_value: editing.name } : {}),
      },
    },
    {
      type: 'input',
      block_id: SMS_CATEGORY_BLOCKS.enabled,
      optional: true,
      label: plain(t('smsTemplates.usageLabel'), 2000),
      hint: plain(t('smsTemplates.usageHint'), 2000),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [enabledOption],
        ...((editing?.enabled ?? true) ? { initial_options: [enabledOption] } : {}),
      },
    },
  ];
  return modal({
    callbackId: SMS_TEMPLATE_VIEWS.category,
    metadata: input.privateMetadata,
    title: editing ? t('smsTemplates.categoryFormEdit') : t('smsTemplates.categoryFormNew'),
    submit: t('smsTemplates.save'),
    close: t('smsTemplates.cancel'),
    blocks,
  });
}

/** Add or edit a template, with the fields of the product guide's template screen. */
export function renderSmsTemplateForm(
  locale: Locale,
  input: {
    tree: SmsTemplateTree;
    editing?: SmsTemplateDoc;
    categoryId: string;
    senderNumbers: readonly string[];
    privateMetadata: string;
  },
): ModalView {
  const t = translator(locale);
  const { editing } = input;
  const groups = input.tree.categories
    .filter((top) => top.children.length > 0)
    .map((top) => ({
      label: plain(top.name, 75),
      options: top.children.map((child) => option(`${top.name} › ${child.name}`, child._id)),
    }));
  let budget = SELECT_OPTIONS;
  const optionGroups = groups
    .map((g) => {
      const options = g.options.slice(0, Math.max(0, budget));
      budget -= options.length;
      return { ...g, options };
    })
    .filter((g) => g.options.length > 0);
  const initialCategory = optionGroups.flatMap((g) => g.options).find((o) => o.value === input.categoryId);

  const typeOptions = [option(t('smsTemplates.typeSms'), 'SMS'), option(t('smsTemplates.typeMms'), 'MMS')];
  const flagOptions = {
    enabled: option(t('smsTemplates.optionEnabled'), 'enabled'),
    editable: option(t('smsTemplates.optionEditable'), 'editable'),
    advertisement: option(t('smsTemplates.optionAdvertisement'), 'advertisement'),
    removeImage: option(t('smsTemplates.imageRemove'), 'removeImage'),
  };
  const flags = [
    flagOptions.enabled,
    flagOptions.editable,
    flagOptions.advertisement,
    ...(editing?.imageId ? [flagOptions.removeImage] : []),
  ];
  const initialFlags = [
    ...((editing?.enabled ?? true) ? [flagOptions.enabled] : []),
    ...((editing?.editable ?? true) ? [flagOptions.editable] : []),
    ...(editing?.advertisement ? [flagOptions.advertisement] : []),
  ];
  const senderOptions = input.senderNumbers.slice(0, SELECT_OPTIONS).map((n) => option(n, n));
  const initialSender = senderOptions.find((o) => o.value === editing?.sendNo);
  const text = (
    blockId: string,
    label: MessageKey,
    opts: { initial?: string | null; optional?: boolean; multiline?: boolean; max?: number; hint?: string },
  ): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    ...(opts.optional ? { optional: true } : {}),
    label: plain(t(label), 2000),
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(opts.multiline ? { multiline: true } : {}),
      ...(opts.max ? { max_length: opts.max } : {}),
      ...(opts.initial ? { initial_value: opts.initial } : {}),
    },
  });

  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: SMS_TEMPLATE_BLOCKS.categoryId,
      label: plain(t('smsTemplates.categoryLabel'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        option_groups: optionGroups,
        ...(initialCategory ? { initial_option: initialCategory } : {}),
      },
    },
    {
      type: 'input',
      block_id: SMS_TEMPLATE_BLOCKS.type,
      label: plain(t('smsTemplates.typeLabel'), 2000),
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: typeOptions,
        initial_option: editing?.type === 'MMS' ? typeOptions[1]! : typeOptions[0]!,
      },
    },
    {
      type: 'input',
      block_id: SMS_TEMPLATE_BLOCKS.options,
      optional: true,
      label: plain(t('smsTemplates.optionsLabel'), 2000),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: flags,
        ...(initialFlags.length > 0 ? { initial_options: initialFlags } : {}),
      },
    },
    text(SMS_TEMPLATE_BLOCKS.name, 'smsTemplates.templateNameLabel', { initial: editing?.name, max: 50 }),
    text(SMS_TEMPLATE_BLOCKS.description, 'smsTemplates.descriptionLabel', {
      initial: editing?.description,
      optional: true,
      max: 200,
    }),
    {
      type: 'input',
      block_id: SMS_TEMPLATE_BLOCKS.sendNo,
      label: plain(t('smsTemplates.sendNoLabel'), 2000),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: senderOptions,
        ...(initialSender ? { initial_option: initialSender } : {}),
      },
    },
    text(SMS_TEMPLATE_BLOCKS.title, 'smsTemplates.titleLabel', {
      initial: editing?.title,
      optional: true,
      hint: t('smsTemplates.titleHint'),
    }),
    text(SMS_TEMPLATE_BLOCKS.body, 'smsTemplates.bodyLabel', {
      initial: editing?.body,
      multiline: true,
      max: 3000,
      hint: t('smsTemplates.bodyHint'),
    }),
    {
      type: 'input',
      block_id: SMS_TEMPLATE_BLOCKS.image,
      optional: true,
      label: plain(t('smsTemplates.imageLabel'), 2000),
      hint: plain(
        editing?.imageId
          ? `${t('smsTemplates.imageCurrent')} ${t('smsTemplates.imageHint')}`
          : t('smsTemplates.imageHint'),
        2000,
      ),
      element: { type: 'file_input', action_id: 'value', filetypes: ['jpg', 'jpeg'], max_files: 1 },
    },
  ];
  return modal({
    callbackId: SMS_TEMPLATE_VIEWS.template,
    metadata: input.privateMetadata,
    title: editing ? t('smsTemplates.templateFormEdit') : t('smsTemplates.templateFormNew'),
    submit: t('smsTemplates.save'),
    close: t('smsTemplates.cancel'),
    blocks,
  });
}

/** "Delete X? N sub-categories and M templates go with it." */
export function renderSmsDeleteConfirm(
  locale: Locale,
  input: (
    | { kind: 'category'; name: string; subCategories: number; templates: number }
    | { kind: 'template'; name: string }
  ) & { privateMetadata: string },
): ModalView {
  const t = translator(locale);
  const text =
    input.kind === 'category'
      ? `*${t('smsTemplates.deleteCategoryQuestion', { name: escapeMrkdwn(input.name) })}*\n${t(
          'smsTemplates.deleteCategoryCascade',
          { subCategories: input.subCategories, templates: input.templates },
        )}`
      : t('smsTemplates.deleteTemplateQuestion', { name: escapeMrkdwn(input.name) });
  return modal({
    callbackId: SMS_TEMPLATE_VIEWS.delete,
    metadata: input.privateMetadata,
    title: t('smsTemplates.deleteTitle'),
    submit: t('smsTemplates.delete'),
    close: t('smsTemplates.cancel'),
    blocks: [section(text)],
  });
}
