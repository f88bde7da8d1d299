/**
 * `/sms templates` (admins): two levels of categories, templates only under a second-level one, order, enable and
 * disable with the cascade rule (a disabled category hides everything below it from sending), delete with cascade
 * after a confirmation showing the counts. And the send screen's list of templates (`sendableSmsTemplates`).
 */
import type { Action } from '../../domain/access.js';
import type { ServiceDoc } from '../../domain/services.js';
import {
  checkSmsDraft,
  SMS_TYPES,
  type SmsImage,
  type SmsType,
  type SmsViolation,
} from '../../domain/sms.js';
import {
  sendableTemplates,
  smsCategorySchema,
  smsTemplateSchema,
  type SmsCategoryDoc,
  type SmsTemplateDoc,
} from '../../domain/sms-templates.js';
import { actorLabel, actorSurface, type Actor } from '../actor.js';
import { bindAll } from '../bind.js';
import { fail, ok, type Problem, type Result } from '../result.js';
import { openSmsService as openService } from './common.js';
import { smsNow, type SmsDeps } from './deps.js';
import type { SmsComposeOptions, SmsTemplateTree } from './types.js';
import { problemFromViolations } from './violations.js';

/** What the template use cases need: the store and a clock. */
export type SmsTemplateDeps = Pick<SmsDeps, 'store' | 'now'>;

export interface SmsCategoryInput {
  id?: string | null;
  /** null: a first-level category. */
  parentId: string | null;
  name: string;
  enabled: boolean;
  /** Absent: a new category goes last, an edited one keeps its place. */
  order?: number;
}

export interface SmsTemplateInput {
  id?: string | null;
  /** A second-level category. */
  categoryId: string;
  type: SmsType;
  enabled: boolean;
  editable: boolean;
  name: string;
  description?: string | null;
  /** One of the service's registered sender numbers. */
  sendNo: string;
  /** MMS only (ignored for SMS). */
  title?: string | null;
  body: string;
  /** MMS only. undefined: keep the stored image (when editing); null: no image; given: replace it. */
  image?: SmsImage | null;
  advertisement?: boolean;
}

export type SmsMoveDirection = 'up' | 'down';

// ---- access ----

/** Permission, then the service, then its SMS switch: the order a person's questions would come in. */
async function openSmsService(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  action: Action = 'sms.manageTemplates',
): Promise<Result<ServiceDoc>> {
  return openService(deps, actor, serviceId, action, 'smsTemplates.smsOff');
}

async function audit(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  action: string,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await deps.store.audit.append({
    serviceId,
    surface: actorSurface(actor),
    actor: actorLabel(actor),
    action,
    target,
    details,
  });
}

const categoryNotFound = (): Problem => ({ code: 'not_found', message: 'smsTemplates.categoryNotFound' });
const templateNotFound = (): Problem => ({ code: 'not_found', message: 'smsTemplates.templateNotFound' });
const invalid = (field: string, message: Problem['message'], params?: Problem['params']): Problem => ({
  code: 'invalid_input',
  message,
  ...(params ? { params } : {}),
  fields: { [field]: { message, ...(params ? { params } : {}) } },
});

// ---- reading ----

/** The whole tree, in order: first-level categories, their sub-categories, and each one's templates. */
export async function smsTemplateTree(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<SmsTemplateTree>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const [categories, templates] = await Promise.all([
    deps.store.smsTemplates.listCategories(serviceId),
    deps.store.smsTemplates.listTemplates(serviceId),
  ]);
  return ok(buildTree(categories, templates));
}

function buildTree(categories: SmsCategoryDoc[], templates: SmsTemplateDoc[]): SmsTemplateTree {
  return {
    categories: categories
      .filter((c) => c.parentId === null)
      .map((top) => ({
        ...top,
        children: categories
          .filter((c) => c.parentId === top._id)
          .map((child) => ({ ...child, templates: templates.filter((t) => t.categoryId === child._id) })),
      })),
  };
}

