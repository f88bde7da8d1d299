import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { imageSize } from 'image-size';
import {
  checkSmsDraft,
  countCp949Bytes,
  parseRecipients,
  SMS_LIMITS,
  type SmsDraft,
  type SmsRulesContext,
  type SmsViolation,
} from '../../src/domain/sms.js';
import { translate } from '../../src/i18n/index.js';
import { describeBytes, problemFromViolations } from '../../src/usecases/sms/violations.js';

/**
 * The SMS rules of docs/sms.md ("Rules"): bytes as Korean carriers count them (checked against the system's own
 * CP949 converter), recipients, limits, the schedule window and the advertisement law, and the words a sender reads
 * when a rule is broken.
 */

/** What the system converter makes of a text: its CP949 length, or a throw when CP949 cannot carry it. */
function systemCp949Bytes(text: string): number {
  return execFileSync('/usr/bin/iconv', ['-f', 'UTF-8', '-t', 'CP949'], {
    input: Buffer.from(text, 'utf8'),
    stdio: ['pipe', 'pipe', 'pipe'],
  }).length;
}

describe('counting bytes (CP949, as carriers count)', () => {
  const SAMPLES = [
    // Hangul, including syllables only CP949 (not EUC-KR's 2,350) has
    '안녕하세요',
    '가',
    '한글 테스트입니다',
    '대한민국 서울특별시',
    '똠',
    '똠방각하',
    '뷁',
    '쀍',
    '햏햏',
    '갘 샾 펲',
    'ㄱㄴㄷ ㅏㅑ',
    'ㆍ',
    // Latin, digits, punctuation, the spec's mixes
    'Hello',
    '안녕 Hi!',
    'The quick brown fox jumps over the lazy dog',
    '0123456789',
    '010-1234-5678',
    '!@#$%^&*()_+-=[]{};:\'",.<>/|`~',
    '\\',
    '?',
    'Really??',
    '(광고) 스위치보드 겨울 할인\n무료수신거부 080-123-4567',
    // Hanja, full-width forms, symbols, other scripts CP949 carries
    '漢字',
    '大韓民國',
    'ＡＢＣ１２３！？',
    '　',
    '※★☆♥①②→℃',
    '€™·…',
    'あいう カタカナ',
    'αβγ АБВ',
    '┌─┐│└─┘',
    // Whitespace
    ' ',
    '\n',
    'a b\nc\r\nd\te',
  ];

  it.each(SAMPLES)('%j has as many bytes as `iconv -t CP949` makes of it', (sample) => {
    expect(countCp949Bytes(sample)).toEqual({ bytes: systemCp949Bytes(sample), unencodable: [] });
  });

  it('covers at least 30 samples', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(30);
  });

  it('gives the spec’s examples', () => {
    expect(countCp949Bytes('안녕하세요').bytes).toBe(10);
    expect(countCp949Bytes('Hello').bytes).toBe(5);
    expect(countCp949Bytes('안녕 Hi!').bytes).toBe(8);
    expect(countCp949Bytes('가'.repeat(45)).bytes).toBe(90);
    expect(countCp949Bytes('가'.repeat(46)).bytes).toBe(92);
    expect(countCp949Bytes('').bytes).toBe(0);
  });

  const UNENCODABLE = [
    ['😀', 'an emoji (two UTF-16 units)'],
    ['₩', 'the won sign U+20A9 (CP949 has only the full-width ￦)'],
    ['é', 'a Latin letter with an accent'],
    ['\u00a0', 'a no-break space'],
    ['\u1100', 'a conjoining Hangul jamo'],
    ['\u200b', 'a zero-width space'],
  ];

  it.each(UNENCODABLE)('%j (%s) is named, and the system converter refuses it too', (character) => {
    expect(() => systemCp949Bytes(character)).toThrow();
    expect(countCp949Bytes(`안녕${character}하세요`).unencodable).toEqual([character]);
  });

  it('names each unencodable character once, in order, and a real ? is fine', () => {
    const counted = countCp949Bytes('😀 할인?! 😀👍 🇰🇷 ₩1,000');
    expect(counted.unencodable).toEqual(['😀', '👍', '🇰', '🇷', '₩']);
    // Each counts as the `?` iconv-lite would write in its place, so the count is the codec's own.
    expect(counted.bytes).toBe(iconv.encode('😀 할인?! 😀👍 🇰🇷 ₩1,000', 'cp949').length);
    expect(countCp949Bytes('?').unencodable).toEqual([]);
  });

  it('names a lone surrogate (half an emoji) too', () => {
    expect(countCp949Bytes('a\ud83db').unencodable).toEqual(['\ud83d']);
  });
});

