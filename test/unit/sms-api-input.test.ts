import { describe, expect, it } from '@jest/globals';
import {
  decodeBase64Image,
  parseIsoWithOffset,
  sameSecret,
  sendInputFromJson,
} from '../../src/http/routes/sms.js';

/** The SMS API's edge: JSON types, ISO times with offsets and base64 images, before any rule is checked. */
describe('SMS API input', () => {
  it.each([
    ['2026-12-02T15:00:00+09:00', '2026-12-02T06:00:00.000Z'],
    ['2026-12-02T15:00+09:00', '2026-12-02T06:00:00.000Z'],
    ['2026-12-02T06:00:00Z', '2026-12-02T06:00:00.000Z'],
    ['2026-12-02T06:00:00.250z', '2026-12-02T06:00:00.250Z'],
    ['2026-12-02T15:00:00+0900', '2026-12-02T06:00:00.000Z'],
    ['2028-02-29T00:00:00-05:00', '2028-02-29T05:00:00.000Z'],
  ])('%s is the instant %s', (text, instant) => {
    expect(parseIsoWithOffset(text)?.toISOString()).toBe(instant);
  });

  it.each([
    '2026-12-02T15:00:00', // no offset: whose 15:00?
    '2026-12-02 15:00:00+09:00',
    '2026-02-30T10:00:00Z',
    '2026-12-02T24:00:00Z',
    '2026-12-02T10:60:00Z',
    '2026-12-02T10:00:00+15:00',
    '2026-12-02',
    'tomorrow',
    '',
    '1796191200000',
  ])('%j is not a time with an offset', (text) => {
    expect(parseIsoWithOffset(text)).toBeUndefined();
  });

  it('base64 and data URLs decode; anything else is refused', () => {
    const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    expect(Buffer.from(decodeBase64Image(jpegStart.toString('base64'))!)).toEqual(jpegStart);
    expect(Buffer.from(decodeBase64Image(`data:image/jpeg;base64,${jpegStart.toString('base64')}`)!)).toEqual(
      jpegStart,
    );
    // Line-wrapped base64 (as `base64` prints it) is fine.
    expect(decodeBase64Image('/9j/\n4AAQ')).toBeDefined();
    for (const bad of ['', 'not base64!', '/9j/4A=A', '====', 'a'])
      expect({ bad, decoded: decodeBase64Image(bad) }).toEqual({ bad, decoded: undefined });
  });

  it('every field of the wrong JSON type is named at once; nothing is passed on', () => {
    const parsed = sendInputFromJson({
      body: 42,
      recipients: [1012345678],
      type: 'LMS',
      sendAt: '2026-12-02T15:00:00',
      advertisement: 'yes',
      image: 'not base64!',
      recipient: '01012345678',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.fromEntries(parsed.errors.map((e) => [e.field, e.message]))).toEqual({
      body: 'smsApi.field.text',
      recipients: 'smsApi.field.recipients',
      type: 'smsApi.field.type',
      sendAt: 'smsApi.field.sendAt',
      advertisement: 'smsApi.field.boolean',
      image: 'smsApi.field.image',
      recipient: 'smsApi.field.unknown',
    });
  });

  it('a good body becomes the use case input; missing text is passed on empty for the rules to name', () => {
    const parsed = sendInputFromJson({
      body: '안녕하세요',
      recipients: '010-1234-5678, 01098765432',
      type: 'mms',
      title: '안내',
      sendAt: '2026-12-02T15:00:00+09:00',
      advertisement: true,
      image: Buffer.from([0xff, 0xd8, 0xff]).toString('base64'),
    });
    expect(parsed).toMatchObject({
      ok: true,
      input: {
        type: 'MMS',
        body: '안녕하세요',
        title: '안내',
        recipients: '010-1234-5678, 01098765432',
        sendNo: null,
        sendAt: new Date('2026-12-02T06:00:00Z'),
        templateId: null,
        advertisement: true,
        image: { fileName: 'image.jpg' },
      },
    });
    expect(sendInputFromJson({})).toEqual({
      ok: true,
      input: {
        type: undefined,
        body: '',
        title: null,
        recipients: '',
        sendNo: null,
        sendAt: null,
        templateId: null,
        advertisement: false,
        image: null,
      },
    });
  });

  it('the webhook secret matches only itself', () => {
    expect(sameSecret('s3cret-value', 's3cret-value')).toBe(true);
    expect(sameSecret('s3cret-valuf', 's3cret-value')).toBe(false);
    expect(sameSecret('s3cret', 's3cret-value')).toBe(false);
    expect(sameSecret('', 's3cret-value')).toBe(false);
  });
});