export async function getSmsTemplate(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<SmsTemplateDoc>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const template = await deps.store.smsTemplates.getTemplate(serviceId, id);
  return template ? ok(template) : fail(templateNotFound());
}

/**
 * The send screen's templates (`sms.send`): enabled ones under an enabled second-level category under an enabled
 * first-level one, each with its path [first-level name, second-level name], in the tree's order.
 */
export async function sendableSmsTemplates(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<SmsComposeOptions['templates']>> {
  const opened = await openSmsService(deps, actor, serviceId, 'sms.send');
  if (!opened.ok) return opened;
  const [categories, templates] = await Promise.all([
    deps.store.smsTemplates.listCategories(serviceId),
    deps.store.smsTemplates.listTemplates(serviceId),
  ]);
  const byId = new Map(categories.map((c) => [c._id, c]));
  const position = new Map<string, number>();
  buildTree(categories, templates).categories.forEach((top, i) =>
    top.children.forEach((child, j) => position.set(child._id, i * 10_000 + j)),
  );
  return ok(
    sendableTemplates(categories, templates)
      .map((t) => {
        const child = byId.get(t.categoryId)!;
        const top = byId.get(child.parentId!)!;
        return { ...t, path: [top.name, child.name] as [string, string] };
      })
      .sort((a, b) => position.get(a.categoryId)! - position.get(b.categoryId)! || a.order - b.order),
  );
}

// ---- categories ----

/** Adds or edits a category; at most two levels, names unique among siblings. */
export async function saveSmsCategory(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  input: SmsCategoryInput,
): Promise<Result<SmsCategoryDoc>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const repo = deps.store.smsTemplates;
  const now = smsNow(deps);

  const name = smsCategorySchema.shape.name.safeParse(input.name);
  if (!name.success)
    return fail(
      input.name.trim() === ''
        ? invalid('name', 'smsTemplates.nameRequired')
        : invalid('name', 'smsTemplates.nameTooLong', { max: 50 }),
    );

  const existing = input.id ? await repo.getCategory(serviceId, input.id) : undefined;
  if (input.id && !existing) return fail(categoryNotFound());
  const categories = await repo.listCategories(serviceId);

  if (input.parentId !== null) {
    const parent = categories.find((c) => c._id === input.parentId);
    if (!parent) return fail(invalid('parentId', 'smsTemplates.parentNotFound'));
    if (parent.parentId !== null || parent._id === existing?._id)
      return fail(invalid('parentId', 'smsTemplates.twoLevelsOnly', { parent: parent.name }));
    if (existing && categories.some((c) => c.parentId === existing._id))
      return fail(invalid('parentId', 'smsTemplates.hasSubCategories', { name: existing.name }));
  } else if (existing && existing.parentId !== null) {
    const holding = await repo.listTemplates(serviceId, [existing._id]);
    if (holding.length > 0)
      return fail(invalid('parentId', 'smsTemplates.holdsTemplates', { count: holding.length }));
  }

  const sibling = categories.find(
    (c) => c.parentId === input.parentId && c._id !== existing?._id && c.name === name.data,
  );
  if (sibling) return fail(invalid('name', 'smsTemplates.nameTaken', { name: name.data }));

  if (existing) {
    const updated = await repo.updateCategory(
      serviceId,
      existing._id,
      {
        parentId: input.parentId,
        name: name.data,
        enabled: input.enabled,
        ...(input.order !== undefined ? { order: input.order } : {}),
      },
      now,
    );
    if (!updated) return fail(categoryNotFound());
    await audit(deps, actor, serviceId, 'sms.category.updated', updated._id, { name: updated.name });
    return ok(updated);
  }
  const created = await repo.createCategory(
    { serviceId, parentId: input.parentId, name: name.data, enabled: input.enabled },
    now,
  );
  const placed =
    input.order !== undefined
      ? ((await repo.updateCategory(serviceId, created._id, { order: input.order }, now)) ?? created)
      : created;
  await audit(deps, actor, serviceId, 'sms.category.created', placed._id, { name: placed.name });
  return ok(placed);
}