describe('recipients', () => {
  it('strips spaces, hyphens, brackets and dots; splits on commas, semicolons and new lines', () => {
    expect(parseRecipients('010-1234-5678, (02) 1544-1234;010.9876.5432\n 031 123 4567 ,')).toEqual({
      recipients: ['01012345678', '0215441234', '01098765432', '0311234567'],
      invalid: [],
      duplicatesRemoved: 0,
    });
  });

  it('takes an array of numbers', () => {
    expect(parseRecipients(['010-1234-5678', ' 01098765432 ', '']).recipients).toEqual([
      '01012345678',
      '01098765432',
    ]);
  });

  it('takes 10 to 13 digits and lists every other entry as typed', () => {
    expect(
      parseRecipients(
        '0212345678, 0101234567890, 02-123-4567, 010-1234-5678-999, 010abc5678, 123, 0212345678',
      ),
    ).toEqual({
      recipients: ['0212345678', '0101234567890'],
      invalid: ['02-123-4567', '010-1234-5678-999', '010abc5678', '123'],
      duplicatesRemoved: 1,
    });
  });

  it('removes duplicates whatever their spelling, and counts them', () => {
    expect(parseRecipients('010-1234-5678, 01012345678, (010) 1234 5678, 010-9999-0000')).toEqual({
      recipients: ['01012345678', '01099990000'],
      invalid: [],
      duplicatesRemoved: 2,
    });
  });

  it('ignores empty entries', () => {
    expect(parseRecipients(' , ,, \n')).toEqual({ recipients: [], invalid: [], duplicatesRemoved: 0 });
  });

  it('lists a bad entry typed twice once', () => {
    expect(parseRecipients('123, 0212345678, 123')).toEqual({
      recipients: ['0212345678'],
      invalid: ['123'],
      duplicatesRemoved: 0,
    });
  });
});

// 14:00 KST on a Wednesday.
const NOW = new Date('2026-12-02T05:00:00Z');
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
/** A time on 2026-12-02 or 03 in Korea. */
const kst = (iso: string) => new Date(`${iso}+09:00`);

const CONTEXT: SmsRulesContext = {
  now: NOW,
  senderNumbers: ['0215441234', '0215445678'],
  optOutNumber: '0801234567',
  adNightConsent: false,
};
const DRAFT: SmsDraft = {
  type: 'SMS',
  body: '안녕하세요, 예약하신 상담 안내입니다.',
  title: null,
  recipients: '010-1234-5678',
  sendNo: null,
  sendAt: null,
  advertisement: false,
  image: null,
};
const AD_BODY = '(광고) 스위치보드 겨울 할인\n지금 신청하세요.\n무료수신거부 080-123-4567';

const check = (draft: Partial<SmsDraft>, context: Partial<SmsRulesContext> = {}) =>
  checkSmsDraft({ ...DRAFT, ...draft }, { ...CONTEXT, ...context });
const violationsOf = (draft: Partial<SmsDraft>, context: Partial<SmsRulesContext> = {}) =>
  check(draft, context).violations;

