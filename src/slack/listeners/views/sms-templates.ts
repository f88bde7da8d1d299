import type { App } from '@slack/bolt';
import { SMS_LIMITS, type SmsImage, type SmsType } from '../../../domain/sms.js';
import { translate, type MessageKey } from '../../../i18n/index.js';
import type { Problem, Result } from '../../../usecases/result.js';
import { problemFromViolations } from '../../../usecases/sms/violations.js';
import { inlineError, renderInlineErrors } from '../../blocks/problem.js';
import {
  categoryBlockOf,
  SMS_CATEGORY_BLOCKS,
  SMS_TEMPLATE_BLOCKS,
  SMS_TEMPLATE_VIEWS,
  templateBlockOf,
} from '../../blocks/sms-templates.js';
import type { ModalContext } from '../../context.js';
import type { SlackDeps } from '../../deps.js';
import { downloadSlackFile, filesOf } from '../../files.js';
import { decodeSmsTemplatesState } from '../../sms-templates-metadata.js';
import { blockIdIn, inputOf, selectedValues, type ViewStateValues } from '../../view-state.js';
import type { ViewArgs } from '../guard.js';
import { refreshSmsTemplatesScreen } from '../sms-templates-screen.js';
import { onModalSubmission } from './on-submission.js';

/** A download must leave room in the 3 s Slack waits for the submission's answer. */
const IMAGE_DOWNLOAD_TIMEOUT_MS = 1_500;

/**
 * The forms pushed on the `/sms templates` screen: category, template, delete confirmation. A refused field is
 * marked inline; a saved form closes and the screen under it is redrawn with a note saying what was done.
 */
export function registerSmsTemplateSubmissions(app: App, deps: SlackDeps): void {
  onModalSubmission(app, deps, SMS_TEMPLATE_VIEWS.category, (args, modal) => saveCategory(deps, args, modal));
  onModalSubmission(app, deps, SMS_TEMPLATE_VIEWS.template, (args, modal) => saveTemplate(deps, args, modal));
  onModalSubmission(app, deps, SMS_TEMPLATE_VIEWS.delete, (args, modal) => confirmDelete(deps, args, modal));
}

/** Closes the submitted form (back to the screen) and redraws the screen under it. */
async function backToScreen(
  deps: SlackDeps,
  { ack, client, view }: ViewArgs,
  { metadata, ctx }: ModalContext,
  outcome: { selectedId: string | null; notice?: string; problem?: Problem },
): Promise<void> {
  await ack();
  const { rootViewId } = decodeSmsTemplatesState(view.private_metadata);
  if (!rootViewId) return;
  await refreshSmsTemplatesScreen(deps, client, ctx, { metadata, viewId: rootViewId, ...outcome });
}

/** A form of this screen: where its fields' problems show, and the note a saved one leaves on the screen. */
interface TemplateForm {
  blockOf: (field: string) => string;
  /** The block that carries a problem of no field of this form. */
  fallback: string;
  /** "NAME saved". */
  saved: MessageKey;
}
const CATEGORY_FORM: TemplateForm = {
  blockOf: categoryBlockOf,
  fallback: SMS_CATEGORY_BLOCKS.name,
  saved: 'smsTemplates.categorySaved',
};
const TEMPLATE_FORM: TemplateForm = {
  blockOf: templateBlockOf,
  fallback: SMS_TEMPLATE_BLOCKS.body,
  saved: 'smsTemplates.templateSaved',
};

/**
 * A saved form closes back to the screen, on the row `selectedIdOf` names, with "NAME saved"; a refused one stays
 * open with the refused fields marked.
 */
async function answerSave<T extends { name: string }>(
  deps: SlackDeps,
  args: ViewArgs,
  modal: ModalContext,
  result: Result<T>,
  form: TemplateForm,
  selectedIdOf: (saved: T) => string,
): Promise<void> {
  const { locale } = modal.ctx;
  if (!result.ok) {
    const values = args.view.state.values as ViewStateValues;
    return void (await args.ack(
      renderInlineErrors(locale, result.problem, form.blockOf, form.fallback, values),
    ));
  }
  await backToScreen(deps, args, modal, {
    selectedId: selectedIdOf(result.value),
    notice: translate(locale, form.saved, { name: result.value.name }),
  });
}