/** Templates under a category (its own, or its sub-categories'). */
function templatesUnder(
  category: SmsCategoryDoc,
  categories: SmsCategoryDoc[],
  templates: SmsTemplateDoc[],
): { subCategories: SmsCategoryDoc[]; templates: SmsTemplateDoc[] } {
  const subCategories = categories.filter((c) => c.parentId === category._id);
  const ids = new Set([category._id, ...subCategories.map((c) => c._id)]);
  return { subCategories, templates: templates.filter((t) => ids.has(t.categoryId)) };
}

/**
 * Enables or disables a category. `hiddenTemplates`: the enabled templates below it, which a disabled category
 * hides from sending (and an enabled one shows again, unless another category above them is disabled).
 */
export async function setSmsCategoryEnabled(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
  enabled: boolean,
): Promise<Result<{ category: SmsCategoryDoc; hiddenTemplates: number }>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const repo = deps.store.smsTemplates;
  const category = await repo.updateCategory(serviceId, id, { enabled }, smsNow(deps));
  if (!category) return fail(categoryNotFound());
  const [categories, templates] = await Promise.all([
    repo.listCategories(serviceId),
    repo.listTemplates(serviceId),
  ]);
  const below = templatesUnder(category, categories, templates).templates.filter((t) => t.enabled);
  await audit(deps, actor, serviceId, enabled ? 'sms.category.enabled' : 'sms.category.disabled', id);
  return ok({ category, hiddenTemplates: below.length });
}

/** A category with what lies below it (what deleting it counts and takes), once the actor may manage templates. */
async function openCategoryWithContents(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<{ category: SmsCategoryDoc; under: ReturnType<typeof templatesUnder> }>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const repo = deps.store.smsTemplates;
  const categories = await repo.listCategories(serviceId);
  const category = categories.find((c) => c._id === id);
  if (!category) return fail(categoryNotFound());
  return ok({ category, under: templatesUnder(category, categories, await repo.listTemplates(serviceId)) });
}

/** What deleting a category takes with it, for the confirmation. */
export async function smsCategoryDeletionCounts(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<{ category: SmsCategoryDoc; subCategories: number; templates: number }>> {
  const opened = await openCategoryWithContents(deps, actor, serviceId, id);
  if (!opened.ok) return opened;
  const { category, under } = opened.value;
  return ok({ category, subCategories: under.subCategories.length, templates: under.templates.length });
}

/** Deletes a category with its sub-categories, their templates and the templates' images (leaves first). */
export async function deleteSmsCategory(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<{ name: string; subCategories: number; templates: number }>> {
  const opened = await openCategoryWithContents(deps, actor, serviceId, id);
  if (!opened.ok) return opened;
  const { category, under } = opened.value;
  const repo = deps.store.smsTemplates;
  const images = under.templates.map((t) => t.imageId).filter((i): i is string => i !== null);
  await repo.deleteTemplates(
    serviceId,
    under.templates.map((t) => t._id),
  );
  await deps.store.smsImages.delete(serviceId, images);
  await repo.deleteCategories(
    serviceId,
    under.subCategories.map((c) => c._id),
  );
  await repo.deleteCategories(serviceId, [category._id]);
  const counts = { subCategories: under.subCategories.length, templates: under.templates.length };
  await audit(deps, actor, serviceId, 'sms.category.deleted', id, { name: category.name, ...counts });
  return ok({ name: category.name, ...counts });
}

/** Swaps a category with its neighbour among its siblings (nothing to do at either end). */
export async function moveSmsCategory(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
  direction: SmsMoveDirection,
): Promise<Result<{ moved: boolean }>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const repo = deps.store.smsTemplates;
  const categories = await repo.listCategories(serviceId);
  const category = categories.find((c) => c._id === id);
  if (!category) return fail(categoryNotFound());
  const siblings = categories.filter((c) => c.parentId === category.parentId);
  const swapped = await swapWithNeighbour(siblings, id, direction, (doc, order) =>
    repo.updateCategory(serviceId, doc._id, { order }, smsNow(deps)),
  );
  return ok({ moved: swapped });
}

/**
 * Swaps `order` with the neighbour. Sibling orders are renumbered 1..n first when two share one (an interrupted
 * earlier swap), so a move always changes the visible order.
 */
async function swapWithNeighbour<T extends { _id: string; order: number }>(
  siblings: T[],
  id: string,
  direction: SmsMoveDirection,
  setOrder: (doc: T, order: number) => Promise<unknown>,
): Promise<boolean> {
  const index = siblings.findIndex((s) => s._id === id);
  const other = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= siblings.length) return false;
  const orders = siblings.map((s) => s.order);
  if (new Set(orders).size !== orders.length) {
    for (const [i, s] of siblings.entries()) if (s.order !== i + 1) await setOrder(s, i + 1);
    siblings.forEach((s, i) => (s.order = i + 1));
  }
  const a = siblings[index]!;
  const b = siblings[other]!;
  await setOrder(a, b.order);
  await setOrder(b, a.order);
  return true;
}

