import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn, listParticipants } from '../../src/modules/events/attendance-service';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { projectsCountingEventsOf } from '../../src/modules/events/plan-data';
import { cancelRegistration, registerForEvent } from '../../src/modules/events/registration-service';
import { eventRegistrations, events } from '../../src/modules/events/schema';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { measureYear } from '../../src/modules/plan/service';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { UserError } from '../../src/platform/errors';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

const organisations = [{ code: 'city' }, { code: 'shokokai' }, { code: 'bista' }];
const categories = [{ code: 'succession-seminar' }, { code: 'management-seminar' }, { code: 'marche' }];
const choices = { organisations, categories };

/** A date some days from today, in Japan, as yyyy-mm-dd. */
function daysFromNow(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

const seminar = (overrides: Partial<EventInput> = {}): EventInput => ({
  category: 'succession-seminar',
  title: '事業承継セミナー（架空）',
  date: daysFromNow(30),
  startTime: '14:00',
  endTime: '16:00',
  place: '市役所 会議室',
  capacity: 10,
  feeYen: 0,
  organiser: 'bista',
  ...overrides,
});

const person = (n: number, key = `form-key-${n}`) => ({
  name: `参加者${n}（架空）`,
  kana: 'さんかしゃ',
  email: `person${n}@example.jp`,
  idempotencyKey: key,
});

async function eventData(t: TestInstance) {
  const db = t.database.db;
  const [rows, registrations, [audit]] = await Promise.all([
    db.select().from(events).orderBy(asc(events.id)),
    db.select().from(eventRegistrations).orderBy(asc(eventRegistrations.id)),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { rows, registrations, audit: audit?.n ?? 0 };
}

describe.each(testDatabaseKinds())('events (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'bista');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function publishedSeminar(overrides: Partial<EventInput> = {}) {
    const event = await createEvent(t.database.db, staff, seminar(overrides), choices);
    return publishEvent(t.database.db, staff, event.id);
  }

  describe('creating an event', () => {
    it('creates a draft that the public cannot register for until it is published', async () => {
      const event = await createEvent(t.database.db, staff, seminar(), choices);
      expect(event.status).toBe('draft');
      const refused = await registerForEvent(t.database.db, event.id, person(1)).catch((e: unknown) => e);
      expect((refused as UserError).status).toBe(404);
      const published = await publishEvent(t.database.db, staff, event.id);
      expect(published.status).toBe('published');
      // publishing again changes nothing and logs nothing
      const before = await eventData(t);
      await publishEvent(t.database.db, staff, event.id);
      expect(await eventData(t)).toEqual(before);
    });

    it.each([
      ['a past date', { date: daysFromNow(-1) }, '開催日: 過ぎた日付は選べません'],
      ['a capacity of 0', { capacity: 0 }, '定員: 定員は1人以上にしてください'],
      ['no title', { title: '  ' }, '題名: 題名を入力してください'],
      ['an end before the start', { startTime: '16:00', endTime: '14:00' }, '終了時刻: 開始時刻より後の時刻'],
      ['a fee with a fraction', { feeYen: 100.5 }, '参加費: 参加費は円単位の整数'],
      ['an organiser outside the plan', { organiser: 'nobody' }, '主催: 一覧から選んでください'],
      [
        'a kind of event the plan does not declare',
        { category: 'machizemi' },
        '種類: 種類を一覧から選んでください',
      ],
    ])('refuses %s with a clear message, and writes nothing', async (_, overrides, message) => {
      const before = await eventData(t);
      const error = await createEvent(
        t.database.db,
        staff,
        seminar(overrides as Partial<EventInput>),
        choices,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).status).toBe(422);
      expect((error as UserError).details.map((d) => d.message.ja).join(' ')).toContain(message);
      expect((error as UserError).details.every((d) => d.message.en.length > 0)).toBe(true);
      expect(await eventData(t)).toEqual(before);
    });
  });

  describe('registration', () => {
    it('confirms exactly 10 and puts 40 on the waiting list when 50 register at once for 10 seats', async () => {
      const event = await publishedSeminar({ capacity: 10 });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => registerForEvent(t.database.db, event.id, person(i))),
      );
      expect(results.filter((r) => r.registration.status === 'confirmed')).toHaveLength(10);
      const waiting = results.filter((r) => r.registration.status === 'waiting');
      expect(waiting).toHaveLength(40);
      expect(waiting.map((r) => r.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      const rows = await t.database.db
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, event.id));
      expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(10);
      // every registration has its own ticket, readable at the door and apart from the cancel secret
      const tickets = new Set(rows.map((r) => r.ticketCode));
      expect(tickets.size).toBe(50);
      for (const r of rows) {
        expect(r.ticketCode).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
        expect(r.cancelToken).not.toContain(r.ticketCode);
      }
    });

    it('puts the 4th applicant on the waiting list when capacity is 3', async () => {
      const event = await publishedSeminar({ capacity: 3 });
      for (const n of [1, 2, 3]) {
        const r = await registerForEvent(t.database.db, event.id, person(n));
        expect(r.registration.status).toBe('confirmed');
      }
      const fourth = await registerForEvent(t.database.db, event.id, person(4));
      expect(fourth.registration.status).toBe('waiting');
      expect(fourth.position).toBe(1);
    });

    it('gives one registration for the same form sent twice, or the same e-mail address again', async () => {
      const event = await publishedSeminar();
      const [first, again] = await Promise.all([
        registerForEvent(t.database.db, event.id, person(1)),
        registerForEvent(t.database.db, event.id, person(1)),
      ]);
      expect(again?.registration.id).toBe(first?.registration.id);
      expect([first?.outcome, again?.outcome].sort()).toEqual(['registered', 'repeated']);
      const other = await registerForEvent(t.database.db, event.id, {
        ...person(1, 'another-form-key'),
        email: 'PERSON1@example.jp',
      });
      expect(other.outcome).toBe('already-registered');
      expect(other.registration.id).toBe(first?.registration.id);
      const [row] = await t.database.db
        .select({ n: count() })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, event.id));
      expect(row?.n).toBe(1);
    });

    it.each([
      ['a malformed e-mail address', { email: 'person@' }, 'メールアドレス: メールアドレスの形'],
      ['a malformed phone number', { phone: '12345' }, '電話番号: 市外局番から'],
      ['a reading not in kana', { kana: 'Yamada' }, 'ふりがな: ひらがなかカタカナ'],
      ['no name', { name: '' }, 'お名前: お名前を入力してください'],
    ])('refuses %s and changes nothing', async (_, overrides, message) => {
      const event = await publishedSeminar();
      const before = await eventData(t);
      const error = await registerForEvent(t.database.db, event.id, { ...person(1), ...overrides }).catch(
        (e: unknown) => e,
      );
      expect((error as UserError).status).toBe(422);
      expect((error as UserError).details.map((d) => d.message.ja).join(' ')).toContain(message);
      expect(await eventData(t)).toEqual(before);
    });

    it('takes a phone number written with full-width digits', async () => {
      const event = await publishedSeminar();
      const r = await registerForEvent(t.database.db, event.id, {
        ...person(1),
        phone: '０４２－５５８－１１１１',
      });
      expect(r.registration.phone).toBe('0425581111');
    });
  });

  describe('cancelling', () => {
    it('promotes the first waiting person, and cancelling twice is harmless', async () => {
      const event = await publishedSeminar({ capacity: 2 });
      const a = await registerForEvent(t.database.db, event.id, person(1));
      await registerForEvent(t.database.db, event.id, person(2));
      const c = await registerForEvent(t.database.db, event.id, person(3));
      const d = await registerForEvent(t.database.db, event.id, person(4));
      expect([c.position, d.position]).toEqual([1, 2]);

      const first = await cancelRegistration(t.database.db, a.registration.cancelToken);
      expect(first.changed).toBe(true);
      expect(first.promoted.map((r) => r.id)).toEqual([c.registration.id]);
      const before = await eventData(t);
      const second = await cancelRegistration(t.database.db, a.registration.cancelToken);
      expect(second.changed).toBe(false);
      expect(second.promoted).toEqual([]);
      expect(await eventData(t)).toEqual(before);

      const statuses = Object.fromEntries(before.registrations.map((r) => [r.id, r.status]));
      expect(statuses[a.registration.id]).toBe('cancelled');
      expect(statuses[c.registration.id]).toBe('confirmed');
      expect(statuses[d.registration.id]).toBe('waiting');
      // the person cancelled may register again
      const back = await registerForEvent(t.database.db, event.id, person(1, 'came-back'));
      expect(back.outcome).toBe('registered');
      expect(back.registration.status).toBe('waiting');
      expect(back.position).toBe(2);
    });

    it('never gives one freed seat to two people when two cancel at once', async () => {
      const event = await publishedSeminar({ capacity: 2 });
      const held = await Promise.all([1, 2].map((n) => registerForEvent(t.database.db, event.id, person(n))));
      for (const n of [3, 4, 5]) await registerForEvent(t.database.db, event.id, person(n));
      await Promise.all(held.map((r) => cancelRegistration(t.database.db, r.registration.cancelToken)));
      const rows = await t.database.db
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, event.id));
      expect(
        rows
          .filter((r) => r.status === 'confirmed')
          .map((r) => r.email)
          .sort(),
      ).toEqual(['person3@example.jp', 'person4@example.jp']);
    });
  });

  describe('check-in and the participant list', () => {
    it('marks attendance once, and finds people by part of their name in either kana', async () => {
      const event = await publishedSeminar({ capacity: 1 });
      const yamada = await registerForEvent(t.database.db, event.id, {
        ...person(1),
        name: '山田 花子',
        kana: 'ヤマダ ハナコ',
      });
      const waiting = await registerForEvent(t.database.db, event.id, { ...person(2), kana: 'すずき' });
      // a registration is checked in from its own event's list only
      const other = await publishedSeminar();
      const elsewhere = await checkIn(t.database.db, staff, other.id, {
        registrationId: yamada.registration.id,
      }).catch((e: unknown) => e);
      expect((elsewhere as UserError).status).toBe(404);
      const first = await checkIn(t.database.db, staff, event.id, { registrationId: yamada.registration.id });
      expect(first.outcome).toBe('checked-in');
      const before = await eventData(t);
      const again = await checkIn(t.database.db, staff, event.id, { registrationId: yamada.registration.id });
      expect(again.outcome).toBe('already-checked-in');
      expect(await eventData(t)).toEqual(before);
      const refused = await checkIn(t.database.db, staff, event.id, {
        registrationId: waiting.registration.id,
      }).catch((e: unknown) => e);
      expect((refused as UserError).code).toBe('not_confirmed');

      expect((await listParticipants(t.database.db, staff, event.id, 'やまだ')).map((r) => r.id)).toEqual([
        yamada.registration.id,
      ]);
      expect((await listParticipants(t.database.db, staff, event.id, '山田')).map((r) => r.id)).toEqual([
        yamada.registration.id,
      ]);
      expect(await listParticipants(t.database.db, staff, event.id)).toHaveLength(2);
    });

    it('shows the participants of one municipality to its own staff only', async () => {
      const event = await publishedSeminar();
      const stranger: Actor = { accountId: null, name: 'よその町', municipalityCode: '999991' };
      const error = await listParticipants(t.database.db, stranger, event.id).catch((e: unknown) => e);
      expect((error as UserError).status).toBe(404);
    });

    it("lets only the organiser's staff and admins see participants, check in and publish", async () => {
      const event = await publishedSeminar();
      const r = await registerForEvent(t.database.db, event.id, person(31));
      const otherOrganisation = await actorOf(t, 'shokokai');
      const association = await actorOf(t, 'shotenkai');
      const admin = await actorOf(t, 'admin');
      const before = await eventData(t);
      for (const outsider of [otherOrganisation, association]) {
        for (const attempt of [
          () => listParticipants(t.database.db, outsider, event.id),
          () => checkIn(t.database.db, outsider, event.id, { registrationId: r.registration.id }),
          () => publishEvent(t.database.db, outsider, event.id),
        ]) {
          const error = await attempt().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(UserError);
          expect((error as UserError).status).toBe(403);
        }
      }
      expect(await eventData(t)).toEqual(before);
      expect((await listParticipants(t.database.db, admin, event.id)).map((p) => p.id)).toEqual([
        r.registration.id,
      ]);
      // an event can be created only for one's own organisation (admins: any)
      const refused = await createEvent(t.database.db, otherOrganisation, seminar(), choices).catch(
        (e: unknown) => e,
      );
      expect((refused as UserError).details.map((d) => d.message.ja)).toEqual([
        '主催: ご自分の機関が主催するイベントだけを作成できます。',
      ]);
      expect(await eventData(t)).toEqual(before);
      const byAdmin = await createEvent(t.database.db, admin, seminar({ organiser: 'shokokai' }), choices);
      expect(byAdmin.organiser).toBe('shokokai');
    });

    it('shows staff of another organisation the event but not its participant list', async () => {
      const event = await publishedSeminar({ title: '名簿を守るセミナー（架空）' });
      await registerForEvent(t.database.db, event.id, { ...person(32), name: '名簿 守る（架空）' });
      const other = await new TestClient(t.app).logInAs('shokokai');
      const page = await other.get(`/events/manage/${event.id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('名簿を守るセミナー（架空）');
      expect(html).toContain('data-not-organiser');
      expect(html).not.toContain('名簿 守る（架空）');
      const own = await new TestClient(t.app).logInAs('bista');
      expect(await (await own.get(`/events/manage/${event.id}`)).text()).toContain('名簿 守る（架空）');
    });

    it('records every change in the audit log, in words', async () => {
      const event = await publishedSeminar();
      const r = await registerForEvent(t.database.db, event.id, person(9));
      await checkIn(t.database.db, staff, event.id, { registrationId: r.registration.id });
      const entries = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(event.id)))
        .orderBy(asc(auditLog.id));
      expect(entries.map((e) => e.action)).toEqual([
        'event.create',
        'event.publish',
        'event_registration.create',
        'event_registration.check_in',
      ]);
      const admin = await new TestClient(t.app).logInAs('admin');
      const page = await (await admin.get('/admin/audit?entityType=event')).text();
      expect(page).toContain('当日の受付');
      expect(page).toContain('イベントの公開');
    });
  });

  describe('pages', () => {
    it('refuses a past date, a capacity of 0 and a missing title on the form, and writes nothing', async () => {
      const client = await new TestClient(t.app).logInAs('shokokai');
      const before = await eventData(t);
      const past = await client.postForm(
        '/events/manage',
        seminar({ date: daysFromNow(-3) }) as unknown as Record<string, string>,
      );
      expect(past.status).toBe(422);
      expect(await past.text()).toContain('開催日: 過ぎた日付は選べません');
      const empty = await client.postForm('/events/manage', {
        ...(seminar({ title: '' }) as unknown as Record<string, string>),
        capacity: '0',
      });
      expect(empty.status).toBe(422);
      const html = await empty.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('題名: 題名を入力してください');
      expect(html).toContain('定員: 定員は1人以上にしてください');
      expect(await eventData(t)).toEqual(before);
    });

    it('registers a guest through the form once, even when the form is sent twice', async () => {
      const event = await publishedSeminar();
      const resident = new TestClient(t.app);
      const form = {
        name: '田中 一郎',
        kana: 'たなか いちろう',
        email: 'tanaka@example.jp',
        phone: '',
        idempotencyKey: 'page-form-1',
      };
      const first = await resident.postForm(`/events/${event.id}/registrations`, form);
      const second = await resident.postForm(`/events/${event.id}/registrations`, form);
      expect(first.status).toBe(303);
      expect(second.headers.get('location')).toBe(first.headers.get('location'));
      const page = await resident.get(first.headers.get('location') ?? '');
      expect(await page.text()).toContain('参加が確定しました');
      const list = await (
        await (await new TestClient(t.app).logInAs('bista')).get(`/events/manage/${event.id}`)
      ).text();
      expect(list.match(/data-registration=/g)).toHaveLength(1);
    });
  });

  describe('the plan metric events.participants', () => {
    it('counts attendance by fiscal year (April to March) and category, and events.held counts events', async () => {
      const plans = await loadPlans(['tests/fixtures/events-town.yaml'], t.metrics);
      const plan = plans.defaultPlan;
      const account = await createAccount(t.database.db, {
        municipalityCode: plan.municipalityCode,
        email: 'staff@events-town.example',
        displayName: 'つどい町 職員（架空）',
        role: 'admin',
        password: 'events-town-2026',
      });
      const townStaff: Actor = {
        accountId: account.id,
        name: account.displayName,
        municipalityCode: '999994',
        role: 'admin',
      };
      const db = t.database.db;
      /** An event held on `date`, created and registered for a month before it, with `attended` people present of `registered`. */
      async function held(
        category: EventInput['category'],
        date: string,
        registered: number,
        attended: number,
      ) {
        const before = new Date(new Date(`${date}T00:00:00+09:00`).getTime() - 30 * 86_400_000);
        const created = await createEvent(db, townStaff, seminar({ category, date, organiser: 'town' }), {
          organisations: [],
          categories: plan.file.eventCategories,
          now: before,
        });
        await publishEvent(db, townStaff, created.id);
        for (let n = 0; n < registered; n++) {
          const r = await registerForEvent(db, created.id, person(n, `town-event-${created.id}-${n}`), {
            now: before,
          });
          if (n < attended) await checkIn(db, townStaff, created.id, { registrationId: r.registration.id });
        }
        return created;
      }
      const june = await held('succession-seminar', '2025-06-10', 5, 4);
      await held('succession-seminar', '2026-03-31', 3, 3); // last day of FY2025
      await held('succession-seminar', '2026-04-01', 6, 2); // first day of FY2026
      await held('management-seminar', '2025-07-01', 9, 9); // another category
      await held('marche', '2025-05-05', 0, 0);
      await held('marche', '2025-10-05', 0, 0);
      // a draft is not counted
      await createEvent(db, townStaff, seminar({ date: '2025-09-01', organiser: 'town' }), {
        organisations: [],
        categories: plan.file.eventCategories,
        now: new Date('2025-08-01T00:00:00+09:00'),
      });

      const fy2025 = await measureYear(db, plan, t.metrics, 2025);
      const seminars2025 = fy2025.projects.find((p) => p.project.code === 'succession-seminar');
      expect(seminars2025?.actual).toBe(7);
      expect(seminars2025?.measurement.records).toEqual([
        expect.objectContaining({ date: '2025-06-10', value: 4, href: `/events/manage/${june.id}` }),
        expect.objectContaining({ date: '2026-03-31', value: 3 }),
      ]);
      expect(fy2025.projects.find((p) => p.project.code === 'marche')?.actual).toBe(2);

      const fy2026 = await measureYear(db, plan, t.metrics, 2026);
      expect(fy2026.projects.find((p) => p.project.code === 'succession-seminar')?.actual).toBe(2);
      // no marche in FY2026: nothing recorded, not zero
      expect(fy2026.projects.find((p) => p.project.code === 'marche')?.actual).toBeNull();
      const fy2027 = await measureYear(db, plan, t.metrics, 2027);
      expect(fy2027.projects.find((p) => p.project.code === 'succession-seminar')?.actual).toBeNull();
    });

    it('names, for each kind of event, the projects of the plan it counts for', async () => {
      const plans = await loadPlans(['tests/fixtures/events-town.yaml'], t.metrics);
      const codes = (category: string) =>
        projectsCountingEventsOf(plans.defaultPlan, category).map((p) => [p.code, p.metric.key]);
      expect(codes('succession-seminar')).toEqual([['succession-seminar', 'events.participants']]);
      expect(codes('marche')).toEqual([['marche', 'events.held']]);
      expect(codes('digital-seminar')).toEqual([]);

      // the organisers' page of an event says it, or that its kind counts for nothing
      const event = await createEvent(t.database.db, staff, seminar({ category: 'other' }), {
        organisations,
        categories: [...categories, { code: 'other' }],
      });
      const page = await (
        await (await new TestClient(t.app).logInAs('bista')).get(`/events/manage/${event.id}`)
      ).text();
      expect(page).toContain('計画の実績への反映');
      expect(page).toContain('この種類のイベントは、計画のどの事業の実績にも数えられません。');
      // Akiruno's 事業承継セミナー counts its people present for the project of that name
      const bound = await createEvent(t.database.db, staff, seminar(), choices);
      const boundPage = await (
        await (await new TestClient(t.app).logInAs('bista')).get(`/events/manage/${bound.id}`)
      ).text();
      expect(boundPage).toContain(
        '<li data-project="succession-seminar">受付した人数（出席者）が<a href="/plan/projects/succession-seminar">「事業承継セミナー」</a>の参加者数に数えられます。</li>',
      );
    });
  });
});
