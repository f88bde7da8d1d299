import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type * as AppManifestModule from '@microsoft/app-manifest';
import type { AppManifest } from '@microsoft/app-manifest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { parse as parseYaml } from 'yaml';
import { buildTeamsPackage, PACKAGE_FILES, teamsManifest } from '../../scripts/teams-package.js';
import { teamsHandlers } from '../../src/teams/handlers.js';
import { parseCallbackCommand } from '../../src/usecases/callbacks/command-words.js';
import { parseSmsCommand } from '../../src/usecases/sms/command-words.js';

/**
 * The app manifests are contracts with Slack and Microsoft: a manifest Slack or Teams refuses means nobody can install
 * the app. Teams' is checked with Microsoft's own validator (@microsoft/app-manifest) against the schema version it
 * declares; Slack publishes no validator, so its documented limits are checked here.
 */

// @microsoft/app-manifest is CommonJS but require()s strip-bom 5, which is ESM-only. Node ≥ 20.19 loads that
// (require(esm)); Jest's module registry cannot before Node 24.9, and Jest routes createRequire through its registry
// too. strip-bom only serves the package's file readers (AppManifestUtils.read…), which this test does not call — it
// reads the JSON itself — so a CommonJS stand-in with the same behaviour lets the package load.
jest.mock('strip-bom', () => (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
// The package also require()s fs-extra without declaring it (the Bot Framework SDK we left used to bring it along); only its file
// readers and writers use it, which this test does not call either.
jest.mock('fs-extra', () => ({}), { virtual: true });
// createRequire, not a static import: the mock above must be registered before the package is first required.
const packageRequire = createRequire(import.meta.url);
const { AppManifestUtils } = packageRequire('@microsoft/app-manifest') as typeof AppManifestModule;
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const manifestsDir = new URL('../../manifests/', import.meta.url);
const readText = (relative: string): string => readFileSync(new URL(relative, manifestsDir), 'utf8');
const readJson = (relative: string): Record<string, unknown> =>
  JSON.parse(readText(relative)) as Record<string, unknown>;

describe('Teams app package (manifests/teams)', () => {
  // Schemas are handed to the validator (bundledSchema), so it has no reason to fetch; failing every fetch makes a
  // change that reintroduces network access fail here instead of hanging offline.
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = (input: unknown) =>
      Promise.reject(new Error(`network access attempted: ${String(input)}`));
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  const manifest = readJson('teams/manifest.json');
  const korean = readJson('teams/ko-kr.json');

  it('manifest.json validates against its declared schema (v1.17) with zero errors', async () => {
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
    );
    // The JSON was read from disk; the validator is what establishes it is a manifest.
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest as unknown as AppManifest,
      bundledSchema(manifest.$schema),
    );
    expect(errors).toEqual([]);
  });

  it('the validator is not vacuous: a template placeholder and an over-long name are refused', async () => {
    const bots = manifest.bots as Array<Record<string, unknown>>;
    const broken = {
      ...manifest,
      name: { short: 'Switchboard for contact centers!', full: 'x' },
      bots: [{ ...bots[0], botId: '{{MICROSOFT_APP_ID}}' }],
    };
    const errors = await AppManifestUtils.validateAgainstSchema(
      broken as unknown as AppManifest,
      bundledSchema(manifest.$schema),
    );
    expect(errors).toEqual([
      expect.stringContaining('/name/short must NOT have more than 30 characters'),
      expect.stringContaining('/bots/0/botId must match pattern'),
    ]);
  });

  it('ko-kr.json validates against the v1.17 localization schema with zero errors', async () => {
    expect(korean.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.Localization.schema.json',
    );
    const schema = bundledSchema(korean.$schema);
    expect(await AppManifestUtils.validateAgainstSchema(korean as unknown as AppManifest, schema)).toEqual(
      [],
    );
    const tooLong = { ...korean, 'name.full': 'x'.repeat(101) };
    expect(await AppManifestUtils.validateAgainstSchema(tooLong as unknown as AppManifest, schema)).toEqual([
      expect.stringContaining('/name.full must NOT have more than 100 characters'),
    ]);
  });

  it('declares ko-kr, and the Korean file localizes every command but keeps the titles the bot understands', () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'ko-kr', file: 'ko-kr.json' }],
    });
    const lists = (
      manifest.bots as Array<{ commandLists: Array<{ commands: Array<{ title: string }> }> }>
    )[0]!.commandLists;
    for (const [l, list] of lists.entries()) {
      for (const [c, command] of list.commands.entries()) {
        expect(korean[`bots[0].commandLists[${l}].commands[${c}].title`]).toBe(command.title);
        expect(korean[`bots[0].commandLists[${l}].commands[${c}].description`]).toMatch(/[가-힣]/);
      }
    }
  });

  it('lists exactly the commands the bot routes: link only where there is a channel or group chat to link', () => {
    const lists = (
      manifest.bots as Array<{
        commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
      }>
    )[0]!.commandLists;
    const titles = (scope: string) =>
      lists
        .filter((list) => list.scopes.includes(scope))
        .flatMap((list) => list.commands.map((c) => c.title));
    expect(titles('personal')).toEqual(['callback', 'sms', 'wallboard', 'setup', 'help']);
    expect(titles('team')).toEqual(['callback', 'sms', 'wallboard', 'setup', 'link', 'help']);
    expect(titles('groupChat')).toEqual(titles('team'));
    // Choosing a command sends its title as the message: each must be a command the bot routes, and each command
    // the bot routes is offered.
    const routed = teamsHandlers.commands.map((c) => c.name).sort();
    expect([...new Set(titles('team'))].sort()).toEqual(routed);
  });

  it('offers the bot in personal, team and group chat scopes, without files', () => {
    expect(manifest.bots).toEqual([
      expect.objectContaining({ scopes: ['personal', 'team', 'groupChat'], supportsFiles: false }),
    ]);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('color.png is a 192×192 PNG', () => {
    const png = decodePng(readFileSync(new URL('teams/color.png', manifestsDir)));
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('outline.png is a 32×32 PNG of white on transparent only', () => {
    const png = decodePng(readFileSync(new URL('teams/outline.png', manifestsDir)));
    expect([png.width, png.height]).toEqual([32, 32]);
    expect(png.channels).toBe(4);

    const offending: string[] = [];
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < png.width * png.height; i++) {
      const [r, g, b, a] = png.pixels.subarray(i * 4, i * 4 + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) opaque++;
      else offending.push(`(${i % png.width},${Math.floor(i / png.width)}) rgba(${r},${g},${b},${a})`);
    }
    expect(offending.slice(0, 5)).toEqual([]);
    // Neither blank nor a solid square: there is a glyph on a transparent field.
    expect(opaque).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(50);
  });
});

describe('Teams app package (npm run teams:package)', () => {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = (input: unknown) =>
      Promise.reject(new Error(`network access attempted: ${String(input)}`));
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });
  const options = {
    appId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    publicUrl: 'https://switchboard.contoso.kr/',
    privacyUrl: 'https://switchboard.contoso.kr/privacy',
    termsUrl: 'https://switchboard.contoso.kr/terms',
    version: '1.2.3',
  };

  it('fills in the bot id, links, domain and version, and the result validates with zero errors', async () => {
    const generated = teamsManifest(options);
    expect(generated).toMatchObject({
      version: '1.2.3',
      developer: {
        websiteUrl: 'https://switchboard.contoso.kr',
        privacyUrl: 'https://switchboard.contoso.kr/privacy',
        termsOfUseUrl: 'https://switchboard.contoso.kr/terms',
      },
      bots: [expect.objectContaining({ botId: options.appId })],
      validDomains: ['switchboard.contoso.kr'],
    });
    expect(JSON.stringify(generated)).not.toContain('example.com');
    expect(JSON.stringify(generated)).not.toContain('00000000-0000-0000-0000-000000000000');
    expect(
      await AppManifestUtils.validateAgainstSchema(
        generated as unknown as AppManifest,
        bundledSchema(generated.$schema),
      ),
    ).toEqual([]);
  });

  it('zips manifest.json, ko-kr.json and the icons flat; unzipped, each is what Teams needs', async () => {
    const zip = await JSZip.loadAsync(await buildTeamsPackage(options));
    const entries = Object.values(zip.files);
    expect(entries.map((e) => e.name)).toEqual([...PACKAGE_FILES]);
    expect(entries.filter((e) => e.dir)).toEqual([]);
    const inside = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
    expect(inside).toEqual(teamsManifest(options));
    expect(JSON.parse(await zip.file('ko-kr.json')!.async('string'))).toEqual(readJson('teams/ko-kr.json'));
    const color = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([color.width, color.height, outline.width, outline.height, outline.channels]).toEqual([
      192, 192, 32, 32, 4,
    ]);
    // Transparent background: the corners of the outline icon.
    expect(outline.pixels[3]).toBe(0);
  });

  it('the npm script writes the zip from the environment, and refuses without MICROSOFT_APP_ID in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
    try {
      const tsx = join(dirname(packageRequire.resolve('tsx/package.json')), 'dist', 'cli.mjs');
      const script = new URL('../../scripts/teams-package.ts', import.meta.url).pathname;
      const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir };
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, [tsx, script, '--out', join(dir, 'app.zip'), '--version', '2.0.0'], {
          cwd: dir,
          env: { ...base, ...env },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const refused = run({ PUBLIC_URL: 'https://sb.example.org' });
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim()).toBe(
        'MICROSOFT_APP_ID is required to package the Teams app (it is the bot id), got nothing',
      );
      const written = run({
        PUBLIC_URL: 'https://sb.example.org',
        MICROSOFT_APP_ID: options.appId,
        MICROSOFT_APP_PASSWORD: 'secret',
        MICROSOFT_APP_TENANT_ID: 'tenant',
      });
      expect(written.stderr).toBe('');
      expect(written.status).toBe(0);
      expect(written.stdout).toContain(join(dir, 'app.zip'));
      const zipped = readFileSync(join(dir, 'app.zip'));
      return JSZip.loadAsync(zipped).then(async (zip) => {
        const inside = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
          version: string;
          bots: Array<{ botId: string }>;
          developer: { privacyUrl: string };
        };
        expect([inside.version, inside.bots[0]!.botId, inside.developer.privacyUrl]).toEqual([
          '2.0.0',
          options.appId,
          'https://sb.example.org/privacy',
        ]);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Slack app manifest (manifests/slack.yaml)', () => {
  interface SlashCommand {
    command: string;
    url: string;
    description: string;
    usage_hint?: string;
    should_escape?: boolean;
  }
  // Read as the shape the assertions below go on to check.
  const manifest = parseYaml(readText('slack.yaml')) as {
    _metadata: { major_version: number };
    display_information: { name: string; description?: string; long_description?: string };
    features: {
      app_home: {
        home_tab_enabled: boolean;
        messages_tab_enabled: boolean;
        messages_tab_read_only_enabled?: boolean;
      };
      bot_user: { display_name: string };
      slash_commands: SlashCommand[];
    };
    oauth_config: { scopes: { bot: string[] } };
    settings: {
      event_subscriptions: { request_url: string; bot_events: string[] };
      interactivity: { is_enabled: boolean; request_url: string };
      org_deploy_enabled: boolean;
      socket_mode_enabled: boolean;
    };
  };
  const commands = manifest.features.slash_commands;
  const EVENTS_URL = 'https://switchboard.example.com/slack/events';

  it('is manifest schema 1, says to replace the host with PUBLIC_URL, and uses HTTP rather than Socket Mode', () => {
    expect(manifest._metadata.major_version).toBe(1);
    expect(readText('slack.yaml')).toMatch(
      /^# .*\n# Replace https:\/\/switchboard\.example\.com with your PUBLIC_URL/,
    );
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
  });

  it.each([
    ['/switchboard', ['setup', 'members', 'settings', 'apikey', 'help']],
    ['/callback', ['list', 'new', 'assign', 'unassign', 'stats', 'history', 'help']],
    ['/sms', ['send', 'templates', 'history', 'help']],
    ['/wallboard', ['show', 'agents', 'pin', 'unpin', 'link', 'help']],
  ])('declares %s with its subcommands in the usage hint, posting to /slack/events', (name, subcommands) => {
    const command = commands.find((c) => c.command === name);
    expect(command).toBeDefined();
    expect(command!.url).toBe(EVENTS_URL);
    for (const sub of subcommands) expect(command!.usage_hint).toMatch(new RegExp(`\\b${sub}\\b`));
    expect(command!.description).toMatch(/[가-힣]/);
  });

  it('declares exactly the four commands', () => {
    expect(commands.map((c) => c.command).sort()).toEqual([
      '/callback',
      '/sms',
      '/switchboard',
      '/wallboard',
    ]);
  });

  it('sends events and interactivity to the same /slack/events URL as the commands', () => {
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: EVENTS_URL });
    expect(manifest.settings.event_subscriptions.request_url).toBe(EVENTS_URL);
    // Only the events a listener handles: an event nobody listens to is traffic and a scope for nothing.
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('no command parses mentions, so none asks Slack to escape them; the messages tab is read-only', () => {
    for (const c of commands) expect([c.command, c.should_escape]).toEqual([c.command, false]);
    // Nothing listens to DMs sent to the app: people act with buttons and commands.
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(true);
  });

  it('every word a usage hint offers is one its command understands', () => {
    const hint = (name: string) => commands.find((c) => c.command === name)!.usage_hint!;
    /** `a [b|c] | d` → the command texts it suggests: `a`, `a b`, `a c`, `d`. */
    const texts = (usage: string) =>
      usage.split(' | ').flatMap((alternative) => {
        const [verb, ...options] = alternative.split(' ');
        const choices = options.map((o) => o.replace(/^\[|\]$/g, ''));
        return [verb!, ...choices.flatMap((c) => c.split('|').map((word) => `${verb} ${word}`))];
      });
    const now = new Date('2026-12-02T03:00:00Z');
    for (const text of texts(hint('/callback')))
      expect([text, parseCallbackCommand(text, 'Asia/Seoul', now).kind]).not.toEqual([text, 'unknown']);
    for (const text of texts(hint('/sms')))
      expect([text, parseSmsCommand(text, 'Asia/Seoul', now).kind]).not.toContain('unknown');
    // /switchboard and /wallboard dispatch on their first word (free text after `setup` and `link screen`).
    const verbs = (name: string) =>
      hint(name)
        .split(' | ')
        .map((a) => a.split(' ')[0]);
    expect(verbs('/switchboard')).toEqual(['setup', 'members', 'settings', 'apikey', 'help']);
    expect(verbs('/wallboard')).toEqual(['show', 'agents', 'pin', 'unpin', 'link', 'help']);
  });

  it('has a bot user and an App Home with the Home tab and the messages tab', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it('requests every bot scope Switchboard uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'chat:write.public',
        'pins:write',
        'users:read',
        'im:write',
        'files:write',
        // Reading the JPG a person attaches to an MMS template or send (file_input).
        'files:read',
        'channels:read',
        'groups:read',
      ]),
    );
  });

  it("stays inside Slack's documented manifest limits", () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description?.length ?? 0).toBeLessThanOrEqual(140);
    // Slack's app settings refuse a long description shorter than 174 characters.
    expect(info.long_description?.length).toBeGreaterThanOrEqual(174);
    expect(info.long_description?.length).toBeLessThanOrEqual(4000);
    for (const c of commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      // Slack's own limit is 1,000; past ~100 characters the autocomplete menu cuts the text off.
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.usage_hint?.length ?? 0).toBeLessThanOrEqual(1000);
    }
  });
});

