import { isIP } from 'node:net';
import { z } from 'zod';
import { parseAllowedNetworks } from './domain/network-address.js';

/**
 * The whole environment, validated once at start. Every field maps 1:1 to a variable of the README's table;
 * a wrong value stops the process with one line that names the variable (see `ConfigError`).
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())
  .optional();

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be an integer 1-65535' })
    .int('must be an integer 1-65535')
    .min(1, 'must be an integer 1-65535')
    .max(65535, 'must be an integer 1-65535')
    .default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalUrl,
  MONGODB_URL: optionalText.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .regex(
        /^(true|false|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/,
        'must be true, false, a hop count, or comma-separated proxy addresses/CIDRs',
      )
      // A malformed address would only surface as a stack trace when the HTTP server is built.
      .refine(
        (v) => /^(true|false|\d+)$/.test(v) || v.split(',').every((entry) => isProxyAddress(entry.trim())),
        {
          error: 'has an entry that is not an IP address or CIDR range',
        },
      )
      .optional(),
  ),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: optionalText.pipe(
    z
      .string()
      .refine((v) => parseAllowedNetworks(v).invalid.length === 0, {
        error: (issue) =>
          `must be comma-separated addresses or CIDR ranges (cannot read ${parseAllowedNetworks(String(issue.input)).invalid.join(', ')})`,
      })
      .optional(),
  ),
  TEAMS_EMULATOR: optionalText.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalUrl,
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: optionalText.pipe(
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .optional(),
  ),
  /** Where the Teams app package's privacyUrl / termsOfUseUrl point; default: this server's /privacy and /terms. */
  TEAMS_PRIVACY_URL: optionalUrl,
  TEAMS_TERMS_URL: optionalUrl,
  NHN_SMS_APP_KEY: optionalText,
  NHN_SMS_SECRET_KEY: optionalText,
  NHN_SMS_BASE_URL: optionalUrl.default('https://sms.api.nhncloudservice.com'),
  NHN_SMS_WEBHOOK_SECRET: optionalText,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  mongodbUrl: string | undefined;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  slack:
    | { mode: 'http'; botToken: string; signingSecret: string; apiUrl: string | undefined }
    | {
        mode: 'socket';
        botToken: string;
        signingSecret: string | undefined;
        appToken: string;
        apiUrl: string | undefined;
      }
    | { mode: 'off'; reason: string };
  /** Who may set X-Forwarded-For: nobody (false), any proxy (true), a hop count, or listed proxies. */
  trustProxy: boolean | number | string[];
  /**
   * Networks outgoing webhooks may reach although they are not public (loopback, private, link-local,
   * unique-local); empty: public addresses only. Cloud metadata addresses stay refused whatever is listed.
   */
  webhookAllowedNetworks: string[];
  teams:
    | {
        mode: 'on';
        appId: string;
        appPassword: string | undefined;
        tenantId: string | undefined;
        appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
      }
    /** TEAMS_EMULATOR=true and no MICROSOFT_APP_ID: unauthenticated activities, as the Bot Framework Emulator sends. */
    | { mode: 'emulator' }
    | { mode: 'off'; reason: string };
  /** The Teams app package's legal pages (the manifest's privacyUrl and termsOfUseUrl). */
  teamsLegal: { privacyUrl: string; termsUrl: string };
  nhnSms: {
    appKey: string | undefined;
    secretKey: string | undefined;
    baseUrl: string;
    webhookSecret: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** Parses the environment; throws `ConfigError` whose message is the one line to print. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `${issue.message}, got ${describe(env[variable])}`);
  }
  const e = parsed.data;

  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('MICROSOFT_APP_PASSWORD', 'is required when MICROSOFT_APP_ID is set, got nothing');
  }
  // Single-tenant is the default: Azure no longer creates multi-tenant bot registrations.
  const appType = e.MICROSOFT_APP_TYPE ?? 'SingleTenant';
  if (e.MICROSOFT_APP_ID && appType === 'SingleTenant' && !e.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError(
      'MICROSOFT_APP_TENANT_ID',
      `is required for a single-tenant bot (MICROSOFT_APP_TYPE ${e.MICROSOFT_APP_TYPE ? 'is' : 'defaults to'} SingleTenant; set MultiTenant for a multi-tenant registration), got nothing`,
    );
  }
  const publicUrl = (
    e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`
  ).replace(/\/$/, '');

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    mongodbUrl: e.MONGODB_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    slack: slackMode(e),
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    webhookAllowedNetworks: [...parseAllowedNetworks(e.WEBHOOK_ALLOW_PRIVATE_NETWORKS).networks.entries],
    teams: e.MICROSOFT_APP_ID
      ? {
          mode: 'on',
          appId: e.MICROSOFT_APP_ID,
          appPassword: e.MICROSOFT_APP_PASSWORD,
          tenantId: e.MICROSOFT_APP_TENANT_ID,
          appType,
        }
      : e.TEAMS_EMULATOR === 'true'
        ? { mode: 'emulator' }
        : { mode: 'off', reason: 'MICROSOFT_APP_ID is not set' },
    teamsLegal: {
      privacyUrl: e.TEAMS_PRIVACY_URL ?? `${publicUrl}/privacy`,
      termsUrl: e.TEAMS_TERMS_URL ?? `${publicUrl}/terms`,
    },
    nhnSms: {
      appKey: e.NHN_SMS_APP_KEY,
      secretKey: e.NHN_SMS_SECRET_KEY,
      baseUrl: (e.NHN_SMS_BASE_URL ?? 'https://sms.api.nhncloudservice.com').replace(/\/$/, ''),
      webhookSecret: e.NHN_SMS_WEBHOOK_SECRET,
    },
  };
}

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`: what proxy-addr (Fastify's trusted-proxy matcher) accepts. */
function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function trustProxyOf(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function slackMode(e: Env): Config['slack'] {
  if (!e.SLACK_BOT_TOKEN) return { mode: 'off', reason: 'SLACK_BOT_TOKEN is not set' };
  if (e.SLACK_APP_TOKEN) {
    return {
      mode: 'socket',
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    };
  }
  if (!e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'is required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN, got nothing',
    );
  }
  return {
    mode: 'http',
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    apiUrl: e.SLACK_API_URL,
  };
}
