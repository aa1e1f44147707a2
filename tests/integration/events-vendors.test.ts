import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishEvent } from '../../src/modules/events';
import { cancelEvent } from '../../src/modules/events/lifecycle-service';
import { vendorApplications, vendorCalls } from '../../src/modules/events/vendors/schema';
import {
  type ApplicationInput,
  applyAsVendor,
  changeVendorCall,
  decideApplication,
  listApplicationsForStaff,
  listOpenVendorCalls,
  listOwnApplications,
  openVendorCall,
  type VendorCallInput,
  withdrawApplication,
  withdrawOwnApplication,
} from '../../src/modules/events/vendors/service';
import type { Actor } from '../../src/platform/audit';
import { UserError } from '../../src/platform/errors';
import { mailTemplate } from '../../src/platform/mail/outbox';
import { mailOutbox } from '../../src/platform/mail/schema';
import { accounts, auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { daysFromNow } from '../support/dates';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

const callInput = (overrides: Partial<VendorCallInput> = {}): VendorCallInput => ({
  booths: 20,
  applicationsCloseOn: daysFromNow(10),
  conditions: '1区画 3m×3m。搬入は8時から。',
  boothFeeYen: 1000,
  ...overrides,
});

let formNumber = 0;
const applicationInput = (overrides: Partial<ApplicationInput> = {}): ApplicationInput => {
  formNumber += 1;
  return {
    businessName: `架空の農園 ${formNumber}`,
    contactName: '山田 花子（架空）',
    contactKana: 'やまだ はなこ',
    phone: '090-1234-5678',
    email: `farm${formNumber}@example.jp`,
    goods: ['produce'],
    goodsNote: '季節の野菜',
    needsPower: false,
    needsTent: true,
    booths: 1,
    foodPermit: '',
    message: '',
    idempotencyKey: `vendor-form-${formNumber}-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
};

const messagesOf = (e: UserError) => [e.userMessage.ja, ...e.details.map((d) => d.message.ja)].join(' ');

describe.each(testDatabaseKinds())('vendor applications (出店申込) (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  let business: { id: number; role: string };

  /** Everything a call and its applications can change, to compare before and after a refusal. */
  async function vendorData() {
    const db = t.database.db;
    const [calls, applications, mails, [audit]] = await Promise.all([
      db.select().from(vendorCalls).orderBy(asc(vendorCalls.id)),
      db.select().from(vendorApplications).orderBy(asc(vendorApplications.id)),
      db.select({ n: count() }).from(mailOutbox),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { calls, applications, mails: mails[0]?.n ?? 0, audit: audit?.n ?? 0 };
  }

  /** A published マルシェ of the 商店会 in 30 days. */
  async function newMarche(title = '秋のマルシェ（架空）') {
    const plan = t.plans.defaultPlan.file;
    const event = await createEvent(
      t.database.db,
      staff,
      {
        category: 'marche',
        title,
        date: daysFromNow(30),
        startTime: '10:00',
        endTime: '15:00',
        place: '市役所前広場',
        capacity: 500,
        feeYen: 0,
        organiser: 'shotenkai',
      },
      { organisations: plan.organisations, categories: plan.eventCategories },
    );
    await publishEvent(t.database.db, staff, event.id);
    return event;
  }

  async function marcheWithCall(overrides: Partial<VendorCallInput> = {}) {
    const event = await newMarche();
    const call = await openVendorCall(t.database.db, staff, event.id, callInput(overrides));
    return { event, call };
  }

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'shotenkai');
    const [row] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.email, 'business@demo.tsunagu.example'));
    if (!row) throw new Error('no demo business');
    business = { id: row.id, role: row.role };
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('the call for vendors (出店募集)', () => {
    it.each([
      [
        'a deadline that has passed',
        { applicationsCloseOn: daysFromNow(-1) },
        '申込締切日: 過ぎた日付は選べません',
      ],
      ['a deadline after the event', { applicationsCloseOn: daysFromNow(31) }, '申込締切日: 開催日'],
      ['no booths', { booths: 0 }, '区画数: 区画数は1区画以上'],
      ['a fee with a fraction', { boothFeeYen: 500.5 }, '出店料（1区画）: 出店料は整数'],
      ['a negative fee', { boothFeeYen: -1 }, '出店料は0円以上'],
      ['no deadline', { applicationsCloseOn: '' }, '申込締切日を選んでください'],
    ])('refuses %s with a clear message, and writes nothing', async (_, overrides, message) => {
      const event = await newMarche();
      const before = await vendorData();
      const error = await refusal(
        openVendorCall(t.database.db, staff, event.id, callInput(overrides as Partial<VendorCallInput>)),
      );
      expect(error.status).toBe(422);
      expect(messagesOf(error)).toContain(message);
      expect(await vendorData()).toEqual(before);
    });

    it("is opened and changed only by the organiser's staff and admins, and audited", async () => {
      const event = await newMarche();
      const chamber = await actorOf(t, 'shokokai');
      const before = await vendorData();
      expect((await refusal(openVendorCall(t.database.db, chamber, event.id, callInput()))).status).toBe(403);
      const stranger: Actor = {
        accountId: null,
        name: 'よその町',
        municipalityCode: '999991',
        role: 'admin',
      };
      expect((await refusal(openVendorCall(t.database.db, stranger, event.id, callInput()))).status).toBe(
        404,
      );
      expect(await vendorData()).toEqual(before);

      const call = await openVendorCall(t.database.db, staff, event.id, callInput());
      expect(call).toMatchObject({ booths: 20, boothFeeYen: 1000, closedAt: null });
      expect((await refusal(openVendorCall(t.database.db, staff, event.id, callInput()))).status).toBe(409);
      const admin = await actorOf(t, 'admin');
      const changed = await changeVendorCall(t.database.db, admin, event.id, callInput({ booths: 25 }));
      expect(changed).toMatchObject({ changed: true, call: { booths: 25 } });
      const again = await changeVendorCall(t.database.db, admin, event.id, callInput({ booths: 25 }));
      expect(again.changed).toBe(false);
      expect((await refusal(changeVendorCall(t.database.db, chamber, event.id, callInput()))).status).toBe(
        403,
      );
      const entries = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(event.id)))
        .orderBy(asc(auditLog.id));
      expect(entries.map((e) => e.action).filter((a) => a.startsWith('vendor_call'))).toEqual([
        'vendor_call.open',
        'vendor_call.change',
      ]);
    });

    it('never has fewer booths than those given, and a deadline kept as it was may have passed', async () => {
      const { event } = await marcheWithCall({ booths: 3 });
      const a = await applyAsVendor(t.database.db, event.id, applicationInput({ booths: 2 }));
      await decideApplication(
        t.database.db,
        staff,
        { eventId: event.id, applicationId: a.application.id },
        { decision: 'accept' },
      );
      const before = await vendorData();
      const fewer = await refusal(changeVendorCall(t.database.db, staff, event.id, callInput({ booths: 1 })));
      expect(messagesOf(fewer)).toContain('出店を決めた区画（2区画）より少なくはできません');
      expect(await vendorData()).toEqual(before);
      // ten days on, the deadline has passed: the other fields still change
      const later = { now: new Date(Date.now() + 12 * 86_400_000) };
      const { call } = await changeVendorCall(
        t.database.db,
        staff,
        event.id,
        callInput({ booths: 2, conditions: '雨天決行' }),
        later,
      );
      expect(call).toMatchObject({ booths: 2, conditions: '雨天決行', applicationsCloseOn: daysFromNow(10) });
    });
  });

  describe('open calls', () => {
    it('lists the calls that take applications now, the nearest deadline first', async () => {
      const later = await marcheWithCall({ applicationsCloseOn: daysFromNow(20) });
      const sooner = await marcheWithCall({ applicationsCloseOn: daysFromNow(5) });
      const stopped = await marcheWithCall();
      await changeVendorCall(t.database.db, staff, stopped.event.id, callInput({ closed: 'yes' }));
      const off = await marcheWithCall();
      await cancelEvent(t.database.db, staff, off.event.id);
      const ours = (now?: Date) =>
        listOpenVendorCalls(t.database.db, staff.municipalityCode, now).then((rows) =>
          rows
            .map((r) => r.event.id)
            .filter((id) => [later, sooner, stopped, off].some((m) => m.event.id === id)),
        );
      expect(await ours()).toEqual([sooner.event.id, later.event.id]);
      expect(await ours(new Date(`${daysFromNow(6)}T00:00:00+09:00`))).toEqual([later.event.id]);
      expect(await listOpenVendorCalls(t.database.db, '999991')).toEqual([]);
    });
  });

  describe('applying', () => {
    it('takes a guest’s application once however often the form is sent, and mails the status link', async () => {
      const { event } = await marcheWithCall();
      const input = applicationInput({ email: 'Hanako@Example.jp', phone: '０９０－１２３４－５６７８' });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => applyAsVendor(t.database.db, event.id, input)),
      );
      expect(new Set(results.map((r) => r.application.id)).size).toBe(1);
      expect(results.filter((r) => !r.repeated)).toHaveLength(1);
      const application = results[0]?.application;
      expect(application).toMatchObject({
        status: 'applied',
        accountId: null,
        email: 'hanako@example.jp',
        phone: '09012345678',
        goods: ['produce'],
        needsTent: true,
      });
      const mails = await t.database.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'hanako@example.jp'));
      expect(mails.map((m) => m.template)).toEqual(['event.vendor-applied']);
      const template = mailTemplate('event.vendor-applied');
      const rendered = await template?.render(mails[0]?.params, { baseUrl: 'https://tsunagu.example.jp' });
      expect(rendered?.subject).toContain('【出店申込の受付】秋のマルシェ（架空）');
      expect(rendered?.text).toContain(
        `https://tsunagu.example.jp/events/vendors/applications/${application?.statusToken}`,
      );
      expect(rendered?.text).toContain('販売するもの：野菜・果物');
    });

    it('links an application of a business account to it, and shows it on its page only', async () => {
      const { event } = await marcheWithCall();
      const { application } = await applyAsVendor(t.database.db, event.id, applicationInput(), {
        account: business,
      });
      expect(application.accountId).toBe(business.id);
      const resident = await actorOf(t, 'resident');
      const asResident = await applyAsVendor(t.database.db, event.id, applicationInput(), {
        account: { id: resident.accountId as number, role: 'resident' },
      });
      // only a business keeps applications on its account; anyone else has the link
      expect(asResident.application.accountId).toBeNull();
      const own = await listOwnApplications(t.database.db, business);
      expect(own.map((o) => o.application.id)).toContain(application.id);
      expect(own.map((o) => o.application.id)).not.toContain(asResident.application.id);
    });

    it.each([
      [
        'a reading that is not kana',
        { contactKana: 'Yamada' },
        'ふりがな: ひらがなかカタカナで入力してください',
      ],
      ['a malformed phone number', { phone: '12345' }, '電話番号: 市外局番から'],
      ['no phone number', { phone: '' }, '電話番号: 電話番号を入力してください'],
      ['a malformed e-mail address', { email: 'farm@' }, 'メールアドレス: メールアドレスの形で'],
      ['no goods', { goods: [] }, '販売するもの: 販売するものを1つ以上選んでください'],
      ['goods not in the list', { goods: ['fireworks'] }, '一覧にある品目から選んでください'],
      ['cooked food without a permit', { goods: ['cooked-food'] }, '営業許可: 飲食（調理販売）をするときは'],
      [
        'その他 without saying what',
        { goods: ['other'], goodsNote: '' },
        '品目の補足: 「その他」を選んだとき',
      ],
      ['three booths', { booths: 3 }, '区画数: 1区画か2区画を選んでください'],
      ['no business name', { businessName: ' ' }, '事業者名・屋号: 事業者名・屋号を入力してください'],
    ])('refuses %s with a clear message, and writes nothing', async (_, overrides, message) => {
      const { event } = await marcheWithCall();
      const before = await vendorData();
      const error = await refusal(
        applyAsVendor(t.database.db, event.id, applicationInput(overrides as Partial<ApplicationInput>)),
      );
      expect(error.status).toBe(422);
      expect(messagesOf(error)).toContain(message);
      expect(await vendorData()).toEqual(before);
    });

    it('names the problems of the fields and of the rules between them together', async () => {
      const { event } = await marcheWithCall();
      const error = await refusal(
        applyAsVendor(
          t.database.db,
          event.id,
          applicationInput({ contactKana: 'Yamada', goods: ['cooked-food', 'other'], goodsNote: '' }),
        ),
      );
      expect(error.details.map((d) => d.field).sort()).toEqual(['contactKana', 'foodPermit', 'goodsNote']);
    });

    it('takes cooked food with a permit', async () => {
      const { event } = await marcheWithCall();
      const { application } = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ goods: ['sweets', 'cooked-food'], foodPermit: '臨時営業 第12号 西多摩保健所' }),
      );
      expect(application.goods).toEqual(['cooked-food', 'sweets']);
    });

    it('refuses after the deadline (inclusive, Japan time), once the staff stop it, and when the event is off', async () => {
      const { event } = await marcheWithCall({ applicationsCloseOn: daysFromNow(2) });
      const lastDay = new Date(`${daysFromNow(2)}T23:59:00+09:00`);
      const dayAfter = new Date(`${daysFromNow(3)}T00:00:00+09:00`);
      const before = await vendorData();
      const late = await refusal(
        applyAsVendor(t.database.db, event.id, applicationInput(), { now: dayAfter }),
      );
      expect(late.status).toBe(409);
      expect(late.userMessage.ja).toContain('で締め切りました');
      expect(await vendorData()).toEqual(before);
      const onTime = await applyAsVendor(t.database.db, event.id, applicationInput(), { now: lastDay });
      expect(onTime.application.status).toBe('applied');

      await changeVendorCall(
        t.database.db,
        staff,
        event.id,
        callInput({ applicationsCloseOn: daysFromNow(2), closed: 'yes' }),
      );
      const stopped = await vendorData();
      const closed = await refusal(applyAsVendor(t.database.db, event.id, applicationInput()));
      expect(closed.userMessage.ja).toContain('出店の募集は締め切りました');
      expect(await vendorData()).toEqual(stopped);

      const other = await marcheWithCall();
      await cancelEvent(t.database.db, staff, other.event.id);
      const off = await refusal(applyAsVendor(t.database.db, other.event.id, applicationInput()));
      expect(off.userMessage.ja).toContain('中止');
    });

    it('refuses a second application with the same address while the first is in effect', async () => {
      const { event } = await marcheWithCall();
      const first = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ email: 'twice@example.jp' }),
      );
      const before = await vendorData();
      const second = await refusal(
        applyAsVendor(t.database.db, event.id, applicationInput({ email: 'twice@example.jp' })),
      );
      expect(second.status).toBe(409);
      expect(second.userMessage.ja).toContain('すでにこのイベントへの出店を申し込まれています');
      expect(await vendorData()).toEqual(before);
      await withdrawApplication(t.database.db, first.application.statusToken);
      const again = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ email: 'twice@example.jp' }),
      );
      expect(again.application.id).not.toBe(first.application.id);
    });
  });

  describe('withdrawing', () => {
    it('lets the vendor withdraw before a decision, once, and not after it', async () => {
      const { event } = await marcheWithCall();
      const a = await applyAsVendor(t.database.db, event.id, applicationInput());
      const first = await withdrawApplication(t.database.db, a.application.statusToken);
      expect(first).toMatchObject({ changed: true, application: { status: 'withdrawn' } });
      expect((await withdrawApplication(t.database.db, a.application.statusToken)).changed).toBe(false);
      expect((await refusal(withdrawApplication(t.database.db, 'no-such-token'))).status).toBe(404);
      const decided = await refusal(
        decideApplication(
          t.database.db,
          staff,
          { eventId: event.id, applicationId: a.application.id },
          { decision: 'accept' },
        ),
      );
      expect(decided.status).toBe(409);

      const b = await applyAsVendor(t.database.db, event.id, applicationInput(), { account: business });
      const stranger = { id: business.id + 10_000 };
      expect((await refusal(withdrawOwnApplication(t.database.db, stranger, b.application.id))).status).toBe(
        404,
      );
      await decideApplication(
        t.database.db,
        staff,
        { eventId: event.id, applicationId: b.application.id },
        { decision: 'decline' },
      );
      const late = await refusal(withdrawOwnApplication(t.database.db, business, b.application.id));
      expect(late.status).toBe(409);
      expect(late.userMessage.ja).toContain('主催者にご連絡ください');
    });
  });

  describe('deciding', () => {
    it('never gives more booths than the call has, also when many accepts come at once', async () => {
      const { event } = await marcheWithCall({ booths: 5 });
      const applied = [];
      for (let i = 0; i < 12; i += 1)
        applied.push(await applyAsVendor(t.database.db, event.id, applicationInput()));
      const results = await Promise.allSettled(
        applied.map((a) =>
          decideApplication(
            t.database.db,
            staff,
            { eventId: event.id, applicationId: a.application.id },
            { decision: 'accept' },
          ),
        ),
      );
      const accepted = results.filter((r) => r.status === 'fulfilled');
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(accepted).toHaveLength(5);
      expect(refused).toHaveLength(7);
      for (const reason of refused) {
        expect(reason).toBeInstanceOf(UserError);
        expect((reason as UserError).code).toBe('vendor_booths_full');
      }
      const { summary } = await listApplicationsForStaff(t.database.db, staff, event.id);
      expect(summary).toMatchObject({ booths: 5, acceptedBooths: 5, counts: { accepted: 5, applied: 7 } });
    });

    it('counts two-booth applications against the booths', async () => {
      const { event } = await marcheWithCall({ booths: 3 });
      const big = await applyAsVendor(t.database.db, event.id, applicationInput({ booths: 2 }));
      const bigger = await applyAsVendor(t.database.db, event.id, applicationInput({ booths: 2 }));
      const where = (id: number) => ({ eventId: event.id, applicationId: id });
      await decideApplication(t.database.db, staff, where(big.application.id), { decision: 'accept' });
      const full = await refusal(
        decideApplication(t.database.db, staff, where(bigger.application.id), { decision: 'accept' }),
      );
      expect(full.userMessage.ja).toContain('3区画のうち2区画は出店が決まっていて、この申し込みは2区画です');
      // a vendor who cancels by phone: the booths are free again
      await decideApplication(t.database.db, staff, where(big.application.id), { decision: 'decline' });
      const now = await decideApplication(t.database.db, staff, where(bigger.application.id), {
        decision: 'accept',
      });
      expect(now.application.status).toBe('accepted');
    });

    it('tells the vendor by mail, with the staff message, and audits the decision', async () => {
      const { event } = await marcheWithCall();
      const a = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ email: 'decided@example.jp' }),
      );
      const where = { eventId: event.id, applicationId: a.application.id };
      const bad = await refusal(decideApplication(t.database.db, staff, where, { decision: 'maybe' }));
      expect(bad.status).toBe(422);
      const accepted = await decideApplication(t.database.db, staff, where, {
        decision: 'accept',
        message: '区画はA-3です。',
      });
      expect(accepted).toMatchObject({
        changed: true,
        application: { status: 'accepted', staffMessage: '区画はA-3です。' },
      });
      expect((await decideApplication(t.database.db, staff, where, { decision: 'accept' })).changed).toBe(
        false,
      );
      const mails = await t.database.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'decided@example.jp'))
        .orderBy(asc(mailOutbox.id));
      expect(mails.map((m) => m.template)).toEqual(['event.vendor-applied', 'event.vendor-accepted']);
      const rendered = await mailTemplate('event.vendor-accepted')?.render(mails[1]?.params, {
        baseUrl: 'https://tsunagu.example.jp',
      });
      expect(rendered?.text).toContain('出店が決まりました');
      expect(rendered?.text).toContain('区画はA-3です。');
      const actions = await t.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(event.id)))
        .orderBy(asc(auditLog.id));
      expect(actions.map((r) => r.action)).toEqual(
        expect.arrayContaining(['vendor_application.apply', 'vendor_application.accept']),
      );
    });

    it("lets only the organiser's staff and admins decide and see the applications", async () => {
      const { event } = await marcheWithCall();
      const a = await applyAsVendor(t.database.db, event.id, applicationInput());
      const where = { eventId: event.id, applicationId: a.application.id };
      const before = await vendorData();
      const chamber = await actorOf(t, 'shokokai');
      expect(
        (await refusal(decideApplication(t.database.db, chamber, where, { decision: 'accept' }))).status,
      ).toBe(403);
      expect((await refusal(listApplicationsForStaff(t.database.db, chamber, event.id))).status).toBe(403);
      const stranger: Actor = {
        accountId: null,
        name: 'よその町',
        municipalityCode: '999991',
        role: 'admin',
      };
      expect(
        (await refusal(decideApplication(t.database.db, stranger, where, { decision: 'accept' }))).status,
      ).toBe(404);
      expect(await vendorData()).toEqual(before);
      const admin = await actorOf(t, 'admin');
      const { summary } = await listApplicationsForStaff(t.database.db, admin, event.id);
      expect(summary?.counts.applied).toBe(1);
      expect(summary?.tents).toEqual({ accepted: 0, applied: 1 });
    });
  });

  describe('pages', () => {
    it('a guest applies through the form, sees the status link, and withdraws', async () => {
      const { event } = await marcheWithCall();
      const visitor = new TestClient(t.app);
      const page = await (await visitor.get(`/events/${event.id}`)).text();
      expect(page).toContain('出店者募集');
      expect(page).toContain(`/events/${event.id}/vendors/apply`);
      const form = await (await visitor.get(`/events/${event.id}/vendors/apply`)).text();
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)?.[1] ?? '';
      const fields = {
        businessName: '架空のパン屋',
        contactName: '鈴木 一郎（架空）',
        contactKana: 'スズキ イチロウ',
        phone: '042-558-1111',
        email: 'bakery@example.jp',
        'goods-sweets': 'on',
        booths: '1',
        needsPower: 'yes',
        idempotencyKey: key,
      };
      const wrong = await visitor.postForm(`/events/${event.id}/vendors/applications`, {
        ...fields,
        contactKana: 'Suzuki',
      });
      expect(wrong.status).toBe(422);
      const wrongHtml = await wrong.text();
      expect(wrongHtml).toContain('role="alert"');
      expect(wrongHtml).toContain('value="架空のパン屋"');
      expect(wrongHtml).toMatch(/id="goods-sweets"[^>]*checked/);
      const sent = await visitor.postForm(`/events/${event.id}/vendors/applications`, fields);
      expect(sent.status).toBe(303);
      const again = await visitor.postForm(`/events/${event.id}/vendors/applications`, fields);
      expect(again.headers.get('location')).toBe(sent.headers.get('location'));
      const location = sent.headers.get('location') ?? '';
      const status = await visitor.get(location);
      expect(status.headers.get('cache-control')).toBe('no-store');
      expect(status.headers.get('referrer-policy')).toBe('no-referrer');
      const statusHtml = await status.text();
      expect(statusHtml).toContain('出店のお申し込みを受け付けました');
      expect(statusHtml).toContain('data-application-status="applied"');
      const token = location.split('/').pop()?.split('?')[0];
      const withdrawn = await visitor.postForm(`/events/vendors/applications/${token}/withdraw`, {});
      expect(withdrawn.status).toBe(303);
      expect(await (await visitor.get(withdrawn.headers.get('location') ?? '')).text()).toContain(
        'お申し込みは取り下げられています',
      );
      expect((await visitor.get('/events/vendors/applications/not-a-token')).status).toBe(404);
    });

    it('says so when the call is closed, and writes nothing', async () => {
      const { event } = await marcheWithCall();
      await changeVendorCall(t.database.db, staff, event.id, callInput({ closed: 'yes' }));
      const visitor = new TestClient(t.app);
      expect(await (await visitor.get(`/events/${event.id}`)).text()).toContain('出店の募集は締め切りました');
      const before = await vendorData();
      const response = await visitor.postForm(`/events/${event.id}/vendors/applications`, {
        businessName: '遅れた農園',
        contactName: '遅 太郎',
        contactKana: 'おそ たろう',
        phone: '042-558-1111',
        email: 'late@example.jp',
        'goods-produce': 'on',
        booths: '1',
        idempotencyKey: 'late-form-0001',
      });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain('出店の募集は締め切りました');
      expect(await vendorData()).toEqual(before);
    });

    it('a business sees its own applications, and another account’s is not found', async () => {
      const { event } = await marcheWithCall();
      const mine = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ businessName: '自分の店（架空）' }),
        {
          account: business,
        },
      );
      const guest = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ businessName: 'よその店（架空）' }),
      );
      const shop = await new TestClient(t.app).logInAs('business');
      const form = await (await shop.get(`/events/${event.id}/vendors/apply`)).text();
      expect(form).toContain('value="架空の和菓子店"');
      const list = await shop.get('/events/vendors/my');
      expect(list.headers.get('cache-control')).toBe('no-store');
      const listHtml = await list.text();
      expect(listHtml).toContain(`/events/vendors/my/${mine.application.id}`);
      expect(listHtml).not.toContain(`/events/vendors/my/${guest.application.id}`);
      expect(listHtml).toContain(`href="/events/${event.id}/vendors/apply"`);
      expect(await (await shop.get(`/events/vendors/my/${mine.application.id}`)).text()).toContain(
        '自分の店（架空）',
      );
      expect((await shop.get(`/events/vendors/my/${guest.application.id}`)).status).toBe(404);
      expect((await shop.postForm(`/events/vendors/my/${guest.application.id}/withdraw`, {})).status).toBe(
        404,
      );
      expect((await shop.postForm(`/events/vendors/my/${mine.application.id}/withdraw`, {})).status).toBe(
        303,
      );
    });

    it('the organiser opens the call from the event, decides, and downloads the list; others may not', async () => {
      const event = await newMarche('ページのマルシェ（架空）');
      const organiser = await new TestClient(t.app).logInAs('shotenkai');
      const manage = await (await organiser.get(`/events/manage/${event.id}`)).text();
      expect(manage).toContain(`/events/manage/${event.id}/vendors`);
      const wrong = await organiser.postForm(`/events/manage/${event.id}/vendors`, {
        booths: '0',
        applicationsCloseOn: daysFromNow(10),
        boothFeeYen: '1000',
      });
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain('区画数: 区画数は1区画以上にしてください');
      const opened = await organiser.postForm(`/events/manage/${event.id}/vendors`, {
        booths: '10',
        applicationsCloseOn: daysFromNow(10),
        boothFeeYen: '1000',
        conditions: '',
      });
      expect(opened.headers.get('location')).toBe(`/events/manage/${event.id}/vendors?saved=opened`);
      const a = await applyAsVendor(
        t.database.db,
        event.id,
        applicationInput({ businessName: '=HYPERLINK("x")', needsPower: true }),
      );
      const decided = await organiser.postForm(
        `/events/manage/${event.id}/vendors/${a.application.id}/decision`,
        {
          decision: 'accept',
          message: 'よろしくお願いします',
        },
      );
      expect(decided.status).toBe(303);
      const page = await organiser.get(`/events/manage/${event.id}/vendors?status=accepted`);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain('data-field="accepted-booths">1 / 10区画');
      expect(html).toContain('出店決定 1件・審査待ち 0件');

      const csv = await organiser.get(`/events/manage/${event.id}/vendors.csv`);
      expect(csv.headers.get('cache-control')).toBe('private, no-store');
      expect(csv.headers.get('content-disposition')).toContain(`vendors-${event.id}-`);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
      const text = new TextDecoder().decode(bytes);
      expect(text.startsWith('申込番号,状態,事業者名・屋号')).toBe(true);
      expect(text).toContain("'=HYPERLINK");
      expect(text).toContain('出店決定');
      const xlsx = await organiser.get(`/events/manage/${event.id}/vendors.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('cache-control')).toBe('private, no-store');
      expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

      const chamber = await new TestClient(t.app).logInAs('shokokai');
      expect((await chamber.get(`/events/manage/${event.id}/vendors`)).status).toBe(403);
      expect((await chamber.get(`/events/manage/${event.id}/vendors.csv`)).status).toBe(403);
      const resident = await new TestClient(t.app).logInAs('resident');
      expect((await resident.get(`/events/manage/${event.id}/vendors.csv`)).status).toBe(403);
    });

    it('writes the audit log in words', async () => {
      const { event } = await marcheWithCall();
      const a = await applyAsVendor(t.database.db, event.id, applicationInput());
      await decideApplication(
        t.database.db,
        staff,
        { eventId: event.id, applicationId: a.application.id },
        { decision: 'decline', message: '今回は区画が埋まりました' },
      );
      const admin = await new TestClient(t.app).logInAs('admin');
      const page = await (await admin.get('/admin/audit?entityType=event')).text();
      expect(page).toContain('出店募集の開始');
      expect(page).toContain('出店の申し込み');
      expect(page).toContain('出店の見送り');
    });
  });
});
