/**
 * Every use case of Switchboard, bound once to what it needs (built in `server.ts`). Surfaces — Slack, Teams,
 * HTTP, the CLI — receive this object and nothing else of the core: they never see the store, so a permission
 * check or a validation can only live here, once for every surface.
 *
 * The functions keep their names from the modules they come from (`usecases.callbacks.assignCallbacks(actor, …)`
 * is `assignCallbacks(deps, actor, …)`), so a reader finds each one with one search.
 */
import type { WebhookClient } from '../integrations/webhooks.js';
import type { Store } from '../store/index.js';
import * as apiKeys from './api-keys.js';
import * as callbackExports from './callback-exports.js';
import { callbackStats } from './callback-stats.js';
import type { CallbackEvents } from './callback-events.js';
import * as callbacks from './callbacks.js';
import type { CallbackDeps } from './callbacks.js';
import * as cti from './cti-ingestion.js';
import * as members from './members.js';
import * as services from './services.js';
import * as settings from './settings.js';
import * as wallboard from './wallboard.js';
import * as wallboardLinks from './wallboard-links.js';
import type { WallboardLive } from './wallboard-live.js';

/** A use case with its first parameter (its dependencies) already given. */
type Bound<F> = F extends (deps: never, ...args: infer A) => infer R ? (...args: A) => R : never;
type BoundAll<T> = { [K in keyof T]: Bound<T[K]> };

function bindAll<D, T extends Record<string, (deps: D, ...args: never[]) => unknown>>(
  deps: D,
  functions: T,
): BoundAll<T> {
  return Object.fromEntries(
    Object.entries(functions).map(([name, fn]) => [name, (...args: never[]) => fn(deps, ...args)]),
  ) as BoundAll<T>;
}

export function createUseCases(
  deps: CallbackDeps & { store: Store; live: WallboardLive; webhooks: WebhookClient },
) {
  const { store, live } = deps;
  return {
    services: bindAll(store, {
      setupService: services.setupService,
      linkService: services.linkService,
      listServicesAdministeredBy: services.listServicesAdministeredBy,
      resolveServiceForPlace: services.resolveServiceForPlace,
      loadServiceForPerson: services.loadServiceForPerson,
    }),
    settings: {
      ...bindAll(store, { getServiceSettings: settings.getServiceSettings }),
      /** Webhook URLs are checked with the server's client: the operator's allowed networks apply. */
      updateServiceSettings: (...args: Parameters<Bound<typeof settings.updateServiceSettings>>) =>
        settings.updateServiceSettings(store, args[0], args[1], args[2], args[3] ?? deps.webhooks),
    },
    members: bindAll(store, { saveMember: members.saveMember, listMembers: members.listMembers }),
    apiKeys: bindAll(store, {
      createApiKey: apiKeys.createApiKey,
      revokeApiKey: apiKeys.revokeApiKey,
      listApiKeys: apiKeys.listApiKeys,
      authenticateApiKey: apiKeys.authenticateApiKey,
    }),
    wallboard: {
      ...bindAll({ store, live }, { viewWallboard: wallboard.viewWallboard }),
      ...bindAll(store, {
        preparePin: wallboard.preparePin,
        recordPin: wallboard.recordPin,
        unpinWallboard: wallboard.unpinWallboard,
        findPinnedCard: wallboard.findPinnedCard,
        recordPinnedView: wallboard.recordPinnedView,
      }),
    },
    wallboardLinks: bindAll(store, {
      issueWallboardLink: wallboardLinks.issueWallboardLink,
      revokeWallboardLink: wallboardLinks.revokeWallboardLink,
      listWallboardLinks: wallboardLinks.listWallboardLinks,
      verifyWallboardToken: wallboardLinks.verifyWallboardToken,
    }),
    cti: bindAll(
      { store, live, callbacks: deps },
      { ingestCtiEvents: cti.ingestCtiEvents, ingestQueueLog: cti.ingestQueueLog },
    ),
    callbacks: bindAll(deps as CallbackDeps, {
      receiveCallback: callbacks.receiveCallback,
      listCallbacks: callbacks.listCallbacks,
      streamCallbacks: callbacks.streamCallbacks,
      getCallback: callbacks.getCallback,
      serviceOfCallback: callbacks.serviceOfCallback,
      myOpenCallbacks: callbacks.myOpenCallbacks,
      chatIdentitiesOf: callbacks.chatIdentitiesOf,
      assignToMe: callbacks.assignToMe,
      assignCallbacks: callbacks.assignCallbacks,
      unassignCallbacks: callbacks.unassignCallbacks,
      openLoads: callbacks.openLoads,
      assignmentPool: callbacks.assignmentPool,
      assignableAgents: callbacks.assignableAgents,
      callbackToWorkOn: callbacks.callbackToWorkOn,
      startCall: callbacks.startCall,
      recordCallOutcome: callbacks.recordCallOutcome,
      completeCallback: callbacks.completeCallback,
      callbackToCancel: callbacks.callbackToCancel,
      cancelCallback: callbacks.cancelCallback,
      registerHistory: callbacks.registerHistory,
      callbackStats,
      exportCallbackList: callbackExports.exportCallbackList,
      exportCallbackStats: callbackExports.exportCallbackStats,
    }),
    /** Chat deliveries (Slack event ids): true the first time a delivery is seen, so a retry never runs twice. */
    deliveries: {
      claimSlackDelivery: (key: string): Promise<boolean> => store.slackDeliveries.claim(key),
    },
    /** Live wallboard figures: snapshots and change subscriptions for the pages, SSE and pinned cards. */
    live,
    /** Callback changes as they happen (the notification pipeline and chat home views listen). */
    events: deps.events as CallbackEvents,
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
