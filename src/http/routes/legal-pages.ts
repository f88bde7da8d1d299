import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/service-settings.js';
import { localeFromAcceptLanguage, translate, type MessageKey } from '../../i18n/index.js';
import { projectRoot } from '../../project-root.js';

/** The pages, by path: their title and paragraphs (message keys, Korean and English). */
const PAGES = {
  privacy: {
    title: 'legal.privacy.title',
    paragraphs: [
      'legal.privacy.operator',
      'legal.privacy.stored',
      'legal.privacy.shared',
      'legal.privacy.retention',
    ],
  },
  terms: {
    title: 'legal.terms.title',
    paragraphs: ['legal.terms.operator', 'legal.terms.use', 'legal.terms.warranty'],
  },
} as const satisfies Record<string, { title: MessageKey; paragraphs: readonly MessageKey[] }>;

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors *",
  'x-content-type-options': 'nosniff',
  'cache-control': 'public, max-age=3600',
} as const;

const querySchema = z.object({ lang: z.enum(LOCALES).optional().catch(undefined) });

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** One page in one language, from `web/legal.html`. */
export function renderLegalPage(template: string, page: keyof typeof PAGES, locale: Locale): string {
  const { title, paragraphs } = PAGES[page];
  const other: Locale = locale === 'ko' ? 'en' : 'ko';
  const values: Record<string, string> = {
    lang: locale,
    title: escapeHtml(translate(locale, title)),
    otherHref: `/${page}?lang=${other}`,
    otherLang: other,
    otherLabel: escapeHtml(translate(locale, 'legal.otherLanguage')),
    paragraphs: paragraphs.map((key) => `<p>${escapeHtml(translate(locale, key))}</p>`).join('\n      '),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * `GET /privacy` and `GET /terms`: the pages the Teams app package names as its privacy statement and terms of use
 * (unless TEAMS_PRIVACY_URL / TEAMS_TERMS_URL point elsewhere), in Korean or English (`?lang=`, else the browser's).
 */
export function registerLegalPages(app: FastifyInstance): void {
  const template = readFileSync(join(projectRoot(), 'web', 'legal.html'), 'utf8');
  for (const page of Object.keys(PAGES) as Array<keyof typeof PAGES>) {
    app.get(`/${page}`, async (request, reply) => {
      const { lang } = querySchema.parse(request.query ?? {});
      const locale = lang ?? localeFromAcceptLanguage(request.headers['accept-language']);
      return reply
        .headers({ ...HEADERS, 'content-language': locale })
        .send(renderLegalPage(template, page, locale));
    });
  }
}
