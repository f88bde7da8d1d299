/**
 * Operators' command line: `npm run cli -- <noun> <verb> [options]`. Talks to the same database as the server
 * (MONGODB_URL, or the embedded one in DATA_DIR, reused while `npm start` runs). Every command takes `--json` and
 * then prints exactly one JSON object on stdout. Bad input exits with code 2 and one clear line on stderr.
 */
import { openOperatorDatabase, type OperatorDatabase } from './operator-database.js';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/config.js';
import { PERMISSIONS, type Permission } from '../src/domain/access.js';
import { translate } from '../src/i18n/index.js';
import { slackIdentity, teamsIdentity } from '../src/domain/members.js';
import type { Actor } from '../src/usecases/actor.js';
import type { OperatorUseCases } from '../src/usecases/operator.js';
import type { Problem } from '../src/usecases/result.js';
import { activeWallboardLinks } from '../src/usecases/wallboard-links.js';

const USAGE = `usage: npm run cli -- <command> [options] [--json]
  service create --name NAME
  service list
  apikey create --service ID [--name NAME] [--allow-ip IP_OR_CIDR[,..]]
  apikey revoke --service ID --id KEY_ID
  member add --service ID --name NAME (--slack TEAM:USER | --teams TENANT:AAD_OBJECT_ID)
             [--role admin|member] [--permissions phone,callbackAssign,sms] [--cti AGENT_ID]
  member list --service ID
  wallboard link --service ID [--screen NAME]          (prints a wall page URL: 8 hours, or a year for a screen)
  wallboard link list --service ID                     (the screen links, as /wallboard link list in Slack)
  wallboard link revoke --service ID --id LINK_ID
  settings set --service ID key=value [key=value ...]   (e.g. smsEnabled=true timeZone=Asia/Seoul
                                                          smsSenderNumbers=0215441234,0215445678
                                                          smsOptOutNumber=080-123-4567)`;

class UsageError extends Error {}

const operator: Actor = { kind: 'operator', name: process.env.USER ?? 'cli' };

const { values: flags, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        name: { type: 'string' },
        service: { type: 'string' },
        id: { type: 'string' },
        'allow-ip': { type: 'string' },
        slack: { type: 'string' },
        teams: { type: 'string' },
        role: { type: 'string' },
        permissions: { type: 'string' },
        cti: { type: 'string' },
        screen: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fatal('invalid_usage', (error as Error).message);
  }
})();

