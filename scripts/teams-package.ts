/**
 * `npm run teams:package [-- --version 1.0.1] [--out file.zip]`: the Teams app package to upload, built from
 * `manifests/teams/` and this server's environment (the same `.env` and validation as `npm start`):
 * the bot id is MICROSOFT_APP_ID, the website, privacy and terms links and `validDomains` come from PUBLIC_URL
 * (or TEAMS_PRIVACY_URL / TEAMS_TERMS_URL). Writes `dist/teams/switchboard-teams.zip` by default: `manifest.json`,
 * `ko-kr.json`, `color.png` and `outline.png`, flat, as Teams wants them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { ConfigError, loadConfig, type Config } from '../src/config.js';

export const TEAMS_MANIFEST_DIR = fileURLToPath(new URL('../manifests/teams/', import.meta.url));
/** The files of the package, in the order they are zipped. */
export const PACKAGE_FILES = ['manifest.json', 'ko-kr.json', 'color.png', 'outline.png'] as const;

export interface TeamsPackageOptions {
  /** The Azure Bot's app (client) id: MICROSOFT_APP_ID. */
  appId: string;
  /** Where the server is reached: PUBLIC_URL (https). */
  publicUrl: string;
  privacyUrl: string;
  termsUrl: string;
  /** The manifest's `version`; Teams refuses an upload with a version it already has. Default: the template's. */
  version?: string;
}

type Manifest = Record<string, unknown> & {
  developer: Record<string, unknown>;
  bots: Array<Record<string, unknown>>;
};

/** The manifest template with this deployment's bot id, links and domain filled in. */
export function teamsManifest(options: TeamsPackageOptions, dir = TEAMS_MANIFEST_DIR): Manifest {
  const template = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const publicUrl = options.publicUrl.replace(/\/$/, '');
  return {
    ...template,
    ...(options.version ? { version: options.version } : {}),
    developer: {
      ...template.developer,
      websiteUrl: publicUrl,
      privacyUrl: options.privacyUrl,
      termsOfUseUrl: options.termsUrl,
    },
    bots: template.bots.map((bot, i) => (i === 0 ? { ...bot, botId: options.appId } : bot)),
    validDomains: [new URL(publicUrl).host],
  };
}

/** The zip Teams takes: the filled-in manifest and the other files as they are in `manifests/teams/`. */
export async function buildTeamsPackage(
  options: TeamsPackageOptions,
  dir = TEAMS_MANIFEST_DIR,
): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the same inputs producing the same bytes.
  const date = new Date('2026-01-01T00:00:00Z');
  for (const name of PACKAGE_FILES) {
    const content =
      name === 'manifest.json'
        ? `${JSON.stringify(teamsManifest(options, dir), null, 2)}\n`
        : readFileSync(join(dir, name));
    zip.file(name, content, { date });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** The options from a validated environment; throws `ConfigError` naming what is missing. */
export function packageOptionsFrom(config: Config, env: NodeJS.ProcessEnv): TeamsPackageOptions {
  if (config.teams.mode !== 'on')
    throw new ConfigError(
      'MICROSOFT_APP_ID',
      'is required to package the Teams app (it is the bot id), got nothing',
    );
  if (!env.PUBLIC_URL?.trim())
    throw new ConfigError(
      'PUBLIC_URL',
      'is required to package the Teams app (Teams reaches the server there), got nothing',
    );
  if (!config.publicUrl.startsWith('https://'))
    throw new ConfigError(
      'PUBLIC_URL',
      `must be an https URL for Teams, got ${JSON.stringify(config.publicUrl)}`,
    );
  return {
    appId: config.teams.appId,
    publicUrl: config.publicUrl,
    privacyUrl: config.teamsLegal.privacyUrl,
    termsUrl: config.teamsLegal.termsUrl,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, version: { type: 'string' } },
    allowPositionals: false,
  });
  if (existsSync('.env')) process.loadEnvFile('.env');
  const options = packageOptionsFrom(loadConfig(process.env), process.env);
  if (values.version) options.version = values.version;
  const out = resolve(values.out ?? join('dist', 'teams', 'switchboard-teams.zip'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildTeamsPackage(options));
  const manifest = teamsManifest(options);
  process.stdout.write(
    `${out}\n  bot ${options.appId}, version ${String(manifest.version)}, domain ${new URL(options.publicUrl).host}\n` +
      `  upload it in the Teams admin center (Teams apps → Manage apps → Upload new app) or in Teams (Apps → Manage your apps → Upload an app)\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
