import type { Db } from 'mongodb';
import { isFerretDb } from './database.js';
import { ApiKeyRepository } from './api-keys.js';
import { AuditLog } from './audit-log.js';
import { CallbackRepository } from './callbacks.js';
import { CallbackPostRepository } from './callback-posts.js';
import { InteractionRepository } from './interactions.js';
import { ChangeCounters } from './change-counters.js';
import { ChatLinkRepository } from './chat-links.js';
import { CtiCallerRepository } from './cti-callers.js';
import { CtiEventRepository } from './cti-events.js';
import { ExportLinkRepository } from './export-links.js';
import { InstanceRepository } from './instances.js';
import { MemberRepository } from './members.js';
import { SecretRepository } from './secrets.js';
import { ServiceRepository } from './services.js';
import { SlackDeliveryRepository } from './slack-deliveries.js';
import { SmsRequestRepository } from './sms-requests.js';
import { SmsImageRepository, SmsTemplateRepository } from './sms-templates.js';
import { TeamsConversationRepository } from './teams-conversations.js';
import { WallboardLinkRepository } from './wallboard-links.js';
import { WallboardPinRepository } from './wallboard-pins.js';

export interface Store {
  db: Db;
  changes: ChangeCounters;
  services: ServiceRepository;
  members: MemberRepository;
  apiKeys: ApiKeyRepository;
  audit: AuditLog;
  chatLinks: ChatLinkRepository;
  teamsConversations: TeamsConversationRepository;
  slackDeliveries: SlackDeliveryRepository;
  ctiEvents: CtiEventRepository;
  ctiCallers: CtiCallerRepository;
  callbacks: CallbackRepository;
  callbackPosts: CallbackPostRepository;
  interactions: InteractionRepository;
  instances: InstanceRepository;
  secrets: SecretRepository;
  wallboardLinks: WallboardLinkRepository;
  wallboardPins: WallboardPinRepository;
  /** Expiring download links to export files (`GET /exports/:token`). */
  exportLinks: ExportLinkRepository;
  smsRequests: SmsRequestRepository;
  /** SMS template categories and templates. */
  smsTemplates: SmsTemplateRepository;
  /** JPG images of MMS templates and sends. */
  smsImages: SmsImageRepository;
}

export function createStore(db: Db): Store {
  const changes = new ChangeCounters(db);
  return {
    db,
    changes,
    services: new ServiceRepository(db, changes),
    members: new MemberRepository(db),
    apiKeys: new ApiKeyRepository(db, changes),
    audit: new AuditLog(db),
    chatLinks: new ChatLinkRepository(db),
    teamsConversations: new TeamsConversationRepository(db),
    slackDeliveries: new SlackDeliveryRepository(db),
    ctiEvents: new CtiEventRepository(db),
    ctiCallers: new CtiCallerRepository(db),
    callbacks: new CallbackRepository(db),
    callbackPosts: new CallbackPostRepository(db),
    interactions: new InteractionRepository(db),
    instances: new InstanceRepository(db),
    secrets: new SecretRepository(db),
    wallboardLinks: new WallboardLinkRepository(db),
    wallboardPins: new WallboardPinRepository(db),
    exportLinks: new ExportLinkRepository(db),
    smsRequests: new SmsRequestRepository(db),
    smsTemplates: new SmsTemplateRepository(db),
    smsImages: new SmsImageRepository(db),
  };
}

/**
 * Idempotent: safe on every start and from every instance at once. Unique indexes always (they are rules);
 * the others only where the database uses them: FerretDB v1's SQLite backend answers every query but an `_id`
 * lookup with a scan, so there they would only make each write rewrite more index entries.
 */
export async function ensureIndexes(store: Store): Promise<void> {
  const secondary = !(await isFerretDb(store.db));
  await store.services.ensureIndexes(secondary);
  await store.members.ensureIndexes(secondary);
  await store.apiKeys.ensureIndexes(secondary);
  await store.audit.ensureIndexes(secondary);
  await store.chatLinks.ensureIndexes(secondary);
  await store.teamsConversations.ensureIndexes(secondary);
  await store.slackDeliveries.ensureIndexes(secondary);
  await store.ctiEvents.ensureIndexes(secondary);
  await store.ctiCallers.ensureIndexes(secondary);
  await store.callbacks.ensureIndexes(secondary);
  await store.callbackPosts.ensureIndexes(secondary);
  await store.interactions.ensureIndexes(secondary);
  await store.wallboardLinks.ensureIndexes(secondary);
  await store.wallboardPins.ensureIndexes(secondary);
  await store.exportLinks.ensureIndexes(secondary);
  await store.smsRequests.ensureIndexes(secondary);
  await store.smsTemplates.ensureIndexes(secondary);
  await store.smsImages.ensureIndexes(secondary);
}
