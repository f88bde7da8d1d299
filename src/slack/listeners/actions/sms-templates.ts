import type { App, BlockAction, ButtonAction, OverflowAction, StaticSelectAction } from '@slack/bolt';
import { translate } from '../../../i18n/index.js';
import type { Problem } from '../../../usecases/result.js';
import type { SmsMoveDirection } from '../../../usecases/sms/templates.js';
import {
  renderSmsCategoryForm,
  renderSmsDeleteConfirm,
  renderSmsTemplateForm,
  SMS_TEMPLATE_ACTIONS,
  TEMPLATE_MENU_VERBS,
  type TemplateMenuVerb,
} from '../../blocks/sms-templates.js';
import { loadModalContext, type ModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { decodeSmsTemplatesState, encodeSmsTemplatesMetadata } from '../../sms-templates-metadata.js';
import { replyOnFailure, type ActionArgs } from '../guard.js';
import { refreshSmsTemplatesScreen } from '../sms-templates-screen.js';

type ScreenAction = ButtonAction | StaticSelectAction | OverflowAction;
type ScreenArgs = ActionArgs<BlockAction<ScreenAction>>;

/** What was clicked on the template screen: the action's verb and the category or template it is about. */
function clicked(action: ScreenAction): { actionId: string; value: string } {
  if (action.type === 'static_select' || action.type === 'overflow')
    return { actionId: action.action_id, value: action.selected_option?.value ?? '' };
  return { actionId: action.action_id, value: action.value ?? '' };
}

/**
 * Every button and menu of the `/sms templates` screen. Forms and confirmations are pushed on top of the screen;
 * quick changes (enable, disable, move) redraw it at once with a note saying what happened or why not.
 */
export function registerSmsTemplateActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ScreenAction>>(
    /^sms_templates\./,
    replyOnFailure<ScreenArgs>(deps.log, async (args) => {
      await args.ack();
      const view = args.body.view;
      if (!view) return;
      const modal = await loadModalContext(deps, args.client, args.body.user.id, view.private_metadata);
      if (!modal) return;
      await onScreenAction(
        deps,
        args,
        modal,
        view.id,
        decodeSmsTemplatesState(view.private_metadata).selected,
      );
    }),
  );
}

async function onScreenAction(
  deps: SlackDeps,
  { body, action, client }: ScreenArgs,
  { metadata, ctx }: ModalContext,
  viewId: string,
  selected: string | null,
): Promise<void> {
  const sms = deps.usecases.sms;
  const serviceId = metadata.serviceId;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(ctx.locale, key, params);
  const redraw = (input: { selectedId?: string | null; notice?: string; problem?: Problem }) =>
    refreshSmsTemplatesScreen(deps, client, ctx, {
      metadata,
      viewId,
      selectedId: input.selectedId === undefined ? selected : input.selectedId,
      ...(input.notice ? { notice: input.notice } : {}),
      ...(input.problem ? { problem: input.problem } : {}),
    });
  const push = async (view: Parameters<typeof client.views.push>[0]['view']) =>
    void (await client.views.push({ trigger_id: body.trigger_id, view }));
  const formMetadata = (state: {
    kind?: 'category' | 'template';
    targetId?: string | null;
    selected?: string | null;
  }) => encodeSmsTemplatesMetadata(metadata, { rootViewId: viewId, selected, ...state });

  const { actionId, value } = clicked(action);
  switch (actionId) {
    case SMS_TEMPLATE_ACTIONS.pick:
      return redraw({ selectedId: value || null });
    case SMS_TEMPLATE_ACTIONS.addCategory:
    case SMS_TEMPLATE_ACTIONS.addSubCategory:
    case SMS_TEMPLATE_ACTIONS.editCategory: {
      const tree = await sms.smsTemplateTree(ctx.actor, serviceId);
      if (!tree.ok) return redraw({ problem: tree.problem });
      const editing =
        actionId === SMS_TEMPLATE_ACTIONS.editCategory
          ? tree.value.categories.flatMap((c) => [c, ...c.children]).find((c) => c._id === value)
          : undefined;
      if (actionId === SMS_TEMPLATE_ACTIONS.editCategory && !editing)
        return redraw({ problem: { code: 'not_found', message: 'smsTemplates.categoryNotFound' } });
      const parentId = actionId === SMS_TEMPLATE_ACTIONS.addSubCategory ? value : (editing?.parentId ?? null);
      return push(
        renderSmsCategoryForm(ctx.locale, {
          tree: tree.value,
          ...(editing ? { editing } : {}),
          parentId,
          privateMetadata: formMetadata({ kind: 'category', targetId: editing?._id ?? null }),
        }),
      );
    }
    case SMS_TEMPLATE_ACTIONS.addTemplate:
      return openTemplateForm(
        deps,
        { client, triggerId: body.trigger_id, ctx, serviceId, categoryId: value },
        redraw,
        formMetadata,
      );
    case SMS_TEMPLATE_ACTIONS.toggleCategory: {
      const tree = await sms.smsTemplateTree(ctx.actor, serviceId);
      if (!tree.ok) return redraw({ problem: tree.problem });
      const current = tree.value.categories.flatMap((c) => [c, ...c.children]).find((c) => c._id === value);
      if (!current)
        return redraw({ problem: { code: 'not_found', message: 'smsTemplates.categoryNotFound' } });
      const result = await sms.setSmsCategoryEnabled(ctx.actor, serviceId, value, !current.enabled);
      if (!result.ok) return redraw({ problem: result.problem });
      const { category, hiddenTemplates } = result.value;
      return redraw({
        notice: category.enabled
          ? t('smsTemplates.categoryEnabled', { name: category.name })
          : t('smsTemplates.categoryDisabled', { name: category.name, count: hiddenTemplates }),
      });
    }
    case SMS_TEMPLATE_ACTIONS.categoryUp:
    case SMS_TEMPLATE_ACTIONS.categoryDown: {
      const direction: SmsMoveDirection = actionId === SMS_TEMPLATE_ACTIONS.categoryUp ? 'up' : 'down';
      const result = await sms.moveSmsCategory(ctx.actor, serviceId, value, direction);
      return redraw(result.ok ? {} : { problem: result.problem });
    }
    case SMS_TEMPLATE_ACTIONS.deleteCategory: {
      const counts = await sms.smsCategoryDeletionCounts(ctx.actor, serviceId, value);
      if (!counts.ok) return redraw({ problem: counts.problem });
      return push(
        renderSmsDeleteConfirm(ctx.locale, {
          kind: 'category',
          name: counts.value.category.name,
          subCategories: counts.value.subCategories,
          templates: counts.value.templates,
          privateMetadata: formMetadata({ kind: 'category', targetId: value }),
        }),
      );
    }
    case SMS_TEMPLATE_ACTIONS.template: {
      const [verb, id = ''] = value.split(':') as [TemplateMenuVerb, string?];
      if (!TEMPLATE_MENU_VERBS.includes(verb)) return;
      return onTemplateMenu(
        deps,
        { client, triggerId: body.trigger_id, ctx, serviceId },
        verb,
        id,
        redraw,
        formMetadata,
        push,
      );
    }
  }
}