/** A JPEG as far as any reader looks before the pixels: SOI, a JFIF APP0, SOF0 with the size, padding, EOI. */
function jpeg(width: number, height: number, totalBytes = 0): Uint8Array {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0,
  ];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03];
  const components = [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  const head = [0xff, 0xd8, ...app0, ...sof0, ...components];
  const data = new Uint8Array(Math.max(totalBytes, head.length + 2));
  data.set(head, 0);
  data.set([0xff, 0xd9], data.length - 2);
  return data;
}
/** The first bytes of a real PNG (signature and IHDR of a 10×10 image). */
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x0a, 0x00, 0x00, 0x00, 0x0a, 0x08, 0x02, 0x00, 0x00, 0x00, 0x02, 0x50, 0x58, 0xea,
]);
const MMS: Partial<SmsDraft> = { type: 'MMS', title: '겨울 안내', body: '긴 안내문입니다.\n'.repeat(20) };

describe('checking a draft', () => {
  it('passes a good SMS and picks the first registered sender number', () => {
    expect(check({})).toEqual({
      violations: [],
      bodyBytes: countCp949Bytes(DRAFT.body).bytes,
      titleBytes: 0,
      recipients: ['01012345678'],
      sendNo: '0215441234',
    });
  });

  it('refuses an empty body', () => {
    expect(violationsOf({ body: ' \n ' })).toEqual([{ field: 'body', rule: 'empty' }]);
  });

  it('takes 90 bytes as SMS and refuses 91, suggesting MMS', () => {
    expect(violationsOf({ body: '가'.repeat(45) })).toEqual([]);
    expect(violationsOf({ body: '가'.repeat(45) + '!' })).toEqual([
      { field: 'body', rule: 'tooLong', bytes: 91, limit: 90, suggestMms: true },
    ]);
  });

  it('suggests MMS for an SMS body up to 2,000 bytes, which MMS carries', () => {
    expect(violationsOf({ body: 'a'.repeat(2000) })).toEqual([
      { field: 'body', rule: 'tooLong', bytes: 2000, limit: 90, suggestMms: true },
    ]);
  });

  it('does not suggest MMS for an SMS body that MMS could not carry either', () => {
    expect(violationsOf({ body: 'a'.repeat(2001) })).toEqual([
      { field: 'body', rule: 'tooLong', bytes: 2001, limit: 90, suggestMms: false },
    ]);
  });

  it('takes 2,000 bytes as MMS and refuses 2,001', () => {
    expect(violationsOf({ ...MMS, body: '가'.repeat(1000) })).toEqual([]);
    expect(violationsOf({ ...MMS, body: '가'.repeat(1000) + 'a' })).toEqual([
      { field: 'body', rule: 'tooLong', bytes: 2001, limit: 2000, suggestMms: false },
    ]);
  });

  it('requires an MMS title of at most 40 bytes, and ignores a title on an SMS', () => {
    expect(violationsOf({ ...MMS, title: null })).toEqual([{ field: 'title', rule: 'required' }]);
    expect(violationsOf({ ...MMS, title: '  ' })).toEqual([{ field: 'title', rule: 'required' }]);
    expect(violationsOf({ ...MMS, title: '가'.repeat(20) })).toEqual([]);
    expect(violationsOf({ ...MMS, title: '가'.repeat(20) + 'a' })).toEqual([
      { field: 'title', rule: 'tooLong', bytes: 41, limit: 40 },
    ]);
    expect(check({ ...MMS, title: '가'.repeat(20) + 'a' }).titleBytes).toBe(41);
    expect(violationsOf({ title: '가'.repeat(30) })).toEqual([]);
  });

  it('names the characters the carrier cannot carry, in the body and in the title', () => {
    expect(violationsOf({ ...MMS, body: '축하합니다 🎉🎉 ₩10,000 적립', title: '이벤트 😀' })).toEqual([
      { field: 'body', rule: 'unencodable', characters: ['🎉', '₩'] },
      { field: 'title', rule: 'unencodable', characters: ['😀'] },
    ]);
  });

  describe('images', () => {
    it('reads the test JPEGs’ size the way the rules do', () => {
      expect(imageSize(jpeg(1001, 1000))).toMatchObject({ type: 'jpg', width: 1001, height: 1000 });
      expect(imageSize(jpeg(640, 480, 301 * 1024))).toMatchObject({ type: 'jpg', width: 640, height: 480 });
    });

    it('takes one JPG of at most 300 KB and 1000×1000 pixels with an MMS', () => {
      expect(
        violationsOf({ ...MMS, image: { fileName: 'a.jpg', data: jpeg(1000, 1000, 300 * 1024) } }),
      ).toEqual([]);
    });

    it('refuses an image on an SMS', () => {
      expect(violationsOf({ image: { fileName: 'a.jpg', data: jpeg(100, 100) } })).toEqual([
        { field: 'image', rule: 'smsCannotCarry' },
      ]);
    });

    it('goes by the bytes, not the file name: a PNG named .jpg is refused, a JPEG named .png is fine', () => {
      expect(violationsOf({ ...MMS, image: { fileName: 'photo.jpg', data: PNG } })).toEqual([
        { field: 'image', rule: 'notJpeg' },
      ]);
      expect(violationsOf({ ...MMS, image: { fileName: 'photo.png', data: jpeg(100, 100) } })).toEqual([]);
    });

    it('refuses a JPEG too short to say its size', () => {
      expect(
        violationsOf({
          ...MMS,
          image: { fileName: 'cut.jpg', data: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]) },
        }),
      ).toEqual([{ field: 'image', rule: 'notJpeg' }]);
    });

    it('refuses a 301 KB JPG', () => {
      expect(
        violationsOf({ ...MMS, image: { fileName: 'big.jpg', data: jpeg(640, 480, 301 * 1024) } }),
      ).toEqual([{ field: 'image', rule: 'tooLarge', bytes: 301 * 1024, limit: 300 * 1024 }]);
    });

    it('refuses 1001×1000 and 1000×1001 pixels', () => {
      expect(violationsOf({ ...MMS, image: { fileName: 'w.jpg', data: jpeg(1001, 1000) } })).toEqual([
        { field: 'image', rule: 'tooManyPixels', width: 1001, height: 1000, limit: 1000 },
      ]);
      expect(violationsOf({ ...MMS, image: { fileName: 'h.jpg', data: jpeg(1000, 1001) } })).toEqual([
        { field: 'image', rule: 'tooManyPixels', width: 1000, height: 1001, limit: 1000 },
      ]);
    });
  });

  describe('recipients', () => {
    it('refuses 9 and 14 digits, listing every bad entry as typed', () => {
      expect(
        violationsOf({ recipients: '02-123-4567, 010-1234-5678, 0101234567890 1, 010-1234-5678' }),
      ).toEqual([{ field: 'recipients', rule: 'invalid', entries: ['02-123-4567', '0101234567890 1'] }]);
    });

    it('sends once to a number given twice', () => {
      const checked = check({ recipients: ['010-1234-5678', '01012345678', '010 9876 5432'] });
      expect(checked.violations).toEqual([]);
      expect(checked.recipients).toEqual(['01012345678', '01098765432']);
    });

    it('refuses no recipients', () => {
      expect(violationsOf({ recipients: ' , ' })).toEqual([{ field: 'recipients', rule: 'empty' }]);
      expect(violationsOf({ recipients: [] })).toEqual([{ field: 'recipients', rule: 'empty' }]);
    });

    it(`takes ${SMS_LIMITS.recipientsPerRequest} recipients in one send and refuses one more`, () => {
      const numbers = (n: number) => Array.from({ length: n }, (_, i) => `010${String(i).padStart(8, '0')}`);
      expect(violationsOf({ recipients: numbers(10_000) })).toEqual([]);
      expect(violationsOf({ recipients: numbers(10_001) })).toEqual([
        { field: 'recipients', rule: 'tooMany', count: 10_001, limit: 10_000 },
      ]);
    });
  });

  describe('sender number', () => {
    it('takes a registered one written with hyphens', () => {
      expect(check({ sendNo: '02-1544-5678' })).toMatchObject({ violations: [], sendNo: '0215445678' });
    });

    it('refuses one that is not registered, as typed', () => {
      expect(violationsOf({ sendNo: '02-9999-9999' })).toEqual([
        { field: 'sendNo', rule: 'notRegistered', sendNo: '02-9999-9999' },
      ]);
    });

    it('refuses every send while the service has none', () => {
      expect(check({}, { senderNumbers: [] })).toMatchObject({
        violations: [{ field: 'sendNo', rule: 'noneRegistered' }],
        sendNo: null,
      });
    });
  });

  describe('schedule window (now + 30 min … now + 24 h, both ends included)', () => {
    const earliest = at(minutes(30));
    const latest = at(minutes(24 * 60));

    it('takes both ends', () => {
      expect(violationsOf({ sendAt: earliest })).toEqual([]);
      expect(violationsOf({ sendAt: latest })).toEqual([]);
    });

    it('refuses now + 29 min and a millisecond before the window', () => {
      expect(violationsOf({ sendAt: at(minutes(29)) })).toEqual([
        { field: 'sendAt', rule: 'tooSoon', earliest, latest },
      ]);
      expect(violationsOf({ sendAt: at(minutes(30) - 1) })).toEqual([
        { field: 'sendAt', rule: 'tooSoon', earliest, latest },
      ]);
    });

    it('refuses now + 25 h and a millisecond after the window', () => {
      expect(violationsOf({ sendAt: at(minutes(25 * 60)) })).toEqual([
        { field: 'sendAt', rule: 'tooLate', earliest, latest },
      ]);
      expect(violationsOf({ sendAt: at(minutes(24 * 60) + 1) })).toEqual([
        { field: 'sendAt', rule: 'tooLate', earliest, latest },
      ]);
    });
  });

  describe('advertisements', () => {
    const AD: Partial<SmsDraft> = { ...MMS, body: AD_BODY, advertisement: true };

    it('takes (광고) first and the opt-out line with the service’s 080 number last, in the daytime', () => {
      expect(violationsOf(AD)).toEqual([]);
      expect(violationsOf({ ...AD, body: '(광고)할인\n무료 수신거부 0801234567\n' })).toEqual([]);
      expect(violationsOf({ ...AD, body: '(광고)할인\n무료수신거부: 080 123 4567' })).toEqual([]);
    });

    it('refuses an ad without (광고) exactly at the start', () => {
      for (const body of [
        '스위치보드 할인\n무료수신거부 080-123-4567',
        '[광고] 할인\n무료수신거부 080-123-4567',
      ])
        expect(violationsOf({ ...AD, body })).toEqual([{ field: 'advertisement', rule: 'missingPrefix' }]);
      expect(violationsOf({ ...AD, body: ` ${AD_BODY}` })).toEqual([
        { field: 'advertisement', rule: 'missingPrefix' },
      ]);
    });

    it('refuses an ad whose last line is not the opt-out line with the service’s number', () => {
      const missing = [{ field: 'advertisement', rule: 'missingOptOut', optOutNumber: '0801234567' }];
      expect(violationsOf({ ...AD, body: '(광고) 스위치보드 겨울 할인' })).toEqual(missing);
      expect(violationsOf({ ...AD, body: '(광고) 할인\n무료수신거부 080-765-4321' })).toEqual(missing);
      expect(violationsOf({ ...AD, body: '(광고) 할인\n수신거부 080-123-4567' })).toEqual(missing);
      expect(violationsOf({ ...AD, body: '(광고) 할인\n무료수신거부 080-123-4567\n감사합니다' })).toEqual(
        missing,
      );
      expect(violationsOf({ ...AD, body: '(광고) 할인\n무료수신거부 080-123-45678' })).toEqual(missing);
    });

    it('refuses every ad while the service has no opt-out number', () => {
      expect(violationsOf(AD, { optOutNumber: null })).toEqual([
        { field: 'advertisement', rule: 'noOptOutNumber' },
      ]);
    });

    it('refuses an ad at 22:00 KST, unless the service recorded night-time consent', () => {
      const night = kst('2026-12-02T22:00');
      const context = { now: kst('2026-12-02T20:00') };
      expect(violationsOf({ ...AD, sendAt: night }, context)).toEqual([
        { field: 'advertisement', rule: 'nightBlocked', at: night },
      ]);
      expect(violationsOf({ ...AD, sendAt: night }, { ...context, adNightConsent: true })).toEqual([]);
    });

    it('blocks 21:00 to 07:59 KST and lets 08:00 and 20:59 through', () => {
      const context = { now: kst('2026-12-02T06:00') };
      const blocked = (sendAt: Date) => [{ field: 'advertisement', rule: 'nightBlocked', at: sendAt }];
      expect(violationsOf({ ...AD, sendAt: kst('2026-12-02T07:59') }, context)).toEqual(
        blocked(kst('2026-12-02T07:59')),
      );
      expect(violationsOf({ ...AD, sendAt: kst('2026-12-02T08:00') }, context)).toEqual([]);
      expect(violationsOf({ ...AD, sendAt: kst('2026-12-02T20:59') }, context)).toEqual([]);
      expect(violationsOf({ ...AD, sendAt: kst('2026-12-02T21:00') }, context)).toEqual(
        blocked(kst('2026-12-02T21:00')),
      );
    });

    it('goes by the time of sending: now when sent now, the scheduled time otherwise', () => {
      const lateEvening = { now: kst('2026-12-02T22:30') };
      expect(violationsOf(AD, lateEvening)).toEqual([
        { field: 'advertisement', rule: 'nightBlocked', at: lateEvening.now },
      ]);
      expect(violationsOf({ ...AD, sendAt: kst('2026-12-03T09:00') }, lateEvening)).toEqual([]);
    });

    it('does not apply any of this to a message that is not an ad', () => {
      expect(
        violationsOf(
          { body: '안내 문자', sendAt: kst('2026-12-02T22:00') },
          { now: kst('2026-12-02T20:00') },
        ),
      ).toEqual([]);
    });
  });

  it('reports every broken rule at once', () => {
    const fields = violationsOf(
      {
        type: 'MMS',
        title: '',
        body: '😀',
        recipients: '123',
        sendNo: '0299999999',
        sendAt: at(minutes(10)),
        advertisement: true,
        image: { fileName: 'a.png', data: PNG },
      },
      { optOutNumber: null },
    ).map((v) => `${v.field}.${v.rule}`);
    expect(fields).toEqual([
      'body.unencodable',
      'title.required',
      'image.notJpeg',
      'recipients.invalid',
      'sendNo.notRegistered',
      'sendAt.tooSoon',
      'advertisement.missingPrefix',
      'advertisement.noOptOutNumber',
    ]);
  });
});

