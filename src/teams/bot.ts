import { randomUUID } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import {
  ActivityHandler,
  CardFactory,
  MessageFactory,
  type InvokeResponse,
  type TurnContext,
} from '@microsoft/agents-hosting';
import { translate } from '../i18n/index.js';
import { CARD_CONTENT_TYPE } from './cards/card.js';
import { loadTeamsContext, tenantOf } from './context.js';
import { teamsHandlers } from './handlers.js';
import type { CardActionAnswer, DialogAnswer, TeamsDeps, TeamsHandlers, TeamsTurn } from './router.js';
import { replyText } from './reply.js';
import { asCardData, type CardData } from './card-data.js';

/** The text of a message without the bot's @mention (channels) and Teams' `<at>` tags, trimmed. */
export function commandText(activity: Activity): string {
  let text = activity.text ?? '';
  try {
    text = activity.removeRecipientMention() ?? text;
  } catch {
    // An activity without a recipient or entities: nothing to remove.
  }
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The Teams bot. Like the Slack listeners it only translates between Teams and our use cases: text commands,
 * card buttons (`adaptiveCard/action`, or the `Action.Submit` fallback as a message with a `value`) and dialogs
 * (`task/fetch`, `task/submit`) are routed to the handlers in `handlers.ts`; every activity refreshes the stored
 * conversation reference, for proactive messages.
 */
export class SwitchboardTeamsBot extends ActivityHandler {
  private readonly routes: TeamsHandlers;

  constructor(
    private readonly deps: TeamsDeps,
    handlers: TeamsHandlers = teamsHandlers,
  ) {
    super();
    this.routes = handlers;
    this.onMessage(async (context, next) => {
      await this.remember(context);
      const value = asCardData(context.activity.value);
      if (typeof value.verb === 'string') await this.submitFallback(context, value);
      else await this.command(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id);
      if (botJoined) await this.runCommand(context, 'help', '');
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  private async turnFor(context: TurnContext, serviceId?: string): Promise<TeamsTurn> {
    const ctx = await loadTeamsContext(this.deps.usecases, context.activity, serviceId);
    return { deps: this.deps, turn: context, ctx };
  }

  /** A text command by its first word; anything else gets the help card. */
  private async command(context: TurnContext): Promise<void> {
    const text = commandText(context.activity);
    const [first = '', ...rest] = text.split(' ');
    await this.runCommand(context, first.toLowerCase(), rest.join(' ').trim());
  }

  private async runCommand(context: TurnContext, name: string, args: string): Promise<void> {
    const command =
      this.routes.commands.find((c) => c.name === name || c.aliases?.includes(name)) ??
      this.routes.commands.find((c) => c.name === 'help');
    if (!command) return;
    await this.guarded(context, async () => command.run(await this.turnFor(context), args));
  }

  private async serviceFor(
    handler: { serviceOf?(deps: TeamsDeps, data: CardData): Promise<string | undefined> },
    data: CardData,
  ): Promise<string | undefined> {
    if (handler.serviceOf) return handler.serviceOf(this.deps, data);
    return typeof data.serviceId === 'string' ? data.serviceId : undefined;
  }

  /** A card button from a client without Universal Actions: the same handler; a new card replaces the pressed one. */
  private async submitFallback(context: TurnContext, data: CardData): Promise<void> {
    const action = this.routes.cardActions.find((a) => a.verb === data.verb);
    if (!action) return;
    await this.guarded(context, async () => {
      const turn = await this.turnFor(context, await this.serviceFor(action, data));
      const answer = await action.run(turn, data);
      if (answer.kind === 'message') return replyText(turn, answer.text);
      const replyToId = context.activity.replyToId;
      const card = MessageFactory.attachment(CardFactory.adaptiveCard(answer.card));
      if (replyToId) {
        card.id = replyToId;
        await context.updateActivity(card);
      } else await context.sendActivity(card);
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    await this.remember(context);
    const name = context.activity.name;
    const value = asCardData(context.activity.value);
    try {
      if (name === 'adaptiveCard/action') return await this.cardAction(context, value);
      if (name === 'task/fetch' || name === 'task/submit') return await this.dialog(context, name, value);
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      this.deps.log.error({ err: error, reference, invoke: name }, 'teams invoke failed');
      const text = translate(context.activity.locale?.startsWith('en') ? 'en' : 'ko', 'error.unexpected', {
        ref: reference,
      });
      if (name === 'adaptiveCard/action') return cardActionResponse({ kind: 'message', text });
      return dialogResponse({ kind: 'message', text });
    }
    return super.onInvokeActivity(context);
  }

  /** `adaptiveCard/action`: a Universal Actions button or a card's per-user refresh. */
  private async cardAction(context: TurnContext, value: CardData): Promise<InvokeResponse> {
    const action = asCardData(value.action);
    const verb = typeof action.verb === 'string' ? action.verb : '';
    const data = asCardData(action.data);
    const handler = this.routes.cardActions.find((a) => a.verb === verb);
    if (!handler)
      return {
        status: 200,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: `Unknown action "${verb}"` },
        },
      };
    const turn = await this.turnFor(context, await this.serviceFor(handler, data));
    return cardActionResponse(await handler.run(turn, data));
  }

  /** `task/fetch` opens a dialog, `task/submit` sends its form. */
  private async dialog(context: TurnContext, name: string, value: CardData): Promise<InvokeResponse> {
    const data = asCardData(value.data);
    const dialog = this.routes.dialogs.find((d) => d.id === data.dialog);
    if (!dialog) return dialogResponse({ kind: 'message', text: `Unknown dialog "${String(data.dialog)}"` });
    const turn = await this.turnFor(context, await this.serviceFor(dialog, data));
    return dialogResponse(
      name === 'task/fetch' ? await dialog.open(turn, data) : await dialog.submit(turn, data),
    );
  }

  /** A bug is logged with a reference the person gets, never a silent failure. */
  private async guarded(context: TurnContext, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const reference = randomUUID().slice(0, 8);
      this.deps.log.error({ err: error, reference }, 'teams handler failed');
      const locale = context.activity.locale?.startsWith('en') ? 'en' : 'ko';
      await context
        .sendActivity(MessageFactory.text(translate(locale, 'error.unexpected', { ref: reference })))
        .catch(() => undefined);
    }
  }

  /** Saves the conversation reference; a failure is logged, never a reason not to answer the person. */
  private async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const conversationId = activity.conversation?.id;
    if (!conversationId) return;
    try {
      const reference = activity.getConversationReference();
      await this.deps.usecases.teams.rememberTeamsConversation({
        conversationId,
        tenantId: tenantOf(activity) || null,
        conversationType: activity.conversation?.conversationType ?? null,
        userAadObjectId: activity.from?.aadObjectId ?? null,
        userId: activity.from?.id ?? null,
        reference: JSON.stringify(reference),
      });
    } catch (error) {
      this.deps.log.error({ err: error, conversationId }, 'could not store Teams conversation reference');
    }
  }
}

/** Universal Actions' answer: a card that replaces the pressed one for the presser, or a short message. */
function cardActionResponse(answer: CardActionAnswer): InvokeResponse {
  return {
    status: 200,
    body:
      answer.kind === 'card'
        ? { statusCode: 200, type: CARD_CONTENT_TYPE, value: answer.card }
        : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.text },
  };
}

/** A task module answer: show a card (again), a message, or close. */
function dialogResponse(answer: DialogAnswer): InvokeResponse {
  switch (answer.kind) {
    case 'card':
      return {
        status: 200,
        body: {
          task: {
            type: 'continue',
            value: {
              title: answer.title,
              width: answer.width ?? 'medium',
              height: answer.height ?? 'medium',
              card: { contentType: CARD_CONTENT_TYPE, content: answer.card },
            },
          },
        },
      };
    case 'message':
      return { status: 200, body: { task: { type: 'message', value: answer.text } } };
    case 'close':
      return { status: 200 };
  }
}
