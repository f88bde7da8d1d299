import { createHash } from 'node:crypto';
import type { CtiEvent, ExitReason } from '../../domain/wallboard/events.js';

/**
 * Asterisk `queue_log` lines (`epoch|callid|queue|agent|EVENT|data1|data2|…`) to our CTI events, so a real PBX
 * can feed the wallboard without glue code. Event ids are a hash of the line: sending the same file twice is a replay.
 */
export type QueueLogLineResult =
  { kind: 'event'; event: CtiEvent } | { kind: 'ignored'; verb: string } | { kind: 'error'; error: string };

const EXITS: Record<string, { reason: ExitReason; waitField: number }> = {
  EXITWITHTIMEOUT: { reason: 'timeout', waitField: 3 }, // position|origposition|waittime
  EXITEMPTY: { reason: 'empty', waitField: 3 }, // position|origposition|waittime
  EXITWITHKEY: { reason: 'key', waitField: 4 }, // key|position|origposition|waittime
  WITHDRAW: { reason: 'withdraw', waitField: 3 }, // position|origposition|waittime|…
};

export function parseQueueLogLine(line: string): QueueLogLineResult {
  const fields = line.trim().split('|');
  if (fields.length < 5) return { kind: 'error', error: 'expected epoch|callid|queue|agent|EVENT[|data…]' };
  const [epochText, callId, queue, agentField, verbField, ...data] = fields as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const epoch = Number(epochText);
  // Past about 8.64e12 s a Date cannot hold the instant (it becomes Invalid Date, which throws where it is used).
  if (!Number.isFinite(epoch) || epoch <= 0 || Number.isNaN(new Date(epoch * 1000).getTime()))
    return { kind: 'error', error: `"${epochText}" is not an epoch time in seconds` };
  const verb = verbField.toUpperCase();
  const base = {
    id: `ql-${createHash('sha1').update(line.trim()).digest('hex').slice(0, 24)}`,
    at: new Date(Math.round(epoch * 1000)),
    service: queue,
  };
  const agent = agentField && agentField !== 'NONE' ? agentField : undefined;
  const number = (index: number, name: string): number | string => {
    const value = Number(data[index - 1]);
    return data[index - 1] !== undefined && data[index - 1] !== '' && Number.isFinite(value) && value >= 0
      ? value
      : `${verb}: ${name} (data${index}) is not a number`;
  };
  const needQueue = () => (queue && queue !== 'NONE' ? undefined : `${verb}: queue is missing`);
  const needAgent = () => (agent ? undefined : `${verb}: agent is missing`);

  switch (verb) {
    case 'ENTERQUEUE': {
      const missing = needQueue();
      if (missing) return { kind: 'error', error: missing };
      return {
        kind: 'event',
        event: { ...base, type: 'call.enqueued', callId, caller: data[1] || undefined },
      };
    }
    case 'CONNECT': {
      const missing = needQueue() ?? needAgent();
      const wait = number(1, 'holdtime');
      if (missing || typeof wait === 'string') return { kind: 'error', error: missing ?? (wait as string) };
      return {
        kind: 'event',
        event: { ...base, type: 'call.answered', callId, agent: agent!, waitSeconds: wait },
      };
    }
    case 'ABANDON': {
      const wait = number(3, 'waittime');
      if (typeof wait === 'string') return { kind: 'error', error: wait };
      return { kind: 'event', event: { ...base, type: 'call.abandoned', callId, waitSeconds: wait } };
    }
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
    case 'EXITWITHKEY':
    case 'WITHDRAW': {
      const exit = EXITS[verb]!;
      const wait = number(exit.waitField, 'waittime');
      if (typeof wait === 'string') return { kind: 'error', error: wait };
      return {
        kind: 'event',
        event: { ...base, type: 'call.exited', callId, reason: exit.reason, waitSeconds: wait },
      };
    }
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
    case 'TRANSFER': {
      const missing = needAgent();
      // COMPLETE*: holdtime|calltime|origposition; TRANSFER: extension|context|holdtime|calltime
      const talk = number(verb === 'TRANSFER' ? 4 : 2, 'calltime');
      if (missing || typeof talk === 'string') return { kind: 'error', error: missing ?? (talk as string) };
      return {
        kind: 'event',
        event: { ...base, type: 'call.ended', callId, agent: agent!, talkSeconds: talk },
      };
    }
    case 'AGENTLOGIN':
    case 'ADDMEMBER': {
      const missing = needAgent();
      if (missing) return { kind: 'error', error: missing };
      return { kind: 'event', event: { ...base, type: 'agent.login', agent: agent! } };
    }
    case 'AGENTLOGOFF':
    case 'REMOVEMEMBER': {
      const missing = needAgent();
      if (missing) return { kind: 'error', error: missing };
      return { kind: 'event', event: { ...base, type: 'agent.logout', agent: agent! } };
    }
    case 'PAUSE':
    case 'PAUSEALL': {
      const missing = needAgent();
      if (missing) return { kind: 'error', error: missing };
      return {
        kind: 'event',
        event: { ...base, type: 'agent.state', agent: agent!, state: 'break', reason: data[0] || undefined },
      };
    }
    case 'UNPAUSE':
    case 'UNPAUSEALL': {
      const missing = needAgent();
      if (missing) return { kind: 'error', error: missing };
      return { kind: 'event', event: { ...base, type: 'agent.state', agent: agent!, state: 'ready' } };
    }
    default:
      return { kind: 'ignored', verb };
  }
}

export interface QueueLogParseResult {
  events: { line: number; event: CtiEvent }[];
  ignored: Record<string, number>;
  rejected: { line: number; error: string }[];
}

/** A whole `queue_log` text; blank lines are skipped; line numbers start at 1. */
export function parseQueueLog(text: string): QueueLogParseResult {
  const result: QueueLogParseResult = { events: [], ignored: {}, rejected: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim()) return;
    const parsed = parseQueueLogLine(raw);
    if (parsed.kind === 'event') result.events.push({ line: index + 1, event: parsed.event });
    else if (parsed.kind === 'ignored') result.ignored[parsed.verb] = (result.ignored[parsed.verb] ?? 0) + 1;
    else result.rejected.push({ line: index + 1, error: parsed.error });
  });
  return result;
}