/**
 * The schema for a `$schema` URL, from the copy bundled in @microsoft/app-manifest (build/json-schemas/teams/…).
 * Passing it to validateAgainstSchema means the validator never fetches: it only goes to the network when called
 * without a schema. (It would find the bundled copy itself for developer.microsoft.com URLs, but by its own lookup,
 * which this makes explicit and impossible to miss.)
 *
 * One repair: Microsoft's Teams localization schemas (every version the package bundles) contain a pattern with an
 * unescaped `]` (`…activityTypes\[\b(…)\b]\.description$`). It means a literal `]`; a plain RegExp accepts it but a
 * unicode-mode RegExp — what ajv compiles patterns as — throws, so the schema would not compile at all. Escaping the
 * bracket keeps the pattern's meaning.
 */
function bundledSchema(url: unknown): ManifestSchema {
  const prefix = 'https://developer.microsoft.com/json-schemas/teams/';
  if (typeof url !== 'string' || !url.startsWith(prefix))
    throw new Error(`not a Teams schema URL: ${String(url)}`);
  const packageDir = dirname(packageRequire.resolve('@microsoft/app-manifest/package.json'));
  const file = join(packageDir, 'build', 'json-schemas', 'teams', ...url.slice(prefix.length).split('/'));
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { patternProperties?: Record<string, unknown> };
  if (schema.patternProperties) {
    schema.patternProperties = Object.fromEntries(
      Object.entries(schema.patternProperties).map(([pattern, rule]) => [
        pattern.replaceAll('\\b]', '\\b\\]'),
        rule,
      ]),
    );
  }
  // ajv's JSONSchemaType is a compile-time mirror of the manifest type; a schema read from disk cannot satisfy it.
  return schema as unknown as ManifestSchema;
}

