import { settledStatus } from '../../domain/sms.js';
import type {
  ProviderRecipientResult,
  SmsProvider,
  SmsProviderError,
} from '../../integrations/nhn-sms/provider.js';
import { SMS_DELIVER, SMS_POLL_RESULTS } from '../../jobs/sms-jobs.js';
import { newId } from '../../store/ids.js';
import type { LeaseHolder, SmsChunkDoc, SmsRecipientDoc, SmsRequestDoc } from '../../store/sms-requests.js';
import { smsNow, type SmsDeps } from './deps.js';
import { completeCancel } from './history.js';
import { applyResults } from './recipient-results.js';

/**
 * Delivery of a send request (docs/sms.md, "Sending exactly once"), run by the `sms.deliver` job. Each chunk moves
 * `pending → sending → accepted | failed`. A chunk whose send got no trustworthy answer — a time-out, a dropped
 * connection, or a chunk found in `sending` because the process died mid-send — is never simply sent again: the
 * provider is first asked whether its `senderGroupingKey` was accepted. Only a "no" leads to another send.
 */

/** How long a run owns a request's delivery without renewing (renewed every third of it while it runs). */
export const DELIVERY_LEASE_MS = 30_000;
/** Chunks one run sends side by side (NHN takes concurrent requests; three keep the burst small). */
const CHUNKS_AT_ONCE = 3;
/** Sends of one chunk the provider never got (refused as retryable, or not found after an unknown outcome). */
const SEND_ATTEMPTS = 3;
/** Questions "was this grouping key accepted?" before a run gives up for now and comes back later. */
const ASK_ATTEMPTS = 3;
const RETRY_DELAYS_MS = [500, 2000, 5000];
/** When a run could not tell whether a chunk was accepted: the job comes back after this. */
const UNDECIDED_RETRY_MS = 60_000;
/** The provider's date-range search around a chunk: from before the request was made to after now. */
const SEARCH_MARGIN_MS = 60 * 60_000;
/** The first result poll after the last chunk was accepted. */
export const FIRST_POLL_DELAY_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryDelay = (attempt: number) =>
  RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 5000;

/** `sms.deliver`: claims the request (`scheduled | queued → sending`), then sends every chunk not yet settled. */
export async function deliverSmsRequest(deps: SmsDeps, requestId: string): Promise<void> {
  const { store } = deps;
  let request = await store.smsRequests.get(requestId);
  if (!request) {
    deps.log.warn({ smsRequestId: requestId }, 'sms delivery: no such request');
    return;
  }
  if (request.status === 'scheduled' || request.status === 'queued') {
    // The race against cancel is decided once, by whichever records its decision first.
    const decision = await store.smsRequests.decideStartOrCancel(requestId, 'start', smsNow(deps));
    if (decision === 'cancel') {
      await completeCancel(deps, request, smsNow(deps));
      deps.log.info({ smsRequestId: requestId }, 'sms delivery: cancelled before it started');
      return;
    }
    const claimed = await store.smsRequests.transition(requestId, ['scheduled', 'queued'], 'sending', {
      startedAt: smsNow(deps),
    });
    request = await store.smsRequests.get(requestId);
    if (!request) return;
    if (claimed) deps.log.info({ smsRequestId: requestId }, 'sms request sending');
  }
  if (request.status !== 'sending') {
    deps.log.info(
      { smsRequestId: requestId, status: request.status },
      'sms delivery: nothing to send (cancelled or final)',
    );
    return;
  }
  if (request.chunksSettledAt) {
    await scheduleResultPoll(deps, request, FIRST_POLL_DELAY_MS);
    return;
  }

  const runId = newId('run');
  const now = smsNow(deps);
  const me: LeaseHolder | null = deps.thisProcess
    ? { host: deps.thisProcess.host, pid: deps.thisProcess.pid, boot: deps.thisProcess.boot }
    : null;
  if (
    !(await store.smsRequests.takeLease(requestId, runId, now, DELIVERY_LEASE_MS, me)) &&
    !(await takeLeaseOfGoneProcess(deps, requestId, runId, me))
  ) {
    // Another run (a second instance, or the job of a process that died less than a lease ago) holds it.
    const holder = await store.smsRequests.get(requestId);
    const until = holder?.lease?.until.getTime() ?? now.getTime();
    const at = new Date(Math.max(until, now.getTime()) + 1000);
    deps.log.info(
      { smsRequestId: requestId, at },
      'sms delivery: another run holds the request; trying later',
    );
    await deps.scheduler.schedule(at, SMS_DELIVER, { requestId });
    return;
  }
  const heartbeat = setInterval(() => {
    store.smsRequests
      .takeLease(requestId, runId, smsNow(deps), DELIVERY_LEASE_MS, me)
      .catch((error: unknown) =>
        deps.log.warn({ err: error, smsRequestId: requestId }, 'sms delivery: lease renewal failed'),
      );
  }, DELIVERY_LEASE_MS / 3);
  try {
    await deliverChunks(deps, request);
  } catch (error) {
    // A database or programming error mid-way: the chunks keep their states, so a later run carries on safely
    // (a chunk left `sending` is asked about first). Without this the request would wait for the next restart.
    const at = new Date(smsNow(deps).getTime() + UNDECIDED_RETRY_MS);
    await deps.scheduler
      .schedule(at, SMS_DELIVER, { requestId })
      .catch((scheduling: unknown) =>
        deps.log.error(
          { err: scheduling, smsRequestId: requestId },
          'sms delivery: could not schedule a retry',
        ),
      );
    throw error;
  } finally {
    clearInterval(heartbeat);
    await store.smsRequests.releaseLease(requestId, runId);
  }
}