function fatal(code: string, message: string): never {
  if (process.argv.includes('--json'))
    process.stdout.write(JSON.stringify({ error: { code, message } }) + '\n');
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

function required(name: 'name' | 'service' | 'id'): string {
  const value = flags[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function problemMessage(problem: Problem): string {
  const fields = Object.entries(problem.fields ?? {}).map(
    ([f, m]) => `${f}: ${translate('en', m.message, m.params)}`,
  );
  return fields.length ? fields.join('; ') : translate('en', problem.message, problem.params);
}

/** Settings whose values are lists of strings, even when one value is given ("0212345678" keeps its 0). */
const LIST_SETTINGS = new Set(['smsSenderNumbers']);
/** Settings whose value is one phone number: text, even when all digits ("0801234567" keeps its 0). */
const NUMBER_TEXT_SETTINGS = new Set(['smsOptOutNumber']);

function parseSettingValue(key: string, text: string): unknown {
  if (LIST_SETTINGS.has(key))
    return text
      .split(',')
      .map((s) => s.trim().replace(/-/g, ''))
      .filter(Boolean);
  if (NUMBER_TEXT_SETTINGS.has(key)) return text === 'null' || text.trim() === '' ? null : text.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text.includes(','))
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return text;
}

type Output = { json: Record<string, unknown>; text: string };

async function run(
  usecases: OperatorUseCases,
  publicUrl: string,
  [noun, verb, ...rest]: string[],
): Promise<Output> {
  const command = `${noun ?? ''} ${verb ?? ''}`.trim();
  switch (command) {
    case 'wallboard link':
      return wallboardLink(usecases, publicUrl, rest);
    case 'service create': {
      const result = await usecases.services.setupService({
        name: required('name'),
        operator: operator.kind === 'operator' ? operator.name : 'cli',
      });
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      const { service } = result.value;
      return {
        json: { id: service._id, name: service.name },
        text: `created service ${service._id} "${service.name}"`,
      };
    }
    case 'service list': {
      const result = await usecases.services.listServices(operator);
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      const services = result.value;
      return {
        json: { services: services.map((s) => ({ id: s._id, name: s.name })) },
        text: services.map((s) => `${s._id}  ${s.name}`).join('\n') || '(no services)',
      };
    }
    case 'apikey create': {
      const serviceId = required('service');
      const allowedIps = (flags['allow-ip'] ?? '').split(',').filter(Boolean);
      const result = await usecases.apiKeys.createApiKey(operator, serviceId, {
        name: flags.name,
        allowedIps,
      });
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      const { key, apiKey } = result.value;
      return {
        json: { id: apiKey._id, key, serviceId, name: apiKey.name, allowedIps: apiKey.allowedIps },
        text: `created API key ${apiKey._id} "${apiKey.name}" (shown once):\n${key}`,
      };
    }
    case 'apikey revoke': {
      const result = await usecases.apiKeys.revokeApiKey(operator, required('service'), required('id'));
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      return {
        json: { id: result.value._id, revokedAt: result.value.revokedAt },
        text: `revoked ${result.value._id}`,
      };
    }
    case 'member add': {
      const serviceId = required('service');
      const identity = flags.slack
        ? identityFrom(flags.slack, '--slack TEAM:USER', slackIdentity)
        : flags.teams
          ? identityFrom(flags.teams, '--teams TENANT:AAD_OBJECT_ID', teamsIdentity)
          : undefined;
      if (!identity) throw new UsageError('--slack TEAM:USER or --teams TENANT:AAD_OBJECT_ID is required');
      const role = flags.role ?? 'member';
      if (role !== 'admin' && role !== 'member')
        throw new UsageError(`--role must be admin or member, got "${role}"`);
      const named = (flags.permissions ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const unknown = named.filter((p) => !PERMISSIONS.includes(p as Permission));
      if (unknown.length)
        throw new UsageError(`unknown permission ${unknown.join(', ')} (use ${PERMISSIONS.join(', ')})`);
      const permissions = Object.fromEntries(PERMISSIONS.map((p) => [p, named.includes(p)])) as Record<
        Permission,
        boolean
      >;
      const result = await usecases.members.saveMember(operator, serviceId, {
        identity,
        displayName: required('name'),
        role,
        permissions,
        ctiAgentId: flags.cti ?? null,
      });
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      const m = result.value.member;
      return {
        json: {
          id: m._id,
          serviceId,
          name: m.displayName,
          role: m.role,
          permissions: m.permissions,
          ctiAgentId: m.ctiAgentId,
          created: result.value.created,
        },
        text: `${result.value.created ? 'added' : 'updated'} member ${m._id} "${m.displayName}" (${m.role})`,
      };
    }
    case 'member list': {
      const result = await usecases.members.listMembers(operator, required('service'));
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      return {
        json: {
          members: result.value.map((m) => ({
            id: m._id,
            name: m.displayName,
            role: m.role,
            permissions: m.permissions,
            ctiAgentId: m.ctiAgentId,
            identities: m.identities,
          })),
        },
        text:
          result.value
            .map(
              (m) =>
                `${m._id}  ${m.displayName}  ${m.role}  ${PERMISSIONS.filter((p) => m.permissions[p]).join(',') || '-'}  ${m.ctiAgentId ?? ''}`,
            )
            .join('\n') || '(no members)',
      };
    }
    case 'settings set': {
      const serviceId = required('service');
      if (rest.length === 0) throw new UsageError('give at least one key=value');
      const changes: Record<string, unknown> = {};
      for (const pair of rest) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new UsageError(`"${pair}" is not key=value`);
        changes[pair.slice(0, at)] = parseSettingValue(pair.slice(0, at), pair.slice(at + 1));
      }
      // Webhook URLs are checked with the server's address rules (see openOperatorDatabase).
      const result = await usecases.settings.updateServiceSettings(operator, serviceId, changes);
      if (!result.ok) throw new UsageError(problemMessage(result.problem));
      return {
        json: { id: result.value._id, settings: result.value.settings },
        text: `updated settings of ${result.value._id}`,
      };
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

/**
 * The wall page without Slack: `wallboard link` prints a URL (8 hours; `--screen NAME` a year-long link for a wall
 * screen, stored so it can be listed and revoked); `wallboard link list` and `wallboard link revoke` as in Slack.
 */
async function wallboardLink(usecases: OperatorUseCases, publicUrl: string, rest: string[]): Promise<Output> {
  const { wallboardLinks } = usecases;
  const serviceId = required('service');
  const [sub, ...extra] = rest;
  if (extra.length || (sub !== undefined && sub !== 'list' && sub !== 'revoke'))
    throw new UsageError(`unknown words "${rest.join(' ')}" (use wallboard link [list|revoke])`);
  if (sub === 'list') {
    const result = await wallboardLinks.listWallboardLinks(operator, serviceId);
    if (!result.ok) throw new UsageError(problemMessage(result.problem));
    const active = activeWallboardLinks(result.value);
    return {
      json: {
        links: active.map((l) => ({ id: l._id, label: l.label, expiresAt: l.expiresAt.toISOString() })),
      },
      text:
        active.map((l) => `${l._id}  ${l.label ?? '-'}  until ${l.expiresAt.toISOString()}`).join('\n') ||
        '(no screen links)',
    };
  }
  if (sub === 'revoke') {
    const result = await wallboardLinks.revokeWallboardLink(operator, serviceId, required('id'));
    if (!result.ok) throw new UsageError(problemMessage(result.problem));
    return {
      json: { id: result.value._id, revokedAt: result.value.revokedAt },
      text: `revoked ${result.value._id}`,
    };
  }
  const screen = flags.screen?.trim();
  if (flags.screen !== undefined && !screen)
    throw new UsageError('--screen needs a name, e.g. --screen "Lobby TV"');
  const result = await wallboardLinks.issueWallboardLink(
    operator,
    serviceId,
    screen ? { longLived: true, label: screen } : {},
  );
  if (!result.ok) throw new UsageError(problemMessage(result.problem));
  const { path, expiresAt, linkId } = result.value;
  const url = `${publicUrl.replace(/\/$/, '')}${path}`;
  return {
    json: { url, expiresAt: expiresAt.toISOString(), ...(linkId ? { id: linkId, label: screen } : {}) },
    text: linkId
      ? `wall screen link ${linkId} "${screen}", valid until ${expiresAt.toISOString()} ` +
        `(revoke: npm run cli -- wallboard link revoke --service ${serviceId} --id ${linkId}):\n${url}`
      : `wall page link, valid until ${expiresAt.toISOString()}:\n${url}`,
  };
}

function identityFrom(text: string, form: string, make: (a: string, b: string) => string): string {
  const [a, b, extra] = text.split(':');
  if (!a || !b || extra !== undefined) throw new UsageError(`expected ${form}, got "${text}"`);
  return make(a, b);
}

async function main(): Promise<void> {
  if (flags.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let operatorDb: OperatorDatabase;
  try {
    operatorDb = await openOperatorDatabase();
  } catch (error) {
    if (error instanceof ConfigError) fatal('invalid_config', error.message);
    throw error;
  }
  try {
    const output = await run(operatorDb.usecases, operatorDb.config.publicUrl, positionals);
    process.stdout.write(flags.json ? `${JSON.stringify(output.json)}\n` : `${output.text}\n`);
  } catch (error) {
    if (error instanceof UsageError) {
      await operatorDb.close();
      fatal('invalid_input', error.message);
    }
    throw error;
  } finally {
    await operatorDb.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
