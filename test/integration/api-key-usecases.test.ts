import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import type { Database } from '../../src/store/database.js';
import type { Store } from '../../src/store/index.js';
import type { MemberDoc } from '../../src/domain/members.js';
import { memberActor, type Actor } from '../../src/usecases/actor.js';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from '../../src/usecases/api-keys.js';
import type { Result } from '../../src/usecases/result.js';
import { openTestStore } from '../support/database.js';

/**
 * The API-key use cases on the real store: who may manage keys, what a key records, and what every `/api/v1`
 * request relies on: a key works only for its service, only while not revoked, and only from its allowed addresses
 * (on every request, not just the first one that filled the per-instance cache).
 */
describe('API key use cases', () => {
  let database: Database;
  let store: Store;
  let serviceId: string;
  let otherServiceId: string;
  let admin: Actor;
  let member: Actor;
  const operator: Actor = { kind: 'operator', name: 'ops' };

  const created = async (input: { name?: string; allowedIps?: string[] }, service = serviceId) => {
    const result = await createApiKey(store, operator, service, input);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    return result.value;
  };
  const problemOf = (result: Result<unknown>) => (result.ok ? undefined : result.problem);

  beforeAll(async () => {
    ({ database, store } = await openTestStore('apikeyuc'));
    serviceId = (await store.services.create('API keys', defaultServiceSettings()))._id;
    otherServiceId = (await store.services.create('Other', defaultServiceSettings()))._id;
    const make = (role: MemberDoc['role']) =>
      store.members.create({
        serviceId,
        displayName: role,
        role,
        permissions: { phone: true, callbackAssign: true, sms: true },
        identities: [`slack:T1:${role}`],
        ctiAgentId: null,
      });
    admin = memberActor(await make('admin'), 'slack')!;
    member = memberActor(await make('member'), 'teams')!;
  });
  afterAll(async () => {
    await database.close();
  });

  describe('the IP allow-list is checked on every request', () => {
    it('refuses a second request from a disallowed address although the first one cached the key', async () => {
      const { key } = await created({ allowedIps: ['203.0.113.0/24'] });
      expect(await authenticateApiKey(store, key, '203.0.113.10')).toMatchObject({ ok: true });
      expect(await authenticateApiKey(store, key, '198.51.100.9')).toEqual({
        ok: false,
        reason: 'ip_not_allowed',
      });
      expect(await authenticateApiKey(store, key, '203.0.113.11')).toMatchObject({ ok: true });
    });

    it('lets an allowed address in after a refused one', async () => {
      const { key } = await created({ allowedIps: ['198.51.100.7'] });
      expect(await authenticateApiKey(store, key, '198.51.100.8')).toEqual({
        ok: false,
        reason: 'ip_not_allowed',
      });
      expect(await authenticateApiKey(store, key, '::ffff:198.51.100.7')).toMatchObject({ ok: true });
      expect(await authenticateApiKey(store, key, '198.51.100.8')).toEqual({
        ok: false,
        reason: 'ip_not_allowed',
      });
    });
  });

  describe('authenticating a request', () => {
    it('gives the service and key the bearer key belongs to', async () => {
      const { key, apiKey } = await created({ name: 'PBX' });
      const result = await authenticateApiKey(store, key, '127.0.0.1');
      if (!result.ok) throw new Error(result.reason);
      expect(result.service._id).toBe(serviceId);
      expect(result.apiKey).toMatchObject({ _id: apiKey._id, name: 'PBX' });
    });

    it('tells a missing key from an unknown one', async () => {
      expect(await authenticateApiKey(store, undefined, '127.0.0.1')).toEqual({
        ok: false,
        reason: 'missing',
      });
      expect(await authenticateApiKey(store, '', '127.0.0.1')).toEqual({ ok: false, reason: 'missing' });
      expect(await authenticateApiKey(store, 'sbk_not-a-key', '127.0.0.1')).toEqual({
        ok: false,
        reason: 'unknown',
      });
    });

    it('refuses a key whose service no longer exists', async () => {
      const { key } = await store.apiKeys.create({
        serviceId: 'svc_gone',
        name: 'orphan',
        allowedIps: [],
        createdBy: 'test',
      });
      expect(await authenticateApiKey(store, key, '127.0.0.1')).toEqual({ ok: false, reason: 'unknown' });
    });

    it('stops a key at once when it is revoked, even one served from the cache a moment ago', async () => {
      const { key, apiKey } = await created({});
      expect(await authenticateApiKey(store, key, '127.0.0.1')).toMatchObject({ ok: true });
      expect((await revokeApiKey(store, admin, serviceId, apiKey._id)).ok).toBe(true);
      expect(await authenticateApiKey(store, key, '127.0.0.1')).toEqual({ ok: false, reason: 'unknown' });
    });

    it('gives the service as it is now after its settings change', async () => {
      const { key } = await created({});
      await authenticateApiKey(store, key, '127.0.0.1');
      await store.services.updateSettings(serviceId, { wallboardIntervalSeconds: 42 });
      const result = await authenticateApiKey(store, key, '127.0.0.1');
      expect(result.ok && result.service.settings.wallboardIntervalSeconds).toBe(42);
    });

    it('records when a key was last used', async () => {
      const { key, apiKey } = await created({});
      expect(apiKey.lastUsedAt).toBeNull();
      await authenticateApiKey(store, key, '127.0.0.1');
      // The write is fire-and-forget (a request does not wait for it): wait for it to land.
      let lastUsedAt: Date | null = null;
      while (!lastUsedAt) {
        lastUsedAt = (await store.apiKeys.listByService(serviceId)).find(
          (k) => k._id === apiKey._id,
        )!.lastUsedAt;
        if (!lastUsedAt) await new Promise((resolve) => setImmediate(resolve));
      }
      expect(lastUsedAt).toBeInstanceOf(Date);
    });
  });

  describe('creating a key', () => {
    it('returns the plain key once, stores its allow-list trimmed, and logs who did it', async () => {
      const result = await createApiKey(store, admin, serviceId, {
        name: '  CTI feed  ',
        allowedIps: [' 10.0.0.0/8 ', '', '   ', '2001:db8::1'],
      });
      if (!result.ok) throw new Error(JSON.stringify(result.problem));
      const { key, apiKey } = result.value;
      expect(key).toMatch(/^sbk_/);
      expect(apiKey).toMatchObject({
        serviceId,
        name: 'CTI feed',
        allowedIps: ['10.0.0.0/8', '2001:db8::1'],
      });
      expect(apiKey.createdBy).toBe(admin.kind === 'member' ? admin.member._id : '');
      const entry = (await store.audit.listByService(serviceId)).find(
        (e) => e.action === 'apikey.created' && e.target === apiKey._id,
      );
      expect(entry).toMatchObject({
        target: apiKey._id,
        surface: 'slack',
        details: { name: 'CTI feed', allowedIps: ['10.0.0.0/8', '2001:db8::1'] },
      });
    });

    it('names an unnamed key after the day it was made, and cuts a long name to 80 characters', async () => {
      const day = () => new Date().toISOString().slice(0, 10);
      // Read the day before and after, so a run across midnight (UTC) cannot fail.
      const daysAround = async (make: () => Promise<{ apiKey: { name: string } }>) => {
        const before = day();
        const { name } = (await make()).apiKey;
        return { name, expected: [`key ${before}`, `key ${day()}`] };
      };
      for (const input of [{}, { name: '   ' }]) {
        const { name, expected } = await daysAround(() => created(input));
        expect(expected).toContain(name);
      }
      expect((await created({ name: `  ${'가'.repeat(100)}` })).apiKey.name).toBe('가'.repeat(80));
    });

    it('refuses invalid allow-list entries by name and creates nothing', async () => {
      const before = (await store.apiKeys.listByService(serviceId)).length;
      const problem = problemOf(
        await createApiKey(store, admin, serviceId, { allowedIps: ['10.0.0.1', 'intranet', '10.0.0.0/40'] }),
      );
      expect(problem).toEqual({
        code: 'invalid_input',
        message: 'apikey.invalidIps',
        params: { entries: 'intranet, 10.0.0.0/40' },
        fields: {
          allowedIps: { message: 'apikey.invalidIps', params: { entries: 'intranet, 10.0.0.0/40' } },
        },
      });
      expect(await store.apiKeys.listByService(serviceId)).toHaveLength(before);
    });

    it('is for admins (and operators) of an existing service', async () => {
      expect(problemOf(await createApiKey(store, member, serviceId, {}))).toMatchObject({
        code: 'forbidden',
      });
      expect(problemOf(await createApiKey(store, undefined, serviceId, {}))).toMatchObject({
        code: 'not_member',
      });
      const byKey: Actor = { kind: 'apiKey', keyId: 'key_x', serviceId };
      expect(problemOf(await createApiKey(store, byKey, serviceId, {}))).toMatchObject({ code: 'forbidden' });
      expect(problemOf(await createApiKey(store, operator, 'svc_missing', {}))).toEqual({
        code: 'not_found',
        message: 'service.notFound',
      });
    });
  });

  describe('revoking and listing keys', () => {
    it('revokes once, logs it, and says "not found" for a second revocation or another service\'s key', async () => {
      const { apiKey } = await created({ name: 'to revoke' });
      const revoked = await revokeApiKey(store, operator, serviceId, apiKey._id);
      expect(revoked.ok && revoked.value.revokedAt).toBeInstanceOf(Date);
      const entry = (await store.audit.listByService(serviceId)).find(
        (e) => e.action === 'apikey.revoked' && e.target === apiKey._id,
      );
      expect(entry).toMatchObject({
        target: apiKey._id,
        actor: 'operator:ops',
        surface: 'cli',
      });
      const notFound = { code: 'not_found', message: 'apikey.notFound', params: { id: apiKey._id } };
      expect(problemOf(await revokeApiKey(store, operator, serviceId, apiKey._id))).toEqual(notFound);
      const foreign = (await created({}, otherServiceId)).apiKey;
      expect(problemOf(await revokeApiKey(store, admin, serviceId, foreign._id))).toMatchObject({
        code: 'not_found',
      });
      expect((await store.apiKeys.listByService(otherServiceId))[0]!.revokedAt).toBeNull();
    });

    it("lists a service's own keys, newest first", async () => {
      const listed = await listApiKeys(store, admin, otherServiceId);
      const ids = listed.ok ? listed.value.map((k) => k.serviceId) : [];
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids)).toEqual(new Set([otherServiceId]));
      const ours = await listApiKeys(store, operator, serviceId);
      const times = ours.ok ? ours.value.map((k) => k.createdAt.getTime()) : [];
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('refuses members who are not admins', async () => {
      const { apiKey } = await created({});
      expect(problemOf(await revokeApiKey(store, member, serviceId, apiKey._id))).toMatchObject({
        code: 'forbidden',
        message: 'refusal.adminOnly',
      });
      expect(problemOf(await listApiKeys(store, member, serviceId))).toMatchObject({ code: 'forbidden' });
      expect(
        (await store.apiKeys.listByService(serviceId)).find((k) => k._id === apiKey._id)!.revokedAt,
      ).toBeNull();
    });
  });
});