interface DecodedPng {
  width: number;
  height: number;
  channels: 3 | 4;
  /** Always RGBA, 8 bits per channel. */
  pixels: Uint8Array;
}

/**
 * Enough of a PNG reader to check icons: verifies the signature and every chunk's CRC, reads IHDR, and decodes 8-bit
 * RGB / RGBA images with any of the five scanline filters, so a designer's replacement icon is read correctly too.
 */
function decodePng(file: Buffer): DecodedPng {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!file.subarray(0, 8).equals(signature)) throw new Error('not a PNG: bad signature');

  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    const crc = file.readUInt32BE(offset + 8 + length);
    if (crc32(file.subarray(offset + 4, offset + 8 + length)) >>> 0 !== crc)
      throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('PNG without IHDR');

  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header.subarray(8, 13);
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    throw new Error(
      `unsupported PNG: bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`,
    );
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(data));
  const image = new Uint8Array(stride * height);

  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? image[y * stride + x - channels]! : 0;
      const up = y > 0 ? image[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? image[(y - 1) * stride + x - channels]! : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = Math.floor((left + up) / 2);
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`bad filter type ${filter} on row ${y}`);
      }
      image[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }

  if (channels === 4) return { width, height, channels, pixels: image };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(image.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, channels, pixels: rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