/**
 * A lease whose holder ran on this host in a process that is gone (killed, crashed, or this pid in an earlier boot
 * of a container) is taken at once: the restarted server carries on within seconds, not after the lease runs out.
 * A holder on another host, or one whose process still runs, keeps its lease until it expires.
 */
async function takeLeaseOfGoneProcess(
  deps: SmsDeps,
  requestId: string,
  runId: string,
  holder: LeaseHolder | null,
): Promise<boolean> {
  const me = deps.thisProcess;
  const lease = (await deps.store.smsRequests.get(requestId))?.lease;
  const other = lease?.holder;
  if (!me || !lease || !other || other.host !== me.host || other.boot === me.boot) return false;
  if (other.pid !== me.pid && me.isAlive(other.pid)) return false;
  const taken = await deps.store.smsRequests.takeLeaseFrom(
    requestId,
    lease.runId,
    runId,
    smsNow(deps),
    DELIVERY_LEASE_MS,
    holder,
  );
  if (taken)
    deps.log.info(
      { smsRequestId: requestId, goneProcess: other },
      'sms delivery: took over the lease of a process that is gone',
    );
  return taken;
}

async function deliverChunks(deps: SmsDeps, request: SmsRequestDoc): Promise<void> {
  const { store } = deps;
  const provider = deps.provider;
  const chunks = await store.smsRequests.chunksOf(request);
  if (!provider) {
    // Credentials removed between submission and delivery: nothing can be sent; say so on every recipient.
    const error = { code: 'provider_unavailable', providerCode: null, detail: 'no SMS provider configured' };
    for (const chunk of chunks) if (chunk.state === 'pending') await failChunk(deps, chunk, error);
    await finishDelivery(deps, request);
    return;
  }
  const attachFileIds = await uploadImageOnce(deps, provider, request);
  if (attachFileIds === 'failed') {
    for (const chunk of chunks)
      if (chunk.state === 'pending')
        await failChunk(deps, chunk, {
          code: 'image_upload_failed',
          providerCode: null,
          detail: 'the image could not be uploaded',
        });
    await finishDelivery(deps, request);
    return;
  }
  let takenByAnother = false;
  let undecided: SmsChunkDoc | undefined;
  const open = chunks.filter((c) => c.state !== 'accepted' && c.state !== 'failed');
  // A few chunks at a time: each is its own provider request with its own grouping key, so sending them side by
  // side changes nothing about exactly-once, and a 10,000-recipient send does not wait for ten round trips in a row.
  const worker = async () => {
    for (let chunk = open.shift(); chunk && !undecided; chunk = open.shift()) {
      const outcome = await deliverChunk(deps, provider, request, chunk, attachFileIds);
      if (outcome === 'undecided') undecided = chunk;
      if (outcome === 'taken') takenByAnother = true;
    }
  };
  await Promise.all(Array.from({ length: CHUNKS_AT_ONCE }, worker));
  if (undecided) {
    // Never resend what may have been accepted: come back when the provider can answer the question.
    const at = new Date(smsNow(deps).getTime() + UNDECIDED_RETRY_MS);
    deps.log.warn(
      { smsRequestId: request._id, chunk: undecided.n, at },
      'sms chunk undecided; delivery paused',
    );
    await deps.scheduler.schedule(at, SMS_DELIVER, { requestId: request._id });
    return;
  }
  if (takenByAnother) {
    // Another run is sending a chunk: whichever of us ends last sees every chunk settled and finishes.
    const chunksNow = await store.smsRequests.chunksOf(request);
    if (chunksNow.some((c) => c.state === 'pending' || c.state === 'sending')) return;
  }
  await finishDelivery(deps, request);
}

