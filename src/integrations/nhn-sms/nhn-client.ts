import type { z } from 'zod';
import type { SmsType } from '../../domain/sms.js';
import type {
  ProviderRecipientResult,
  ProviderResult,
  ProviderSendOutcome,
  ProviderSendRequest,
  SmsErrorCode,
  SmsProvider,
  SmsProviderError,
} from './provider.js';
import { errorCodeOf, recipientStatusOf } from './status-map.js';
import {
  cancelBody,
  formatKst,
  listBody,
  messageResultsBody,
  nhnEnvelope,
  parseKst,
  sendBody,
  sendNosBody,
  uploadBody,
  type NhnRecipientRow,
} from './wire.js';

/**
 * NHN Cloud Notification SMS API v3.0 (docs/sms.md "NHN Cloud"; contract sheet in DOMAIN.md).
 *
 * Retries, and why they differ between reads and sends:
 * - Reads (lists, results, sender numbers) and image uploads are retried with exponential backoff and jitter on
 *   network errors, time-outs and HTTP 5xx: asking again changes nothing (an orphan upload is harmless).
 * - `send` is retried only when NHN cannot have seen the request: the connection was refused or the host name did
 *   not resolve, before a byte was written. If that persists, the outcome is `rejected` with code `network` and
 *   `retryable: true` (nothing was sent; the caller may try later). A time-out, a connection dropped after the
 *   request was written, a 5xx or an answer we cannot read may hide an accepted request: the outcome is `unknown`
 *   and the caller asks `findByGroupingKey` before it sends that chunk again. An answer that says accepted is final.
 * - An answer with `header.isSuccessful: false` (NHN sends business errors as HTTP 200) is never retried: it is
 *   mapped to our error code (status-map.ts).
 */

