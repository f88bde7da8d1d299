import { describe, expect, it } from '@jest/globals';
import { redactSecrets } from '../../src/log-redaction.js';

describe('redactSecrets', () => {
  it.each([
    ['/wallboard?token=abc.def', '/wallboard?token=[redacted]'],
    ['/wallboard/data?lang=en&token=abc.def&x=1', '/wallboard/data?lang=en&token=[redacted]&x=1'],
    ['/exports/9f8e7d6c5b4a/download', '/exports/[redacted]/download'],
    ['cookie: sb_wallboard=abc.def; other=1', 'cookie: sb_wallboard=[redacted]; other=1'],
    ['Authorization: Bearer sbk_abcdefghijkl', 'Authorization: Bearer [redacted]'],
    ['key sbk_AbCdEf0123456789-_x used', 'key sbk_[redacted] used'],
    ['token xoxb-1-2-abc and xapp-1-A-2', 'token [redacted] and [redacted]'],
    ['"response_url":"https://x.test/a"', '"response_url":"[redacted]"'],
    ['"authorization":"Basic a\\"b"', '"authorization":"[redacted]"'],
    ['payload=1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx', 'payload=1&response_url=[redacted]'],
    ['see https://hooks.slack.com/actions/T1/2/abc now', 'see https://hooks.slack.com/[redacted] now'],
    ['콜백 010-5000-1234 <!channel>', '콜백 ***-****-1234 <!channel>'],
    ['"phone":"01050001234"', '"phone":"*******1234"'],
    ['02 123 4567.', '** *** 4567.'],
    ['+82 10-5000-1234', '+** **-****-1234'],
    ['+821050001234', '+********1234'],
    ['050512345678', '********5678'],
  ])('%s → %s', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });

  it('leaves times, ids, hashes and decimals alone', () => {
    const line = JSON.stringify({
      time: 1796192120184,
      at: '2026-12-02T06:04:05.012Z',
      id: 'cb_01050001234x',
      objectId: '6650a01050001234abcdef12',
      uuid: '8c1f2a3b-0d4e-4f5a-9b6c-010500012345',
      ratio: 0.0105000123,
      sha: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      count: 1050001234,
    });
    expect(redactSecrets(line)).toBe(line);
  });
});