// ---- templates ----

/** The rules of docs/sms.md a template must meet to be sendable as it is: body, title, image, sender number. */
const TEMPLATE_FIELDS: ReadonlySet<SmsViolation['field']> = new Set(['body', 'title', 'image', 'sendNo']);

/** Adds or edits a template; it lives under a second-level category, with a registered sender number. */
export async function saveSmsTemplate(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  input: SmsTemplateInput,
): Promise<Result<SmsTemplateDoc>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const service = opened.value;
  const repo = deps.store.smsTemplates;
  const now = smsNow(deps);

  const existing = input.id ? await repo.getTemplate(serviceId, input.id) : undefined;
  if (input.id && !existing) return fail(templateNotFound());

  const category = await repo.getCategory(serviceId, input.categoryId);
  if (!category) return fail(invalid('categoryId', 'smsTemplates.categoryNotFound'));
  if (category.parentId === null)
    return fail(invalid('categoryId', 'smsTemplates.templateNeedsSubCategory', { name: category.name }));
  if (!SMS_TYPES.includes(input.type)) return fail(invalid('type', 'smsTemplates.typeInvalid'));

  const fields: NonNullable<Problem['fields']> = {};
  const name = smsTemplateSchema.shape.name.safeParse(input.name);
  if (!name.success)
    fields.name =
      input.name.trim() === ''
        ? { message: 'smsTemplates.nameRequired' }
        : { message: 'smsTemplates.nameTooLong', params: { max: 50 } };
  const description = input.description?.trim() ? input.description.trim() : null;
  if (description && description.length > 200)
    fields.description = { message: 'smsTemplates.descriptionTooLong', params: { max: 200 } };

  const isMms = input.type === 'MMS';
  const title = isMms && input.title?.trim() ? input.title.trim() : null;
  const image = input.image;
  const sendNo = input.sendNo.replace(/\D/g, '');
  if (sendNo === '') fields.sendNo = { message: 'smsTemplates.sendNoRequired' };

  const checked = checkSmsDraft(
    {
      type: input.type,
      body: input.body,
      title,
      recipients: [],
      sendNo: sendNo || null,
      sendAt: null,
      advertisement: false,
      image: image ?? null,
    },
    { now, senderNumbers: service.settings.smsSenderNumbers, optOutNumber: null, adNightConsent: true },
  );
  const violations = checked.violations.filter(
    (v) => TEMPLATE_FIELDS.has(v.field) && !(v.field === 'sendNo' && sendNo === ''),
  );
  if (violations.length > 0) {
    const problem = problemFromViolations(violations);
    Object.assign(fields, { ...problem.fields, ...fields });
  }
  if (Object.keys(fields).length > 0) {
    const first = Object.values(fields)[0]!;
    return fail({ code: 'invalid_input', message: first.message, params: first.params, fields });
  }

  const oldImage = existing?.imageId ?? null;
  let imageId = oldImage;
  // SMS carries no image: switching a template to SMS drops the one it had.
  if (!isMms || image === null) imageId = null;
  else if (image)
    imageId = await deps.store.smsImages.put({ serviceId, fileName: image.fileName, data: image.data });

  const values = {
    categoryId: category._id,
    type: input.type,
    enabled: input.enabled,
    editable: input.editable,
    name: name.data!,
    description,
    sendNo,
    title,
    body: input.body,
    imageId,
    advertisement: input.advertisement ?? false,
  };
  let saved: SmsTemplateDoc | undefined;
  if (existing) {
    const moved = existing.categoryId !== category._id;
    const order = moved ? await lastOrderIn(deps, serviceId, category._id) : undefined;
    saved = await repo.updateTemplate(
      serviceId,
      existing._id,
      { ...values, ...(order !== undefined ? { order } : {}) },
      now,
    );
    if (!saved) return fail(templateNotFound());
  } else saved = await repo.createTemplate({ serviceId, ...values }, now);
  if (oldImage && oldImage !== imageId) await deps.store.smsImages.delete(serviceId, [oldImage]);
  await audit(deps, actor, serviceId, existing ? 'sms.template.updated' : 'sms.template.created', saved._id, {
    name: saved.name,
  });
  return ok(saved);
}

