import { CTI_EVENT_RETENTION_MS, MAX_EVENT_AHEAD_MS } from '../domain/wallboard/event-window.js';
import type { Store } from '../store/index.js';

/**
 * Callers of queued calls (for abandoned-call callbacks) are kept this long after they were recorded: a call waits
 * minutes, and a PBX that resends a batch after a long outage still finds them; a callback days late helps nobody.
 */
export const CTI_CALLER_RETENTION_MS = 2 * 86_400_000;

/** Slack retry records past their window (FerretDB v1 has no TTL indexes to do it). */
export async function purgeExpiredSlackDeliveries(store: Store): Promise<void> {
  await store.slackDeliveries.purgeExpired();
}

/**
 * CTI events are kept for CTI_EVENT_RETENTION_DAYS: enough to rebuild today and to investigate last month's
 * figures. Events dated impossibly far ahead go too; so do the callers of long-finished queued calls.
 */
export async function purgeOldCtiEvents(store: Store, now = Date.now()): Promise<void> {
  await store.ctiEvents.purgeOutside(
    new Date(now - CTI_EVENT_RETENTION_MS),
    new Date(now + MAX_EVENT_AHEAD_MS),
  );
  await store.ctiCallers.purgeBefore(new Date(now - CTI_CALLER_RETENTION_MS));
}

/** Expired export download links and their files (see `export-links.ts`). */
export { purgeExpiredExportLinks } from './export-links.js';
