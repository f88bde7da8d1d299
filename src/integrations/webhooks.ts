/**
 * Outgoing JSON webhooks a service configures (click-to-dial on its CTI, its ticket system). The answer is a
 * value the person can be told about, never an exception: `timeout`, `status` (with the HTTP status) or
 * `network` (refused, DNS, TLS).
 */
export type WebhookResult =
  | { ok: true; status: number }
  | { ok: false; reason: 'timeout' | 'network'; detail: string }
  | { ok: false; reason: 'status'; status: number; detail: string };

export interface WebhookClient {
  postJson(url: string, body: unknown, options?: { timeoutMs?: number }): Promise<WebhookResult>;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;

export const fetchWebhookClient: WebhookClient = {
  async postJson(url, body, options = {}) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      // The body is not ours to read beyond a short excerpt for the log line; drain it so the socket is reused.
      const text = (await response.text().catch(() => '')).slice(0, 200);
      if (response.ok) return { ok: true, status: response.status };
      return { ok: false, reason: 'status', status: response.status, detail: text };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return {
        ok: false,
        reason: 'network',
        detail: cause?.code ?? cause?.message ?? (error as Error).message,
      };
    }
  },
};