async function lastOrderIn(deps: SmsTemplateDeps, serviceId: string, categoryId: string): Promise<number> {
  const templates = await deps.store.smsTemplates.listTemplates(serviceId, [categoryId]);
  return Math.max(0, ...templates.map((t) => t.order)) + 1;
}

export async function setSmsTemplateEnabled(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
  enabled: boolean,
): Promise<Result<SmsTemplateDoc>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const template = await deps.store.smsTemplates.updateTemplate(serviceId, id, { enabled }, smsNow(deps));
  if (!template) return fail(templateNotFound());
  await audit(deps, actor, serviceId, enabled ? 'sms.template.enabled' : 'sms.template.disabled', id);
  return ok(template);
}

export async function deleteSmsTemplate(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
): Promise<Result<{ name: string }>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const template = await deps.store.smsTemplates.getTemplate(serviceId, id);
  if (!template) return fail(templateNotFound());
  await deps.store.smsTemplates.deleteTemplates(serviceId, [id]);
  if (template.imageId) await deps.store.smsImages.delete(serviceId, [template.imageId]);
  await audit(deps, actor, serviceId, 'sms.template.deleted', id, { name: template.name });
  return ok({ name: template.name });
}

/** Swaps a template with its neighbour in its category. */
export async function moveSmsTemplate(
  deps: SmsTemplateDeps,
  actor: Actor | undefined,
  serviceId: string,
  id: string,
  direction: SmsMoveDirection,
): Promise<Result<{ moved: boolean }>> {
  const opened = await openSmsService(deps, actor, serviceId);
  if (!opened.ok) return opened;
  const repo = deps.store.smsTemplates;
  const template = await repo.getTemplate(serviceId, id);
  if (!template) return fail(templateNotFound());
  const siblings = await repo.listTemplates(serviceId, [template.categoryId]);
  const moved = await swapWithNeighbour(siblings, id, direction, (doc, order) =>
    repo.updateTemplate(serviceId, doc._id, { order }, smsNow(deps)),
  );
  return ok({ moved });
}

/** The template use cases bound to their deps, for `usecases.sms` (spread next to the other SMS use cases). */
export function smsTemplateUseCases(deps: SmsTemplateDeps) {
  return bindAll(deps, {
    smsTemplateTree,
    saveSmsCategory,
    setSmsCategoryEnabled,
    smsCategoryDeletionCounts,
    deleteSmsCategory,
    moveSmsCategory,
    getSmsTemplate,
    saveSmsTemplate,
    setSmsTemplateEnabled,
    deleteSmsTemplate,
    moveSmsTemplate,
    sendableSmsTemplates,
  });
}
