/**
 * Adaptive Card 1.5 building blocks for Teams. The JSON is Microsoft's schema (typed loosely here, validated in
 * tests with Microsoft's `adaptivecards` package); these helpers keep every card's conventions in one place:
 * the version, text that wraps, buttons that are `Action.Execute` with an `Action.Submit` fallback.
 */

import type { Locale } from '../../domain/service-settings.js';
import { translate, type MessageKey, type MessageParams } from '../../i18n/index.js';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: '1.5';
  $schema: string;
  body: CardElement[];
  actions?: CardElement[];
  /** Universal Actions: Teams asks the bot for each viewer's own version of the card. */
  refresh?: { action: CardElement; userIds?: string[] };
  msteams?: { width?: 'Full' };
  [key: string]: unknown;
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export function adaptiveCard(body: CardElement[], more: Partial<AdaptiveCard> = {}): AdaptiveCard {
  return { $schema: SCHEMA, type: 'AdaptiveCard', version: '1.5', body, ...more };
}

/** Slack's mrkdwn bold (`*x*`) becomes Adaptive Cards' markdown bold (`**x**`); backticks have no meaning there. */
export function toCardMarkdown(text: string): string {
  // Only a single star pair: sentences written for Teams already say `**bold**`, and stay as they are.
  return text.replace(/(?<![*\\])\*([^*\n]+)\*(?!\*)/g, '**$1**').replace(/`/g, '');
}

/**
 * A catalogue sentence shared with Slack, as Teams shows it: Slack's emoji codes (`:warning:`) dropped, the
 * commands it names in the Teams bot's words (`/callback list` → `callback list`, `/switchboard setup` → `setup`;
 * the admin screens that exist only in Slack are marked so), and `*bold*` as card markdown.
 */
export function teamsText(text: string): string {
  return toCardMarkdown(
    text
      .replace(/:[a-z][a-z0-9_+-]*:\s?/g, '')
      .replace(/`\/switchboard (setup|link)\b/g, '`$1')
      .replace(/`\/switchboard (members|settings|apikey)`/g, '`/switchboard $1` (Slack)')
      .replace(/`\/(callback|wallboard|sms)\b/g, '`$1'),
  );
}

/** `translate`, then `teamsText`: every shared sentence a Teams card or reply shows. */
export function cardSentence(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return teamsText(translate(locale, key, params));
}

/** What people typed (names, notes, a command) shown as itself, not as markdown (it cannot become a link or bold). */
export function plainText(text: string): string {
  return text.replace(/([\\`*_[\]()#<>~|])/g, '\\$1');
}

export function textBlock(text: string, more: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...more };
}

export function heading(text: string): CardElement {
  return textBlock(text, { size: 'Large', weight: 'Bolder', style: 'heading' });
}

export function factSet(facts: { title: string; value: string }[]): CardElement {
  return { type: 'FactSet', facts: facts.filter((f) => f.value !== '') };
}

/**
 * What every button sends back: the verb our bot routes by and its data. Teams sends `Action.Execute` as an
 * `adaptiveCard/action` invoke; clients without Universal Actions fall back to `Action.Submit`, which arrives as a
 * message whose `value` carries the same `verb`, so both reach the same handler.
 */
export function executeAction(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  more: CardElement = {},
): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    fallback: { type: 'Action.Submit', title, data: { ...data, verb } },
    ...more,
  };
}

/** A button that opens a dialog (task module): Teams sends `task/fetch` with this data. */
export function dialogAction(title: string, dialog: string, data: Record<string, unknown> = {}): CardElement {
  return { type: 'Action.Submit', title, data: { ...data, dialog, msteams: { type: 'task/fetch' } } };
}

export function openUrlAction(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/** A Teams user as Universal Actions name them in `refresh.userIds` (at most 60 per card). */
export function teamsUserMri(aadObjectId: string): string {
  return `8:orgid:${aadObjectId}`;
}
