import { createRequire } from 'node:module';
import type * as AdaptiveCardsModule from 'adaptivecards';

/**
 * Validates an Adaptive Card the way Microsoft's own renderer library reads it, for Teams (schema 1.5).
 *
 * Why `dist/adaptivecards.js` through `createRequire`: the package's `main` (`lib/adaptivecards.js`) is ES-module
 * syntax in a package without `"type": "module"`, so Node refuses to load it; the webpack UMD bundle in `dist/` is
 * plain CommonJS and self-contained. It needs no DOM for `parse` + `validateProperties` (every `window` / `document`
 * use in it is either inside rendering code or guarded by `typeof window`), so there is no shim. The types come from
 * the package's `lib/*.d.ts`, which describe the same API as the bundle.
 *
 * What counts as a violation, beyond the library's own findings:
 * - every parse event (unknown element/action types, values or properties newer than 1.5, actions not allowed where
 *   they are), except `Hint` — the library files style advice such as "don't mix weighted and stretched columns"
 *   under that event, and advice is not an error;
 * - every `validateProperties()` failure (duplicate ids, inputs without ids, empty choice sets, too many actions for
 *   the default host config (5), required inputs without label / errorMessage…), except `Hint`;
 * - a top-level card without a `version`, or with a `version` / versioned `$schema` newer than 1.5 — the library
 *   happily accepts 1.6, Teams renders 1.5;
 * - `Action.Execute` without a `verb` — the schema allows it, but our Teams bot routes `adaptiveCard/action` invokes
 *   by verb, so a verb-less button would do nothing;
 * - properties the 1.5 JSON schema marks required that the library does not check (TextBlock.text, Fact.title /
 *   value, Image.url, …). The library fills in defaults instead, and Teams then shows an empty or broken element.
 */

// createRequire: the bundle is CommonJS (see above); an ESM `import` of it would get no usable named exports.
const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof AdaptiveCardsModule;

const MAX_VERSION = { major: 1, minor: 5 } as const;

type Json = Record<string, unknown>;

export function validateAdaptiveCard(card: unknown): string[] {
  if (!isObject(card)) return [`card must be a JSON object, got ${describe(card)}`];

  const violations: string[] = [...checkVersion(card)];
  const versionChecked = violations.length > 0;

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    if (event.event === AC.ValidationEvent.Hint) continue;
    // Our version check already explains a bad version in 1.5 terms; the library would repeat it in its own.
    if (versionChecked && /version string|card version/i.test(event.message)) continue;
    violations.push(formatEvent('parse', event));
  }

  for (const event of parsed.validateProperties().validationEvents) {
    if (event.event === AC.ValidationEvent.Hint) continue;
    if (event.event === AC.ValidationEvent.UnsupportedCardVersion) continue; // superseded by checkVersion
    violations.push(formatEvent('validate', event));
  }

  checkRequiredProperties(card, 'card', violations);
  return violations;
}

function checkVersion(card: Json): string[] {
  const problems: string[] = [];
  const { version, $schema } = card;
  if (version === undefined) {
    problems.push('card: "version" is required on a top-level card (use "1.5")');
  } else if (typeof version !== 'string') {
    problems.push(`card: "version" must be a string like "1.5", got ${describe(version)}`);
  } else {
    const parsed = parseVersion(version);
    if (!parsed) problems.push(`card: "version" must look like "1.5", got ${JSON.stringify(version)}`);
    else if (isNewerThanMax(parsed))
      problems.push(`card: version ${version} is newer than 1.5, which Teams renders`);
  }
  if ($schema !== undefined) {
    if (typeof $schema !== 'string') {
      problems.push(`card: "$schema" must be a URL string, got ${describe($schema)}`);
    } else {
      // Unversioned schema URLs (…/schemas/adaptive-card.json) say nothing about the version; versioned ones do.
      const match = /\/(\d+)\.(\d+)(?:\.\d+)?\//.exec($schema);
      if (match && isNewerThanMax({ major: Number(match[1]), minor: Number(match[2]) })) {
        problems.push(`card: "$schema" ${$schema} targets a version newer than 1.5`);
      }
    }
  }
  return problems;
}

function parseVersion(text: string): { major: number; minor: number } | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

function isNewerThanMax(v: { major: number; minor: number }): boolean {
  return v.major > MAX_VERSION.major || (v.major === MAX_VERSION.major && v.minor > MAX_VERSION.minor);
}

