import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '../../src/store/database.js';
import type { Store } from '../../src/store/index.js';
import type { MemberDoc } from '../../src/domain/members.js';
import { memberActor, type Actor } from '../../src/usecases/actor.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../src/usecases/api-keys.js';
import { listMembers, saveMember } from '../../src/usecases/members.js';
import { linkService, setupService } from '../../src/usecases/services.js';
import { getServiceSettings, updateServiceSettings } from '../../src/usecases/settings.js';
import { openTestStore } from '../support/database.js';

/**
 * Role × action for the administration use cases, on the real store: allowed actions change what they should,
 * refused ones change nothing and say why.
 */
describe('administration use cases: role × action', () => {
  let database: Database;
  let store: Store;
  let serviceId: string;
  const actors: Record<string, Actor | undefined> = {};

  beforeAll(async () => {
    ({ database, store } = await openTestStore('adminperms'));
    const setup = await setupService(store, {
      name: 'Matrix',
      place: 'slack:T1:C1',
      person: { identity: 'slack:T1:UADMIN', displayName: 'Admin', surface: 'slack' },
    });
    if (!setup.ok) throw new Error('setup failed');
    serviceId = setup.value.service._id;
    const make = async (name: string, permissions: Partial<MemberDoc['permissions']>) =>
      store.members.create({
        serviceId,
        displayName: name,
        role: 'member',
        permissions: { phone: false, callbackAssign: false, sms: false, ...permissions },
        identities: [`slack:T1:${name}`],
        ctiAgentId: null,
      });
    actors.admin = memberActor(setup.value.admin, 'slack');
    actors.allPermissionsMember = memberActor(
      await make('UALL', { phone: true, callbackAssign: true, sms: true }),
      'slack',
    );
    actors.plainMember = memberActor(await make('UPLAIN', {}), 'slack');
    actors.stranger = undefined;
    actors.operator = { kind: 'operator', name: 'ops' };
  });
  afterAll(async () => {
    await database.close();
  });

  const attempts: Record<
    string,
    (actor: Actor | undefined) => Promise<{ ok: boolean; problem?: { code: string } }>
  > = {
    'open settings': (a) => getServiceSettings(store, a, serviceId),
    'save settings': (a) => updateServiceSettings(store, a, serviceId, { wallboardIntervalSeconds: 20 }),
    'list members': (a) => listMembers(store, a, serviceId),
    'save member': (a) =>
      saveMember(store, a, serviceId, {
        identity: 'slack:T1:UNEW',
        displayName: 'New',
        role: 'member',
        permissions: { phone: true, callbackAssign: false, sms: false },
        ctiAgentId: null,
      }),
    'list API keys': (a) => listApiKeys(store, a, serviceId),
    'create API key': (a) => createApiKey(store, a, serviceId, { name: 'k' }),
  };

  const cases = Object.keys(attempts).flatMap((action) =>
    ['admin', 'operator', 'allPermissionsMember', 'plainMember', 'stranger'].map(
      (who) => [action, who] as const,
    ),
  );
  it.each(cases)('%s by %s', async (action, who) => {
    const auditBefore = (await store.audit.listByService(serviceId, 1000)).length;
    const keysBefore = (await store.apiKeys.listByService(serviceId)).length;
    const result = await attempts[action]!(actors[who]);
    const allowed = who === 'admin' || who === 'operator';
    expect(result.ok).toBe(allowed);
    if (!allowed) {
      expect(result.problem?.code).toBe(who === 'stranger' ? 'not_member' : 'forbidden');
      expect((await store.audit.listByService(serviceId, 1000)).length).toBe(auditBefore);
      expect((await store.apiKeys.listByService(serviceId)).length).toBe(keysBefore);
    }
  });

  it('revoking: only admins, and a key of another service is "not found", not revoked', async () => {
    const other = await setupService(store, { name: 'Other', operator: 'ops' });
    if (!other.ok) throw new Error('setup failed');
    const foreign = await store.apiKeys.create({
      serviceId: other.value.service._id,
      name: 'foreign',
      allowedIps: [],
      createdBy: 't',
    });
    const own = await store.apiKeys.create({ serviceId, name: 'own', allowedIps: [], createdBy: 't' });
    expect((await revokeApiKey(store, actors.plainMember, serviceId, own.doc._id)).ok).toBe(false);
    const crossService = await revokeApiKey(store, actors.admin, serviceId, foreign.doc._id);
    expect(crossService.ok ? 'revoked' : crossService.problem.code).toBe('not_found');
    expect(await store.apiKeys.findActiveByKey(foreign.key)).toBeDefined();
    expect((await revokeApiKey(store, actors.admin, serviceId, own.doc._id)).ok).toBe(true);
  });

  it('linking a channel to an existing service: admins of that service only', async () => {
    const byMember = await linkService(store, {
      serviceId,
      place: 'slack:T1:C2',
      person: { identity: 'slack:T1:UALL', displayName: 'x', surface: 'slack' },
    });
    expect(byMember.ok ? 'linked' : byMember.problem.code).toBe('forbidden');
    const byAdmin = await linkService(store, {
      serviceId,
      place: 'slack:T1:C2',
      person: { identity: 'slack:T1:UADMIN', displayName: 'x', surface: 'slack' },
    });
    expect(byAdmin.ok).toBe(true);
  });

  it('never leaves a service without an admin', async () => {
    const demote = await saveMember(store, actors.admin, serviceId, {
      identity: 'slack:T1:UADMIN',
      displayName: 'Admin',
      role: 'member',
      permissions: { phone: true, callbackAssign: true, sms: true },
      ctiAgentId: null,
    });
    expect(demote.ok ? 'demoted' : demote.problem.code).toBe('conflict');
    expect(await store.members.countAdmins(serviceId)).toBe(1);
  });
});
