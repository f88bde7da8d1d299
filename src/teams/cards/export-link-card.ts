import type { Locale } from '../../domain/service-settings.js';
import { formatDateTime } from '../../i18n/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ExportLink } from '../../usecases/export-links.js';
import { cardText } from './callback-forms.js';
import { adaptiveCard, heading, openUrlAction, textBlock, type AdaptiveCard } from './card.js';

type Params = Record<string, string | number>;

/**
 * An export ready to download (callback list, processing status, SMS sending history): what it holds, the link,
 * and until when it works (service time zone). `what` names the export in the reader's words; `notes` are lines
 * that export adds (its own rows only, request and recipient counts).
 */
export function renderExportLinkCard(
  locale: Locale,
  input: { link: ExportLink; what: string; url: string; linkMinutes: number; notes?: readonly string[] },
): AdaptiveCard {
  const t = (key: MessageKey, params?: Params) => cardText(locale, key, params);
  const { link } = input;
  const body = [
    heading(t('teamsCb.export.title')),
    textBlock(
      t('teamsCb.export.body', {
        what: input.what,
        rows: link.rows,
        range: link.rangeLabel,
        zone: link.timeZone,
      }),
    ),
    ...(input.notes ?? []).map((note) => textBlock(note)),
    textBlock(`📄 ${link.filename}`, { isSubtle: true }),
    textBlock(
      t('teamsCb.export.expires', {
        at: formatDateTime(link.expiresAt, link.timeZone, locale),
        minutes: input.linkMinutes,
      }),
      { weight: 'Bolder' },
    ),
  ];
  return adaptiveCard(body, { actions: [openUrlAction(t('teamsCb.export.download'), input.url)] });
}

/** The link's minutes left, as the card says them (at least 1). */
export function linkMinutesLeft(link: Pick<ExportLink, 'expiresAt'>, now = Date.now()): number {
  return Math.max(1, Math.round((link.expiresAt.getTime() - now) / 60_000));
}
