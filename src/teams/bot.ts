import { ActivityHandler, CardFactory, TurnContext, type Activity } from 'botbuilder';
import type { FastifyBaseLogger } from 'fastify';
import { pickLocale } from '../i18n/index.js';
import type { UseCases } from '../usecases/index.js';
import { renderHelpCard } from './cards/help-card.js';

/**
 * The Teams bot. Like the Slack listeners it only translates between Teams and our use cases; for now it
 * remembers where it can post (conversation references, for proactive messages) and answers with help.
 */
export class SwitchboardTeamsBot extends ActivityHandler {
  constructor(
    private readonly usecases: Pick<UseCases, 'teams'>,
    private readonly log: FastifyBaseLogger,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.remember(context);
      const text = TurnContext.removeRecipientMention(context.activity)?.trim().toLowerCase() ?? '';
      this.log.debug({ text }, 'teams message');
      await this.replyWithHelp(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      const botJoined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botJoined) await this.replyWithHelp(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  private async replyWithHelp(context: TurnContext): Promise<void> {
    const locale = pickLocale(context.activity.locale, undefined);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderHelpCard(locale))] });
  }

  /** Saves the conversation reference; a failure is logged, never a reason not to answer the person. */
  private async remember(context: TurnContext): Promise<void> {
    const activity: Activity = context.activity;
    const reference = TurnContext.getConversationReference(activity);
    const conversationId = activity.conversation?.id;
    if (!conversationId) return;
    try {
      await this.usecases.teams.rememberTeamsConversation({
        conversationId,
        tenantId:
          activity.conversation.tenantId ??
          (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
          null,
        conversationType: activity.conversation.conversationType ?? null,
        userAadObjectId: activity.from?.aadObjectId ?? null,
        reference: JSON.stringify(reference),
      });
    } catch (error) {
      this.log.error({ err: error, conversationId }, 'could not store Teams conversation reference');
    }
  }
}
