import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultServiceSettings } from '../../src/domain/service-settings.js';
import { translate } from '../../src/i18n/index.js';
import type { Database } from '../../src/store/database.js';
import type { Store } from '../../src/store/index.js';
import { memberActor, type Actor } from '../../src/usecases/actor.js';
import type { Problem, Result } from '../../src/usecases/result.js';
import { smsTemplateUseCases, type SmsTemplateInput } from '../../src/usecases/sms/templates.js';
import { openTestStore } from '../support/database.js';
import { jpegOf } from '../support/jpeg.js';

/**
 * SMS template categories and templates on the real store (FerretDB here): the two-level rule, templates only under
 * a second-level category, registered sender numbers, the domain's byte rules, the cascade of a disabled or deleted
 * category, order moves, and who may do what.
 */
describe('SMS template use cases', () => {
  let database: Database;
  let store: Store;
  let serviceId: string;
  let sms: ReturnType<typeof smsTemplateUseCases>;
  let admin: Actor;
  let smsMember: Actor;
  let plainMember: Actor;
  let stranger: Actor;
  const SENDER = '0215441234';

  const problemOf = (result: Result<unknown>): Problem | undefined =>
    result.ok ? undefined : result.problem;
  const valueOf = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
    return result.value;
  };
  /** The field's text as a Korean admin reads it next to the input. */
  const fieldText = (result: Result<unknown>, field: string) => {
    const error = problemOf(result)?.fields?.[field];
    return error ? translate('ko', error.message, error.params) : undefined;
  };
  const category = async (name: string, parentId: string | null = null, enabled = true) =>
    valueOf(await sms.saveSmsCategory(admin, serviceId, { parentId, name, enabled }));
  const template = async (categoryId: string, overrides: Partial<SmsTemplateInput> = {}) =>
    valueOf(
      await sms.saveSmsTemplate(admin, serviceId, {
        categoryId,
        type: 'SMS',
        enabled: true,
        editable: true,
        name: 'Template',
        sendNo: SENDER,
        body: '안녕하세요. 예약이 확정되었습니다.',
        ...overrides,
      }),
    );
  const sendableNames = async (actor: Actor = admin) =>
    valueOf(await sms.sendableSmsTemplates(actor, serviceId)).map((t) => `${t.path.join(' › ')} › ${t.name}`);

  beforeAll(async () => {
    ({ database, store } = await openTestStore('smstemplates'));
    sms = smsTemplateUseCases({ store });
    serviceId = (
      await store.services.create(
        'Acme',
        defaultServiceSettings({ smsEnabled: true, smsSenderNumbers: [SENDER, '0215445678'] }),
      )
    )._id;
    const otherServiceId = (
      await store.services.create('Other', defaultServiceSettings({ smsEnabled: true }))
    )._id;
    const make = async (svc: string, role: 'admin' | 'member', smsPermission: boolean, name: string) =>
      memberActor(
        await store.members.create({
          serviceId: svc,
          displayName: name,
          role,
          permissions: { phone: true, callbackAssign: false, sms: smsPermission },
          identities: [`slack:T1:${name}`],
          ctiAgentId: null,
        }),
        'slack',
      )!;
    admin = await make(serviceId, 'admin', false, 'admin');
    smsMember = await make(serviceId, 'member', true, 'smsMember');
    plainMember = await make(serviceId, 'member', false, 'plainMember');
    stranger = await make(otherServiceId, 'admin', true, 'stranger');
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps categories to two levels and says why a third is refused', async () => {
    const top = await category('예약 안내');
    const sub = await category('확정', top._id);
    expect(sub.parentId).toBe(top._id);

    const third = await sms.saveSmsCategory(admin, serviceId, {
      parentId: sub._id,
      name: '3단계',
      enabled: true,
    });
    expect(problemOf(third)?.code).toBe('invalid_input');
    expect(fieldText(third, 'parentId')).toBe(
      '분류는 2단계까지만 만들 수 있습니다. "확정"은(는) 2단계 분류라 그 아래에 분류를 둘 수 없습니다.',
    );
    // A first-level category with sub-categories cannot move under another one either.
    const other = await category('기타');
    const moved = await sms.saveSmsCategory(admin, serviceId, {
      id: top._id,
      parentId: other._id,
      name: top.name,
      enabled: true,
    });
    expect(problemOf(moved)?.fields?.parentId?.message).toBe('smsTemplates.hasSubCategories');
    const duplicate = await sms.saveSmsCategory(admin, serviceId, {
      parentId: top._id,
      name: '확정',
      enabled: true,
    });
    expect(fieldText(duplicate, 'name')).toBe('같은 위치에 이미 "확정" 분류가 있습니다.');

    const tree = valueOf(await sms.smsTemplateTree(admin, serviceId));
    const names = tree.categories.map((c) => [c.name, c.children.map((ch) => ch.name)]);
    expect(names).toEqual(expect.arrayContaining([['예약 안내', ['확정']]]));
    expect(tree.categories.flatMap((c) => c.children).some((c) => c.name === '3단계')).toBe(false);
  });

  it('creates templates only under a second-level category, with a registered sender number', async () => {
    const top = await category('배송');
    const sub = await category('출발', top._id);

    const onTop = await sms.saveSmsTemplate(admin, serviceId, {
      categoryId: top._id,
      type: 'SMS',
      enabled: true,
      editable: true,
      name: '출발 알림',
      sendNo: SENDER,
      body: '상품이 출발했습니다.',
    });
    expect(fieldText(onTop, 'categoryId')).toBe(
      '템플릿은 2단계 분류 아래에만 만들 수 있습니다. "배송"은(는) 1단계 분류입니다.',
    );

    const unregistered = await sms.saveSmsTemplate(admin, serviceId, {
      categoryId: sub._id,
      type: 'SMS',
      enabled: true,
      editable: true,
      name: '출발 알림',
      sendNo: '0299998888',
      body: '상품이 출발했습니다.',
    });
    expect(problemOf(unregistered)?.code).toBe('invalid_input');
    expect(fieldText(unregistered, 'sendNo')).toContain('0299998888');

    const saved = await template(sub._id, { name: '출발 알림', sendNo: '02-1544-5678' });
    expect(saved).toMatchObject({ categoryId: sub._id, sendNo: '0215445678', type: 'SMS', title: null });
    expect((await store.smsTemplates.listTemplates(serviceId, [top._id])).length).toBe(0);
  });

  it('checks the body and title with the sending rules: a 91-byte SMS and a 41-byte MMS title are refused', async () => {
    const sub = await category('길이', (await category('규칙'))._id);
    const body91 = '가'.repeat(45) + 'a';
    const tooLong = await sms.saveSmsTemplate(admin, serviceId, {
      categoryId: sub._id,
      type: 'SMS',
      enabled: true,
      editable: false,
      name: '긴 문자',
      sendNo: SENDER,
      body: body91,
    });
    expect(fieldText(tooLong, 'body')).toContain('91');
    expect(fieldText(tooLong, 'body')).toContain('90');

    const title41 = await sms.saveSmsTemplate(admin, serviceId, {
      categoryId: sub._id,
      type: 'MMS',
      enabled: true,
      editable: false,
      name: '긴 제목',
      sendNo: SENDER,
      title: 'a'.repeat(41),
      body: body91,
    });
    expect(Object.keys(problemOf(title41)?.fields ?? {})).toEqual(['title']);
    expect(fieldText(title41, 'title')).toContain('41');

    const mms = await template(sub._id, {
      type: 'MMS',
      name: '이미지 안내',
      title: '안내',
      body: body91,
      image: { fileName: 'map.jpg', data: jpegOf({ width: 16, height: 16 }) },
    });
    expect(mms.imageId).not.toBeNull();
    expect((await store.smsImages.get(mms.imageId!))?.data.equals(jpegOf({ width: 16, height: 16 }))).toBe(
      true,
    );
    expect((await store.smsTemplates.listTemplates(serviceId, [sub._id])).map((t) => t.name)).toEqual([
      '이미지 안내',
    ]);
  });

  it('hides the templates under a disabled first-level category from sending, and shows them again', async () => {
    const counsel = await category('상담');
    const callback = await category('콜백', counsel._id);
    const notice = await category('공지');
    const general = await category('일반', notice._id);
    await template(callback._id, { name: '콜백 안내' });
    await template(callback._id, { name: '부재 안내' });
    await template(general._id, { name: '휴무 안내' });
    await template(general._id, { name: '꺼진 템플릿', enabled: false });

    const before = await sendableNames(smsMember);
    expect(before).toEqual(
      expect.arrayContaining([
        '상담 › 콜백 › 콜백 안내',
        '상담 › 콜백 › 부재 안내',
        '공지 › 일반 › 휴무 안내',
      ]),
    );
    expect(before.some((n) => n.endsWith('꺼진 템플릿'))).toBe(false);

    const disabled = valueOf(await sms.setSmsCategoryEnabled(admin, serviceId, counsel._id, false));
    expect(disabled.hiddenTemplates).toBe(2);
    const after = await sendableNames(smsMember);
    expect(after.filter((n) => n.startsWith('상담'))).toEqual([]);
    expect(after).toContain('공지 › 일반 › 휴무 안내');
    // The templates themselves stay enabled: re-enabling the category brings them back.
    expect((await store.smsTemplates.listTemplates(serviceId, [callback._id])).every((t) => t.enabled)).toBe(
      true,
    );
    await sms.setSmsCategoryEnabled(admin, serviceId, counsel._id, true);
    expect(await sendableNames(smsMember)).toEqual(expect.arrayContaining(['상담 › 콜백 › 콜백 안내']));
  });

  it('counts what deleting a category takes with it, then deletes its sub-categories, templates and images', async () => {
    const doomed = await category('삭제 대상');
    const a = await category('하위 A', doomed._id);
    const b = await category('하위 B', doomed._id);
    await template(a._id, { name: 'A1' });
    await template(a._id, { name: 'A2' });
    const withImage = await template(b._id, {
      name: 'B1',
      type: 'MMS',
      title: '사진',
      image: { fileName: 'x.jpg', data: jpegOf({ width: 16, height: 16 }) },
    });
    const survivor = await template((await category('남는 하위', (await category('남는 분류'))._id))._id, {
      name: '남는 템플릿',
    });

    const counts = valueOf(await sms.smsCategoryDeletionCounts(admin, serviceId, doomed._id));
    expect({ subCategories: counts.subCategories, templates: counts.templates }).toEqual({
      subCategories: 2,
      templates: 3,
    });
    expect(
      translate('ko', 'smsTemplates.deleteCategoryCascade', {
        subCategories: counts.subCategories,
        templates: counts.templates,
      }),
    ).toBe('하위 분류 2개와 템플릿 3개가 함께 삭제됩니다. 되돌릴 수 없습니다.');

    const deleted = valueOf(await sms.deleteSmsCategory(admin, serviceId, doomed._id));
    expect(deleted).toEqual({ name: '삭제 대상', subCategories: 2, templates: 3 });
    const categories = await store.smsTemplates.listCategories(serviceId);
    expect(categories.some((c) => [doomed._id, a._id, b._id].includes(c._id))).toBe(false);
    expect(await store.smsTemplates.listTemplates(serviceId, [a._id, b._id])).toEqual([]);
    expect(await store.smsImages.get(withImage.imageId!)).toBeUndefined();
    expect(await store.smsTemplates.getTemplate(serviceId, survivor._id)).toBeDefined();
    expect(problemOf(await sms.deleteSmsCategory(admin, serviceId, doomed._id))?.code).toBe('not_found');
  });

  it('puts new categories and templates last and moves them up and down by swapping', async () => {
    const parent = await category('순서');
    const x = await category('X', parent._id);
    await category('Y', parent._id);
    const z = await category('Z', parent._id);
    const childNames = async () =>
      valueOf(await sms.smsTemplateTree(admin, serviceId))
        .categories.find((c) => c._id === parent._id)!
        .children.map((c) => c.name);
    expect(await childNames()).toEqual(['X', 'Y', 'Z']);
    expect(valueOf(await sms.moveSmsCategory(admin, serviceId, z._id, 'up'))).toEqual({ moved: true });
    expect(await childNames()).toEqual(['X', 'Z', 'Y']);
    expect(valueOf(await sms.moveSmsCategory(admin, serviceId, x._id, 'up'))).toEqual({ moved: false });
    await sms.moveSmsCategory(admin, serviceId, x._id, 'down');
    expect(await childNames()).toEqual(['Z', 'X', 'Y']);

    const t1 = await template(x._id, { name: '첫째' });
    const t2 = await template(x._id, { name: '둘째' });
    await sms.moveSmsTemplate(admin, serviceId, t2._id, 'up');
    const names = (await store.smsTemplates.listTemplates(serviceId, [x._id])).map((t) => t.name);
    expect(names).toEqual(['둘째', '첫째']);
    expect(valueOf(await sms.moveSmsTemplate(admin, serviceId, t1._id, 'down'))).toEqual({ moved: false });
  });

  it('lets only admins manage templates and only sms members send from them', async () => {
    const top = await category('권한');
    const sub = await category('권한 하위', top._id);
    const existing = await template(sub._id, { name: '권한 템플릿' });
    const manage: Array<[string, (actor: Actor) => Promise<Result<unknown>>]> = [
      ['smsTemplateTree', (actor) => sms.smsTemplateTree(actor, serviceId)],
      [
        'saveSmsCategory',
        (actor) => sms.saveSmsCategory(actor, serviceId, { parentId: null, name: 'n', enabled: true }),
      ],
      ['setSmsCategoryEnabled', (actor) => sms.setSmsCategoryEnabled(actor, serviceId, top._id, true)],
      ['smsCategoryDeletionCounts', (actor) => sms.smsCategoryDeletionCounts(actor, serviceId, top._id)],
      ['deleteSmsCategory', (actor) => sms.deleteSmsCategory(actor, serviceId, 'smc_none')],
      ['moveSmsCategory', (actor) => sms.moveSmsCategory(actor, serviceId, top._id, 'up')],
      ['getSmsTemplate', (actor) => sms.getSmsTemplate(actor, serviceId, existing._id)],
      [
        'saveSmsTemplate',
        (actor) =>
          sms.saveSmsTemplate(actor, serviceId, {
            categoryId: sub._id,
            type: 'SMS',
            enabled: true,
            editable: true,
            name: 'x',
            sendNo: SENDER,
            body: 'x',
          }),
      ],
      ['setSmsTemplateEnabled', (actor) => sms.setSmsTemplateEnabled(actor, serviceId, existing._id, true)],
      ['deleteSmsTemplate', (actor) => sms.deleteSmsTemplate(actor, serviceId, 'smt_none')],
      ['moveSmsTemplate', (actor) => sms.moveSmsTemplate(actor, serviceId, existing._id, 'up')],
    ];
    const codes = async (run: (actor: Actor | undefined) => Promise<Result<unknown>>) => ({
      admin: problemOf(await run(admin))?.code ?? 'ok',
      smsMember: problemOf(await run(smsMember))?.code ?? 'ok',
      plainMember: problemOf(await run(plainMember))?.code ?? 'ok',
      stranger: problemOf(await run(stranger))?.code ?? 'ok',
      nobody: problemOf(await run(undefined))?.code ?? 'ok',
    });
    for (const [name, run] of manage) {
      const seen = await codes(run as (actor: Actor | undefined) => Promise<Result<unknown>>);
      // Deleting an id that does not exist is how an admin is told "not found" without losing data.
      const adminExpected = name.startsWith('delete') ? 'not_found' : 'ok';
      expect({ name, ...seen }).toEqual({
        name,
        admin: adminExpected,
        smsMember: 'forbidden',
        plainMember: 'forbidden',
        stranger: 'not_member',
        nobody: 'not_member',
      });
    }
    expect(await codes((actor) => sms.sendableSmsTemplates(actor, serviceId))).toEqual({
      admin: 'ok',
      smsMember: 'ok',
      plainMember: 'forbidden',
      stranger: 'not_member',
      nobody: 'not_member',
    });
    const refused = await sms.sendableSmsTemplates(plainMember, serviceId);
    expect(problemOf(refused)).toMatchObject({
      message: 'refusal.missingPermission',
      params: { permission: 'sms' },
    });
    expect(
      problemOf(
        await sms.saveSmsCategory(smsMember, serviceId, { parentId: null, name: 'n', enabled: true }),
      ),
    ).toMatchObject({ message: 'refusal.adminOnly' });
  });

  it('answers feature_disabled while SMS is off for the service', async () => {
    await store.services.updateSettings(serviceId, { smsEnabled: false });
    try {
      const tree = await sms.smsTemplateTree(admin, serviceId);
      expect(problemOf(tree)?.code).toBe('feature_disabled');
      expect(translate('en', problemOf(tree)!.message)).toContain('SMS is switched off');
      expect(problemOf(await sms.sendableSmsTemplates(smsMember, serviceId))?.code).toBe('feature_disabled');
    } finally {
      await store.services.updateSettings(serviceId, { smsEnabled: true });
    }
  });
});
