import { z } from 'zod';
import { serviceSettingsSchema } from './service-settings.js';

export const serviceDocSchema = z.object({
  _id: z.string(),
  name: z.string(),
  settings: serviceSettingsSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ServiceDoc = z.infer<typeof serviceDocSchema>;
