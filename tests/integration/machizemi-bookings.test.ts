import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/demo/seed';
import { takePhoneBooking } from '../../src/modules/events/campaigns/bookings';
import { askCourseFollowUps, consentToFollowUp } from '../../src/modules/events/campaigns/follow-ups';
import { courseFollowUps } from '../../src/modules/events/campaigns/schema';
import {
  type CampaignInput,
  type CourseInput,
  createCampaign,
  decideCourse,
  proposeCourse,
} from '../../src/modules/events/campaigns/service';
import { createEvent, findEventForStaff, publishEvent } from '../../src/modules/events/event-service';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { eventAttendance, eventRegistrations } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { type Account, createAccount } from '../../src/platform/auth/accounts';
import type { Role } from '../../src/platform/auth/roles';
import { mailOutbox } from '../../src/platform/mail/schema';
import { accounts, auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { daysFromNow } from '../support/dates';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

/**
 * まちゼミ as shops run it (issue 9, decision 037): a shop enters the bookings it takes by phone on
 * its own course page, beside the online ones, within the capacity; sees its list and marks who
 * came; and after the campaign the participants who consented are asked whether they came back, so
 * that the organiser and each shop see the return rate, every rate with its n.
 */

const day = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * day);

const akiruno = {
  organisations: [{ code: 'shotenkai' }, { code: 'shokokai' }],
  categories: [{ code: 'machizemi' }],
};

const campaignInput = (overrides: Partial<CampaignInput> = {}): CampaignInput => ({
  category: 'machizemi',
  title: '電話予約のまちゼミ（架空）',
  description: '',
  organiser: 'shotenkai',
  startsOn: daysFromNow(20),
  endsOn: daysFromNow(50),
  proposalsCloseOn: daysFromNow(10),
  ...overrides,
});

const courseInput = (overrides: Partial<CourseInput> = {}): CourseInput => ({
  shopName: '架空の和菓子店',
  title: '季節の練り切りをつくろう',
  description: '',
  teacher: '和菓子職人 山本（架空）',
  date: daysFromNow(30),
  startTime: '10:00',
  endTime: '11:30',
  place: '架空の和菓子店 店内',
  capacity: 6,
  feeYen: 0,
  bring: '',
  idempotencyKey: `course-${Math.random().toString(36).slice(2)}`,
  ...overrides,
});

let formNumber = 0;
/** A phone booking's form as the shop fills it in. */
const booking = (overrides: Record<string, string> = {}): Record<string, string> => ({
  name: '電話 花子（架空）',
  kana: 'でんわ はなこ',
  phone: '042-558-0001',
  email: '',
  seats: '1',
  note: '',
  idempotencyKey: `phone-booking-${++formNumber}-${Math.random().toString(36).slice(2)}`,
  ...overrides,
});

