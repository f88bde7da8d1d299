import type { Locale } from '../../domain/service-settings.js';
import type { MessageKey } from '../../i18n/index.js';
import {
  adaptiveCard,
  cardSentence,
  heading,
  plainText,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './card.js';

/** The commands the help card explains, in the order it lists them (each with its Korean word, where it has one). */
const COMMANDS: MessageKey[] = [
  'teamsHelp.callback',
  'teamsHelp.sms',
  'teamsHelp.wallboard',
  'teamsHelp.setup',
  'teamsHelp.link',
  'teamsHelp.help',
];

/**
 * What Switchboard does in Teams and how to ask it: the answer to `help` (`도움말`), the welcome when the app is
 * added, and — with a first line saying so — the answer to text that is no command.
 */
export function renderHelpCard(locale: Locale, options: { notUnderstood?: string } = {}): AdaptiveCard {
  const t = (key: MessageKey, params?: Record<string, string>) => cardSentence(locale, key, params);
  const body: CardElement[] = [];
  if (options.notUnderstood)
    body.push(
      textBlock(t('teamsHelp.notUnderstood', { text: plainText(options.notUnderstood.slice(0, 100)) }), {
        color: 'Attention',
        weight: 'Bolder',
      }),
    );
  body.push(heading(t('help.title')), textBlock(t('teamsHelp.intro')));
  body.push(textBlock(t('teamsHelp.commandsHeading'), { weight: 'Bolder', spacing: 'Medium' }));
  for (const key of COMMANDS) body.push(textBlock(t(key), { spacing: 'Small' }));
  body.push(textBlock(t('teamsHelp.members'), { isSubtle: true, spacing: 'Medium', size: 'Small' }));
  return adaptiveCard(body);
}
