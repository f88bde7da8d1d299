/**
 * The words of the original product's user guide (spec/guide, ko and en). People who move to Switchboard from that
 * product know its screens by these words, so a button, a title or a column that names one of these things uses the
 * term exactly as written here, in both languages. New sentences in `messages-*.ts` use them too.
 *
 * `test/unit/glossary.test.ts` holds the catalogue, the Slack and Teams manifests, the wallboard page and the docs
 * to this list: the key buttons must read these terms, and no retired word below may appear anywhere a person reads.
 */
export const GLOSSARY = {
  /** Giving a callback to an agent (the guide's 콜백 할당 menu). */
  assign: { ko: '할당', en: 'Assign' },
  /** Taking an assigned callback back to the pool (the guide's 콜백 할당 취소 menu). */
  unassign: { ko: '할당 취소', en: 'Unassign' },
  /** One callback each to the picked agents in turn. */
  distributeEvenly: { ko: '균등 할당', en: 'Distribute evenly' },
  /** Every picked callback to one agent. */
  assignManually: { ko: '수동 할당', en: 'Assign manually' },
  /** Dialing the customer of a callback through CTI. */
  connect: { ko: '연결', en: 'Connect' },
  /** Closing a callback as done. */
  complete: { ko: '완료', en: 'Complete' },
  /** Logging an interaction (a ticket), with or without a callback. */
  registerHistory: { ko: '이력 등록', en: 'Register history' },
  /** The live figures of the contact center (the guide's 전광판). */
  wallboard: { ko: '전광판', en: 'Wallboard' },
  /** The wallboard's count of agents talking or ringing (the guide's 상담중 column; one agent's state is 통화중). */
  inConversation: { ko: '상담중', en: 'In conversation' },
  /** Received / assigned / completed counts over a period (the guide's 콜백 처리 현황). */
  processingStatus: { ko: '처리 현황', en: 'Processing status' },
  /** Statuses a callback goes through. */
  received: { ko: '접수', en: 'Received' },
  cancelled: { ko: '취소', en: 'Cancelled' },
  unassigned: { ko: '미할당', en: 'Unassigned' },
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;

/** A word Switchboard once used for a glossary term, and must not use again. */
export interface RetiredWord {
  locale: 'ko' | 'en';
  /** How the word is found in text a person reads. */
  pattern: RegExp;
  /** The glossary term that says it now. */
  replacedBy: GlossaryTerm;
}

/**
 * Words that earlier versions used where the guide has its own term. They are not wrong Korean or English, but a
 * person who knows the product reads 배정 or 월보드 as "some other feature" and looks for the 할당 or 전광판 they
 * were taught; two words for one thing in one app is worse still. Each pattern is as narrow as the mistake: English
 * "call" stays a fine verb, only the button once named Call is retired.
 */
export const RETIRED_WORDS: readonly RetiredWord[] = [
  // 배정 (and 미배정, 배정됨, 배정 해제) was this app's own word for the guide's 할당.
  { locale: 'ko', pattern: /배정/, replacedBy: 'assign' },
  // 배분 (콜백 배분, 균등 배분, 미배분) likewise; the guide distributes by 균등 할당.
  { locale: 'ko', pattern: /배분/, replacedBy: 'distributeEvenly' },
  // The card button that dials was 전화 걸기; the guide's button is 연결.
  { locale: 'ko', pattern: /전화\s*걸기/, replacedBy: 'connect' },
  // 월보드 transliterated "wallboard"; 현황판 was used in the manifests. The guide says 전광판.
  { locale: 'ko', pattern: /월\s*보드/, replacedBy: 'wallboard' },
  { locale: 'ko', pattern: /현황판/, replacedBy: 'wallboard' },
  // The dialing button was "Call" in English; the guide's is Connect.
  {
    locale: 'en',
    pattern: /"Call"|\*\*Call\*\*|\bpress(?:es|ed)? Call\b|\bCall button\b|\bCall and Done\b/,
    replacedBy: 'connect',
  },
  // "Done" was the Complete button's name in a manifest.
  { locale: 'en', pattern: /\bDone buttons?\b/, replacedBy: 'complete' },
  // The guide's English page itself also says "Average Assign" / "Manual Assign" beside its button names; only the
  // button names are kept.
  { locale: 'en', pattern: /\bAverage assign/i, replacedBy: 'distributeEvenly' },
  { locale: 'en', pattern: /\bAssign evenly\b/i, replacedBy: 'distributeEvenly' },
  { locale: 'en', pattern: /\bManual(?:ly)? assign(?:ment)?\b/i, replacedBy: 'assignManually' },
  { locale: 'en', pattern: /\bCancel(?:led)? (?:callback )?assignment\b/i, replacedBy: 'unassign' },
  // Processing "statistics" named the same screen as the guide's Processing status.
  { locale: 'en', pattern: /\bprocessing statistics\b/i, replacedBy: 'processingStatus' },
];

/** The retired words found in a text, as "pattern → replacement" (empty when the text is clean). */
export function retiredWordsIn(text: string): string[] {
  return RETIRED_WORDS.filter((retired) => retired.pattern.test(text)).map(
    (retired) => `${String(retired.pattern)} → ${GLOSSARY[retired.replacedBy][retired.locale]}`,
  );
}
