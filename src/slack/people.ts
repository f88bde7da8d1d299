import type { WebClient } from '@slack/web-api';
import { settledWithin } from '../settled-within.js';
import { slackIdentity } from '../domain/members.js';
import type { ChatPerson } from '../usecases/services.js';

interface CachedPerson {
  person: ChatPerson;
  isBot: boolean;
  until: number;
}

const TTL_MS = 10 * 60_000;
const LOOKUP_TIMEOUT_MS = 1200;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  const settled = await settledWithin(promise, ms);
  if (!settled) throw new Error(`users.info took more than ${ms} ms`);
  return settled.value;
}
const MAX_ENTRIES = 5000;

/**
 * Who a Slack user is (name, locale) from `users.info`, cached for a few minutes: every command needs the
 * person's language, and Slack's tier-4 limit on users.info is generous but not free.
 */
export class SlackPeople {
  private readonly cache = new Map<string, CachedPerson>();

  async lookup(
    client: WebClient,
    teamId: string,
    userId: string,
  ): Promise<{ person: ChatPerson; isBot: boolean }> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit;
    const fallback: ChatPerson = {
      identity: slackIdentity(teamId, userId),
      displayName: userId,
      surface: 'slack',
    };
    let entry: CachedPerson;
    try {
      // Bounded: a trigger_id expires 3 s after the click and a modal submission must be answered within 3 s, so a
      // slow (or rate-limited and retrying) users.info must not hold the person's answer hostage.
      const info = await withTimeout(
        client.users.info({ user: userId, include_locale: true }),
        LOOKUP_TIMEOUT_MS,
      );
      const user = info.user;
      entry = {
        person: {
          ...fallback,
          // Real names read best on wallboards and assignment lists; handles are the last resort.
          displayName:
            user?.real_name ||
            user?.profile?.real_name ||
            user?.profile?.display_name ||
            user?.name ||
            userId,
          locale: user?.locale,
        },
        isBot: Boolean(user?.is_bot),
        until: Date.now() + TTL_MS,
      };
    } catch {
      // Without users.info (missing scope, Slack down) the person still gets answered, in the service language.
      entry = { person: fallback, isBot: false, until: Date.now() + 5_000 };
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, entry);
    return entry;
  }
}