function formatEvent(phase: 'parse' | 'validate', event: AdaptiveCardsModule.IValidationEvent): string {
  const name = AC.ValidationEvent[event.event] ?? String(event.event);
  return `${phase} ${name} at ${describeSource(event.source)}: ${event.message}`;
}

function describeSource(source: AdaptiveCardsModule.SerializableObject | undefined): string {
  if (!source) return 'card';
  // Parse events for unknown types carry no source object; known objects are CardObjects with a type name and id.
  const cardObject = source as Partial<AdaptiveCardsModule.CardObject>;
  const type = typeof cardObject.getJsonTypeName === 'function' ? cardObject.getJsonTypeName() : 'object';
  return cardObject.id ? `${type} "${cardObject.id}"` : type;
}

/**
 * The 1.5 schema's `required` lists (schemas/1.5.0/adaptive-card.json) for what the library leaves unchecked.
 * Left out on purpose because the library already reports them: Action.OpenUrl.url, Input.*.id,
 * Input.ChoiceSet choices' title/value.
 */
const REQUIRED_BY_TYPE: Record<
  string,
  ReadonlyArray<readonly [property: string, kind: 'string' | 'array']>
> = {
  TextBlock: [['text', 'string']],
  Image: [['url', 'string']],
  ImageSet: [['images', 'array']],
  FactSet: [['facts', 'array']],
  Container: [['items', 'array']],
  ActionSet: [['actions', 'array']],
  RichTextBlock: [['inlines', 'array']],
  Media: [['sources', 'array']],
  TableCell: [['items', 'array']],
  'Input.Toggle': [['title', 'string']],
  'Action.ToggleVisibility': [['targetElements', 'array']],
};

/** Objects that have no `type` of their own and are known by the property that holds them. */
const REQUIRED_BY_CONTAINER_KEY: Record<string, { label: string; required: readonly string[] }> = {
  facts: { label: 'Fact', required: ['title', 'value'] },
  sources: { label: 'MediaSource', required: ['mimeType', 'url'] },
  targetElements: { label: 'TargetElement', required: ['elementId'] },
  inlines: { label: 'TextRun', required: ['text'] },
  cells: { label: 'TableCell', required: ['items'] },
};

/** Only these keys hold card structure; `data`, `requires`, `msteams`… hold free-form JSON that may contain "type". */
const STRUCTURAL_KEYS = [
  'body',
  'items',
  'columns',
  'actions',
  'card',
  'fallback',
  'selectAction',
  'inlineAction',
  'inlines',
  'rows',
  'cells',
  'images',
  'facts',
  'sources',
  'targetElements',
  'backgroundImage',
  'refresh',
  'action',
] as const;

function checkRequiredProperties(node: Json, path: string, out: string[], containerKey?: string): void {
  const type = typeof node.type === 'string' ? node.type : undefined;
  const byType = type ? REQUIRED_BY_TYPE[type] : undefined;
  for (const [property, kind] of byType ?? []) {
    const value = node[property];
    if (value === undefined || value === null) out.push(`${path} (${type}): "${property}" is required`);
    else if (kind === 'string' && typeof value !== 'string') {
      out.push(`${path} (${type}): "${property}" must be a string, got ${describe(value)}`);
    } else if (kind === 'array' && !Array.isArray(value)) {
      out.push(`${path} (${type}): "${property}" must be an array, got ${describe(value)}`);
    }
  }
  if (type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb.trim() === '')) {
    out.push(`${path} (Action.Execute): "verb" is required — the bot routes Action.Execute invokes by verb`);
  }
  const implied = containerKey ? REQUIRED_BY_CONTAINER_KEY[containerKey] : undefined;
  if (implied && (type === undefined || type === implied.label)) {
    for (const property of implied.required) {
      const value = node[property];
      if (value === undefined || value === null)
        out.push(`${path} (${implied.label}): "${property}" is required`);
      else if (property !== 'items' && typeof value !== 'string') {
        out.push(`${path} (${implied.label}): "${property}" must be a string, got ${describe(value)}`);
      }
    }
  }
  if (containerKey === 'backgroundImage' && typeof node.url !== 'string') {
    out.push(`${path} (BackgroundImage): "url" is required`);
  }

  for (const key of STRUCTURAL_KEYS) {
    const child = node[key];
    if (Array.isArray(child)) {
      child.forEach((item, index) => {
        if (isObject(item)) checkRequiredProperties(item, `${path}.${key}[${index}]`, out, key);
      });
    } else if (isObject(child)) {
      checkRequiredProperties(child, `${path}.${key}`, out, key);
    }
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
