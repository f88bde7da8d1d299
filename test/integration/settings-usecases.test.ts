import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import type { Database } from '../../src/store/database.js';
import type { Store } from '../../src/store/index.js';
import { memberActor, type Actor } from '../../src/usecases/actor.js';
import type { Result } from '../../src/usecases/result.js';
import { getServiceSettings, updateServiceSettings } from '../../src/usecases/settings.js';
import { openTestStore } from '../support/database.js';

/**
 * The settings use cases on the real store: each bad value gets the message that explains it (with the allowed
 * range or the bad numbers), a save is all or nothing, and the audit log records what really changed.
 */
describe('settings use cases', () => {
  let database: Database;
  let store: Store;
  let serviceId: string;
  let admin: Actor;
  let member: Actor;
  const operator: Actor = { kind: 'operator', name: 'ops' };
  const problemOf = (result: Result<unknown>) => (result.ok ? undefined : result.problem);
  const save = (changes: Record<string, unknown>) => updateServiceSettings(store, admin, serviceId, changes);
  const settingsAudits = async () =>
    (await store.audit.listByService(serviceId)).filter((e) => e.action === 'settings.updated');

  beforeAll(async () => {
    ({ database, store } = await openTestStore('settingsuc'));
    serviceId = (await store.services.create('Settings', defaultServiceSettings()))._id;
    const make = async (role: 'admin' | 'member') =>
      memberActor(
        await store.members.create({
          serviceId,
          displayName: role,
          role,
          permissions: { phone: true, callbackAssign: true, sms: true },
          identities: [`slack:T1:${role}`],
          ctiAgentId: null,
        }),
        'slack',
      )!;
    admin = await make('admin');
    member = await make('member');
  });
  afterAll(async () => {
    await database.close();
  });

  it('saves the keys given, keeps the others, and logs the keys that changed', async () => {
    const result = await save({ timeZone: 'Europe/Berlin', wallboardIntervalSeconds: 30 });
    expect(result.ok && result.value.settings).toMatchObject({
      timeZone: 'Europe/Berlin',
      wallboardIntervalSeconds: 30,
      locale: 'ko',
    });
    const saved = await save({ longWaitWarningSeconds: 90 });
    expect(saved.ok && saved.value.settings).toMatchObject({
      timeZone: 'Europe/Berlin',
      longWaitWarningSeconds: 90,
    });
    const adminId = admin.kind === 'member' ? admin.member._id : '';
    expect(await settingsAudits()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: adminId,
          surface: 'slack',
          details: { changed: ['longWaitWarningSeconds'] },
        }),
        expect.objectContaining({ details: { changed: ['timeZone', 'wallboardIntervalSeconds'] } }),
      ]),
    );
  });

  it('logs nothing when a save changes nothing, and only the keys whose value changed', async () => {
    const before = (await settingsAudits()).length;
    expect((await save({ longWaitWarningSeconds: 90 })).ok).toBe(true);
    expect(await settingsAudits()).toHaveLength(before);
    expect((await save({ longWaitWarningSeconds: 90, serviceLevelThresholdSeconds: 15 })).ok).toBe(true);
    const audits = await settingsAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits.map((e) => e.details)).toContainEqual({ changed: ['serviceLevelThresholdSeconds'] });
  });

  it.each([
    ['wallboardIntervalSeconds', 4, 5, 3600],
    ['serviceLevelThresholdSeconds', 3601, 1, 3600],
    ['serviceLevelTargetPercent', 101, 0, 100],
    ['longWaitWarningSeconds', 0, 1, 86_400],
    ['shortAbandonCutoffSeconds', 601, 1, 600],
    ['abandonedToCallbackSeconds', -1, 0, 3600],
    ['unassignedReminderMinutes', 10_081, 1, 10_080],
    ['assignedReminderMinutes', 0, 1, 10_080],
  ])('a bad %s (%d) is refused with its range %d–%d', async (key, value, min, max) => {
    const invalidNumber = { message: 'settings.invalidNumber', params: { min, max } };
    expect(problemOf(await save({ [key]: value }))).toEqual({
      code: 'invalid_input',
      ...invalidNumber,
      fields: { [key]: invalidNumber },
    });
  });

  it.each([
    ['timeZone', 'Mars/Base', 'settings.invalidTimeZone'],
    ['dayStart', '25:00', 'settings.invalidDayStart'],
    ['clickToDialWebhookUrl', 'not a url', 'settings.invalidUrl'],
    ['ticketWebhookUrl', 'ftp://tickets.example.com/', 'settings.invalidUrl'],
    // Used to be answered with the URL message, whatever the setting.
    ['locale', 'fr', 'settings.invalidLocale'],
    ['callbacksEnabled', 'yes', 'settings.invalidSwitch'],
    ['smsAdNightConsent', 1, 'settings.invalidSwitch'],
    ['slackCallbackChannelId', 42, 'settings.invalidValue'],
  ])('a bad %s (%s) is refused with %s', async (key, value, message) => {
    expect(problemOf(await save({ [key]: value }))).toEqual({
      code: 'invalid_input',
      message,
      fields: { [key]: { message } },
    });
  });

  it('names the bad sender numbers, and only those', async () => {
    const numbers = { message: 'settings.invalidSenderNumbers', params: { numbers: '1588-1234, 123' } };
    expect(
      problemOf(await save({ smsSenderNumbers: ['15881234', '1588-1234', '123', '0212345678'] })),
    ).toEqual({
      code: 'invalid_input',
      ...numbers,
      fields: { smsSenderNumbers: numbers },
    });
  });

  it('stores the opt-out number as digits, clears it with an empty text, and names a number that is not 080', async () => {
    const stored = async () => (await store.services.get(serviceId))!.settings.smsOptOutNumber;
    expect((await save({ smsOptOutNumber: '080-123-4567' })).ok).toBe(true);
    expect(await stored()).toBe('0801234567');
    expect((await save({ smsOptOutNumber: '080 1234 5678' })).ok).toBe(true);
    expect(await stored()).toBe('08012345678');
    for (const bad of ['02-123-4567', '080-123-456', '080-1234-56789', '080-123-456x']) {
      const invalid = { message: 'settings.invalidOptOutNumber', params: { number: bad } };
      expect(problemOf(await save({ smsOptOutNumber: bad }))).toEqual({
        code: 'invalid_input',
        ...invalid,
        fields: { smsOptOutNumber: invalid },
      });
    }
    expect(await stored()).toBe('08012345678');
    expect((await save({ smsOptOutNumber: '' })).ok).toBe(true);
    expect(await stored()).toBeNull();
  });

  it('reports every bad field at once, the first one as the message, and saves none of the good ones', async () => {
    const problem = problemOf(
      await save({ dayStart: '7:00', wallboardIntervalSeconds: 1, timeZone: 'Nowhere/City', locale: 'en' }),
    );
    expect(Object.keys(problem?.fields ?? {}).sort()).toEqual([
      'dayStart',
      'timeZone',
      'wallboardIntervalSeconds',
    ]);
    expect(problem?.message).toBe(Object.values(problem!.fields!)[0]!.message);
    expect((await store.services.get(serviceId))!.settings.locale).toBe('ko');
  });

  it('refuses keys that are not settings, by name', async () => {
    expect(problemOf(await save({ locale: 'en', colour: 'blue', size: 3 }))).toEqual({
      code: 'invalid_input',
      message: 'settings.unknownKeys',
      params: { keys: 'colour, size' },
    });
    expect((await store.services.get(serviceId))!.settings.locale).toBe('ko');
  });

  it('lets admins and operators open and save settings, and nobody else', async () => {
    expect((await getServiceSettings(store, admin, serviceId)).ok).toBe(true);
    expect((await getServiceSettings(store, operator, serviceId)).ok).toBe(true);
    expect((await updateServiceSettings(store, operator, serviceId, { locale: 'en' })).ok).toBe(true);
    expect(await settingsAudits()).toContainEqual(
      expect.objectContaining({ actor: 'operator:ops', surface: 'cli', details: { changed: ['locale'] } }),
    );
    for (const actor of [member, { kind: 'apiKey', keyId: 'k', serviceId } as Actor]) {
      expect(problemOf(await getServiceSettings(store, actor, serviceId))).toMatchObject({
        code: 'forbidden',
      });
      expect(problemOf(await updateServiceSettings(store, actor, serviceId, { locale: 'ko' }))).toMatchObject(
        {
          code: 'forbidden',
        },
      );
    }
    expect(
      problemOf(await updateServiceSettings(store, undefined, serviceId, { locale: 'ko' })),
    ).toMatchObject({
      code: 'not_member',
    });
    expect((await store.services.get(serviceId))!.settings.locale).toBe('en');
  });

  it('says "not found" for a service that does not exist', async () => {
    const notFound = { code: 'not_found', message: 'service.notFound' };
    expect(problemOf(await getServiceSettings(store, operator, 'svc_missing'))).toEqual(notFound);
    expect(problemOf(await updateServiceSettings(store, operator, 'svc_missing', { locale: 'en' }))).toEqual(
      notFound,
    );
  });
});
