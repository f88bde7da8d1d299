import type { SmsCategoryDoc, SmsTemplateDoc } from '../../domain/sms-templates.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';
import type { Result } from '../../usecases/result.js';
import type { SmsTemplateTree } from '../../usecases/sms/types.js';
import { SMS_TEMPLATES_DIALOG } from '../cards/sms-menu.js';
import { fieldErrorsOf, stringOf } from '../cards/sms-common.js';
import {
  itemValue,
  renderSmsCategoryForm,
  renderSmsTemplateForm,
  renderSmsTemplatesDeleteConfirm,
  renderSmsTemplatesTree,
  type SmsTemplateFormValues,
} from '../cards/sms-templates.js';
import type { AdaptiveCard } from '../cards/card.js';
import { problemText } from '../reply.js';
import type { DialogAnswer, TeamsDialog, TeamsTurn } from '../router.js';

type Data = Record<string, unknown>;

type Item = { kind: 'category'; doc: SmsCategoryDoc } | { kind: 'template'; doc: SmsTemplateDoc };

/** The category or template an item choice names, in the tree as it is now. */
function findItem(tree: SmsTemplateTree, value: string): Item | undefined {
  const [kind, id] = [value.slice(0, 2), value.slice(2)];
  for (const first of tree.categories) {
    if (kind === 'c:' && first._id === id) return { kind: 'category', doc: first };
    for (const second of first.children) {
      if (kind === 'c:' && second._id === id) return { kind: 'category', doc: second };
      const template = second.templates.find((tpl) => tpl._id === id);
      if (kind === 't:' && template) return { kind: 'template', doc: template };
    }
  }
  return undefined;
}

const isOn = (data: Data, key: string) => stringOf(data, key) === 'true';

class TemplatesScreen {
  constructor(
    readonly turn: TeamsTurn,
    readonly serviceId: string,
    readonly tree: SmsTemplateTree,
  ) {}

  t = (key: MessageKey, params?: MessageParams) => translate(this.turn.ctx.locale, key, params);

  show(card: AdaptiveCard): DialogAnswer {
    return { kind: 'card', title: this.t('smsTemplates.modalTitle'), height: 'large', card };
  }

  async reloaded(): Promise<TemplatesScreen | DialogAnswer> {
    const tree = await this.turn.deps.usecases.sms.smsTemplateTree(this.turn.ctx.actor, this.serviceId);
    if (!tree.ok) return { kind: 'message', text: problemText(this.turn, tree.problem) };
    return new TemplatesScreen(this.turn, this.serviceId, tree.value);
  }

  treeCard(more: { notice?: string; error?: string; selected?: string } = {}): DialogAnswer {
    return this.show(
      renderSmsTemplatesTree(this.turn.ctx.locale, { serviceId: this.serviceId, tree: this.tree, ...more }),
    );
  }

  /** After a change: the tree read again, with what happened on top (or the problem under the choice). */
  async after<T>(result: Result<T>, notice: (value: T) => string, selected?: string): Promise<DialogAnswer> {
    const screen = await this.reloaded();
    if (!(screen instanceof TemplatesScreen)) return screen;
    if (!result.ok) return screen.treeCard({ error: problemText(this.turn, result.problem), selected });
    return screen.treeCard({ notice: notice(result.value), selected });
  }

  categoryForm(
    values: { parentId: string; name: string; enabled: boolean },
    category?: SmsCategoryDoc,
    errors?: Record<string, string>,
  ): DialogAnswer {
    return this.show(
      renderSmsCategoryForm(this.turn.ctx.locale, {
        serviceId: this.serviceId,
        tree: this.tree,
        ...(category ? { category } : {}),
        values: values.parentId === 'none' ? { ...values, parentId: '' } : values,
        ...(errors ? { errors } : {}),
      }),
    );
  }

  templateForm(
    values: SmsTemplateFormValues,
    template?: SmsTemplateDoc,
    errors?: Record<string, string>,
  ): DialogAnswer {
    return this.show(
      renderSmsTemplateForm(this.turn.ctx.locale, {
        serviceId: this.serviceId,
        tree: this.tree,
        senderNumbers: this.turn.ctx.service?.settings.smsSenderNumbers ?? [],
        ...(template ? { template } : {}),
        values,
        ...(errors ? { errors } : {}),
      }),
    );
  }
}

