import { z } from 'zod';

/** Languages people read Switchboard in. */
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00-23:59');
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
/** A Korean sender number as registered with the carrier: 8-12 digits, stored without separators. */
export const senderNumberSchema = z.string().regex(/^\d{8,12}$/, '8-12 digits');
/** A free opt-out number for advertisements (무료수신거부 080-…): 080 and 7-8 more digits, stored without separators. */
export const optOutNumberSchema = z.string().regex(/^080\d{7,8}$/, '080 and 7-8 more digits');

/**
 * Per-service settings (README, Configuration). Later features add fields with defaults, so stored documents written by an
 * older version still parse.
 */
export const serviceSettingsSchema = z.object({
  callbacksEnabled: z.boolean().default(true),
  smsEnabled: z.boolean().default(false),
  locale: z.enum(LOCALES).default('ko'),
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Seoul').default('Asia/Seoul'),
  dayStart: hhmm.default('00:00'),
  slackCallbackChannelId: z.string().nullable().default(null),
  /** The Teams channel (or group chat) conversation id new callbacks are posted in. */
  teamsCallbackConversationId: z.string().nullable().default(null),
  wallboardIntervalSeconds: z.number().int().min(5).max(3600).default(10),
  serviceLevelThresholdSeconds: z.number().int().min(1).max(3600).default(20),
  serviceLevelTargetPercent: z.number().min(0).max(100).default(80),
  longWaitWarningSeconds: z.number().int().min(1).max(86_400).default(60),
  shortAbandonCutoffSeconds: z.number().int().min(1).max(600).nullable().default(null),
  abandonedToCallbackSeconds: z.number().int().min(0).max(3600).nullable().default(null),
  outboundTicketAutoCreate: z.boolean().default(false),
  clickToDialWebhookUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  ticketWebhookUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  unassignedReminderMinutes: z.number().int().min(1).max(10_080).nullable().default(null),
  assignedReminderMinutes: z.number().int().min(1).max(10_080).nullable().default(null),
  smsSenderNumbers: z.array(senderNumberSchema).max(50).default([]),
  smsAdNightConsent: z.boolean().default(false),
  smsOptOutNumber: optOutNumberSchema.nullable().default(null),
});

export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

export function defaultServiceSettings(overrides: Partial<ServiceSettings> = {}): ServiceSettings {
  return serviceSettingsSchema.parse(overrides);
}

export const serviceNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(80, 'at most 80 characters');
