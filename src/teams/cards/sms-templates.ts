import { formatKoreanPhone } from '../../domain/callbacks.js';
import type { Locale } from '../../domain/service-settings.js';
import type { SmsCategoryDoc, SmsTemplateDoc } from '../../domain/sms-templates.js';
import type { SmsTemplateTree } from '../../usecases/sms/types.js';
import { adaptiveCard, heading, textBlock, type AdaptiveCard, type CardElement } from './card.js';
import { SMS_TEMPLATES_DIALOG } from './sms-menu.js';
import { fieldError, translatorFor, type Translate } from './sms-common.js';

/** What the template dialog's screens do: each button is a submit of the dialog with one of these. */
export type SmsTemplatesOp =
  | 'tree'
  | 'edit'
  | 'toggle'
  | 'up'
  | 'down'
  | 'delete'
  | 'confirmDelete'
  | 'newCategory'
  | 'newTemplate'
  | 'saveCategory'
  | 'saveTemplate';

const submit = (
  title: string,
  serviceId: string,
  op: SmsTemplatesOp,
  more: Record<string, unknown> = {},
) => ({
  type: 'Action.Submit',
  title,
  data: { dialog: SMS_TEMPLATES_DIALOG, serviceId, op, ...more },
});

const choice = (title: string, value: string) => ({ title, value });
const state = (t: Translate, enabled: boolean) =>
  enabled ? t('smsTemplates.enabled') : t('smsTemplates.disabled');

/** An item of the tree as the dialog's choice names it: `c:<id>` a category, `t:<id>` a template. */
export const itemValue = (kind: 'c' | 't', id: string) => `${kind}:${id}`;

export interface SmsTemplatesTreeInput {
  serviceId: string;
  tree: SmsTemplateTree;
  selected?: string;
  notice?: string;
  error?: string;
}

function templateLine(t: Translate, template: SmsTemplateDoc): string {
  const parts = [
    template.type,
    template.editable ? t('smsTemplates.editable') : t('smsTemplates.locked'),
    ...(template.advertisement ? [t('smsTemplates.advertisement')] : []),
    t('smsTemplates.sendNoLine', { sendNo: formatKoreanPhone(template.sendNo) }),
    state(t, template.enabled),
  ];
  return `- ↳ ${template.name} · ${parts.join(' · ')}`;
}

/** The tree (two levels of categories, their templates), one item to act on, and the buttons that act on it. */
export function renderSmsTemplatesTree(locale: Locale, input: SmsTemplatesTreeInput): AdaptiveCard {
  const t = translatorFor(locale);
  const { tree, serviceId } = input;
  const body: CardElement[] = [heading(t('smsTemplates.modalTitle'))];
  if (input.notice) body.push(textBlock(input.notice, { weight: 'Bolder', color: 'Good' }));
  body.push(textBlock(t('smsTemplates.intro'), { isSubtle: true, size: 'Small' }));
  const choices: { title: string; value: string }[] = [];
  if (tree.categories.length === 0) body.push(textBlock(t('smsTemplates.empty')));
  for (const first of tree.categories) {
    choices.push(choice(first.name, itemValue('c', first._id)));
    const lines = [`**${first.name}** · ${state(t, first.enabled)}`];
    for (const second of first.children) {
      choices.push(choice(`${first.name} / ${second.name}`, itemValue('c', second._id)));
      lines.push(
        `- **${second.name}** · ${t('smsTemplates.templateCount', { count: second.templates.length })} · ${state(t, second.enabled)}`,
      );
      for (const template of second.templates) {
        choices.push(
          choice(`${first.name} / ${second.name} · ${template.name}`, itemValue('t', template._id)),
        );
        lines.push(templateLine(t, template));
      }
    }
    body.push(textBlock(lines.join('\n'), { separator: true }));
  }
  if (choices.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'item',
      label: t('teamsSms.templates.itemLabel'),
      style: 'compact',
      placeholder: t('smsTemplates.pickCategory'),
      ...(input.selected ? { value: input.selected } : {}),
      choices,
    });
    if (input.error) body.push(fieldError(input.error));
    body.push({
      type: 'ActionSet',
      actions: [
        submit(t('smsTemplates.edit'), serviceId, 'edit'),
        submit(`${t('smsTemplates.enable')} / ${t('smsTemplates.disable')}`, serviceId, 'toggle'),
        submit(t('smsTemplates.moveUp'), serviceId, 'up'),
        submit(t('smsTemplates.moveDown'), serviceId, 'down'),
        submit(t('smsTemplates.delete'), serviceId, 'delete'),
      ],
    });
  } else if (input.error) body.push(fieldError(input.error));
  return adaptiveCard(body, {
    actions: [
      submit(t('smsTemplates.addCategory'), serviceId, 'newCategory'),
      submit(t('smsTemplates.addTemplate'), serviceId, 'newTemplate'),
    ],
  });
}