const templateValuesOf = (template: SmsTemplateDoc): SmsTemplateFormValues => ({
  categoryId: template.categoryId,
  name: template.name,
  description: template.description ?? '',
  type: template.type,
  sendNo: template.sendNo,
  title: template.title ?? '',
  body: template.body,
  enabled: template.enabled,
  editable: template.editable,
  advertisement: template.advertisement,
});

const submittedTemplateValues = (data: Data): SmsTemplateFormValues => ({
  categoryId: stringOf(data, 'categoryId'),
  name: stringOf(data, 'name'),
  description: stringOf(data, 'description'),
  type: stringOf(data, 'type') === 'MMS' ? 'MMS' : 'SMS',
  sendNo: stringOf(data, 'sendNo'),
  title: stringOf(data, 'title'),
  body: stringOf(data, 'body'),
  enabled: isOn(data, 'enabled'),
  editable: isOn(data, 'editable'),
  advertisement: isOn(data, 'advertisement'),
});

const NEW_TEMPLATE: SmsTemplateFormValues = {
  categoryId: '',
  name: '',
  description: '',
  type: 'SMS',
  sendNo: '',
  title: '',
  body: '',
  enabled: true,
  editable: true,
  advertisement: false,
};

/** The service, then the tree (the use case refuses non-admins and a service with SMS off, in words). */
async function screenFor(turn: TeamsTurn, data: Data): Promise<TemplatesScreen | DialogAnswer> {
  const serviceId = stringOf(data, 'serviceId') || turn.ctx.service?._id || '';
  if (!serviceId || !turn.ctx.service)
    return { kind: 'message', text: translate(turn.ctx.locale, 'teamsSms.notLinked') };
  const tree = await turn.deps.usecases.sms.smsTemplateTree(turn.ctx.actor, serviceId);
  if (!tree.ok) return { kind: 'message', text: problemText(turn, tree.problem) };
  return new TemplatesScreen(turn, serviceId, tree.value);
}

