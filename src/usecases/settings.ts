import { serviceSettingsSchema, type ServiceSettings } from '../domain/service-settings.js';
import { fetchWebhookClient, type WebhookClient } from '../integrations/webhooks.js';
import type { MessageKey } from '../i18n/index.js';
import type { Store } from '../store/index.js';
import type { ServiceDoc } from '../domain/services.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
import { fail, ok, type Problem, type Result } from './result.js';

/** Which message explains a bad value of each setting (the schema's own texts are for developers). */
const FIELD_MESSAGES: Partial<Record<keyof ServiceSettings, MessageKey>> = {
  timeZone: 'settings.invalidTimeZone',
  dayStart: 'settings.invalidDayStart',
  clickToDialWebhookUrl: 'settings.invalidUrl',
  ticketWebhookUrl: 'settings.invalidUrl',
  smsSenderNumbers: 'settings.invalidSenderNumbers',
  smsOptOutNumber: 'settings.invalidOptOutNumber',
  locale: 'settings.invalidLocale',
  callbacksEnabled: 'settings.invalidSwitch',
  smsEnabled: 'settings.invalidSwitch',
  outboundTicketAutoCreate: 'settings.invalidSwitch',
  smsAdNightConsent: 'settings.invalidSwitch',
};

const NUMBER_RANGES: Partial<Record<keyof ServiceSettings, [number, number]>> = {
  wallboardIntervalSeconds: [5, 3600],
  serviceLevelThresholdSeconds: [1, 3600],
  serviceLevelTargetPercent: [0, 100],
  longWaitWarningSeconds: [1, 86_400],
  shortAbandonCutoffSeconds: [1, 600],
  abandonedToCallbackSeconds: [0, 3600],
  unassignedReminderMinutes: [1, 10_080],
  assignedReminderMinutes: [1, 10_080],
};

const WEBHOOK_URL_KEYS = ['clickToDialWebhookUrl', 'ticketWebhookUrl'] as const;

/**
 * `/switchboard settings` (save) and `npm run cli -- settings set`: admins only; all-or-nothing validation.
 * `webhooks` decides where webhook URLs may point (the server's client, with the operator's allowed networks);
 * without it only public addresses are accepted.
 */
export async function updateServiceSettings(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  requested: Partial<Record<keyof ServiceSettings, unknown>>,
  webhooks: Pick<WebhookClient, 'checkTarget'> = fetchWebhookClient,
): Promise<Result<ServiceDoc>> {
  const refused = refusal(actor, 'service.configure');
  if (refused) return fail(refused);
  const service = await store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });

  const changes =
    'smsOptOutNumber' in requested
      ? { ...requested, smsOptOutNumber: digitsOrNull(requested.smsOptOutNumber) }
      : requested;
  const unknownKeys = Object.keys(changes).filter((k) => !(k in serviceSettingsSchema.shape));
  if (unknownKeys.length > 0) {
    return fail({
      code: 'invalid_input',
      message: 'settings.unknownKeys',
      params: { keys: unknownKeys.join(', ') },
    });
  }
  const parsed = serviceSettingsSchema.safeParse({ ...service.settings, ...changes });
  if (!parsed.success) {
    const fields: NonNullable<Problem['fields']> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof ServiceSettings;
      if (fields[field]) continue;
      const range = NUMBER_RANGES[field];
      if (range)
        fields[field] = { message: 'settings.invalidNumber', params: { min: range[0], max: range[1] } };
      else if (field === 'smsSenderNumbers') {
        const bad = (Array.isArray(changes.smsSenderNumbers) ? changes.smsSenderNumbers : []).filter(
          (n) => !/^\d{8,12}$/.test(String(n)),
        );
        fields[field] = { message: 'settings.invalidSenderNumbers', params: { numbers: bad.join(', ') } };
      } else if (field === 'smsOptOutNumber')
        fields[field] = {
          message: 'settings.invalidOptOutNumber',
          params: { number: String(requested.smsOptOutNumber) },
        };
      else fields[field] = { message: FIELD_MESSAGES[field] ?? 'settings.invalidValue' };
    }
    const first = Object.values(fields)[0]!;
    return fail({ code: 'invalid_input', message: first.message, params: first.params, fields });
  }
  const unreachable = await refusedWebhookUrls(webhooks, service.settings, parsed.data);
  if (unreachable) {
    const first = Object.values(unreachable)[0]!;
    return fail({ code: 'invalid_input', message: first.message, params: first.params, fields: unreachable });
  }
  const changedKeys = Object.keys(changes) as (keyof ServiceSettings)[];
  const updated = await store.services.updateSettings(
    serviceId,
    Object.fromEntries(changedKeys.map((k) => [k, parsed.data[k]])) as Partial<ServiceSettings>,
  );
  if (!updated) return fail({ code: 'not_found', message: 'service.notFound' });
  const changed = Object.keys(changes).filter(
    (k) =>
      JSON.stringify(service.settings[k as keyof ServiceSettings]) !==
      JSON.stringify(updated.settings[k as keyof ServiceSettings]),
  );
  if (changed.length > 0) {
    await store.audit.append({
      serviceId,
      surface: actorSurface(actor),
      actor: actorLabel(actor),
      action: 'settings.updated',
      target: serviceId,
      details: { changed },
    });
  }
  return ok(updated);
}

/**
 * The opt-out number as people write it (`080-123-4567`, `080 123 4567`) is stored as digits; an empty text clears
 * it. Anything else goes to the schema as it came, to be refused there.
 */
function digitsOrNull(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const digits = value.replace(/[\s-]/g, '');
  return digits === '' ? null : digits;
}

/**
 * A webhook URL may not point into the server's own host or network (anyone can become the admin of a service of
 * their own). Only URLs that change are resolved: a save of another setting does not hang on the DNS of a URL that
 * was accepted before, and the request-time check in the webhook client still guards that one.
 */
async function refusedWebhookUrls(
  webhooks: Pick<WebhookClient, 'checkTarget'>,
  before: ServiceSettings,
  after: ServiceSettings,
): Promise<Problem['fields']> {
  const fields: NonNullable<Problem['fields']> = {};
  for (const key of WEBHOOK_URL_KEYS) {
    const url = after[key];
    if (url === null || url === before[key]) continue;
    const problem = await webhooks.checkTarget(url);
    if (!problem) continue;
    fields[key] =
      problem.problem === 'invalid_url'
        ? { message: 'settings.invalidUrl' }
        : problem.problem === 'host_not_found'
          ? { message: 'settings.webhookHostNotFound', params: { host: problem.host } }
          : { message: 'settings.webhookNotAllowed', params: { host: problem.host } };
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Opening `/switchboard settings`: admins only, like saving. */
export async function getServiceSettings(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
): Promise<Result<ServiceDoc>> {
  const refused = refusal(actor, 'service.configure');
  if (refused) return fail(refused);
  const service = await store.services.get(serviceId);
  return service ? ok(service) : fail({ code: 'not_found', message: 'service.notFound' });
}
