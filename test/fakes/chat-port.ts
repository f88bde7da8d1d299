import type {
  ChatMessage,
  ChatPort,
  ChatResult,
  MessageRef,
} from '../../src/usecases/notifications/chat-port.js';

export interface Sent {
  at: number;
  message: ChatMessage;
}

/**
 * An in-memory chat surface for the notification use cases: it records what it was asked to post, edit and DM,
 * answers `rate_limited` or `gone` when a test says so, and renders nothing (it sees the plain view models).
 */
export class FakeChatPort implements ChatPort {
  readonly surface: string;
  readonly pacing = { placeGapMs: 400, transientRetryMs: 1000 };
  readonly posts: (Sent & { place: string; id: string })[] = [];
  readonly updates: (Sent & { ref: MessageRef })[] = [];
  readonly dms: (Sent & { identity: string })[] = [];
  readonly refused: { call: string; result: ChatResult; at: number }[] = [];
  private seq = 0;
  private rateLimitedUntil = new Map<string, number>();
  private goneIds = new Set<string>();

  constructor(surface = 'slack') {
    this.surface = surface;
  }

  /** The next `call`s (`post`, `update`, `dm`) answer 429 with this Retry-After, for `forMs`. */
  rateLimit(call: 'post' | 'update' | 'dm', forMs: number): void {
    this.rateLimitedUntil.set(call, Date.now() + forMs);
  }

  markGone(id: string): void {
    this.goneIds.add(id);
  }

  private limited(call: string): ChatResult | undefined {
    const until = this.rateLimitedUntil.get(call);
    if (until === undefined || until <= Date.now()) return undefined;
    const result: ChatResult = { kind: 'rate_limited', retryAfterMs: until - Date.now() };
    this.refused.push({ call, result, at: Date.now() });
    return result;
  }

  async post(place: string, message: ChatMessage): Promise<ChatResult> {
    const refused = this.limited('post');
    if (refused) return refused;
    const id = `m${++this.seq}`;
    this.posts.push({ at: Date.now(), place, id, message });
    return { kind: 'posted', ref: { place, id } };
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<ChatResult> {
    if (this.goneIds.has(ref.id)) return { kind: 'gone', reason: 'message_not_found' };
    const refused = this.limited('update');
    if (refused) return refused;
    this.updates.push({ at: Date.now(), ref, message });
    return { kind: 'posted', ref };
  }

  async dm(identity: string, message: ChatMessage): Promise<ChatResult> {
    const refused = this.limited('dm');
    if (refused) return refused;
    this.dms.push({ at: Date.now(), identity, message });
    return { kind: 'posted', ref: { place: identity, id: `d${++this.seq}` } };
  }

  async pin(ref: MessageRef): Promise<ChatResult> {
    return { kind: 'posted', ref };
  }

  async unpin(ref: MessageRef): Promise<ChatResult> {
    return { kind: 'posted', ref };
  }

  fingerprint(message: ChatMessage): string {
    return JSON.stringify(message);
  }

  /** Callback ids each post showed (a card: one; a digest: many). */
  callbackIdsOf(post: { message: ChatMessage }): string[] {
    const m = post.message;
    if (m.kind === 'callback_card') return [m.callback._id];
    if (m.kind === 'callback_digest') return m.callbacks.map((c) => c._id);
    return [];
  }
}