describe('what a sender reads', () => {
  const texts = (violations: SmsViolation[], timeZone?: string) => {
    const problem = problemFromViolations(violations, timeZone ? { timeZone } : {});
    const read = (locale: 'ko' | 'en') =>
      Object.fromEntries(
        Object.entries(problem.fields).map(([field, m]) => [field, translate(locale, m.message, m.params)]),
      );
    return { ko: read('ko'), en: read('en') };
  };

  it('is an invalid_input problem for the whole form with the first violation of each field', () => {
    const problem = problemFromViolations(check({ body: '가'.repeat(50) + '😀', recipients: '' }).violations);
    expect(problem.code).toBe('invalid_input');
    expect(translate('ko', problem.message)).toBe('보내지 않았습니다. 표시된 항목을 고친 뒤 다시 보내세요.');
    expect(translate('en', problem.message)).toBe('Nothing was sent. Fix the marked fields and send again.');
    expect(Object.keys(problem.fields)).toEqual(['body', 'recipients']);
    expect(problem.fields.body?.message).toBe('sms.body.tooLongForSms');
  });

  it('counts the bytes: 91 / 90 — use MMS; 2,001 / 2,000; 41 / 40 for the title', () => {
    expect(texts(violationsOf({ body: '가'.repeat(45) + '!' }))).toEqual({
      ko: {
        body: '91 / 90바이트 — MMS로 보내세요. 한글은 한 글자에 2바이트, 영문·숫자·공백은 1바이트입니다.',
      },
      en: {
        body: '91 / 90 bytes — use MMS. A Korean letter counts 2 bytes; Latin letters, digits and spaces 1.',
      },
    });
    expect(texts(violationsOf({ ...MMS, body: 'a'.repeat(2001), title: '가'.repeat(20) + 'a' }))).toEqual({
      ko: {
        body: '2,001 / 2,000바이트 — 1바이트 넘습니다. 본문을 줄이세요.',
        title: '41 / 40바이트 — 1바이트 넘습니다. 제목을 줄이세요.',
      },
      en: {
        body: '2,001 / 2,000 bytes — too long by 1; shorten the body.',
        title: '41 / 40 bytes — too long by 1; shorten the title.',
      },
    });
  });

  it('gives the running count for a hint', () => {
    const hint = (type: 'SMS' | 'MMS', bytes: number) => {
      const { message, params } = describeBytes(type, bytes);
      return [translate('ko', message, params), translate('en', message, params)];
    };
    expect(hint('SMS', 42)).toEqual(['42 / 90바이트', '42 / 90 bytes']);
    expect(hint('MMS', 1234)).toEqual(['1,234 / 2,000바이트', '1,234 / 2,000 bytes']);
  });

  it('quotes the characters that cannot be sent, and spells out invisible ones', () => {
    expect(texts(violationsOf({ body: '할인 😀 ₩1,000\u00a0적립' }))).toEqual({
      ko: {
        body: '문자로 보낼 수 없는 글자가 있습니다: "😀", "₩", U+00A0. 지우거나 다른 글자로 바꾸세요 (이모지와 일부 기호는 보낼 수 없습니다).',
      },
      en: {
        body: 'These characters cannot be sent by text message: "😀", "₩", U+00A0. Remove or replace them (emoji and some symbols cannot be sent).',
      },
    });
  });

  it('lists every bad recipient, and only beyond 20 says how many more', () => {
    expect(texts(violationsOf({ recipients: '02-123-4567, 010-1234-5678, 0101234567890 1, 12345' }))).toEqual(
      {
        ko: {
          recipients:
            '올바르지 않은 수신번호 3건: 02-123-4567, 0101234567890 1, 12345. 수신번호는 10~13자리 숫자입니다.',
        },
        en: {
          recipients:
            'Invalid recipient numbers (3): 02-123-4567, 0101234567890 1, 12345. A number has 10 to 13 digits.',
        },
      },
    );
    const bad = Array.from({ length: 25 }, (_, i) => `010-${i}`);
    const listed = bad.slice(0, 20).join(', ');
    expect(texts(violationsOf({ recipients: bad }))).toEqual({
      ko: { recipients: `올바르지 않은 수신번호 25건: ${listed} 외 5건. 수신번호는 10~13자리 숫자입니다.` },
      en: {
        recipients: `Invalid recipient numbers (25): ${listed} and 5 more. A number has 10 to 13 digits.`,
      },
    });
  });

  it('gives the allowed schedule window in Korean time, or the service’s own', () => {
    expect(texts(violationsOf({ sendAt: at(minutes(29)) }))).toEqual({
      ko: {
        sendAt:
          '예약시간이 너무 이릅니다. 14:30 12-02부터 14:00 12-03까지 고를 수 있습니다 (지금부터 30분 후 ~ 1일 이내).',
      },
      en: {
        sendAt:
          'The scheduled time is too soon. Pick a time from 14:30 12-02 to 14:00 12-03 (30 minutes to 1 day from now).',
      },
    });
    expect(texts(violationsOf({ sendAt: at(minutes(25 * 60)) }), 'Europe/Berlin').en).toEqual({
      sendAt:
        'The scheduled time is too far ahead. Pick a time from 06:30 12-02 to 06:00 12-03 (30 minutes to 1 day from now).',
    });
  });

  it('explains the image rules with the image’s own figures', () => {
    const image = (data: Uint8Array) => texts(violationsOf({ ...MMS, image: { fileName: 'x.jpg', data } }));
    expect(image(jpeg(640, 480, 301 * 1024))).toEqual({
      ko: { image: '이미지가 301KB입니다. 300KB 이하 파일만 첨부할 수 있습니다.' },
      en: { image: 'The image is 301 KB; at most 300 KB can be attached.' },
    });
    expect(image(jpeg(1001, 1000)).en).toEqual({
      image: 'The image is 1001×1000 pixels; width and height may be at most 1000 each.',
    });
    expect(image(PNG)).toEqual({
      ko: { image: 'JPG(JPEG) 이미지만 첨부할 수 있습니다.' },
      en: { image: 'Only a JPG (JPEG) image can be attached.' },
    });
    expect(texts(violationsOf({ image: { fileName: 'x.jpg', data: jpeg(10, 10) } })).en).toEqual({
      image: 'Only an MMS can carry an image. Switch the type to MMS or remove the image.',
    });
  });

  it('names the sender number that is not registered', () => {
    expect(texts(violationsOf({ sendNo: '02-9999-9999' }))).toEqual({
      ko: { sendNo: '02-9999-9999은(는) 이 서비스에 등록된 발신번호가 아닙니다.' },
      en: { sendNo: '02-9999-9999 is not a sender number registered for this service.' },
    });
  });

  it('spells out the advertisement rules, with the opt-out line to add and the time in Korea', () => {
    const AD: Partial<SmsDraft> = { ...MMS, advertisement: true };
    expect(texts(violationsOf({ ...AD, body: '할인\n무료수신거부 080-123-4567' }))).toEqual({
      ko: { advertisement: '광고 문자는 본문이 정확히 (광고)로 시작해야 합니다.' },
      en: { advertisement: 'An advertisement’s body must start with exactly (광고).' },
    });
    expect(texts(violationsOf({ ...AD, body: '(광고) 할인' }))).toEqual({
      ko: {
        advertisement:
          '광고 문자는 본문 마지막 줄에 무료수신거부 안내가 있어야 합니다: 무료수신거부 080-123-4567',
      },
      en: {
        advertisement: 'An advertisement’s last line must be the opt-out line: 무료수신거부 080-123-4567',
      },
    });
    expect(texts(violationsOf({ ...AD, body: AD_BODY }, { optOutNumber: null })).en).toEqual({
      advertisement:
        'This service has no free opt-out number (080), so it cannot send advertisements. A service admin can add one in `/switchboard settings`.',
    });
    // The service keeps Berlin time; the law's clock is Korea's.
    expect(
      texts(
        violationsOf(
          { ...AD, body: AD_BODY, sendAt: kst('2026-12-02T22:00') },
          { now: kst('2026-12-02T20:00') },
        ),
        'Europe/Berlin',
      ),
    ).toEqual({
      ko: {
        advertisement:
          '광고 문자는 한국 시간 21:00~08:00에 보낼 수 없습니다 (발송 시각 22:00 12-02). 08:00 이후로 예약하거나, 야간 광고 수신 동의를 받은 경우 서비스 관리자가 설정에서 켜세요.',
      },
      en: {
        advertisement:
          'Advertisements cannot be sent from 21:00 to 08:00 Korean time (this one would go at 22:00 12-02). Schedule it for 08:00 or later, or, if recipients gave night-time consent, a service admin can record it in the settings.',
      },
    });
  });
});
