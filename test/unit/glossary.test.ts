import { actionsOfState } from '../../src/domain/callback-actions.js';
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { PERMISSIONS } from '../../src/domain/access.js';
import { memberDocSchema } from '../../src/domain/members.js';
import type { Locale } from '../../src/domain/service-settings.js';
import { ServiceFigures } from '../../src/domain/wallboard/service-figures.js';
import { GLOSSARY, RETIRED_WORDS, retiredWordsIn } from '../../src/i18n/glossary.js';
import { translate, type MessageKey } from '../../src/i18n/index.js';
import { messages } from '../../src/i18n/messages.js';
import { renderAssignModal } from '../../src/slack/blocks/assign-modal.js';
import { callbackButtons } from '../../src/slack/blocks/callback-card.js';
import { renderWallboardCard } from '../../src/slack/blocks/wallboard.js';
import { renderHelpCard } from '../../src/teams/cards/help-card.js';

/**
 * The guide's words (src/i18n/glossary.ts) are the product's words: the buttons a person presses read them, and no
 * word retired in their favour shows up anywhere a person reads — the message catalogue, the Slack and Teams
 * manifests (what the app directory and the command menus show), the wall page, the README and the docs.
 */

const root = new URL('../../', import.meta.url);
const readText = (relative: string): string => readFileSync(new URL(relative, root), 'utf8');
const LOCALES: Locale[] = ['ko', 'en'];

