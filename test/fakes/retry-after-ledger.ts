/**
 * Timers may fire a few milliseconds early against Date.now() (they run on a monotonic clock); a client that waited
 * Retry-After by a timer is not early by this much.
 */
const CLOCK_SLACK_MS = 25;

/**
 * What a rate-limited platform remembers of its 429s: per key (a method and the channel or conversation it was for),
 * when a retry is allowed again. Both fakes record a call made before then as a violation, as a real platform would
 * answer it with another 429 and count it against the app.
 */
export class RetryAfterLedger {
  private readonly notBefore = new Map<string, number>();

  /** A 429 with `Retry-After: seconds` was just answered for this key. */
  refused(key: string, retryAfterSeconds: number): void {
    this.notBefore.set(key, Date.now() + retryAfterSeconds * 1000);
  }

  /** A call for this key arrives: records a violation when it comes before the last Retry-After has passed. */
  check(key: string, violations: string[]): void {
    const notBefore = this.notBefore.get(key);
    if (notBefore === undefined) return;
    const early = notBefore - Date.now();
    if (early > CLOCK_SLACK_MS)
      violations.push(`${key}: called again ${early} ms before the Retry-After of the last 429 had passed`);
    else this.notBefore.delete(key);
  }

  clear(): void {
    this.notBefore.clear();
  }
}
