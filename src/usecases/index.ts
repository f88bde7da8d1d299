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
import { bindAll } from './bind.js';
import * as callbackExports from './callback-exports.js';
import { callbackStats } from './callback-stats.js';
import * as callbacks from './callbacks.js';
import type { CallbackDeps } from './callbacks.js';
import * as cti from './cti-ingestion.js';
import * as exportLinks from './export-links.js';
import * as maintenance from './maintenance.js';
import type { SmsDeps } from './sms/deps.js';
import * as smsExport from './sms/export.js';
import * as smsHistory from './sms/history.js';
import * as smsResults from './sms/results.js';
import * as smsSend from './sms/send.js';
import { createOperatorUseCases } from './operator.js';
import { smsTemplateUseCases } from './sms/templates.js';
import * as teamsConversations from './teams-conversations.js';
import * as wallboard from './wallboard.js';
import * as wallboardLinks from './wallboard-links.js';
import type { WallboardLive } from './wallboard-live.js';
import type { PinnedWallboardRefresh } from '../jobs/notification-jobs.js';

export { createOperatorUseCases, type OperatorUseCases } from './operator.js';

export function createUseCases(
  deps: CallbackDeps & {
    store: Store;
    live: WallboardLive;
    webhooks: WebhookClient;
    /** Keeps pinned wallboard cards current (a repeating job per pin). */
    pinnedWallboardRefresh: PinnedWallboardRefresh;
    /** SMS sending, history and results (delivery itself runs in jobs, bound in server.ts). */
    sms: SmsDeps;
  },
) {
  const { store, live } = deps;
  return {
    ...createOperatorUseCases(deps),
    wallboard: {
      ...bindAll({ store, live }, { viewWallboard: wallboard.viewWallboard }),
      ...bindAll(
        { store, refresh: deps.pinnedWallboardRefresh },
        { recordPin: wallboard.recordPin, unpinWallboard: wallboard.unpinWallboard },
      ),
      ...bindAll(store, {
        preparePin: wallboard.preparePin,
        findPinnedCard: wallboard.findPinnedCard,
        recordPinnedView: wallboard.recordPinnedView,
      }),
    },
    wallboardLinks: bindAll(store, {
      issueWallboardLink: wallboardLinks.issueWallboardLink,
      revokeWallboardLink: wallboardLinks.revokeWallboardLink,
      listWallboardLinks: wallboardLinks.listWallboardLinks,
      verifyWallboardToken: wallboardLinks.verifyWallboardToken,
      serviceOfWallboardLink: wallboardLinks.serviceOfWallboardLink,
      wallboardPageScope: wallboardLinks.wallboardPageScope,
    }),
    sms: {
      ...smsTemplateUseCases(deps),
      ...bindAll(deps.sms, {
        sendSms: smsSend.sendSms,
        smsComposeOptions: smsSend.smsComposeOptions,
        listSmsRequests: smsHistory.listSmsRequests,
        getSmsRequest: smsHistory.getSmsRequest,
        cancelSmsRequest: smsHistory.cancelSmsRequest,
        receiveNhnResults: smsResults.receiveNhnResults,
        exportSmsHistory: smsExport.exportSmsHistory,
      }),
    },
    teams: bindAll(store, {
      rememberTeamsConversation: teamsConversations.rememberTeamsConversation,
      teamsConversationTarget: teamsConversations.teamsConversationTarget,
      teamsDirectTarget: teamsConversations.teamsDirectTarget,
    }),
    /** Housekeeping the maintenance jobs run (FerretDB v1 has no TTL indexes). */
    maintenance: bindAll(store, {
      purgeExpiredSlackDeliveries: maintenance.purgeExpiredSlackDeliveries,
      purgeOldCtiEvents: maintenance.purgeOldCtiEvents,
      purgeExpiredExportLinks: maintenance.purgeExpiredExportLinks,
    }),
    /** Expiring download links to exports (`GET /exports/:token`; Teams hands these out). */
    exportLinks: {
      ...bindAll(deps, {
        exportCallbackListLink: exportLinks.exportCallbackListLink,
        exportCallbackStatsLink: exportLinks.exportCallbackStatsLink,
        callbackStatsChart: exportLinks.callbackStatsChart,
        exportSmsHistoryLink: exportLinks.exportSmsHistoryLink,
      }),
      ...bindAll(store, { openExportLink: exportLinks.openExportLink }),
    },
    cti: bindAll(
      { store, live, callbacks: deps },
      { ingestCtiEvents: cti.ingestCtiEvents, ingestQueueLog: cti.ingestQueueLog },
    ),
    callbacks: bindAll(deps, {
      receiveCallback: callbacks.receiveCallback,
      listCallbacks: callbacks.listCallbacks,
      streamCallbacks: callbacks.streamCallbacks,
      getCallback: callbacks.getCallback,
      serviceOfCallback: callbacks.serviceOfCallback,
      myOpenCallbacks: callbacks.myOpenCallbacks,
      chatIdentitiesOf: callbacks.chatIdentitiesOf,
      callbackCardFor: callbacks.callbackCardFor,
      callbackCardReaders: callbacks.callbackCardReaders,
      assignToMe: callbacks.assignToMe,
      assignCallbacks: callbacks.assignCallbacks,
      unassignCallbacks: callbacks.unassignCallbacks,
      openLoads: callbacks.openLoads,
      assignmentPool: callbacks.assignmentPool,
      assignableAgents: callbacks.assignableAgents,
      serviceOfDigest: callbacks.serviceOfDigest,
      assignNextFromDigest: callbacks.assignNextFromDigest,
      digestCallbacksToAssign: callbacks.digestCallbacksToAssign,
      digestUnassignedList: callbacks.digestUnassignedList,
      callbackToWorkOn: callbacks.callbackToWorkOn,
      startCall: callbacks.startCall,
      recordCallOutcome: callbacks.recordCallOutcome,
      completeCallback: callbacks.completeCallback,
      callbackToCancel: callbacks.callbackToCancel,
      cancelCallback: callbacks.cancelCallback,
      registerHistory: callbacks.registerHistory,
      listInteractions: callbacks.listInteractions,
      callbackInteractions: callbacks.callbackInteractions,
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
    events: deps.events,
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
