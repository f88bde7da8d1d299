import { z } from 'zod';
import { SMS_TYPES } from './sms.js';

/**
 * SMS template categories and templates (docs/sms.md): at most two levels of categories, templates only under a
 * second-level one. A disabled category hides everything below it from the send screen, whatever the templates say.
 */
export const smsCategorySchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  /** null: first level. A second-level category names its first-level parent. */
  parentId: z.string().nullable(),
  name: z.string().trim().min(1).max(50),
  enabled: z.boolean(),
  order: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SmsCategoryDoc = z.infer<typeof smsCategorySchema>;

export const smsTemplateSchema = z.object({
  _id: z.string(),
  serviceId: z.string(),
  /** Always a second-level category. */
  categoryId: z.string(),
  type: z.enum(SMS_TYPES),
  enabled: z.boolean(),
  /** false: the body is locked in the send screen. */
  editable: z.boolean(),
  name: z.string().trim().min(1).max(50),
  description: z.string().max(200).nullable(),
  /** Must be one of the service's registered sender numbers. */
  sendNo: z.string().regex(/^\d{8,12}$/),
  /** MMS only. */
  title: z.string().nullable(),
  body: z.string(),
  /** MMS only: a stored JPG (see the template store). */
  imageId: z.string().nullable(),
  advertisement: z.boolean().default(false),
  order: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SmsTemplateDoc = z.infer<typeof smsTemplateSchema>;

/** Templates a sender may pick: enabled, under an enabled second-level category under an enabled first-level one. */
export function sendableTemplates(
  categories: readonly SmsCategoryDoc[],
  templates: readonly SmsTemplateDoc[],
): SmsTemplateDoc[] {
  const byId = new Map(categories.map((c) => [c._id, c]));
  const open = (id: string | null): boolean => {
    if (id === null) return true;
    const category = byId.get(id);
    return category !== undefined && category.enabled && open(category.parentId);
  };
  return templates.filter((t) => t.enabled && byId.get(t.categoryId)?.parentId != null && open(t.categoryId));
}
