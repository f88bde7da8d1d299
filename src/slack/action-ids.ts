/**
 * Block Kit action ids of the callback surfaces, in one place: cards, list rows and App Home render the same
 * buttons, and each id has exactly one listener.
 */
export const CALLBACK_ACTIONS = {
  /** Card / list / Home: take an unassigned callback (value: callback id). */
  assignToMe: 'callback.assign_to_me',
  /** Card / list: open the assign modal with this callback picked (value: callback id). Listener: commands. */
  assignOpen: 'callback.assign_open',
  /** Card / list / Home: Call (value: callback id). */
  call: 'callback.call',
  /** After Call: the outcome select (value: `<callbackId>:<attemptId>:<outcome>`). */
  outcome: 'callback.outcome',
  /** Card / list / Home: open the Complete modal (value: callback id). */
  completeOpen: 'callback.complete_open',
  /** Card / list / Home: open the Register history modal (value: callback id, or empty for none). */
  historyOpen: 'callback.history_open',
  /** Card (latest history block): open the callback's history modal (value: callback id). */
  historyView: 'callback.history_view',
  /** Card / list: open the Cancel modal (admins; value: callback id). */
  cancelOpen: 'callback.cancel_open',
  /** `/callback list` paging (value: the encoded query); two ids, as Slack wants action ids unique in a block. */
  listPage: 'callback.list_page',
  listPagePrev: 'callback.list_page_prev',
  /** List / stats messages: export to Excel (value: encoded query). Listener: exports. */
  exportList: 'callback.export_list',
  exportStats: 'callback.export_stats',
} as const;

/** Modal callback ids (view submissions). */
export const CALLBACK_VIEWS = {
  complete: 'callback.complete',
  cancel: 'callback.cancel',
  history: 'callback.history',
  create: 'callback.create',
  assign: 'callback.assign',
  unassign: 'callback.unassign',
} as const;

/** SMS: the send modal's live controls, the Send SMS button of callback cards and the history message. */
export const SMS_ACTIONS = {
  /** Send modal: a template picked (fills type, title, body, sender number). */
  templatePick: 'sms.template_pick',
  /** Send modal: SMS ↔ MMS (shows or hides the title and image). */
  typePick: 'sms.type_pick',
  /** Callback card: open the send modal with the callback's number (value: callback id). */
  sendFromCallback: 'sms.send_from_callback',
  /** History message: the previous / next page (value: encoded history query). */
  historyPrev: 'sms.history_prev',
  historyNext: 'sms.history_next',
  /** History message: a request's detail modal (value: `<serviceId>:<requestId>`). */
  detailOpen: 'sms.detail_open',
  /** History message / detail modal: cancel a scheduled request (value: `<serviceId>:<requestId>`). */
  cancel: 'sms.cancel',
  /** History message: Excel of the listed rows to the person's DM (value: encoded history query). */
  exportHistory: 'sms.export_history',
} as const;

export const SMS_VIEWS = {
  send: 'sms.send',
  detail: 'sms.detail',
} as const;

/** The digest of a burst of new callbacks: its buttons (value: the digest's post id). Listener: digest. */
export const DIGEST_ACTIONS = {
  /** Take the oldest still unassigned callback of the digest. */
  assignNextToMe: 'callback.digest_assign_next_to_me',
  /** The assign modal with the digest's unassigned callbacks picked, "Distribute evenly" chosen. */
  distributeEvenly: 'callback.digest_distribute_evenly',
  /** The same modal with "Assign manually" chosen. */
  assignManually: 'callback.digest_assign_manually',
  /** The unassigned list (admins). */
  listUnassigned: 'callback.digest_list_unassigned',
} as const;