export interface SmsCategoryFormInput {
  serviceId: string;
  tree: SmsTemplateTree;
  category?: SmsCategoryDoc;
  values: { parentId: string; name: string; enabled: boolean };
  errors?: Record<string, string>;
}

/** Adding or editing a category: its parent (none: first level), name and whether it is used. */
export function renderSmsCategoryForm(locale: Locale, input: SmsCategoryFormInput): AdaptiveCard {
  const t = translatorFor(locale);
  const errors = input.errors ?? {};
  const under = (field: string) => (errors[field] ? [fieldError(errors[field])] : []);
  const parents = input.tree.categories.filter((c) => c._id !== input.category?._id);
  const body: CardElement[] = [
    heading(t(input.category ? 'smsTemplates.categoryFormEdit' : 'smsTemplates.categoryFormNew')),
    {
      type: 'Input.ChoiceSet',
      id: 'parentId',
      label: t('smsTemplates.parentLabel'),
      style: 'compact',
      value: input.values.parentId || 'none',
      choices: [choice(t('smsTemplates.parentNone'), 'none'), ...parents.map((c) => choice(c.name, c._id))],
    },
    textBlock(t('smsTemplates.parentHint'), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...under('parentId'),
    {
      type: 'Input.Text',
      id: 'name',
      label: t('smsTemplates.categoryNameLabel'),
      maxLength: 100,
      value: input.values.name,
    },
    ...under('name'),
    {
      type: 'Input.Toggle',
      id: 'enabled',
      label: t('smsTemplates.usageLabel'),
      title: t('smsTemplates.usageOption'),
      value: input.values.enabled ? 'true' : 'false',
    },
    textBlock(t('smsTemplates.usageHint'), { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  for (const [field, text] of Object.entries(errors))
    if (!['parentId', 'name'].includes(field)) body.push(fieldError(text));
  return adaptiveCard(body, {
    actions: [
      {
        ...submit(t('smsTemplates.save'), input.serviceId, 'saveCategory', {
          editId: input.category?._id ?? '',
        }),
        style: 'positive',
      },
      submit(t('teamsSms.templates.back'), input.serviceId, 'tree'),
    ],
  });
}

export interface SmsTemplateFormValues {
  categoryId: string;
  name: string;
  description: string;
  type: 'SMS' | 'MMS';
  sendNo: string;
  title: string;
  body: string;
  enabled: boolean;
  editable: boolean;
  advertisement: boolean;
}

export interface SmsTemplateFormInput {
  serviceId: string;
  tree: SmsTemplateTree;
  senderNumbers: string[];
  template?: SmsTemplateDoc;
  values: SmsTemplateFormValues;
  errors?: Record<string, string>;
}

const TEMPLATE_FIELDS = ['categoryId', 'name', 'description', 'type', 'sendNo', 'title', 'body'];

/** Adding or editing a template under a second-level category (images come from Slack or the HTTP API). */
export function renderSmsTemplateForm(locale: Locale, input: SmsTemplateFormInput): AdaptiveCard {
  const t = translatorFor(locale);
  const errors = input.errors ?? {};
  const under = (field: string) => (errors[field] ? [fieldError(errors[field])] : []);
  const v = input.values;
  const seconds = input.tree.categories.flatMap((first) =>
    first.children.map((second) => choice(`${first.name} / ${second.name}`, second._id)),
  );
  const toggle = (id: string, title: string, on: boolean) => ({
    type: 'Input.Toggle',
    id,
    title,
    value: on ? 'true' : 'false',
  });
  const text = (id: string, label: string, value: string, more: CardElement = {}) => ({
    type: 'Input.Text',
    id,
    label,
    value,
    ...more,
  });
  const body: CardElement[] = [
    heading(t(input.template ? 'smsTemplates.templateFormEdit' : 'smsTemplates.templateFormNew')),
    {
      type: 'Input.ChoiceSet',
      id: 'categoryId',
      label: t('smsTemplates.categoryLabel'),
      style: 'compact',
      value: v.categoryId,
      choices: seconds,
    },
    ...under('categoryId'),
    text('name', t('smsTemplates.templateNameLabel'), v.name, { maxLength: 100 }),
    ...under('name'),
    text('description', t('smsTemplates.descriptionLabel'), v.description, { maxLength: 400 }),
    ...under('description'),
    {
      type: 'Input.ChoiceSet',
      id: 'type',
      label: t('smsTemplates.typeLabel'),
      style: 'expanded',
      value: v.type,
      choices: [choice(t('smsTemplates.typeSms'), 'SMS'), choice(t('smsTemplates.typeMms'), 'MMS')],
    },
    ...under('type'),
    {
      type: 'Input.ChoiceSet',
      id: 'sendNo',
      label: t('smsTemplates.sendNoLabel'),
      style: 'compact',
      value: v.sendNo || input.senderNumbers[0] || '',
      choices: input.senderNumbers.map((n) => choice(formatKoreanPhone(n), n)),
    },
    ...under('sendNo'),
    text('title', t('smsTemplates.titleLabel'), v.title, {
      maxLength: 120,
      placeholder: t('smsTemplates.titleHint'),
    }),
    ...under('title'),
    text('body', t('smsTemplates.bodyLabel'), v.body, { isMultiline: true }),
    textBlock(t('smsTemplates.bodyHint'), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ...under('body'),
    textBlock(t(input.template?.imageId ? 'smsTemplates.imageCurrent' : 'teamsSms.send.imageNote'), {
      isSubtle: true,
      size: 'Small',
    }),
    textBlock(t('smsTemplates.optionsLabel'), { weight: 'Bolder' }),
    toggle('enabled', t('smsTemplates.optionEnabled'), v.enabled),
    toggle('editable', t('smsTemplates.optionEditable'), v.editable),
    toggle('advertisement', t('smsTemplates.optionAdvertisement'), v.advertisement),
  ];
  for (const [field, said] of Object.entries(errors))
    if (!TEMPLATE_FIELDS.includes(field)) body.push(fieldError(said));
  return adaptiveCard(body, {
    actions: [
      {
        ...submit(t('smsTemplates.save'), input.serviceId, 'saveTemplate', {
          editId: input.template?._id ?? '',
        }),
        style: 'positive',
      },
      submit(t('teamsSms.templates.back'), input.serviceId, 'tree'),
    ],
  });
}

/** Before a delete: what goes with it (a category's sub-categories and templates, counted by the use case). */
export function renderSmsTemplatesDeleteConfirm(
  locale: Locale,
  input: { serviceId: string; item: string; question: string },
): AdaptiveCard {
  const t = translatorFor(locale);
  return adaptiveCard(
    [heading(t('smsTemplates.delete')), textBlock(input.question, { color: 'Attention' })],
    {
      actions: [
        {
          ...submit(t('smsTemplates.delete'), input.serviceId, 'confirmDelete', { item: input.item }),
          style: 'destructive',
        },
        submit(t('teamsSms.templates.back'), input.serviceId, 'tree'),
      ],
    },
  );
}
