/**
 * Callbacks of a plausible contact-center month for `npm run bench -- callbacks`: the stored shape of
 * `CallbackRepository` (src/store/callbacks.ts), deterministic by index so the parent process (which seeds the
 * database) and the export child (which generates them in memory) write the same rows.
 */
import type { CallbackDoc } from '../../src/domain/callbacks.js';

const NAMES = ['김민지', '이서준', '박하늘', '최지우', '정도윤', 'Emily Park', '강서연', '조하준', null];
const NOTES = [
  '오후 2시 이후에 연락 부탁드립니다',
  '배송 지연 문의',
  null,
  '환불 요청 — 주문번호 2026-0131-7781',
  null,
  'Prefers English',
];
const SOURCES = ['ivr', 'web', 'api', 'abandoned', 'manual'] as const;
const OUTCOMES = ['connected', 'no_answer', 'busy', 'left_message'] as const;
const BASE = Date.UTC(2026, 0, 1);
const MONTH = 30 * 86_400_000;

/** The `i`-th of `total` callbacks: 40 % unassigned, 20 % assigned, 30 % completed, 10 % cancelled. */
export function benchCallbackDoc(
  serviceId: string,
  i: number,
  total: number,
  agents = 100,
  status?: CallbackDoc['status'],
): CallbackDoc {
  const _id = `cb_bench${String(i).padStart(8, '0')}`;
  const phone = `010${String(10_000_000 + i)}`;
  const requestedAt = new Date(BASE + Math.floor((i * MONTH) / total));
  const kind =
    status ??
    (
      [
        'unassigned',
        'unassigned',
        'unassigned',
        'unassigned',
        'assigned',
        'assigned',
        'completed',
        'completed',
        'completed',
        'cancelled',
      ] as const
    )[i % 10]!;
  const assigned = kind === 'assigned' || kind === 'completed';
  const assigneeId = assigned ? `mem_${i % agents}` : null;
  const assignedAt = assigned ? new Date(requestedAt.getTime() + 5 * 60_000) : null;
  const completedAt = kind === 'completed' ? new Date(requestedAt.getTime() + 47 * 60_000) : null;
  const outcome = kind === 'completed' ? OUTCOMES[i % OUTCOMES.length]! : null;
  const entry = { by: 'system', byName: null, surface: 'http' as const };
  const history: CallbackDoc['history'] = [{ ...entry, at: requestedAt, action: 'created', detail: 'ivr' }];
  if (assignedAt)
    history.push({ ...entry, at: assignedAt, action: 'assigned', detail: `상담원 ${i % agents}` });
  if (completedAt) history.push({ ...entry, at: completedAt, action: 'completed', detail: outcome });
  if (kind === 'cancelled') history.push({ ...entry, at: requestedAt, action: 'cancelled', detail: '중복' });
  const open = kind === 'unassigned' || kind === 'assigned';
  return {
    _id,
    serviceId,
    phone,
    name: NAMES[i % NAMES.length]!,
    source: SOURCES[i % SOURCES.length]!,
    note: NOTES[i % NOTES.length]!,
    preferredAt: null,
    externalId: null,
    status: kind,
    assigneeId,
    assignedAt,
    assignmentId: assigned ? 'asg_bench' : null,
    requestCount: 1 + (i % 7 === 0 ? 1 : 0),
    requestedAt,
    lastRequestedAt: requestedAt,
    completedAt,
    outcome,
    completionNote: null,
    cancelReason: kind === 'cancelled' ? '중복' : null,
    attempts: completedAt
      ? [{ id: `att_${i}`, at: completedAt, by: assigneeId!, outcome, interactionId: null }]
      : [],
    unassignedRemindedAt: null,
    assignedRemindedAt: null,
    history,
    openKey: open ? `${serviceId}:${phone}` : `closed:${_id}`,
    createdAt: requestedAt,
    updatedAt: completedAt ?? assignedAt ?? requestedAt,
  };
}