describe.each(testDatabaseKinds())('まちゼミ as shops run it (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  let shop: Account;
  let shopActor: Actor;
  let shopClient: TestClient;

  async function accountOf(email: string): Promise<Account> {
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    if (!row) throw new Error(`no account ${email}`);
    return { ...row, role: row.role as Role };
  }

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'shotenkai');
    shop = await accountOf('business@demo.tsunagu.example');
    shopActor = await actorOf(t, 'business');
    await createAccount(t.database.db, {
      municipalityCode: shop.municipalityCode,
      email: 'business2@demo.tsunagu.example',
      displayName: '架空の花屋',
      role: 'business',
      password: demoPassword,
    });
    shopClient = await new TestClient(t.app).logInAs('business');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const db = () => t.database.db;

  /** A campaign of the 商店会 with the demo shop's course, approved and published as an event. */
  async function approvedCourse(
    title: string,
    options: { capacity?: number; past?: boolean; by?: Account } = {},
  ) {
    // a past campaign is written as it happened: created, proposed and approved before its days
    const past = options.past ?? false;
    const campaign = await createCampaign(
      db(),
      staff,
      campaignInput(
        past
          ? {
              title: `${title}のまちゼミ（架空）`,
              startsOn: daysFromNow(-80),
              endsOn: daysFromNow(-40),
              proposalsCloseOn: daysFromNow(-90),
            }
          : { title: `${title}のまちゼミ（架空）` },
      ),
      { ...akiruno, ...(past ? { now: at(-100) } : {}) },
    );
    const { course } = await proposeCourse(
      db(),
      options.by ?? shop,
      campaign.id,
      courseInput({
        title,
        capacity: options.capacity ?? 6,
        ...(past ? { date: daysFromNow(-60) } : {}),
        ...(options.by ? { shopName: '架空の花屋' } : {}),
      }),
      past ? { now: at(-95) } : {},
    );
    const decided = await decideCourse(
      db(),
      staff,
      { campaignId: campaign.id, courseId: course.id },
      { decision: 'approve' },
      { ...akiruno, ...(past ? { now: at(-92) } : {}) },
    );
    return { campaign, course: decided.course, eventId: decided.course.eventId as number };
  }

  /** Everything bookings can change, to compare before and after a refused request. */
  async function bookingData() {
    const [registrations, attendance, followUps, [audit], [mails]] = await Promise.all([
      db().select().from(eventRegistrations).orderBy(asc(eventRegistrations.id)),
      db().select().from(eventAttendance).orderBy(asc(eventAttendance.id)),
      db().select().from(courseFollowUps).orderBy(asc(courseFollowUps.registrationId)),
      db().select({ n: count() }).from(auditLog),
      db().select({ n: count() }).from(mailOutbox),
    ]);
    return { registrations, attendance, followUps, audit: audit?.n ?? 0, mails: mails?.n ?? 0 };
  }

  const registrationsOf = (eventId: number) =>
    db()
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, eventId))
      .orderBy(asc(eventRegistrations.id));

  const online = (eventId: number, n: number, now?: Date, extra: { consent?: number } = {}) =>
    registerForEvent(
      db(),
      eventId,
      {
        name: `ウェブ 太郎${n}（架空）`,
        kana: 'うぇぶ たろう',
        email: `web${n}-${eventId}@example.jp`,
        idempotencyKey: `online-${eventId}-${n}`,
      },
      {
        ...(now ? { now } : {}),
        ...(extra.consent
          ? {
              afterRegistering: (tx, registration, when) =>
                consentToFollowUp(tx, extra.consent as number, registration.id, when),
            }
          : {}),
      },
    );

  describe('a phone booking', () => {
    it('is entered by the shop on its course page and listed with the online ones and the seats left', async () => {
      const { course, eventId } = await approvedCourse('電話予約の講座');
      await online(eventId, 1);
      const page = await shopClient.get(`/events/courses/${course.id}`);
      expect(await page.text()).toContain(`/events/courses/${course.id}/bookings`);

      const empty = await shopClient.get(`/events/courses/${course.id}/bookings`);
      expect(empty.status).toBe(200);
      expect(empty.headers.get('cache-control')).toContain('no-store');
      const form = await empty.text();
      expect(form).toContain('残り 5席（定員 6人・申し込み 1人）');
      expect(form).toContain('name="idempotencyKey"');

      const response = await shopClient.postForm(
        `/events/courses/${course.id}/bookings`,
        booking({ name: '電話 一郎（架空）', seats: '３', note: 'お子さま連れ', followUpConsent: 'on' }),
      );
      expect(response.status).toBe(303);
      const location = response.headers.get('location') ?? '';
      expect(location).toMatch(
        new RegExp(`^/events/courses/${course.id}/bookings\\?saved=booked#booking-\\d+$`),
      );
      const html = await (await shopClient.get(location)).text();
      expect(html).toContain('電話の申し込みを記録しました');
      expect(html).toContain('電話 一郎（架空）');
      expect(html).toContain('ウェブ 太郎1（架空）');
      expect(html).toContain('残り 2席（定員 6人・申し込み 4人）');
      expect(html).toContain('うち電話 3人');
      expect(html).toContain('href="tel:0425580001"');
      expect(html).toContain('お子さま連れ');

      const [, phoned] = await registrationsOf(eventId);
      expect(phoned).toMatchObject({ channel: 'phone', seats: 3, status: 'confirmed', note: 'お子さま連れ' });
      expect(phoned?.email).toBeNull();
      const [consent] = await db()
        .select()
        .from(courseFollowUps)
        .where(eq(courseFollowUps.registrationId, phoned?.id ?? 0));
      expect(consent).toMatchObject({ courseId: course.id, askedAt: null });
      // the public page of the course counts the phone's seats too
      const publicPage = await (await new TestClient(t.app).get(`/events/${eventId}`)).text();
      expect(publicPage).toContain('<dd data-field="remaining">2人</dd>');
      // the staff's participant list shows how many and how it was taken
      const staffPage = await (await new TestClient(t.app).logInAs('shotenkai')).get(
        `/events/manage/${eventId}`,
      );
      expect(await staffPage.text()).toContain('電話 一郎（架空）（3人）');
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, 'event_registration.phone_booking'),
            eq(auditLog.entityKey, String(eventId)),
          ),
        );
      expect(entry).toMatchObject({ actorAccountId: shop.id, after: { seats: 3, followUpConsent: true } });
    });

    it('sends a person with an e-mail address the receipt with the cancel link, as online', async () => {
      const { course, eventId } = await approvedCourse('控えの届く講座');
      const response = await shopClient.postForm(
        `/events/courses/${course.id}/bookings`,
        booking({ phone: '', email: 'Mail.Yoyaku@Example.jp', seats: '2' }),
      );
      expect(response.status).toBe(303);
      const [registration] = await registrationsOf(eventId);
      expect(registration?.email).toBe('mail.yoyaku@example.jp');
      const mails = await db()
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'mail.yoyaku@example.jp'));
      expect(mails.map((m) => m.template)).toEqual(['event.confirmation']);
    });

    it('records the same form once, also when it is sent twice at the same moment', async () => {
      const { course, eventId } = await approvedCourse('二度押しの講座');
      const form = booking({ seats: '2' });
      const [a, b] = await Promise.all([
        shopClient.postForm(`/events/courses/${course.id}/bookings`, form),
        shopClient.postForm(`/events/courses/${course.id}/bookings`, form),
      ]);
      expect([a.status, b.status]).toEqual([303, 303]);
      expect(
        [a.headers.get('location'), b.headers.get('location')]
          .map((l) => /saved=(\w+)/.exec(l ?? '')?.[1])
          .sort(),
      ).toEqual(['booked', 'repeated']);
      const rows = await registrationsOf(eventId);
      expect(rows).toHaveLength(1);
      expect((await findEventForStaff(db(), staff, eventId)).confirmed).toBe(2);
    });

    it.each([
      ['no name', { name: ' ' }, 422, ['お名前: お名前を入力してください。'], ['name']],
      [
        'neither a phone number nor an e-mail address',
        { phone: '', email: '' },
        422,
        [
          '電話番号: 電話番号かメールアドレスのどちらかを入力してください。',
          'メールアドレス: 電話番号かメールアドレスのどちらかを入力してください。',
        ],
        ['phone', 'email'],
      ],
      [
        'a phone number without its area code',
        { phone: '558-0001' },
        422,
        ['電話番号: 市外局番から'],
        ['phone'],
      ],
      [
        'an address that is not one',
        { email: 'yamada@' },
        422,
        ['メールアドレス: メールアドレスの形'],
        ['email'],
      ],
      ['no people', { seats: '0' }, 422, ['人数: 人数は1人以上にしてください。'], ['seats']],
      ['people as words', { seats: 'ふたり' }, 422, ['人数: 人数を数字で入力してください。'], ['seats']],
      ['a reading in kanji', { kana: '電話' }, 422, ['ふりがな: ひらがなかカタカナで'], ['kana']],
      [
        'more people than seats left',
        { seats: '7' },
        409,
        ['定員（6人）を超える人数は受けられません'],
        ['seats'],
      ],
    ])(
      'refuses %s with a clear message, keeping what was typed, and writes nothing',
      async (_, fields, status, messages, invalid) => {
        const { course } = await approvedCourse(`入力誤りの講座 ${formNumber}`);
        const before = await bookingData();
        const response = await shopClient.postForm(
          `/events/courses/${course.id}/bookings`,
          booking({ name: '入力 誤り（架空）', ...fields }),
        );
        expect(response.status).toBe(status);
        const html = await response.text();
        expect(html).toContain('role="alert"');
        for (const message of messages) expect(html).toContain(message);
        for (const field of invalid)
          expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
        if (!('name' in fields)) expect(html).toContain('value="入力 誤り（架空）"');
        expect(await bookingData()).toEqual(before);
      },
    );

    it('refuses in English for an English page, and names the seats left when the course is nearly full', async () => {
      const { course, eventId } = await approvedCourse('残りわずかの講座', { capacity: 3 });
      await online(eventId, 1);
      await online(eventId, 2);
      const before = await bookingData();
      // the language is kept in a cookie: the English requests are another window
      const englishClient = await new TestClient(t.app).logInAs('business');
      const english = await englishClient.postForm(
        `/events/courses/${course.id}/bookings?lang=en`,
        booking({ name: '', seats: '1' }),
      );
      expect(english.status).toBe(422);
      expect(await english.text()).toContain('Name: Enter the name.');
      const tooMany = await shopClient.postForm(
        `/events/courses/${course.id}/bookings`,
        booking({ seats: '2' }),
      );
      expect(tooMany.status).toBe(409);
      expect(await tooMany.text()).toContain('残りは1席です。1人以下にしてください。');
      const tooManyEn = await englishClient.postForm(
        `/events/courses/${course.id}/bookings?lang=en`,
        booking({ seats: '2' }),
      );
      expect(await tooManyEn.text()).toContain('Only 1 place is left. Book 1 or fewer.');
      expect(await bookingData()).toEqual(before);
    });

    it('refuses an e-mail address already booked, and a booking after the course has started', async () => {
      const { course, eventId } = await approvedCourse('重複の講座');
      await online(eventId, 1);
      const held = await approvedCourse('開催済みの講座', { past: true });
      const before = await bookingData();
      const same = await shopClient.postForm(
        `/events/courses/${course.id}/bookings`,
        booking({ email: `web1-${eventId}@example.jp` }),
      );
      expect(same.status).toBe(409);
      expect(await same.text()).toContain('すでに申し込んでいます');
      const late = await shopClient.postForm(`/events/courses/${held.course.id}/bookings`, booking());
      expect(late.status).toBe(409);
      expect(await late.text()).toContain('講座の開始時刻を過ぎたため');
      expect(await bookingData()).toEqual(before);
    });
  });

  describe('the capacity', () => {
    it('is never passed when online registrations and phone bookings arrive at the same moment', async () => {
      const { course, eventId } = await approvedCourse('同時予約の講座', { capacity: 6 });
      const results = await Promise.allSettled([
        ...Array.from({ length: 8 }, (_, n) => online(eventId, n)),
        ...Array.from({ length: 5 }, (_, n) =>
          takePhoneBooking(
            db(),
            shopActor,
            course.id,
            booking({ seats: '2', idempotencyKey: `burst-${eventId}-${n}` }),
          ),
        ),
      ]);
      // a phone booking that did not fit was refused in words; an online one waits
      for (const r of results) {
        if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('not_enough_seats');
      }
      const rows = await registrationsOf(eventId);
      const seats = rows.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.seats, 0);
      expect(seats).toBe(6);
      expect(rows.filter((r) => r.channel === 'phone').every((r) => r.status === 'confirmed')).toBe(true);
      expect(rows.filter((r) => r.status === 'waiting').every((r) => r.channel === 'online')).toBe(true);
      const counted = await findEventForStaff(db(), staff, eventId);
      expect(counted.confirmed).toBe(6);
      expect(counted.waiting).toBe(rows.filter((r) => r.status === 'waiting').length);
    });

    it('frees the seats of a cancelled booking for the waiting list; cancelling again changes nothing', async () => {
      const { course, eventId } = await approvedCourse('取り消しの講座', { capacity: 2 });
      await takePhoneBooking(
        db(),
        shopActor,
        course.id,
        booking({ seats: '2', email: 'torikeshi@example.jp' }),
      );
      const waiting = await online(eventId, 1);
      expect(waiting.registration.status).toBe('waiting');
      const [phoned] = await registrationsOf(eventId);
      const cancel = () =>
        shopClient.postForm(`/events/courses/${course.id}/bookings/${phoned?.id}/cancel`, {});
      const first = await cancel();
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toContain('saved=cancelled');
      const rows = await registrationsOf(eventId);
      expect(rows.map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
      const audit = await bookingData();
      expect((await cancel()).status).toBe(303);
      expect(await bookingData()).toEqual(audit);
      const mails = await db()
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'torikeshi@example.jp'));
      expect(mails.map((m) => m.template)).toEqual(['event.confirmation', 'event.cancellation']);
    });
  });

  describe('attendance', () => {
    it('is marked by the shop per booking, came or did not come, and counted by the plan in people', async () => {
      const { course, eventId } = await approvedCourse('出欠の講座', { past: true });
      const family = await takePhoneBooking(db(), shopActor, course.id, booking({ seats: '3' }), {
        now: at(-70),
      });
      const alone = await online(eventId, 1, at(-70));
      const mistaken = await online(eventId, 2, at(-69));
      const mark = (registrationId: number, attendance: string) =>
        shopClient.postForm(`/events/courses/${course.id}/bookings/${registrationId}/attendance`, {
          attendance,
        });
      expect((await mark(family.registration.id, 'came')).headers.get('location')).toContain('saved=came');
      expect((await mark(alone.registration.id, 'absent')).headers.get('location')).toContain('saved=absent');
      await mark(mistaken.registration.id, 'came');
      // a wrong tap is corrected by the other answer; the same answer twice changes nothing
      await mark(mistaken.registration.id, 'absent');
      const settled = await bookingData();
      await mark(mistaken.registration.id, 'absent');
      expect(await bookingData()).toEqual(settled);

      const counted = await findEventForStaff(db(), staff, eventId);
      expect(counted.attended).toBe(3);
      const rows = await registrationsOf(eventId);
      expect(rows.map((r) => r.absentAt !== null)).toEqual([false, true, true]);
      const html = await (await shopClient.get(`/events/courses/${course.id}/bookings`)).text();
      expect(html.match(/data-attendance="came"/g)).toHaveLength(1);
      expect(html.match(/data-attendance="absent"/g)).toHaveLength(2);
      const actions = await db()
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(eventId)));
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['event_registration.check_in', 'event_registration.mark_absent']),
      );

      const bad = await mark(alone.registration.id, 'maybe');
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('「来た」か「来なかった」を選んでください。');
    });

    it('waits for the day of the course', async () => {
      const { course } = await approvedCourse('明日以降の講座');
      const { registration } = await takePhoneBooking(db(), shopActor, course.id, booking());
      const before = await bookingData();
      const early = await shopClient.postForm(
        `/events/courses/${course.id}/bookings/${registration.id}/attendance`,
        { attendance: 'came' },
      );
      expect(early.status).toBe(409);
      expect(await early.text()).toContain('出欠は講座の当日');
      expect(await bookingData()).toEqual(before);
    });
  });

  describe('who sees a course’s bookings', () => {
    it('is the shop that runs it and the organiser’s staff; another shop gets 404, other staff 403', async () => {
      const { course } = await approvedCourse('名簿の守られる講座');
      const path = `/events/courses/${course.id}/bookings`;
      const organiser = await new TestClient(t.app).logInAs('shotenkai');
      const page = await organiser.get(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('まちゼミの管理へ戻る');
      expect((await organiser.postForm(path, booking({ name: '商店会が受けた電話（架空）' }))).status).toBe(
        303,
      );
      expect((await (await new TestClient(t.app).logInAs('admin')).get(path)).status).toBe(200);

      const before = await bookingData();
      const otherShop = await new TestClient(t.app).logInAs('business2');
      expect((await otherShop.get(path)).status).toBe(404);
      expect((await otherShop.postForm(path, booking())).status).toBe(404);
      const otherStaff = await new TestClient(t.app).logInAs('bista');
      expect((await otherStaff.get(path)).status).toBe(403);
      expect((await otherStaff.postForm(path, booking())).status).toBe(403);
      const resident = await new TestClient(t.app).logInAs('resident');
      expect((await resident.get(path)).status).toBe(403);
      expect((await new TestClient(t.app).get(path)).status).toBe(401);
      expect(await bookingData()).toEqual(before);
    });

    it('is nobody’s before the course is approved', async () => {
      const campaign = await createCampaign(
        db(),
        staff,
        campaignInput({ title: '審査中のまちゼミ（架空）' }),
        akiruno,
      );
      const { course } = await proposeCourse(db(), shop, campaign.id, courseInput());
      const response = await shopClient.get(`/events/courses/${course.id}/bookings`);
      expect(response.status).toBe(409);
      expect(await response.text()).toContain('講座が承認されて公開されてから');
    });
  });

  describe('after the campaign', () => {
    it('asks the consenting participants who came, once, and takes one answer from the mail’s link', async () => {
      const { course, eventId, campaign } = await approvedCourse('その後の来店の講座', { past: true });
      const before = { now: at(-70) };
      const a = await online(eventId, 1, at(-70), { consent: course.id });
      const b = await online(eventId, 2, at(-70));
      const c = await takePhoneBooking(
        db(),
        shopActor,
        course.id,
        booking({ name: 'メール 三郎（架空）', email: 'saburo@example.jp', followUpConsent: 'on' }),
        before,
      );
      const d = await takePhoneBooking(
        db(),
        shopActor,
        course.id,
        booking({ name: '電話だけ 四郎（架空）', followUpConsent: 'on' }),
        before,
      );
      const e = await takePhoneBooking(
        db(),
        shopActor,
        course.id,
        booking({ name: '来なかった 五郎（架空）', email: 'goro@example.jp', followUpConsent: 'on' }),
        before,
      );
      for (const r of [a, b, c, d].map((x) => x.registration)) {
        await shopClient.postForm(`/events/courses/${course.id}/bookings/${r.id}/attendance`, {
          attendance: 'came',
        });
      }
      await shopClient.postForm(`/events/courses/${course.id}/bookings/${e.registration.id}/attendance`, {
        attendance: 'absent',
      });

      // the day before the follow-up day (30 days after the last day): nobody yet
      const dayBefore = new Date(Date.parse(`${campaign.endsOn}T12:00:00+09:00`) + 29 * day);
      expect(await askCourseFollowUps(db(), { now: dayBefore })).toBe(0);
      expect(await askCourseFollowUps(db())).toBe(3);
      expect(await askCourseFollowUps(db())).toBe(0);
      const followUps = await db()
        .select()
        .from(courseFollowUps)
        .where(eq(courseFollowUps.courseId, course.id))
        .orderBy(asc(courseFollowUps.registrationId));
      expect(followUps.map((f) => [f.registrationId, f.askedBy])).toEqual([
        [a.registration.id, 'mail'],
        [c.registration.id, 'mail'],
        [d.registration.id, 'shop'],
        [e.registration.id, null],
      ]);
      const mails = await db()
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.template, 'machizemi.follow-up'));
      expect(mails.map((m) => m.toAddress).sort()).toEqual([
        'saburo@example.jp',
        `web1-${eventId}@example.jp`,
      ]);
      const mailTo = mails.find((m) => m.toAddress === 'saburo@example.jp');
      const token = (mailTo?.params as { token: string } | undefined)?.token;
      expect(token).toBe(followUps[1]?.token);

      const person = new TestClient(t.app);
      const question = await person.get(`/events/follow-ups/${token}`);
      expect(question.status).toBe(200);
      expect(question.headers.get('cache-control')).toContain('no-store');
      expect(question.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await question.text()).toContain('その後、架空の和菓子店へ行かれましたか？');
      const unanswered = await bookingData();
      const empty = await person.postForm(`/events/follow-ups/${token}`, {});
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('「はい」か「いいえ」を選んでください。');
      expect(await bookingData()).toEqual(unanswered);

      const answer = await person.postForm(`/events/follow-ups/${token}`, {
        cameBack: 'yes',
        within: 'month',
      });
      expect(answer.status).toBe(303);
      expect(await (await person.get(answer.headers.get('location') ?? '')).text()).toContain(
        'ご回答：<strong>はい（1か月以内）</strong>',
      );
      // the same answer again (a double click) is harmless; another is refused: one answer
      expect((await person.postForm(`/events/follow-ups/${token}`, { cameBack: 'yes' })).status).toBe(303);
      const answered = await bookingData();
      const changed = await person.postForm(`/events/follow-ups/${token}`, { cameBack: 'no' });
      expect(changed.status).toBe(409);
      expect(await changed.text()).toContain('回答は1回だけで、変えられません');
      expect(await bookingData()).toEqual(answered);
      expect((await person.get('/events/follow-ups/not-a-token')).status).toBe(404);
      // nobody who did not come is asked: their follow-up has no page
      expect((await person.get(`/events/follow-ups/${followUps[3]?.token}`)).status).toBe(404);

      // the shop enters the answer of the person without an e-mail address, not of one asked by mail
      const byPhone = await shopClient.postForm(
        `/events/courses/${course.id}/bookings/${d.registration.id}/follow-up`,
        { cameBack: 'no' },
      );
      expect(byPhone.status).toBe(303);
      const notTheirs = await shopClient.postForm(
        `/events/courses/${course.id}/bookings/${a.registration.id}/follow-up`,
        { cameBack: 'yes' },
      );
      expect(notTheirs.status).toBe(409);
      expect(await notTheirs.text()).toContain('回答はご本人がメールのリンクから入力します');

      const shopPage = await (await shopClient.get(`/events/courses/${course.id}/bookings`)).text();
      expect(shopPage).toContain('はい（1か月以内）');
      expect(shopPage).toMatch(/data-returns="shop">[\s\S]*?再来店 <strong>50%（1\/2人）<\/strong>/);
      expect(shopPage).toContain('回答 67%（2/3人）');
    });

    it('shows the organiser the return rate per shop and for the campaign, n beside every rate, and as CSV', async () => {
      const { course, eventId, campaign } = await approvedCourse('お店ごとの講座', { past: true });
      const other = await accountOf('business2@demo.tsunagu.example');
      const campaignId = campaign.id;
      // a second shop in the same campaign
      const { course: flowerCourse } = await proposeCourse(
        db(),
        other,
        campaignId,
        courseInput({ shopName: '架空の花屋', title: '花束をつくろう', date: daysFromNow(-55) }),
        { now: at(-95) },
      );
      const approved = await decideCourse(
        db(),
        staff,
        { campaignId, courseId: flowerCourse.id },
        { decision: 'approve' },
        { ...akiruno, now: at(-92) },
      );
      const flowerEvent = approved.course.eventId as number;
      const consenting = async (courseId: number, eventIdOf: number, n: number) =>
        (await online(eventIdOf, n, at(-70), { consent: courseId })).registration;
      const sweets = [await consenting(course.id, eventId, 11), await consenting(course.id, eventId, 12)];
      const flowers = [await consenting(flowerCourse.id, flowerEvent, 21)];
      // the organiser's staff mark who came at both shops
      const organiser = await new TestClient(t.app).logInAs('shotenkai');
      for (const [courseId, r] of [
        ...sweets.map((r) => [course.id, r] as const),
        ...flowers.map((r) => [flowerCourse.id, r] as const),
      ]) {
        await organiser.postForm(`/events/courses/${courseId}/bookings/${r.id}/attendance`, {
          attendance: 'came',
        });
      }
      await askCourseFollowUps(db());
      const tokens = await db()
        .select()
        .from(courseFollowUps)
        .where(eq(courseFollowUps.courseId, course.id))
        .orderBy(asc(courseFollowUps.registrationId));
      const visitor = new TestClient(t.app);
      await visitor.postForm(`/events/follow-ups/${tokens[0]?.token}`, { cameBack: 'yes', within: 'week' });
      await visitor.postForm(`/events/follow-ups/${tokens[1]?.token}`, { cameBack: 'no' });

      const page = await organiser.get(`/events/campaigns/manage/${campaignId}/returns`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const sweetsRow = /<tr data-shop="架空の和菓子店">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
      expect(sweetsRow).toContain('100%（2/2人）');
      expect(sweetsRow).toContain('50%（1/2人）');
      const flowerRow = /<tr data-shop="架空の花屋">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
      // nobody answered yet: no rate, and the n says why
      expect(flowerRow).toContain('0%（0/1人）');
      expect(flowerRow).toContain('—（0/0人）');
      const all = /<tr data-total="true">[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
      expect(all).toContain('67%（2/3人）');
      expect(all).toContain('50%（1/2人）');

      const csv = await organiser.get(`/events/campaigns/manage/${campaignId}/returns.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('cache-control')).toContain('no-store');
      const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(
        '店名,講座数,参加者数（人）,おたずねに同意,おたずね数,回答数,回答率（%）,再来店（はい）,再来店率（%）',
      );
      expect(lines).toContain('架空の和菓子店,1,2,2,2,2,100,1,50');
      expect(lines).toContain('架空の花屋,1,1,1,1,0,0,0,');
      expect(lines).toContain('まちゼミ全体,2,3,3,3,2,67,1,50');

      // staff of another organisation, and the shops, do not read the organiser's table
      const otherStaff = await new TestClient(t.app).logInAs('bista');
      expect((await otherStaff.get(`/events/campaigns/manage/${campaignId}/returns`)).status).toBe(403);
      expect((await shopClient.get(`/events/campaigns/manage/${campaignId}/returns.csv`)).status).toBe(403);
      // the shop sees its own figure beside the campaign's
      const own = await (await shopClient.get(`/events/courses/${course.id}/bookings`)).text();
      expect(own).toMatch(/data-returns="campaign">[\s\S]*?再来店 <strong>50%（1\/2人）<\/strong>/);
    });

    it('asks the consent on the online form of a まちゼミ course only', async () => {
      const { course, eventId } = await approvedCourse('ウェブで同意する講座');
      const visitor = new TestClient(t.app);
      const page = await (await visitor.get(`/events/${eventId}`)).text();
      expect(page).toContain('name="followUpConsent"');
      expect(page).toContain('その後架空の和菓子店に行ったか');
      const registered = await visitor.postForm(`/events/${eventId}/registrations`, {
        name: 'ウェブ 同意（架空）',
        kana: 'うぇぶ どうい',
        email: 'doui@example.jp',
        followUpConsent: 'on',
        idempotencyKey: 'online-consent-1',
      });
      expect(registered.status).toBe(303);
      const [row] = await registrationsOf(eventId);
      const consent = await db()
        .select()
        .from(courseFollowUps)
        .where(eq(courseFollowUps.registrationId, row?.id ?? 0));
      expect(consent).toHaveLength(1);
      expect(consent[0]?.courseId).toBe(course.id);
      // without the tick, no follow-up
      await visitor.postForm(`/events/${eventId}/registrations`, {
        name: 'ウェブ 不同意（架空）',
        kana: 'うぇぶ ふどうい',
        email: 'fudoui@example.jp',
        idempotencyKey: 'online-consent-2',
      });
      expect(
        await db().select().from(courseFollowUps).where(eq(courseFollowUps.courseId, course.id)),
      ).toHaveLength(1);
      // an ordinary event asks nothing of the kind
      const organiser = await actorOf(t, 'shokokai');
      const seminar = await createEvent(
        db(),
        organiser,
        {
          category: 'machizemi',
          title: 'ふつうのセミナー（架空）',
          date: daysFromNow(30),
          startTime: '14:00',
          endTime: '15:00',
          place: '架空の会議室',
          capacity: 20,
          organiser: 'shokokai',
        },
        akiruno,
      );
      await publishEvent(db(), organiser, seminar.id);
      expect(await (await visitor.get(`/events/${seminar.id}`)).text()).not.toContain('followUpConsent');
    });
  });
});