/** Every chunk settled: record it, recount, and collect results until every recipient is final. */
async function finishDelivery(deps: SmsDeps, request: SmsRequestDoc): Promise<void> {
  const now = smsNow(deps);
  await deps.store.smsRequests.markChunksSettled(request._id, now);
  const after = await deps.store.smsRequests.recount(request._id, settledStatus, now);
  deps.log.info(
    { smsRequestId: request._id, status: after?.status, counts: after?.counts },
    'sms chunks settled',
  );
  if (after?.status === 'sending') await scheduleResultPoll(deps, after, FIRST_POLL_DELAY_MS);
}

/**
 * Schedules the next `sms.pollResults`, unless another run already moved the poll time (then its chain is the live
 * one): a resumed delivery never starts a second chain of polls.
 */
export async function scheduleResultPoll(
  deps: SmsDeps,
  request: SmsRequestDoc,
  delayMs: number,
  polls = request.polls,
): Promise<void> {
  const at = new Date(smsNow(deps).getTime() + delayMs);
  if (!(await deps.store.smsRequests.movePoll(request._id, request.nextPollAt, at, polls))) return;
  await deps.scheduler.schedule(at, SMS_POLL_RESULTS, { requestId: request._id });
}

/** The image goes up once, before the first chunk; a resumed run finds its file id. */
async function uploadImageOnce(
  deps: SmsDeps,
  provider: SmsProvider,
  request: SmsRequestDoc,
): Promise<number[] | undefined | 'failed'> {
  if (!request.image || request.type !== 'MMS') return undefined;
  if (request.providerFileId !== null) return [request.providerFileId];
  const image = await deps.store.smsRequests.image(request._id);
  if (!image) return 'failed';
  for (let attempt = 0; ; attempt++) {
    const uploaded = await provider.uploadImage(image);
    if (uploaded.ok) {
      await deps.store.smsRequests.setProviderFileId(request._id, uploaded.value.fileId);
      deps.log.info({ smsRequestId: request._id, fileId: uploaded.value.fileId }, 'sms image uploaded');
      return [uploaded.value.fileId];
    }
    // An upload that may have reached NHN only leaves an unused file there: trying again is harmless.
    const transient = ['network', 'timeout', 'provider_unavailable'].includes(uploaded.error.code);
    if (!transient || attempt + 1 >= SEND_ATTEMPTS) {
      deps.log.error({ smsRequestId: request._id, error: uploaded.error }, 'sms image upload failed');
      return 'failed';
    }
    await sleep(retryDelay(attempt));
  }
}

type ChunkOutcome = 'accepted' | 'failed' | 'taken' | 'undecided';

async function deliverChunk(
  deps: SmsDeps,
  provider: SmsProvider,
  request: SmsRequestDoc,
  chunk: SmsChunkDoc,
  attachFileIds: number[] | undefined,
): Promise<ChunkOutcome> {
  let current = chunk;
  let lastError: SmsProviderError | null = null;
  if (current.state === 'sending') {
    // Cut off mid-send (the process died, or a run gave up asking): the provider may have it. Ask first.
    logChunk(deps, current, 'found sending; asking the provider before any resend');
    const asked = await askProvider(deps, provider, request, current);
    if (asked.kind === 'found') return acceptChunk(deps, current, asked.requestId, asked.recipients);
    if (asked.kind === 'undecided') return 'undecided';
  }
  for (;;) {
    if (current.attempts >= SEND_ATTEMPTS)
      return failChunk(deps, current, {
        code: lastError?.code ?? 'unknown',
        providerCode: lastError?.providerCode ?? null,
        detail: `not accepted after ${current.attempts} attempts${lastError ? `: ${lastError.detail}` : ''}`,
      });
    const started = await deps.store.smsRequests.startSending(current, smsNow(deps));
    if (!started) {
      logChunk(deps, current, 'taken by another run');
      return 'taken';
    }
    current = started;
    logChunk(deps, current, 'sending', { attempt: current.attempts, recipients: current.recipients.length });
    const outcome = await provider.send({
      type: request.type,
      advertisement: request.advertisement,
      body: request.body,
      title: request.title,
      sendNo: request.sendNo,
      recipients: current.recipients.map((r) => r.phone),
      senderGroupingKey: current.senderGroupingKey,
      attachFileIds,
    });
    if (outcome.kind === 'accepted') return acceptChunk(deps, current, outcome.requestId, outcome.recipients);
    lastError = outcome.error;
    if (outcome.kind === 'rejected') {
      // Refused: nothing was sent. Only a refusal that says "try again" (nothing reached NHN, 5xx) is retried.
      if (!outcome.error.retryable) return failChunk(deps, current, errorOf(outcome.error));
      logChunk(deps, current, 'refused for now; retrying', { error: outcome.error });
      await sleep(retryDelay(current.attempts - 1));
      continue;
    }
    logChunk(deps, current, 'no trustworthy answer; asking the provider', { error: outcome.error });
    const asked = await askProvider(deps, provider, request, current);
    if (asked.kind === 'found') return acceptChunk(deps, current, asked.requestId, asked.recipients);
    if (asked.kind === 'undecided') return 'undecided';
    await sleep(retryDelay(current.attempts - 1));
  }
}