type Redraw = (input: { selectedId?: string | null; notice?: string; problem?: Problem }) => Promise<void>;
type FormMetadata = (state: {
  kind?: 'category' | 'template';
  targetId?: string | null;
  selected?: string | null;
}) => string;

interface Where {
  client: ScreenArgs['client'];
  triggerId: string;
  ctx: ModalContext['ctx'];
  serviceId: string;
}

/** The template form, new (in `categoryId`) or editing `editingId`; without a sender number there is no form. */
async function openTemplateForm(
  deps: SlackDeps,
  where: Where & { categoryId: string; editingId?: string },
  redraw: Redraw,
  formMetadata: FormMetadata,
): Promise<void> {
  const { sms } = deps.usecases;
  const { ctx, serviceId } = where;
  const tree = await sms.smsTemplateTree(ctx.actor, serviceId);
  if (!tree.ok) return redraw({ problem: tree.problem });
  const editing = where.editingId
    ? await sms.getSmsTemplate(ctx.actor, serviceId, where.editingId)
    : undefined;
  if (editing && !editing.ok) return redraw({ problem: editing.problem });
  const senderNumbers = ctx.service?.settings.smsSenderNumbers ?? [];
  if (senderNumbers.length === 0)
    return redraw({ problem: { code: 'invalid_input', message: 'smsTemplates.noSenderNumbers' } });
  await where.client.views.push({
    trigger_id: where.triggerId,
    view: renderSmsTemplateForm(ctx.locale, {
      tree: tree.value,
      ...(editing?.ok ? { editing: editing.value } : {}),
      categoryId: editing?.ok ? editing.value.categoryId : where.categoryId,
      senderNumbers,
      privateMetadata: formMetadata({
        kind: 'template',
        targetId: editing?.ok ? editing.value._id : null,
        selected: editing?.ok ? editing.value.categoryId : where.categoryId,
      }),
    }),
  });
}

async function onTemplateMenu(
  deps: SlackDeps,
  where: Where,
  verb: TemplateMenuVerb,
  id: string,
  redraw: Redraw,
  formMetadata: FormMetadata,
  push: (view: Parameters<Where['client']['views']['push']>[0]['view']) => Promise<void>,
): Promise<void> {
  const { sms } = deps.usecases;
  const { ctx, serviceId } = where;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(ctx.locale, key, params);
  switch (verb) {
    case 'edit':
      return openTemplateForm(deps, { ...where, categoryId: '', editingId: id }, redraw, formMetadata);
    case 'toggle': {
      const current = await sms.getSmsTemplate(ctx.actor, serviceId, id);
      if (!current.ok) return redraw({ problem: current.problem });
      const result = await sms.setSmsTemplateEnabled(ctx.actor, serviceId, id, !current.value.enabled);
      if (!result.ok) return redraw({ problem: result.problem });
      return redraw({
        notice: t(result.value.enabled ? 'smsTemplates.templateEnabled' : 'smsTemplates.templateDisabled', {
          name: result.value.name,
        }),
      });
    }
    case 'up':
    case 'down': {
      const result = await sms.moveSmsTemplate(ctx.actor, serviceId, id, verb);
      return redraw(result.ok ? {} : { problem: result.problem });
    }
    case 'delete': {
      const current = await sms.getSmsTemplate(ctx.actor, serviceId, id);
      if (!current.ok) return redraw({ problem: current.problem });
      return push(
        renderSmsDeleteConfirm(ctx.locale, {
          kind: 'template',
          name: current.value.name,
          privateMetadata: formMetadata({ kind: 'template', targetId: id }),
        }),
      );
    }
  }
}
