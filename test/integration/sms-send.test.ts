import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MemberDoc } from '../../src/domain/members.js';
import type { Actor } from '../../src/usecases/actor.js';
import { jpegOf } from '../support/jpeg.js';
import { numbers, SMS_OPERATOR, SMS_SENDER, SmsBench } from '../support/sms.js';

/**
 * `sendSms` and the history: who may send and read, templates (a locked one is sent as stored; one under a disabled
 * category cannot be used), and that a refused send leaves nothing behind.
 */
describe('SMS send and history use cases', () => {
  let bench: SmsBench;
  let sender: MemberDoc;
  let other: MemberDoc;
  const asMember = (member: MemberDoc): Actor => ({ kind: 'member', member, surface: 'slack' });
  const requestCount = () => bench.app.store.db.collection('smsRequests').countDocuments();

  beforeAll(async () => {
    bench = await SmsBench.start();
    const member = (displayName: string, sms: boolean) =>
      bench.app.store.members.create({
        serviceId: bench.serviceId,
        displayName,
        role: 'member',
        permissions: { phone: false, callbackAssign: false, sms },
        identities: [],
        ctiAgentId: null,
      });
    sender = await member('Kim Sender', true);
    other = await member('Lee Other', true);
  });
  afterAll(async () => {
    await bench.close();
  });

  it('a locked template is sent exactly as stored; a changed body is refused on the body field', async () => {
    const { smsTemplates } = bench.app.store;
    const top = await smsTemplates.createCategory({
      serviceId: bench.serviceId,
      parentId: null,
      name: '안내',
      enabled: true,
    });
    const sub = await smsTemplates.createCategory({
      serviceId: bench.serviceId,
      parentId: top._id,
      name: '예약',
      enabled: true,
    });
    const locked = await smsTemplates.createTemplate({
      serviceId: bench.serviceId,
      categoryId: sub._id,
      type: 'SMS',
      enabled: true,
      editable: false,
      name: '예약 확인',
      description: null,
      sendNo: SMS_SENDER,
      title: null,
      body: '예약이 확정되었습니다.',
      imageId: null,
      advertisement: false,
    });
    const before = await requestCount();
    const changed = await bench.app.usecases.sms.sendSms(SMS_OPERATOR, bench.serviceId, {
      body: '예약이 취소되었습니다.',
      recipients: numbers(100, 1),
      templateId: locked._id,
    });
    expect(changed).toMatchObject({
      ok: false,
      problem: { code: 'invalid_input', fields: { body: { message: 'smsDelivery.templateLocked' } } },
    });
    expect(await requestCount()).toBe(before);

    const receipt = await bench.send({ body: '', recipients: numbers(100, 1), templateId: locked._id });
    expect(receipt.bytes).toBe(22);
    await bench.untilChunksSettled(receipt.id);
    expect(bench.sendCallsWith('예약이 확정되었습니다.')).toHaveLength(1);
    expect((await bench.detail(receipt.id)).body).toBe('예약이 확정되었습니다.');

    // Disabling the first-level category hides the template from sending.
    await smsTemplates.updateCategory(bench.serviceId, top._id, { enabled: false });
    const hidden = await bench.app.usecases.sms.sendSms(SMS_OPERATOR, bench.serviceId, {
      body: '',
      recipients: numbers(101, 1),
      templateId: locked._id,
    });
    expect(hidden).toMatchObject({
      ok: false,
      problem: { code: 'invalid_input', fields: { templateId: { message: 'smsDelivery.templateNotFound' } } },
    });
    const options = await bench.app.usecases.sms.smsComposeOptions(SMS_OPERATOR, bench.serviceId);
    expect(options.ok && options.value.templates).toEqual([]);
  }, 30_000);

  it('an MMS with a JPG: the image goes up once, before the chunks, and every chunk carries its file id', async () => {
    const phones = numbers(140, 1001);
    const body = '사진을 확인하세요.';
    const receipt = await bench.send({
      type: 'MMS',
      title: '안내',
      body,
      recipients: phones,
      image: { fileName: 'photo.jpg', data: jpegOf({ width: 16, height: 16 }) },
    });
    await bench.untilChunksSettled(receipt.id);
    const uploads = bench.fake.calls.filter((c) => c.path === '/attachfile/binaryUpload');
    expect(uploads).toHaveLength(1);
    const sends = bench.sendCallsWith(body);
    expect(sends.map((c) => c.path)).toEqual(['/sender/mms', '/sender/mms']);
    const fileId = (await bench.app.store.smsRequests.get(receipt.id))!.providerFileId;
    expect(fileId).toEqual(expect.any(Number));
    for (const call of sends) expect(call.body).toMatchObject({ title: '안내', attachFileIdList: [fileId] });
    expect(uploads[0]!.at).toBeLessThanOrEqual(sends[0]!.at);
    bench.expectEachOnce(phones);
  }, 30_000);

  it('a rule broken: refused on its field, nothing stored, nothing sent', async () => {
    const before = await requestCount();
    const callsBefore = bench.fake.sendCalls().length;
    const refused = await bench.app.usecases.sms.sendSms(SMS_OPERATOR, bench.serviceId, {
      body: '가'.repeat(46),
      recipients: ['0101234567', '12345'],
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problem.code).toBe('invalid_input');
    expect(Object.keys(refused.problem.fields ?? {}).sort()).toEqual(['body', 'recipients']);
    expect(await requestCount()).toBe(before);
    await new Promise((r) => setTimeout(r, 500));
    expect(bench.fake.sendCalls()).toHaveLength(callsBefore);
  });

  it("who may send: a member with `sms`, the service's API key; not a member without it, not another service's key", async () => {
    const without = await bench.app.store.members.create({
      serviceId: bench.serviceId,
      displayName: 'Park NoSms',
      role: 'member',
      permissions: { phone: true, callbackAssign: false, sms: false },
      identities: [],
      ctiAgentId: null,
    });
    const input = { body: 'Hello', recipients: numbers(110, 1) };
    const sms = bench.app.usecases.sms;
    expect(await sms.sendSms(asMember(without), bench.serviceId, input)).toMatchObject({
      ok: false,
      problem: { code: 'forbidden', message: 'refusal.missingPermission', params: { permission: 'sms' } },
    });
    const foreignKey: Actor = { kind: 'apiKey', keyId: 'key_other', serviceId: 'svc_other' };
    expect(await sms.sendSms(foreignKey, bench.serviceId, input)).toMatchObject({
      ok: false,
      problem: { code: 'forbidden' },
    });
    const key: Actor = { kind: 'apiKey', keyId: 'key_ours', serviceId: bench.serviceId };
    expect(await sms.sendSms(key, bench.serviceId, input)).toMatchObject({ ok: true });
    expect(await sms.sendSms(asMember(sender), bench.serviceId, input)).toMatchObject({
      ok: true,
      value: { status: 'queued', recipientCount: 1 },
    });
  });

  it("history: members see their own requests, admins and API keys all; another member's is not found", async () => {
    const mine = await bench.app.usecases.sms.sendSms(asMember(sender), bench.serviceId, {
      body: 'Mine',
      recipients: numbers(120, 1),
    });
    const theirs = await bench.app.usecases.sms.sendSms(asMember(other), bench.serviceId, {
      body: 'Theirs',
      recipients: numbers(121, 1),
    });
    if (!mine.ok || !theirs.ok) throw new Error('sends refused');
    const sms = bench.app.usecases.sms;
    const own = await sms.listSmsRequests(asMember(other), bench.serviceId, {});
    expect(own.ok && own.value.items.map((i) => i.body)).toEqual(['Theirs']);
    expect(own.ok && own.value.items[0]!.requestedBy).toEqual({ id: other._id, name: 'Lee Other' });
    expect(await sms.getSmsRequest(asMember(other), bench.serviceId, mine.value.id)).toMatchObject({
      ok: false,
      problem: { code: 'not_found', message: 'smsDelivery.notFound' },
    });
    expect(await sms.cancelSmsRequest(asMember(other), bench.serviceId, mine.value.id)).toMatchObject({
      ok: false,
      problem: { code: 'not_found' },
    });
    const key: Actor = { kind: 'apiKey', keyId: 'key_ours', serviceId: bench.serviceId };
    const all = await sms.listSmsRequests(key, bench.serviceId, { pageSize: 2 });
    expect(all.ok && all.value.items.map((i) => i.body)).toEqual(['Theirs', 'Mine']);
    expect(all.ok && all.value.total).toBeGreaterThan(2);
    const cancelledOnes = await sms.listSmsRequests(SMS_OPERATOR, bench.serviceId, { status: 'cancelled' });
    expect(cancelledOnes.ok && cancelledOnes.value.items).toEqual([]);
  });

  it('SMS turned off for the service: feature_disabled, nothing stored', async () => {
    const settings = (await bench.app.store.services.get(bench.serviceId))!.settings;
    const off = await bench.app.store.services.create('SMS off', { ...settings, smsEnabled: false });
    const before = await requestCount();
    expect(
      await bench.app.usecases.sms.sendSms(SMS_OPERATOR, off._id, { body: 'x', recipients: numbers(130, 1) }),
    ).toMatchObject({ ok: false, problem: { code: 'feature_disabled', message: 'smsDelivery.disabled' } });
    expect(await requestCount()).toBe(before);
  });
});