type Asked =
  | { kind: 'found'; requestId: string; recipients: ProviderRecipientResult[] }
  | { kind: 'notFound' }
  | { kind: 'undecided' };

/** Was this chunk's grouping key accepted? Asked a few times; "can't tell" is never taken for "no". */
async function askProvider(
  deps: SmsDeps,
  provider: SmsProvider,
  request: SmsRequestDoc,
  chunk: SmsChunkDoc,
): Promise<Asked> {
  for (let attempt = 0; attempt < ASK_ATTEMPTS; attempt++) {
    const between = {
      from: new Date(request.createdAt.getTime() - SEARCH_MARGIN_MS),
      to: new Date(smsNow(deps).getTime() + SEARCH_MARGIN_MS),
    };
    const answer = await provider.findByGroupingKey(chunk.senderGroupingKey, request.type, between);
    if (answer.ok) {
      logChunk(deps, chunk, answer.value.found ? 'provider has it' : 'provider does not have it');
      return answer.value.found
        ? { kind: 'found', requestId: answer.value.requestId, recipients: answer.value.recipients }
        : { kind: 'notFound' };
    }
    logChunk(deps, chunk, 'could not ask the provider', { error: answer.error });
    if (attempt + 1 < ASK_ATTEMPTS) await sleep(retryDelay(attempt));
  }
  return { kind: 'undecided' };
}

async function acceptChunk(
  deps: SmsDeps,
  chunk: SmsChunkDoc,
  providerRequestId: string,
  results: ProviderRecipientResult[],
): Promise<ChunkOutcome> {
  const recipients = applyResults(chunk.recipients, results)?.recipients ?? chunk.recipients;
  const written = await deps.store.smsRequests.markAccepted(chunk, providerRequestId, recipients);
  logChunk(deps, chunk, written ? 'accepted' : 'accepted (already recorded by another run)', {
    providerRequestId,
    refused: recipients.filter((r) => r.status === 'failed').length,
  });
  return 'accepted';
}

async function failChunk(
  deps: SmsDeps,
  chunk: SmsChunkDoc,
  error: NonNullable<SmsChunkDoc['error']>,
): Promise<ChunkOutcome> {
  const recipients: SmsRecipientDoc[] = chunk.recipients.map((r) =>
    r.status === 'pending'
      ? {
          ...r,
          status: 'failed',
          resultCode: error.providerCode !== null ? String(error.providerCode) : error.code,
          resultMessage: error.detail,
        }
      : r,
  );
  await deps.store.smsRequests.markFailed(chunk, error, recipients);
  logChunk(deps, chunk, 'failed', { error });
  return 'failed';
}

const errorOf = (error: SmsProviderError): NonNullable<SmsChunkDoc['error']> => ({
  code: error.code,
  providerCode: error.providerCode,
  detail: error.detail,
});

/** One line per chunk state change: what the SIGKILL test and the benchmark read to follow a delivery. */
function logChunk(
  deps: SmsDeps,
  chunk: SmsChunkDoc,
  what: string,
  extra: Record<string, unknown> = {},
): void {
  deps.log.info(
    { smsRequestId: chunk.requestId, chunk: chunk.n, senderGroupingKey: chunk.senderGroupingKey, ...extra },
    `sms chunk ${what}`,
  );
}

/**
 * On start: requests left `sending` by a process that died get their delivery job now (it waits for the dead
 * run's lease to run out, at most `DELIVERY_LEASE_MS`), and those whose chunks are all settled get their result
 * poll back. A queued or scheduled request long overdue (its job was lost before it was saved) is scheduled again;
 * the claim makes a second job harmless.
 */
export async function resumeInterruptedSms(deps: SmsDeps): Promise<void> {
  const now = smsNow(deps);
  const requests = await deps.store.smsRequests.withStatus(['sending', 'queued', 'scheduled']);
  for (const request of requests) {
    if (request.status === 'sending' && request.chunksSettledAt) {
      if (!request.nextPollAt || request.nextPollAt.getTime() < now.getTime() - 60_000)
        await scheduleResultPoll(deps, request, 0);
      continue;
    }
    const due = request.status === 'sending' ? now : (request.sendAt ?? request.createdAt);
    if (request.status !== 'sending' && due.getTime() > now.getTime() - 60_000) continue;
    deps.log.info(
      { smsRequestId: request._id, status: request.status },
      'sms delivery resumed after a restart',
    );
    await deps.scheduler.schedule(now, SMS_DELIVER, { requestId: request._id });
  }
}