async function act(screen: TemplatesScreen, data: Data): Promise<DialogAnswer> {
  const { turn, serviceId } = screen;
  const sms = turn.deps.usecases.sms;
  const actor = turn.ctx.actor;
  const t = screen.t;
  const op = stringOf(data, 'op');
  switch (op) {
    case 'newCategory':
      return screen.categoryForm({ parentId: '', name: '', enabled: true });
    case 'newTemplate': {
      const first = screen.tree.categories.flatMap((c) => c.children)[0];
      if (!first) return screen.treeCard({ error: t('teamsSms.templates.noSubCategory') });
      return screen.templateForm({ ...NEW_TEMPLATE, categoryId: first._id });
    }
    case 'saveCategory': {
      const editId = stringOf(data, 'editId');
      const parentId = stringOf(data, 'parentId');
      const saved = await sms.saveSmsCategory(actor, serviceId, {
        ...(editId ? { id: editId } : {}),
        parentId: parentId && parentId !== 'none' ? parentId : null,
        name: stringOf(data, 'name'),
        enabled: isOn(data, 'enabled'),
      });
      if (!saved.ok) {
        if (!saved.problem.fields) return screen.treeCard({ error: problemText(turn, saved.problem) });
        const editing = editId ? findItem(screen.tree, itemValue('c', editId)) : undefined;
        // What was typed stays; the category being edited keeps the form an edit.
        return screen.categoryForm(
          { parentId, name: stringOf(data, 'name'), enabled: isOn(data, 'enabled') },
          editing?.kind === 'category' ? editing.doc : undefined,
          fieldErrorsOf(turn.ctx.locale, saved.problem),
        );
      }
      return screen.after(
        saved,
        (c) => t('smsTemplates.categorySaved', { name: c.name }),
        itemValue('c', saved.value._id),
      );
    }
    case 'saveTemplate': {
      const editId = stringOf(data, 'editId');
      const values = submittedTemplateValues(data);
      const saved = await sms.saveSmsTemplate(actor, serviceId, {
        ...(editId ? { id: editId } : {}),
        ...values,
        description: values.description || null,
        title: values.type === 'MMS' ? values.title || null : null,
      });
      if (!saved.ok) {
        if (!saved.problem.fields) return screen.treeCard({ error: problemText(turn, saved.problem) });
        const editing = editId ? findItem(screen.tree, itemValue('t', editId)) : undefined;
        return screen.templateForm(
          values,
          editing?.kind === 'template' ? editing.doc : undefined,
          fieldErrorsOf(turn.ctx.locale, saved.problem),
        );
      }
      return screen.after(
        saved,
        (tpl) => t('smsTemplates.templateSaved', { name: tpl.name }),
        itemValue('t', saved.value._id),
      );
    }
    case 'tree':
      return screen.treeCard();
  }

  // The rest act on the chosen item.
  const selected = stringOf(data, 'item');
  const item = findItem(screen.tree, selected);
  if (!item) return screen.treeCard({ error: t('teamsSms.templates.pickFirst') });
  switch (op) {
    case 'edit':
      return item.kind === 'category'
        ? screen.categoryForm(
            { parentId: item.doc.parentId ?? '', name: item.doc.name, enabled: item.doc.enabled },
            item.doc,
          )
        : screen.templateForm(templateValuesOf(item.doc), item.doc);
    case 'toggle': {
      const enabled = !item.doc.enabled;
      if (item.kind === 'category')
        return screen.after(
          await sms.setSmsCategoryEnabled(actor, serviceId, item.doc._id, enabled),
          (r) =>
            enabled
              ? t('smsTemplates.categoryEnabled', { name: r.category.name })
              : t('smsTemplates.categoryDisabled', { name: r.category.name, count: r.hiddenTemplates }),
          selected,
        );
      return screen.after(
        await sms.setSmsTemplateEnabled(actor, serviceId, item.doc._id, enabled),
        (tpl) =>
          t(enabled ? 'smsTemplates.templateEnabled' : 'smsTemplates.templateDisabled', { name: tpl.name }),
        selected,
      );
    }
    case 'up':
    case 'down': {
      const moved =
        item.kind === 'category'
          ? await sms.moveSmsCategory(actor, serviceId, item.doc._id, op)
          : await sms.moveSmsTemplate(actor, serviceId, item.doc._id, op);
      return screen.after(moved, () => '', selected);
    }
    case 'delete': {
      if (item.kind === 'template')
        return screen.show(
          renderSmsTemplatesDeleteConfirm(turn.ctx.locale, {
            serviceId,
            item: selected,
            question: t('teamsSms.templates.confirmTemplate', { name: item.doc.name }),
          }),
        );
      const counts = await sms.smsCategoryDeletionCounts(actor, serviceId, item.doc._id);
      if (!counts.ok) return screen.treeCard({ error: problemText(turn, counts.problem), selected });
      return screen.show(
        renderSmsTemplatesDeleteConfirm(turn.ctx.locale, {
          serviceId,
          item: selected,
          question: t('teamsSms.templates.confirmCategory', {
            name: counts.value.category.name,
            subCategories: counts.value.subCategories,
            templates: counts.value.templates,
          }),
        }),
      );
    }
    case 'confirmDelete':
      if (item.kind === 'template')
        return screen.after(await sms.deleteSmsTemplate(actor, serviceId, item.doc._id), (r) =>
          t('smsTemplates.templateDeleted', { name: r.name }),
        );
      return screen.after(await sms.deleteSmsCategory(actor, serviceId, item.doc._id), (r) =>
        t('smsTemplates.categoryDeleted', r),
      );
  }
  return screen.treeCard();
}

/**
 * `sms.templates` (admins): the template tree in a dialog — two levels of categories, their templates, add / edit /
 * enable-disable / move / delete (a category's delete says first how many sub-categories and templates go with it).
 */
export const smsTemplatesDialog: TeamsDialog = {
  id: SMS_TEMPLATES_DIALOG,
  async open(turn, data) {
    const screen = await screenFor(turn, data);
    return screen instanceof TemplatesScreen ? screen.treeCard() : screen;
  },
  async submit(turn, data) {
    const screen = await screenFor(turn, data);
    return screen instanceof TemplatesScreen ? act(screen, data) : screen;
  },
};
