import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('runs with no environment at all: embedded database, Slack and Teams off, no trusted proxy', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.mongodbUrl).toBeUndefined();
    expect(config.slack.mode).toBe('off');
    expect(config.teams.mode).toBe('off');
    expect(config.trustProxy).toBe(false);
    expect(config.nhnSms.baseUrl).toBe('https://sms.api.nhncloudservice.com');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer 1-65535, got "abc"'],
    [{ PORT: '0' }, 'PORT must be an integer 1-65535, got "0"'],
    [{ PORT: '65536' }, 'PORT must be an integer 1-65535, got "65536"'],
    [
      { MONGODB_URL: 'postgres://x' },
      'MONGODB_URL must start with mongodb:// or mongodb+srv://, got "postgres://x"',
    ],
    [{ PUBLIC_URL: 'example.com' }, 'PUBLIC_URL must be an http(s) URL, got "example.com"'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [{ SLACK_BOT_TOKEN: 'abc' }, 'SLACK_BOT_TOKEN must start with xoxb-, got "abc"'],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN, got nothing',
    ],
    [
      { MICROSOFT_APP_ID: 'id' },
      'MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set, got nothing',
    ],
    [
      { MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p' },
      'MICROSOFT_APP_TENANT_ID is required for a single-tenant bot (MICROSOFT_APP_TYPE defaults to SingleTenant; set MultiTenant for a multi-tenant registration), got nothing',
    ],
    [
      { MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' },
      'MICROSOFT_APP_TENANT_ID is required for a single-tenant bot (MICROSOFT_APP_TYPE is SingleTenant; set MultiTenant for a multi-tenant registration), got nothing',
    ],
    [
      { MICROSOFT_APP_TYPE: 'AnyTenant' },
      'MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI, got "AnyTenant"',
    ],
    [{ TEAMS_PRIVACY_URL: 'privacy.html' }, 'TEAMS_PRIVACY_URL must be an http(s) URL, got "privacy.html"'],
  ])('%j is refused with one line naming the variable', (env, line) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(line);
  });

  it('switches Slack to HTTP or Socket Mode from the credentials present', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack.mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('Teams runs unauthenticated only when asked to (TEAMS_EMULATOR=true, for the Bot Framework Emulator)', () => {
    expect(loadConfig({ TEAMS_EMULATOR: 'true' }).teams.mode).toBe('emulator');
    expect(
      loadConfig({
        MICROSOFT_APP_ID: 'id',
        MICROSOFT_APP_PASSWORD: 'p',
        MICROSOFT_APP_TENANT_ID: 't',
        TEAMS_EMULATOR: 'true',
      }).teams.mode,
    ).toBe('on');
  });

  it('Teams is single-tenant unless MICROSOFT_APP_TYPE says MultiTenant', () => {
    expect(
      loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' }).teams,
    ).toEqual({ mode: 'on', appId: 'id', appPassword: 'p', tenantId: 't', appType: 'SingleTenant' });
    expect(
      loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'MultiTenant' })
        .teams,
    ).toMatchObject({ mode: 'on', appType: 'MultiTenant', tenantId: undefined });
    // Without an app id the tenant is not asked for: Teams is simply off.
    expect(loadConfig({}).teams.mode).toBe('off');
  });

  it("the Teams app's privacy and terms pages are this server's, unless TEAMS_PRIVACY_URL / TEAMS_TERMS_URL say", () => {
    expect(loadConfig({ PUBLIC_URL: 'https://sb.example.com/' }).teamsLegal).toEqual({
      privacyUrl: 'https://sb.example.com/privacy',
      termsUrl: 'https://sb.example.com/terms',
    });
    expect(
      loadConfig({
        PUBLIC_URL: 'https://sb.example.com',
        TEAMS_PRIVACY_URL: 'https://example.com/p',
        TEAMS_TERMS_URL: 'https://example.com/t',
      }).teamsLegal,
    ).toEqual({ privacyUrl: 'https://example.com/p', termsUrl: 'https://example.com/t' });
  });

  it('reads TRUST_PROXY as a flag, a hop count or a list of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow('TRUST_PROXY must be');
    for (const bad of ['abc', '10.0.0.1/33', '10.0.0', '10.0.0.1, fe80::/129', '::1/8/8'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow('TRUST_PROXY has an entry that is not an IP');
  });

  it('reads WEBHOOK_ALLOW_PRIVATE_NETWORKS as a list of addresses and ranges, naming an entry it cannot read', () => {
    expect(loadConfig({}).webhookAllowedNetworks).toEqual([]);
    expect(
      loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '10.20.0.0/16, 127.0.0.1,fd12::/64' })
        .webhookAllowedNetworks,
    ).toEqual(['10.20.0.0/16', '127.0.0.1', 'fd12::/64']);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: '10.0.0.0/8, lan, 1.2.3.4/33' })).toThrow(
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be comma-separated addresses or CIDR ranges (cannot read lan, 1.2.3.4/33), got "10.0.0.0/8, lan, 1.2.3.4/33"',
    );
  });

  it('treats empty strings as unset, the way .env files leave them', () => {
    expect(loadConfig({ MONGODB_URL: '', SLACK_BOT_TOKEN: '' }).slack.mode).toBe('off');
  });
});