async function saveCategory(deps: SlackDeps, args: ViewArgs, modal: ModalContext): Promise<void> {
  const { ctx, metadata } = modal;
  const values = args.view.state.values as ViewStateValues;
  const state = decodeSmsTemplatesState(args.view.private_metadata);
  const parent = inputOf(values, SMS_CATEGORY_BLOCKS.parentId)?.selected_option?.value ?? 'none';
  const result = await deps.usecases.sms.saveSmsCategory(ctx.actor, metadata.serviceId, {
    id: state.targetId,
    parentId: parent === 'none' ? null : parent,
    name: inputOf(values, SMS_CATEGORY_BLOCKS.name)?.value ?? '',
    enabled: selectedValues(values, SMS_CATEGORY_BLOCKS.enabled).includes('enabled'),
  });
  await answerSave(deps, args, modal, result, CATEGORY_FORM, (category) => category._id);
}

async function saveTemplate(deps: SlackDeps, args: ViewArgs, modal: ModalContext): Promise<void> {
  const { ctx, metadata } = modal;
  const values = args.view.state.values as ViewStateValues;
  const state = decodeSmsTemplatesState(args.view.private_metadata);
  const flags = new Set(selectedValues(values, SMS_TEMPLATE_BLOCKS.options));

  let image: SmsImage | null | undefined = flags.has('removeImage') ? null : undefined;
  const [file] = filesOf(values, SMS_TEMPLATE_BLOCKS.image);
  if (file) {
    const downloaded = await downloadSlackFile(args.client, file, { timeoutMs: IMAGE_DOWNLOAD_TIMEOUT_MS });
    const imageBlock = blockIdIn(values, SMS_TEMPLATE_BLOCKS.image);
    if (!downloaded.ok && downloaded.reason === 'tooLarge') {
      const problem = problemFromViolations([
        { field: 'image', rule: 'tooLarge', bytes: downloaded.bytes, limit: SMS_LIMITS.imageBytes },
      ]);
      return void (await args.ack(
        renderInlineErrors(ctx.locale, problem, () => imageBlock, imageBlock, values),
      ));
    }
    if (!downloaded.ok)
      return void (await args.ack(
        inlineError(imageBlock, translate(ctx.locale, 'smsTemplates.imageUnreadable')),
      ));
    image = { fileName: downloaded.fileName, data: downloaded.data };
  }

  const type: SmsType =
    inputOf(values, SMS_TEMPLATE_BLOCKS.type)?.selected_option?.value === 'MMS' ? 'MMS' : 'SMS';
  const categoryId = inputOf(values, SMS_TEMPLATE_BLOCKS.categoryId)?.selected_option?.value ?? '';
  const result = await deps.usecases.sms.saveSmsTemplate(ctx.actor, metadata.serviceId, {
    id: state.targetId,
    categoryId,
    type,
    enabled: flags.has('enabled'),
    editable: flags.has('editable'),
    advertisement: flags.has('advertisement'),
    name: inputOf(values, SMS_TEMPLATE_BLOCKS.name)?.value ?? '',
    description: inputOf(values, SMS_TEMPLATE_BLOCKS.description)?.value ?? null,
    sendNo: inputOf(values, SMS_TEMPLATE_BLOCKS.sendNo)?.selected_option?.value ?? '',
    title: inputOf(values, SMS_TEMPLATE_BLOCKS.title)?.value ?? null,
    body: inputOf(values, SMS_TEMPLATE_BLOCKS.body)?.value ?? '',
    ...(image !== undefined ? { image } : {}),
  });
  await answerSave(deps, args, modal, result, TEMPLATE_FORM, (template) => template.categoryId);
}

async function confirmDelete(deps: SlackDeps, args: ViewArgs, modal: ModalContext): Promise<void> {
  const { ctx, metadata } = modal;
  const state = decodeSmsTemplatesState(args.view.private_metadata);
  const id = state.targetId ?? '';
  const { sms } = deps.usecases;
  const isCategory = state.kind === 'category';
  const result = isCategory
    ? await sms.deleteSmsCategory(ctx.actor, metadata.serviceId, id)
    : await sms.deleteSmsTemplate(ctx.actor, metadata.serviceId, id);
  return backToScreen(
    deps,
    args,
    modal,
    result.ok
      ? {
          // A deleted category that was selected is gone: the screen selects nothing.
          selectedId: isCategory && state.selected === id ? null : state.selected,
          notice: translate(
            ctx.locale,
            isCategory ? 'smsTemplates.categoryDeleted' : 'smsTemplates.templateDeleted',
            result.value,
          ),
        }
      : { selectedId: state.selected, problem: result.problem },
  );
}
