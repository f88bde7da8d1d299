import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Which client address the API-key IP allow-list sees behind each TRUST_PROXY setting. The test client connects
 * from 127.0.0.1, which plays the proxy; `X-Forwarded-For` is what the proxy passed on, the rightmost entry being
 * the one it appended itself (the real peer), everything left of it written by whoever sent the request.
 */
const CANDIDATES = ['127.0.0.1', '203.0.113.7', '198.51.100.9', '10.0.0.2'];

describe('TRUST_PROXY decides which X-Forwarded-For entry is the client', () => {
  let first: TestApp;
  let serviceId: string;
  beforeAll(async () => {
    first = await startTestApp();
    serviceId = (await first.store.services.create('Proxy test', defaultServiceSettings()))._id;
  });
  afterAll(async () => {
    await first.close();
  });

  /**
   * The address the allow-list saw: one fresh key per candidate address (so no key's cached lookup decides), and
   * the one key that was let in names it.
   */
  async function seenAs(app: TestApp, forwardedFor: string | undefined): Promise<string[]> {
    const seen: string[] = [];
    for (const address of CANDIDATES) {
      const { key } = await app.store.apiKeys.create({
        serviceId,
        name: `only ${address}`,
        allowedIps: [address],
        createdBy: 'test',
      });
      const response = await fetch(`${app.url}/api/v1/service`, {
        headers: {
          authorization: `Bearer ${key}`,
          ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
        },
      });
      expect([200, 403]).toContain(response.status);
      if (response.status === 200) seen.push(address);
    }
    return seen;
  }

  const cases: [setting: string | undefined, forwardedFor: string | undefined, client: string][] = [
    // Off: the header is ignored, whoever wrote it.
    [undefined, '203.0.113.7', '127.0.0.1'],
    ['false', '203.0.113.7, 198.51.100.9', '127.0.0.1'],
    // One proxy: its own entry counts, a client's forged entry in front of it does not.
    ['true', '203.0.113.7', '203.0.113.7'],
    ['true', '203.0.113.7, 198.51.100.9', '198.51.100.9'],
    ['true', undefined, '127.0.0.1'],
    // Two proxies in a chain (a CDN, then our load balancer).
    ['2', '203.0.113.7, 10.0.0.2', '203.0.113.7'],
    ['2', '203.0.113.7, 198.51.100.9, 10.0.0.2', '198.51.100.9'],
    ['1', '203.0.113.7, 198.51.100.9', '198.51.100.9'],
    ['0', '203.0.113.7', '127.0.0.1'],
    // Named proxies: hops are trusted while they come from a listed address.
    ['127.0.0.1', '203.0.113.7', '203.0.113.7'],
    ['127.0.0.1', '203.0.113.7, 198.51.100.9', '198.51.100.9'],
    ['127.0.0.0/8, 10.0.0.0/8', '203.0.113.7, 198.51.100.9, 10.0.0.2', '198.51.100.9'],
  ];

  it.each(cases)(
    'TRUST_PROXY=%s, X-Forwarded-For: %s → the client is %s',
    async (setting, forwardedFor, client) => {
      const app = await startTestApp({
        dbName: first.dbName,
        env: setting === undefined ? {} : { TRUST_PROXY: setting },
      });
      try {
        expect(await seenAs(app, forwardedFor)).toEqual([client]);
      } finally {
        await app.close();
      }
    },
  );
});