/** Every string in a parsed manifest, named by where it sits, so a finding says where to look. */
function stringsOf(value: unknown, at: string): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsOf(item, `${at}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringsOf(item, `${at}.${key}`));
  return [];
}

/** The places in a list of named texts that hold a retired word, with the word and its replacement. */
function findings(texts: Array<[string, string]>): string[] {
  return texts.flatMap(([where, text]) => retiredWordsIn(text).map((found) => `${where}: ${found}`));
}

/** The wall page as a person reads it in one language: the template with its `{{t:key}}` sentences filled in. */
function wallPageText(locale: Locale): string {
  return readText('web/wallboard.html').replace(/\{\{t:([\w.]+)\}\}/g, (_whole, key: string) => {
    expect(key in messages).toBe(true);
    return translate(locale, key as MessageKey);
  });
}

describe('glossary: no retired word where a person reads', () => {
  it('the retired-word check itself catches each word it lists (a pattern that matched nothing would pass all)', () => {
    const samples = [
      '미배정 콜백',
      '콜백 배분',
      '전화 걸기',
      '실시간 월보드',
      '상담 현황판',
      'then press Call again',
      'with Done buttons',
      'Average Assign',
      'assign evenly',
      'Manual assignment',
      'Cancel Callback Assignment',
      'with processing statistics',
    ];
    for (const sample of samples)
      expect([sample, retiredWordsIn(sample)]).toEqual([sample, [expect.any(String)]]);
    // Each listed word is exercised by at least one sample.
    for (const retired of RETIRED_WORDS)
      expect([String(retired.pattern), samples.some((s) => retired.pattern.test(s))]).toEqual([
        String(retired.pattern),
        true,
      ]);
    // Ordinary uses of the neighbouring words stay allowed.
    expect(
      retiredWordsIn('통화 시도 · Call attempts · 할당 · 전광판 · press Connect · Callbacks to call back'),
    ).toEqual([]);
  });

  it('no message of the catalogue, in Korean or English, uses a retired word', () => {
    const texts = Object.entries(messages).flatMap(([key, text]) =>
      LOCALES.map((locale): [string, string] => [`${key} (${locale})`, text[locale]]),
    );
    expect(texts.length).toBeGreaterThan(500);
    expect(findings(texts)).toEqual([]);
  });

  it('the Slack manifest (app directory text, command descriptions and usage hints) uses none', () => {
    const manifest = parseYaml(readText('manifests/slack.yaml')) as unknown;
    const texts = stringsOf(manifest, 'slack.yaml');
    expect(texts.map(([where]) => where)).toEqual(
      expect.arrayContaining(['slack.yaml.features.slash_commands[1].description']),
    );
    expect(findings(texts)).toEqual([]);
  });

  it('the Teams manifest and its Korean localization use none', () => {
    const texts = [
      ...stringsOf(JSON.parse(readText('manifests/teams/manifest.json')), 'manifest.json'),
      ...stringsOf(JSON.parse(readText('manifests/teams/ko-kr.json')), 'ko-kr.json'),
    ];
    expect(findings(texts)).toEqual([]);
  });

  it('the wall page, the Teams help card and the pinned wallboard card use none, and call it 전광판 / wallboard', () => {
    const figures = new ServiceFigures(
      {
        timeZone: 'Asia/Seoul',
        dayStart: '00:00',
        serviceLevelThresholdSeconds: 20,
        shortAbandonCutoffSeconds: null,
      },
      new Date('2026-11-22T00:00:00Z'),
    );
    for (const locale of LOCALES) {
      const now = new Date('2026-11-22T00:00:00Z');
      const card = renderWallboardCard(
        locale,
        { ...figures.snapshot(now), id: 'svc', name: '고객센터' },
        { view: 'services', timeZone: 'Asia/Seoul', now, live: true },
      );
      const page = wallPageText(locale);
      const help = JSON.stringify(renderHelpCard(locale));
      expect(
        findings([
          [`web/wallboard.html (${locale})`, page],
          [`Teams help card (${locale})`, help],
          [`Slack wallboard card (${locale})`, JSON.stringify(card)],
        ]),
      ).toEqual([]);
      expect(card.text.toLowerCase()).toContain(GLOSSARY.wallboard[locale].toLowerCase());
      expect(help.toLowerCase()).toContain(GLOSSARY.wallboard[locale].toLowerCase());
    }
    expect(findings([['web/wallboard.js', readText('web/wallboard.js')]])).toEqual([]);
  });

  it('the README and docs/*.md quote no retired word', () => {
    const docs = readdirSync(new URL('docs/', root))
      .filter((name) => name.endsWith('.md'))
      .map((name): [string, string] => [`docs/${name}`, readText(`docs/${name}`)]);
    expect(docs.length).toBeGreaterThan(3);
    expect(findings([['README.md', readText('README.md')], ...docs])).toEqual([]);
  });
});

describe('glossary: the key buttons and titles read the guide’s terms', () => {
  const agent = memberDocSchema.parse({
    _id: 'm1',
    serviceId: 'svc',
    displayName: '김상담',
    role: 'member',
    permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, p === 'phone'])),
    identities: ['slack:T1:U1'],
    ctiAgentId: null,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
  });

  it.each(LOCALES)(
    'callback card buttons (%s): Connect, Complete, Register history; Assign to me names Assign',
    (locale) => {
      const labels = (status: 'unassigned' | 'assigned') =>
        callbackButtons(locale, { _id: 'cb1', actions: actionsOfState(status) }).map(
          (button) => button.text.text,
        );
      const assigned = labels('assigned');
      expect(assigned).toEqual(
        expect.arrayContaining([
          GLOSSARY.connect[locale],
          GLOSSARY.complete[locale],
          GLOSSARY.registerHistory[locale],
        ]),
      );
      const unassigned = labels('unassigned');
      expect(unassigned.length).toBeGreaterThan(1);
      // 나에게 할당 / Assign to me, 할당… / Assign…
      expect(unassigned.filter((label) => label.includes(GLOSSARY.assign[locale]))).toHaveLength(2);
    },
  );

  it.each(LOCALES)(
    'assign modal (%s): submit reads Assign, the two ways read Distribute evenly / Assign manually',
    (locale) => {
      const view = renderAssignModal(
        locale,
        {
          unassigned: [],
          unassignedTotal: 0,
          agents: [{ member: agent, open: 0, cannotConnect: null }],
          timeZone: 'Asia/Seoul',
        },
        '{}',
      );
      expect(view.submit?.text).toBe(GLOSSARY.assign[locale]);
      expect(view.title.text).toContain(GLOSSARY.assign[locale]);
      const shown = JSON.stringify(view.blocks);
      expect(shown).toContain(`"text":"${GLOSSARY.distributeEvenly[locale]}"`);
      expect(shown).toContain(`"text":"${GLOSSARY.assignManually[locale]}"`);
    },
  );

  it.each(LOCALES)('the other key labels (%s) are the glossary terms', (locale) => {
    const t = (key: MessageKey) => translate(locale, key);
    expect(t('cbcmd.unassign.submit')).toBe(GLOSSARY.unassign[locale]);
    expect(t('callbackComplete.submit')).toBe(GLOSSARY.complete[locale]);
    expect(t('callbackHistory.title')).toBe(GLOSSARY.registerHistory[locale]);
    expect(t('callbacks.status.unassigned')).toBe(GLOSSARY.unassigned[locale]);
    expect(t('callbacks.status.cancelled')).toBe(GLOSSARY.cancelled[locale]);
    expect(t('wallboard.inConversation')).toBe(GLOSSARY.inConversation[locale]);
    expect(t('callbackStats.col.received')).toBe(GLOSSARY.received[locale]);
    expect(t('callbackStats.title').toLowerCase()).toContain(GLOSSARY.processingStatus[locale].toLowerCase());
    expect(t('cbcmd.unassign.title')).toContain(GLOSSARY.unassign[locale]);
  });
});