export interface NhnSmsOptions {
  appKey: string;
  secretKey: string;
  /** e.g. `https://sms.api.nhncloudservice.com` (no trailing path). */
  baseUrl: string;
  /** Per HTTP request. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts after the first (reads; sends only before anything was written). Default 3. */
  retries?: number;
  /** First backoff delay; doubles per attempt, with jitter, capped at 5 s. Default 250 ms. */
  backoffMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Rows per list page (NHN's maximum, 1000, unless a test wants to see paging with a few rows). */
  pageSize?: number;
  /** Who NHN records as the uploader / canceller (`createUser`, `updateUser`). Default `switchboard`. */
  user?: string;
}

const MAX_BACKOFF_MS = 5_000;
/** NHN's /message-results window (one day; the dates have second precision, both ends included). */
const RESULTS_WINDOW_MS = 86_400_000 - 1_000;
/** A list that claims more pages than this is broken: stop rather than loop for ever. */
const MAX_PAGES = 1_000;

/** Connection errors that happen before the request is written: NHN cannot have seen it. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

type Exchange =
  | { kind: 'answer'; status: number; text: string }
  | { kind: 'failure'; notSent: boolean; timeout: boolean; detail: string };

type Answer<T> = { ok: true; value: T } | { ok: false; error: SmsProviderError; maybeAccepted: boolean };

function providerError(
  code: SmsErrorCode,
  detail: string,
  retryable: boolean,
  providerCode: number | null = null,
): SmsProviderError {
  return { code, providerCode, detail, retryable };
}

/** The error code and, for undici's `fetch failed`, the system error underneath. */
function describeFailure(error: unknown): { code: string | undefined; detail: string; timeout: boolean } {
  const e = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return { code: undefined, detail: 'no answer in time', timeout: true };
  let cause: unknown = e;
  let code: string | undefined;
  const parts: string[] = [];
  for (let depth = 0; cause && depth < 4; depth++) {
    const c = cause as { message?: string; code?: string; cause?: unknown; errors?: unknown[] };
    if (c.message) parts.push(c.message);
    code ??= c.code;
    // Happy eyeballs: an AggregateError whose parts are the refused connections.
    if (!code && Array.isArray(c.errors)) code = (c.errors[0] as { code?: string } | undefined)?.code;
    cause = c.cause;
  }
  return { code, detail: parts.join(': ') || String(error), timeout: false };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createNhnSmsProvider(options: NhnSmsOptions): SmsProvider {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const user = options.user ?? 'switchboard';
  const pageSize = Math.min(1000, options.pageSize ?? 1000);
  const root = `${options.baseUrl.replace(/\/+$/, '')}/sms/v3.0/appKeys/${encodeURIComponent(options.appKey)}`;

  const backoff = (attempt: number) => {
    const ceiling = Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };

  async function exchange(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query?: Record<string, string | number>,
    body?: unknown,
  ): Promise<Exchange> {
    const url = new URL(root + path);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, String(value));
    try {
      const response = await doFetch(url, {
        method,
        headers: {
          'content-type': 'application/json;charset=UTF-8',
          accept: 'application/json',
          'x-secret-key': options.secretKey,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The time-out also covers reading the body: a dropped connection mid-answer lands in the catch below.
      const text = await response.text();
      return { kind: 'answer', status: response.status, text };
    } catch (error) {
      const { code, detail, timeout } = describeFailure(error);
      return { kind: 'failure', notSent: code !== undefined && NOT_SENT_CODES.has(code), timeout, detail };
    }
  }

  /** Reads an exchange: the body on success, else an error and whether NHN may have acted on the request. */
  function interpret<S extends z.ZodType>(result: Exchange, schema: S): Answer<z.output<S>> {
    if (result.kind === 'failure') {
      const code: SmsErrorCode = result.timeout ? 'timeout' : 'network';
      return {
        ok: false,
        error: providerError(code, result.detail, result.notSent),
        maybeAccepted: !result.notSent,
      };
    }
    const { status, text } = result;
    if (status >= 500)
      return {
        ok: false,
        error: providerError('provider_unavailable', `HTTP ${status}: ${text.slice(0, 200)}`, true),
        maybeAccepted: true,
      };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = nhnEnvelope.safeParse(json);
    if (!envelope.success) {
      if (status === 401 || status === 403)
        return {
          ok: false,
          error: providerError('invalid_credentials', `HTTP ${status}`, false),
          maybeAccepted: false,
        };
      // A 2xx we cannot read may be an acceptance; a 4xx without NHN's header is a refusal by whatever answered.
      const readable = status < 300 ? 'unknown' : 'invalid_request';
      return {
        ok: false,
        error: providerError(readable, `HTTP ${status}, unreadable answer: ${text.slice(0, 200)}`, false),
        maybeAccepted: status < 300,
      };
    }
    const { header, body } = envelope.data;
    if (!header.isSuccessful)
      return {
        ok: false,
        error: providerError(
          errorCodeOf(header.resultCode),
          header.resultMessage ?? `NHN ${header.resultCode}`,
          false,
          header.resultCode,
        ),
        maybeAccepted: false,
      };
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      return {
        ok: false,
        error: providerError(
          'unknown',
          `unexpected answer shape: ${parsed.error.message.slice(0, 300)}`,
          false,
        ),
        maybeAccepted: true,
      };
    return { ok: true, value: parsed.data as z.output<S> };
  }

  /** A request that may be repeated: retried on network errors, time-outs and 5xx, with backoff. */
  async function read<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    query?: Record<string, string | number>,
    body?: unknown,
  ): Promise<ProviderResult<z.output<S>>> {
    for (let attempt = 0; ; attempt++) {
      const answer = interpret(await exchange(method, path, query, body), schema);
      if (answer.ok) return answer;
      const transient = ['network', 'timeout', 'provider_unavailable'].includes(answer.error.code);
      if (!transient || attempt >= retries) return { ok: false, error: answer.error };
      await sleep(backoff(attempt));
    }
  }

  async function readAllPages<S extends z.ZodType, I>(
    path: string,
    schema: S,
    query: Record<string, string | number>,
    itemsOf: (page: z.output<S>) => { items: I[]; totalCount: number | null },
  ): Promise<ProviderResult<I[]>> {
    const all: I[] = [];
    for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
      const page = await read('GET', path, schema, { ...query, pageNum, pageSize });
      if (!page.ok) return page;
      const { items, totalCount } = itemsOf(page.value);
      all.push(...items);
      const more = totalCount !== null ? all.length < totalCount : items.length === pageSize;
      if (!more || items.length === 0) return { ok: true, value: all };
    }
    return { ok: true, value: all };
  }

  /**
   * One recipient's result from either list: `/sender/sms|mms` rows, or `/message-results` rows, which may lack the
   * recipient number (callers then match on requestId + recipientSeq) and fall back on `updateDate`.
   */
  const recipientResultOf = (item: NhnRecipientRow): ProviderRecipientResult => {
    const status = recipientStatusOf(item.msgStatus, item.resultCode);
    return {
      requestId: item.requestId,
      recipientSeq: item.recipientSeq,
      recipientNo: item.recipientNo ?? '',
      status,
      resultCode: item.resultCode,
      resultMessage: item.resultMessage || item.resultCodeName,
      deliveredAt: status === 'success' ? parseKst(item.resultDate ?? item.updateDate) : null,
      senderGroupingKey: item.senderGroupingKey,
    };
  };

  const listPath = (type: SmsType) => (type === 'MMS' ? '/sender/mms' : '/sender/sms');

  return {
    async send(request: ProviderSendRequest): Promise<ProviderSendOutcome> {
      const mms = request.type === 'MMS';
      const path = `/sender/${request.advertisement ? 'ad-' : ''}${mms ? 'mms' : 'sms'}`;
      const payload: Record<string, unknown> = {
        body: request.body,
        sendNo: request.sendNo,
        recipientList: request.recipients.map((recipientNo) => ({ recipientNo })),
        senderGroupingKey: request.senderGroupingKey,
      };
      if (mms) {
        payload.title = request.title ?? '';
        if (request.attachFileIds?.length) payload.attachFileIdList = request.attachFileIds;
      }
      if (request.userId) payload.userId = request.userId;
      if (request.reserveAt) payload.requestDate = formatKst(request.reserveAt, false);

      for (let attempt = 0; ; attempt++) {
        const answer = interpret(await exchange('POST', path, undefined, payload), sendBody);
        if (answer.ok) {
          const data = answer.value.data;
          return {
            kind: 'accepted',
            requestId: data.requestId,
            recipients: data.sendResultList.map((r) => {
              const accepted = r.resultCode === null || r.resultCode === 0;
              return {
                requestId: data.requestId,
                recipientSeq: r.recipientSeq,
                recipientNo: r.recipientNo,
                status: accepted ? 'pending' : 'failed',
                resultCode: r.resultCode === null ? null : String(r.resultCode),
                resultMessage: r.resultMessage,
                deliveredAt: null,
                senderGroupingKey: data.senderGroupingKey ?? request.senderGroupingKey,
              } satisfies ProviderRecipientResult;
            }),
          };
        }
        if (answer.maybeAccepted) return { kind: 'unknown', error: { ...answer.error, retryable: false } };
        // Nothing reached NHN: safe to try again, up to the retry budget.
        if (answer.error.retryable && attempt < retries) {
          await sleep(backoff(attempt));
          continue;
        }
        return { kind: 'rejected', error: answer.error };
      }
    },

    async uploadImage(image) {
      const result = await read('POST', '/attachfile/binaryUpload', uploadBody, undefined, {
        fileName: image.fileName,
        createUser: user,
        fileBody: Buffer.from(image.data).toString('base64'),
      });
      return result.ok ? { ok: true, value: { fileId: result.value.data.fileId } } : result;
    },

    async findByGroupingKey(senderGroupingKey, type, between) {
      const result = await readAllPages(
        listPath(type),
        listBody,
        {
          senderGroupingKey,
          startRequestDate: formatKst(between.from),
          endRequestDate: formatKst(between.to),
        },
        (page) => ({ items: page.data, totalCount: page.totalCount }),
      );
      if (!result.ok) return result;
      // NHN filters by the key; checking again costs nothing and guards against a server ignoring the filter.
      const items = result.value.filter(
        (i) => i.senderGroupingKey === null || i.senderGroupingKey === senderGroupingKey,
      );
      const first = items[0];
      if (!first) return { ok: true, value: { found: false } };
      return {
        ok: true,
        value: {
          found: true,
          requestId: first.requestId,
          recipients: items.filter((i) => i.requestId === first.requestId).map(recipientResultOf),
        },
      };
    },

    async recipientsOf(requestId, type) {
      const result = await readAllPages(listPath(type), listBody, { requestId }, (page) => ({
        items: page.data,
        totalCount: page.totalCount,
      }));
      return result.ok ? { ok: true, value: result.value.map(recipientResultOf) } : result;
    },

    async resultsUpdatedBetween(from, to) {
      // NHN searches at most one day at a time: a longer window is asked for day by day.
      const all: ProviderRecipientResult[] = [];
      for (let start = from.getTime(); start <= to.getTime(); start += RESULTS_WINDOW_MS + 1_000) {
        const end = Math.min(to.getTime(), start + RESULTS_WINDOW_MS);
        const result = await readAllPages(
          '/message-results',
          messageResultsBody,
          { startUpdateDate: formatKst(new Date(start)), endUpdateDate: formatKst(new Date(end)) },
          (page) => page,
        );
        if (!result.ok) return result;
        all.push(...result.value.map(recipientResultOf));
      }
      return { ok: true, value: all };
    },

    async cancelReservation(requestId, recipientSeqs) {
      const result = await read('PUT', '/reservations/cancel', cancelBody, undefined, {
        reservationList: recipientSeqs.map((recipientSeq) => ({ requestId, recipientSeq })),
        updateUser: user,
      });
      return result.ok ? { ok: true, value: { canceledCount: result.value.data.canceledCount } } : result;
    },

    async senderNumbers() {
      const result = await readAllPages('/sendNos', sendNosBody, {}, (page) => ({
        items: page.data,
        totalCount: page.totalCount,
      }));
      if (!result.ok) return result;
      // Only numbers NHN would send from: in use and not blocked.
      const usable = result.value.filter((n) => n.useYn !== 'N' && n.blockYn !== 'Y');
      return { ok: true, value: [...new Set(usable.map((n) => n.sendNo.replace(/\D/g, '')))] };
    },
  };
}
