import type { Messages } from './messages.js';

/**
 * Interaction records ("tickets"): registered history (이력 등록) and the ticket Connect (연결) creates, as cards,
 * history views, the export sheet and the API show them.
 */
export const interactionMessages = {
  'interactions.kind.history': { ko: '이력 등록', en: 'Register history' },
  'interactions.kind.outbound_call': { ko: '연결 (티켓 자동 생성)', en: 'Connect (ticket created)' },
  'interactions.forward.none': { ko: '-', en: '-' },
  'interactions.forward.pending': { ko: '티켓 전송 대기', en: 'Ticket waiting to send' },
  'interactions.forward.sent': { ko: '티켓 전송됨', en: 'Ticket sent' },
  'interactions.forward.failed': { ko: '티켓 전송 실패', en: 'Ticket not sent' },
  'interactions.cardTitle': { ko: '최근 이력', en: 'Latest history' },
  'interactions.viewButton': { ko: '이력 보기', en: 'View history' },
  'interactions.viewButtonLabel': {
    ko: '{phone} 콜백의 이력 보기',
    en: 'View the history of the callback for {phone}',
  },
  'interactions.modalTitle': { ko: '상담 이력', en: 'History' },
  'interactions.close': { ko: '닫기', en: 'Close' },
  'interactions.none': { ko: '아직 등록된 이력이 없습니다.', en: 'No history has been registered yet.' },
  'interactions.countOf': { ko: '이력 {count}건', en: '{count} history entries' },
  'interactions.phoneTitle': { ko: '{phone} 상담 이력', en: 'History of {phone}' },
  'interactions.phoneMore': {
    ko: '최근 {shown}건만 표시했습니다. 전체는 콜백 목록 엑셀 내보내기의 "이력" 시트에서 보세요.',
    en: 'Showing the latest {shown} only. See them all in the "Interactions" sheet of the callback list export.',
  },
  'interactions.ownOnly': {
    ko: '내가 등록한 이력과 나에게 할당된 콜백의 이력만 표시됩니다.',
    en: 'Only history you registered and history of callbacks assigned to you is shown.',
  },
  'interactions.usage': {
    ko: '사용법: `/callback history <전화번호>` (예: `/callback history 010-1234-5678`)',
    en: 'Usage: `/callback history <phone number>` (e.g. `/callback history 010-1234-5678`)',
  },
  'interactions.registered': {
    ko: '이력을 등록했습니다. 콜백 카드의 [이력 보기] 또는 `/callback history {phone}`로 볼 수 있습니다.',
    en: 'History registered. See it under [View history] on the callback card or with `/callback history {phone}`.',
  },
  'interactions.registeredNoPhone': {
    ko: '이력을 등록했습니다.',
    en: 'History registered.',
  },
  'interactions.ticketCreated': {
    ko: '티켓이 자동으로 생성되었습니다. 카드의 [이력 보기]에서 볼 수 있습니다.',
    en: 'A ticket was created automatically. See it under [View history] on the card.',
  },
  'interactions.notYours': {
    ko: '{name} 님에게 할당된 콜백입니다. 이 콜백의 이력은 담당자와 관리자만 볼 수 있습니다.',
    en: 'This callback is assigned to {name}. Only its assignee and admins can see its history.',
  },
  'interactions.badCursor': {
    ko: '이전 응답의 nextCursor 값을 그대로 보내세요.',
    en: 'Send the nextCursor of the previous answer as it was.',
  },
  'interactions.toBeforeFrom': {
    ko: 'to는 from보다 뒤여야 합니다.',
    en: 'to must be after from.',
  },
  // The callback list export's sheet (Excel: at most 31 characters, none of / \ ? * [ ] :)
  // Not "History": Excel reserves that sheet name (exceljs refuses to read a workbook using it).
  'interactions.sheet': { ko: '이력', en: 'Interactions' },
  'interactions.col.at': { ko: '등록 시각 ({zone})', en: 'Registered at ({zone})' },
  'interactions.col.kind': { ko: '구분', en: 'Kind' },
  'interactions.col.callbackId': { ko: '콜백 ID', en: 'Callback ID' },
  'interactions.col.phone': { ko: '전화번호', en: 'Phone' },
  'interactions.col.customerName': { ko: '고객명', en: 'Name' },
  'interactions.col.member': { ko: '상담원', en: 'Agent' },
  'interactions.col.channel': { ko: '상담 채널', en: 'Channel' },
  'interactions.col.summary': { ko: '요약', en: 'Summary' },
  'interactions.col.note': { ko: '메모', en: 'Note' },
  'interactions.col.forward': { ko: '티켓 전송', en: 'Ticket' },
  'interactions.col.id': { ko: '이력 ID', en: 'Record ID' },
} as const satisfies Messages;
