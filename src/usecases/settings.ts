import { serviceSettingsSchema, type ServiceSettings } from '../domain/service-settings.js';
import type { MessageKey } from '../i18n/index.js';
import type { Store } from '../store/index.js';
import type { ServiceDoc } from '../store/services.js';
import { actorLabel, actorSurface, refusal, type Actor } from './actor.js';
import { fail, ok, type Problem, type Result } from './result.js';

/** Which message explains a bad value of each setting (the schema's own texts are for developers). */
const FIELD_MESSAGES: Partial<Record<keyof ServiceSettings, MessageKey>> = {
  timeZone: 'settings.invalidTimeZone',
  dayStart: 'settings.invalidDayStart',
  clickToDialWebhookUrl: 'settings.invalidUrl',
  ticketWebhookUrl: 'settings.invalidUrl',
  smsSenderNumbers: 'settings.invalidSenderNumbers',
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

/** `/switchboard settings` (save) and `npm run cli -- settings set`: admins only; all-or-nothing validation. */
export async function updateServiceSettings(
  store: Store,
  actor: Actor | undefined,
  serviceId: string,
  changes: Partial<Record<keyof ServiceSettings, unknown>>,
): Promise<Result<ServiceDoc>> {
  const refused = refusal(actor, 'service.configure');
  if (refused) return fail(refused);
  const service = await store.services.get(serviceId);
  if (!service) return fail({ code: 'not_found', message: 'service.notFound' });

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
      } else fields[field] = { message: FIELD_MESSAGES[field] ?? 'settings.invalidUrl' };
    }
    const first = Object.values(fields)[0]!;
    return fail({ code: 'invalid_input', message: first.message, params: first.params, fields });
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
