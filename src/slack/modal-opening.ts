import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { ModalView, View } from '@slack/types';
import type { ViewsOpenArguments, ViewsOpenResponse, WebClient } from '@slack/web-api';
import type { FastifyBaseLogger } from 'fastify';
import { translate } from '../i18n/index.js';
import { modal, section } from './blocks/text.js';

/**
 * How long a command that opens a modal may look things up before a loading modal is opened in its place. Slack's
 * trigger_id works for 3 s from the moment the person pressed Enter, and part of that is gone before the command
 * reaches us: the person, the service and the modal's lists (agents, callbacks, templates) must not eat the rest.
 */
export const MODAL_LOADING_AFTER_MS = 800;

const both = (key: 'install.loading' | 'install.answeredInConversation' | 'install.close') =>
  `${translate('ko', key)} · ${translate('en', key)}`;

/** Shown while the modal's contents are looked up; in both languages, since the person's is not known yet. */
function loadingView(): ModalView {
  return modal({
    callbackId: 'switchboard_loading',
    title: translate('en', 'install.loadingTitle'),
    close: both('install.close'),
    blocks: [{ type: 'section', text: { type: 'plain_text', text: both('install.loading') } }],
  });
}

/** The loading modal, once the command answered in words instead of a modal (a refusal, a usage line). */
function answerView(text: string): ModalView {
  return modal({
    callbackId: 'switchboard_answer',
    title: translate('en', 'install.loadingTitle'),
    close: both('install.close'),
    blocks: [section(text)],
  });
}

/**
 * A slash command's one chance to open a modal. If the command's work has not opened its modal within
 * `MODAL_LOADING_AFTER_MS`, a loading modal is opened with the trigger_id while it is still good; the command's
 * own `views.open` then fills that modal with `views.update`. A command that answers in words instead (a refusal)
 * shows the same words in the loading modal, so nobody is left looking at "Loading…".
 *
 * Handlers stay as they are: they get a client whose `views.open` for this trigger knows the difference, and a
 * `respond` that remembers the last answer.
 */
export class ModalOpening {
  readonly client: WebClient;
  readonly respond: RespondFn;
  private state: 'waiting' | 'direct' | 'loading' | 'filled' = 'waiting';
  private loadingViewId: Promise<string | undefined> | undefined;
  private lastAnswer: string | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly original: WebClient,
    private readonly triggerId: string,
    respond: RespondFn,
    private readonly log: FastifyBaseLogger,
    afterMs: number = MODAL_LOADING_AFTER_MS,
  ) {
    this.timer = setTimeout(() => this.openLoading(), afterMs);
    // The original client in every other respect: its methods are bound to it already.
    this.client = Object.create(original, {
      views: { value: { ...original.views, open: (args: ViewsOpenArguments) => this.open(args) } },
    }) as WebClient;
    this.respond = async (message: string | RespondArguments) => {
      this.lastAnswer = typeof message === 'string' ? message : message.text;
      return respond(message);
    };
  }

  private openLoading(): void {
    if (this.state !== 'waiting') return;
    this.state = 'loading';
    this.loadingViewId = this.original.views
      .open({ trigger_id: this.triggerId, view: loadingView() })
      .then((opened) => opened.view?.id)
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'could not open the loading modal');
        return undefined;
      });
  }

  private async open(args: ViewsOpenArguments): Promise<ViewsOpenResponse> {
    if (!('trigger_id' in args) || args.trigger_id !== this.triggerId || this.state === 'direct')
      return this.original.views.open(args);
    if (this.state === 'waiting') {
      clearTimeout(this.timer);
      this.state = 'direct';
      return this.original.views.open(args);
    }
    const viewId = await this.loadingViewId;
    // Without a loading modal the trigger may still work (Slack refused the loading view for another reason).
    if (!viewId || this.state === 'filled') return this.original.views.open(args);
    this.state = 'filled';
    return (await this.original.views.update({
      view_id: viewId,
      view: args.view as View,
    })) as ViewsOpenResponse;
  }

  /** After the command's work: stop the timer, and put its answer into a loading modal that got no modal. */
  async settle(): Promise<void> {
    clearTimeout(this.timer);
    if (this.state !== 'loading') return;
    this.state = 'filled';
    const viewId = await this.loadingViewId;
    if (!viewId) return;
    await this.original.views
      .update({
        view_id: viewId,
        view: answerView(this.lastAnswer ?? both('install.answeredInConversation')),
      })
      .catch((error: unknown) => this.log.warn({ err: error }, 'could not close the loading modal'));
  }
}
