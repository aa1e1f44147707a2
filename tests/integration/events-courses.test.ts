import { readdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { asc, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsDir } from '../../src/db/migrate';
import { addWalkIn, checkIn, listParticipants } from '../../src/modules/events/attendance-service';
import {
  createEvent,
  type EventInput,
  findEventForStaff,
  publishEvent,
} from '../../src/modules/events/event-service';
import {
  cancelEvent,
  copyEvent,
  sameDayNextYear,
  updateEvent,
} from '../../src/modules/events/lifecycle-service';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { eventAttendance, eventRegistrations, eventSessions, events } from '../../src/modules/events/schema';
import { japanTime, type SessionInput, sessionInputOf } from '../../src/modules/events/sessions';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { measureYear } from '../../src/modules/plan/service';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { UserError } from '../../src/platform/errors';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

const organisations = [{ code: 'city' }, { code: 'shokokai' }, { code: 'bista' }];
const categories = [{ code: 'startup-school' }, { code: 'succession-seminar' }];
const choices = { organisations, categories };

/** A date some days from today, in Japan, as yyyy-mm-dd. */
function daysFromNow(days: number, from = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(from.getTime() + days * 86_400_000),
  );
}

/** 創業塾: five lectures a week apart, from `firstDay` days from now, 経営・財務・人材育成・販路開拓 and a summary. */
function lectures(firstDay = 30, from = new Date()): SessionInput[] {
  const topics = ['management', 'finance', 'human-resources', 'sales-channels', ''] as const;
  return topics.map((topic, i) => ({
    date: daysFromNow(firstDay + i * 7, from),
    startTime: '18:30',
    endTime: '20:30',
    title: ['経営の基本', '財務の基本', '人材育成', '販路開拓', 'まとめと事業計画発表'][i] ?? '',
    topic,
  }));
}

const startupSchool = (overrides: Partial<EventInput> = {}): EventInput => ({
  category: 'startup-school',
  title: '創業塾（架空）',
  kind: 'course',
  sessions: lectures(),
  place: '商工会館 研修室',
  capacity: 20,
  feeYen: 3000,
  organiser: 'shokokai',
  ...overrides,
});

const person = (n: number, key = `course-form-${n}`) => ({
  name: `受講者${n}（架空）`,
  kana: 'じゅこうしゃ',
  email: `learner${n}@example.jp`,
  idempotencyKey: key,
});

async function courseData(t: TestInstance) {
  const db = t.database.db;
  const [rows, sessions, registrations, attendance, [audit]] = await Promise.all([
    db.select().from(events).orderBy(asc(events.id)),
    db.select().from(eventSessions).orderBy(asc(eventSessions.id)),
    db.select().from(eventRegistrations).orderBy(asc(eventRegistrations.id)),
    db.select().from(eventAttendance).orderBy(asc(eventAttendance.id)),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { rows, sessions, registrations, attendance, audit: audit?.n ?? 0 };
}

describe.each(testDatabaseKinds())('courses, sessions and attendance (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'shokokai');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function publishedCourse(overrides: Partial<EventInput> = {}) {
    const event = await createEvent(t.database.db, staff, startupSchool(overrides), choices);
    await publishEvent(t.database.db, staff, event.id);
    return findEventForStaff(t.database.db, staff, event.id);
  }

  describe('creating a course', () => {
    it('keeps five lectures in order with their areas, and the event spans them', async () => {
      const event = await publishedCourse();
      expect(event.kind).toBe('course');
      expect(event.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
      expect(event.sessions.map((s) => s.topic)).toEqual([
        'management',
        'finance',
        'human-resources',
        'sales-channels',
        null,
      ]);
      expect(event.startsAt).toEqual(event.sessions[0]?.startsAt);
      expect(event.endsAt).toEqual(event.sessions[4]?.endsAt);
      expect(event.startsAt.toISOString()).toBe(new Date(`${daysFromNow(30)}T18:30:00+09:00`).toISOString());
    });

    it('gives a single event exactly one session, from the date and times of the form', async () => {
      const event = await createEvent(
        t.database.db,
        staff,
        {
          category: 'succession-seminar',
          title: '事業承継セミナー（架空）',
          date: daysFromNow(10),
          startTime: '14:00',
          endTime: '16:00',
          place: '市役所',
          capacity: 10,
          organiser: 'shokokai',
        },
        choices,
      );
      const found = await findEventForStaff(t.database.db, staff, event.id);
      expect(found.kind).toBe('single');
      expect(found.sessions).toHaveLength(1);
      expect(found.sessions[0]?.startsAt).toEqual(found.startsAt);
    });

    const [one, two, three] = lectures();
    it.each([
      ['a course with no sessions', { sessions: [] }, '日程: 日程を入力してください'],
      ['a course of one session', { sessions: [one] }, '日程: 連続講座には2回以上の日程を入力してください'],
      [
        'sessions out of order',
        { sessions: [one, three, two] },
        '3回目の開催日: 2回目より後の日時にしてください',
      ],
      [
        'overlapping sessions',
        { sessions: [one, { ...two, date: one?.date, startTime: '19:30', endTime: '21:00' }] },
        '2回目の開始時刻: 1回目（18:30–20:30）と時間が重なっています',
      ],
      [
        'a lecture ending before it starts',
        { sessions: [one, { ...two, startTime: '20:00', endTime: '19:00' }] },
        '2回目の終了時刻: 開始時刻より後の時刻にしてください',
      ],
      [
        'a lecture in the past',
        { sessions: [{ ...one, date: daysFromNow(-7) }, two] },
        '1回目の開催日: 過ぎた日付は選べません',
      ],
      [
        'an area that is not one of the four',
        { sessions: [one, { ...two, topic: 'marketing' }] },
        '2回目の分野: 分野を一覧から選んでください',
      ],
      [
        'a single event with two dates',
        { kind: 'single', sessions: [one, two] },
        '日程: 1回だけのイベントの日程は1つです',
      ],
    ])(
      'refuses %s with a clear message in both languages, and writes nothing',
      async (_, overrides, message) => {
        const before = await courseData(t);
        const error = await createEvent(
          t.database.db,
          staff,
          startupSchool(overrides as Partial<EventInput>),
          choices,
        ).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).status).toBe(422);
        expect((error as UserError).details.map((d) => d.message.ja).join(' ')).toContain(message);
        expect((error as UserError).details.every((d) => d.message.en.length > 0)).toBe(true);
        expect(await courseData(t)).toEqual(before);
      },
    );

    it('takes a course from the form, with empty rows left out and times taken from the row before', async () => {
      const client = await new TestClient(t.app).logInAs('shokokai');
      const form: Record<string, string> = {
        category: 'startup-school',
        title: '創業塾（フォーム・架空）',
        kind: 'course',
        place: '商工会館',
        capacity: '20',
        feeYen: '0',
        organiser: 'shokokai',
        sessionRows: '5',
        'sessions.0.date': daysFromNow(40),
        'sessions.0.startTime': '18:30',
        'sessions.0.endTime': '20:30',
        'sessions.0.topic': 'management',
        'sessions.1.date': '',
        'sessions.2.date': daysFromNow(47),
        'sessions.2.startTime': '',
        'sessions.2.endTime': '',
        'sessions.2.title': '財務の基本',
        'sessions.2.topic': 'finance',
        'sessions.3.date': '',
        'sessions.4.date': '',
      };
      const more = await client.postForm('/events/manage', { ...form, moreSessions: '1' });
      expect(more.status).toBe(200);
      const page = await more.text();
      expect(page).toContain('name="sessions.7.date"');
      expect(page).toContain(`value="${daysFromNow(47)}"`);

      const created = await client.postForm('/events/manage', form);
      expect(created.status).toBe(303);
      const id = Number(/\/events\/manage\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
      const event = await findEventForStaff(t.database.db, staff, id);
      expect(event.sessions.map((s) => [s.number, s.title, s.topic])).toEqual([
        [1, '', 'management'],
        [2, '財務の基本', 'finance'],
      ]);
      expect(event.sessions[1]?.startsAt.toISOString()).toBe(
        new Date(`${daysFromNow(47)}T18:30:00+09:00`).toISOString(),
      );
      const staffPage = await (await client.get(`/events/manage/${id}`)).text();
      expect(staffPage).toContain('全2回');
      expect(staffPage).toContain('財務の基本');
    });
  });

  describe('attendance per lecture', () => {
    it('records each lecture a person attends, once, and who recorded it', async () => {
      const event = await publishedCourse();
      const a = await registerForEvent(t.database.db, event.id, person(1));
      const [first, , third] = event.sessions;
      if (!first || !third) throw new Error('five lectures expected');
      await checkIn(
        t.database.db,
        staff,
        event.id,
        { registrationId: a.registration.id },
        { sessionId: first.id },
      );
      const byTicket = await checkIn(
        t.database.db,
        staff,
        event.id,
        { ticketCode: ` ${a.registration.ticketCode.toLowerCase().replace(/(.{4})/g, '$1-')} ` },
        { sessionId: third.id },
      );
      expect(byTicket.outcome).toBe('checked-in');
      expect(byTicket.attendance.checkedInByName).toBe(staff.name);
      expect(byTicket.attendance.checkedInBy).toBe(staff.accountId);
      const [listed] = await listParticipants(t.database.db, staff, event.id);
      expect(listed?.attendance.map((x) => x.sessionId)).toEqual([first.id, third.id]);
      const counted = await findEventForStaff(t.database.db, staff, event.id);
      expect(counted.attended).toBe(1);
    });

    it('asks which lecture when none is held today, and refuses a lecture of another event', async () => {
      const event = await publishedCourse();
      const other = await publishedCourse();
      const a = await registerForEvent(t.database.db, event.id, person(1));
      const before = await courseData(t);
      const unasked = await checkIn(t.database.db, staff, event.id, {
        registrationId: a.registration.id,
      }).catch((e: unknown) => e);
      expect((unasked as UserError).code).toBe('session_required');
      const wrong = await checkIn(
        t.database.db,
        staff,
        event.id,
        { registrationId: a.registration.id },
        { sessionId: other.sessions[0]?.id },
      ).catch((e: unknown) => e);
      expect((wrong as UserError).status).toBe(404);
      const ticketElsewhere = await checkIn(
        t.database.db,
        staff,
        other.id,
        { ticketCode: a.registration.ticketCode },
        { sessionId: other.sessions[0]?.id },
      ).catch((e: unknown) => e);
      expect((ticketElsewhere as UserError).code).toBe('ticket_of_another_event');
      expect((ticketElsewhere as UserError).userMessage.ja).toContain('別のイベント');
      expect(await courseData(t)).toEqual(before);
    });

    it('checks a person in once when the ticket is scanned on two phones at the same moment', async () => {
      const event = await publishedCourse();
      const a = await registerForEvent(t.database.db, event.id, person(1));
      const sessionId = event.sessions[1]?.id;
      const before = await courseData(t);
      const scans = await Promise.all(
        Array.from({ length: 6 }, () =>
          checkIn(t.database.db, staff, event.id, { ticketCode: a.registration.ticketCode }, { sessionId }),
        ),
      );
      expect(scans.filter((s) => s.outcome === 'checked-in')).toHaveLength(1);
      expect(scans.filter((s) => s.outcome === 'already-checked-in')).toHaveLength(5);
      expect(new Set(scans.map((s) => s.attendance.id)).size).toBe(1);
      const after = await courseData(t);
      expect(after.attendance.length - before.attendance.length).toBe(1);
      expect(after.audit - before.audit).toBe(1);
    });

    it('tells the door staff that a person is waiting or cancelled, and records nothing', async () => {
      const event = await publishedCourse({ capacity: 1 });
      await registerForEvent(t.database.db, event.id, person(1));
      const waiting = await registerForEvent(t.database.db, event.id, person(2));
      const before = await courseData(t);
      const refused = await checkIn(
        t.database.db,
        staff,
        event.id,
        { ticketCode: waiting.registration.ticketCode },
        { sessionId: event.sessions[0]?.id },
      ).catch((e: unknown) => e);
      expect((refused as UserError).code).toBe('not_confirmed');
      expect((refused as UserError).userMessage.ja).toContain('キャンセル待ち');
      expect(await courseData(t)).toEqual(before);
    });
  });

  describe('walk-ins at the door', () => {
    it('adds a person beyond the capacity as registered and present, once for the same form', async () => {
      const event = await publishedCourse({ capacity: 1 });
      await registerForEvent(t.database.db, event.id, person(1));
      await registerForEvent(t.database.db, event.id, person(2));
      const sessionId = event.sessions[0]?.id;
      const walkIn = {
        name: '当日 太郎（架空）',
        kana: 'とうじつ たろう',
        email: '',
        phone: '',
        idempotencyKey: 'walk-in-form-1',
      };
      const [first, again] = await Promise.all([
        addWalkIn(t.database.db, staff, event.id, walkIn, { sessionId }),
        addWalkIn(t.database.db, staff, event.id, walkIn, { sessionId }),
      ]);
      expect([first?.outcome, again?.outcome].sort()).toEqual(['added', 'repeated']);
      expect(first?.registration.id).toBe(again?.registration.id);
      expect(first?.overCapacity).toBe(true);
      expect(first?.registration).toMatchObject({ status: 'confirmed', walkIn: true, email: null });
      const counted = await findEventForStaff(t.database.db, staff, event.id);
      expect([counted.confirmed, counted.waiting, counted.attended]).toEqual([2, 1, 1]);
      const entries = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(event.id)));
      expect(entries.filter((e) => e.action === 'event_registration.walk_in')).toHaveLength(1);
    });

    it('refuses a walk-in without a reading, or with an e-mail address already registered', async () => {
      const event = await publishedCourse();
      await registerForEvent(t.database.db, event.id, person(1));
      const sessionId = event.sessions[0]?.id;
      const before = await courseData(t);
      const noKana = await addWalkIn(
        t.database.db,
        staff,
        event.id,
        { name: '当日 花子', kana: '', idempotencyKey: 'walk-in-form-2' },
        { sessionId },
      ).catch((e: unknown) => e);
      expect((noKana as UserError).details.map((d) => d.message.ja).join(' ')).toContain('ふりがな');
      const known = await addWalkIn(
        t.database.db,
        staff,
        event.id,
        {
          name: '受講者1',
          kana: 'じゅこうしゃ',
          email: 'LEARNER1@example.jp',
          idempotencyKey: 'walk-in-form-3',
        },
        { sessionId },
      ).catch((e: unknown) => e);
      expect((known as UserError).code).toBe('already_registered');
      expect((known as UserError).userMessage.ja).toContain('名前で探して受付');
      expect(await courseData(t)).toEqual(before);
    });
  });

  describe('the door page', () => {
    it('checks in by a typed code and says so after the redirect, and names a problem without losing the page', async () => {
      const event = await publishedCourse();
      const a = await registerForEvent(t.database.db, event.id, { ...person(1), name: '山田 花子（架空）' });
      const client = await new TestClient(t.app).logInAs('shokokai');
      const sessionId = String(event.sessions[2]?.id);
      const page = await client.get(`/events/manage/${event.id}/check-in?session=${sessionId}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toContain('no-store');
      const html = await page.text();
      expect(html).toContain('src="/static/check-in.js"');
      expect(html).not.toMatch(/<script>|style="/);
      const sent = await client.postForm(`/events/manage/${event.id}/check-in`, {
        session: sessionId,
        ticketCode: a.registration.ticketCode.toLowerCase(),
      });
      expect(sent.status).toBe(303);
      const after = await (await client.get(sent.headers.get('location') ?? '')).text();
      expect(after).toMatch(/山田 花子（架空）さんを受付しました（\d\d:\d\d）/);
      const wrong = await client.postForm(`/events/manage/${event.id}/check-in`, {
        session: sessionId,
        ticketCode: 'ZZZZZZZZZZZZ',
      });
      expect(wrong.status).toBe(404);
      expect(await wrong.text()).toContain('このチケットコードのお申し込みは見つかりません');
      const scripts = await client.get('/static/jsqr.js');
      expect(scripts.headers.get('content-type')).toContain('javascript');
      expect((await scripts.text()).length).toBeGreaterThan(10_000);
    });
  });

  describe('changing an event', () => {
    it('refuses a capacity below the confirmed count, and raising it promotes the waiting list at once', async () => {
      const event = await publishedCourse({ capacity: 2 });
      for (const n of [1, 2, 3, 4, 5]) await registerForEvent(t.database.db, event.id, person(n));
      const input = { ...startupSchool({ capacity: 1 }), sessions: event.sessions.map(sessionInputOf) };
      const before = await courseData(t);
      const refused = await updateEvent(t.database.db, staff, event.id, input, choices).catch(
        (e: unknown) => e,
      );
      expect((refused as UserError).status).toBe(422);
      expect((refused as UserError).details.map((d) => d.message.ja).join(' ')).toContain(
        '定員: 参加が確定している方が2人います。定員は2人以上にしてください',
      );
      expect(await courseData(t)).toEqual(before);

      const raised = await updateEvent(t.database.db, staff, event.id, { ...input, capacity: 4 }, choices);
      expect(raised.changed).toBe(true);
      expect(raised.promoted.map((r) => r.email)).toEqual(['learner3@example.jp', 'learner4@example.jp']);
      const after = await findEventForStaff(t.database.db, staff, event.id);
      expect([after.capacity, after.confirmed, after.waiting]).toEqual([4, 4, 1]);
      // the same form again changes nothing and logs nothing
      const again = await courseData(t);
      expect(
        (await updateEvent(t.database.db, staff, event.id, { ...input, capacity: 4 }, choices)).changed,
      ).toBe(false);
      expect(await courseData(t)).toEqual(again);
      const actions = (
        await t.database.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.entityKey, String(event.id)))
      ).map((e) => e.action);
      expect(actions.filter((a) => a === 'event.update')).toHaveLength(1);
      expect(actions.filter((a) => a === 'event_registration.promote')).toHaveLength(2);
    });

    it('moves a lecture, adds one, keeps a held lecture in the past, and keeps a lecture with attendance', async () => {
      const registeredOn = new Date(Date.now() - 40 * 86_400_000);
      const created = await createEvent(
        t.database.db,
        staff,
        startupSchool({ sessions: lectures(-10, new Date()).slice(0, 3) }),
        { ...choices, now: registeredOn },
      );
      await publishEvent(t.database.db, staff, created.id);
      const event = await findEventForStaff(t.database.db, staff, created.id);
      const a = await registerForEvent(t.database.db, event.id, person(1), { now: registeredOn });
      await checkIn(
        t.database.db,
        staff,
        event.id,
        { registrationId: a.registration.id },
        { sessionId: event.sessions[0]?.id },
      );
      const sessions = event.sessions.map(sessionInputOf);
      // the first two lectures were held 10 and 3 days ago: they may stay as they were
      const moved = [
        sessions[0],
        sessions[1],
        // the third is still to come: it moves to a later hour
        { ...sessions[2], startTime: '19:00', endTime: '21:00' },
        {
          date: daysFromNow(30),
          startTime: '18:30',
          endTime: '20:30',
          title: '事業計画の発表',
        },
      ] as SessionInput[];
      const changed = await updateEvent(
        t.database.db,
        staff,
        event.id,
        { ...startupSchool(), sessions: moved },
        choices,
      );
      expect(changed.changed).toBe(true);
      const after = await findEventForStaff(t.database.db, staff, event.id);
      expect(after.sessions.map((s) => s.number)).toEqual([1, 2, 3, 4]);
      expect(after.sessions[0]?.id).toBe(event.sessions[0]?.id);
      expect(after.endsAt).toEqual(after.sessions[3]?.endsAt);
      // removing the first lecture, which has attendance, is refused
      const before = await courseData(t);
      const refused = await updateEvent(
        t.database.db,
        staff,
        event.id,
        { ...startupSchool(), kind: 'single', sessions: [moved[3] as SessionInput] },
        choices,
      ).catch((e: unknown) => e);
      expect((refused as UserError).status).toBe(422);
      expect(await courseData(t)).toEqual(before);
      // moving a held lecture to another past day is refused like any past date
      const past = await updateEvent(
        t.database.db,
        staff,
        event.id,
        {
          ...startupSchool(),
          sessions: [
            { ...(moved[0] as SessionInput), date: daysFromNow(-11) },
            ...moved.slice(1),
          ] as SessionInput[],
        },
        choices,
      ).catch((e: unknown) => e);
      expect((past as UserError).details.map((d) => d.message.ja).join(' ')).toContain(
        '1回目の開催日: 過ぎた日付',
      );
    });
  });

  describe('cancelling an event', () => {
    it('keeps the registrations, says 中止, and refuses registration and check-in', async () => {
      const event = await publishedCourse();
      const a = await registerForEvent(t.database.db, event.id, person(1));
      const cancelled = await cancelEvent(t.database.db, staff, event.id);
      expect(cancelled.changed).toBe(true);
      const before = await courseData(t);
      expect((await cancelEvent(t.database.db, staff, event.id)).changed).toBe(false);
      expect(await courseData(t)).toEqual(before);
      expect(before.registrations.find((r) => r.id === a.registration.id)?.status).toBe('confirmed');
      const late = await registerForEvent(t.database.db, event.id, person(2)).catch((e: unknown) => e);
      expect((late as UserError).code).toBe('event_cancelled');
      const door = await checkIn(
        t.database.db,
        staff,
        event.id,
        { registrationId: a.registration.id },
        { sessionId: event.sessions[0]?.id },
      ).catch((e: unknown) => e);
      expect((door as UserError).code).toBe('event_not_open');
      const page = await (await new TestClient(t.app).get(`/events/${event.id}`)).text();
      expect(page).toContain('【中止】');
      const ticket = await (
        await new TestClient(t.app).get(`/events/registrations/${a.registration.cancelToken}`)
      ).text();
      expect(ticket).toContain('中止');
    });
  });

  describe("copying last year's event", () => {
    it('makes a draft with the same fields and lectures, a year later, and says where it came from', async () => {
      const lastYear = new Date(Date.now() - 360 * 86_400_000);
      const created = await createEvent(
        t.database.db,
        staff,
        startupSchool({ sessions: lectures(10, lastYear) }),
        {
          ...choices,
          now: lastYear,
        },
      );
      const source = await findEventForStaff(t.database.db, staff, created.id);
      const copy = await copyEvent(t.database.db, staff, source.id, {}, choices);
      const found = await findEventForStaff(t.database.db, staff, copy.id);
      expect(found.status).toBe('draft');
      expect(found.copiedFrom).toBe(source.id);
      expect([found.title, found.kind, found.capacity, found.feeYen, found.place]).toEqual([
        source.title,
        'course',
        source.capacity,
        source.feeYen,
        source.place,
      ]);
      expect(found.sessions.map((s) => [s.number, s.title, s.topic, japanTime(s.startsAt)])).toEqual(
        source.sessions.map((s) => [s.number, s.title, s.topic, japanTime(s.startsAt)]),
      );
      expect(found.sessions.map((s) => todayInJapan(s.startsAt))).toEqual(
        source.sessions.map((s) => sameDayNextYear(todayInJapan(s.startsAt))),
      );
      const [entry] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(copy.id)));
      expect(entry?.action).toBe('event.copy');

      // or to a day asked for: every lecture moves by the same number of days
      const asked = await copyEvent(t.database.db, staff, source.id, { firstDate: daysFromNow(50) }, choices);
      const moved = await findEventForStaff(t.database.db, staff, asked.id);
      expect(todayInJapan(moved.sessions[0]?.startsAt ?? new Date())).toBe(daysFromNow(50));
      expect(todayInJapan(moved.sessions[4]?.startsAt ?? new Date())).toBe(daysFromNow(78));
      // a day that has passed is refused, and nothing is made
      const before = await courseData(t);
      const past = await copyEvent(
        t.database.db,
        staff,
        source.id,
        { firstDate: daysFromNow(-3) },
        choices,
      ).catch((e: unknown) => e);
      expect((past as UserError).details.map((d) => d.message.ja).join(' ')).toContain(
        '過ぎた日付は選べません',
      );
      expect(await courseData(t)).toEqual(before);
    });
  });

  describe('the participant list to download', () => {
    it('has the people, their status and place in line, and attendance per lecture, as CSV and .xlsx', async () => {
      const event = await publishedCourse({ capacity: 1, title: '=創業塾（架空）' });
      const a = await registerForEvent(t.database.db, event.id, { ...person(1), name: '=HYPERLINK("x")' });
      await registerForEvent(t.database.db, event.id, person(2));
      await checkIn(
        t.database.db,
        staff,
        event.id,
        { registrationId: a.registration.id },
        { sessionId: event.sessions[1]?.id },
      );
      const client = await new TestClient(t.app).logInAs('shokokai');
      const csv = await client.get(`/events/manage/${event.id}/participants.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('cache-control')).toContain('no-store');
      expect(csv.headers.get('content-disposition')).toContain(encodeURIComponent('参加者名簿_'));
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // the decoder leaves the BOM out
      const text = new TextDecoder().decode(bytes);
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        `申込番号,お名前,ふりがな,メールアドレス,電話番号,状態,キャンセル待ちの順番,当日参加,申込日時,${event.sessions
          .map((s) => `${s.number}回目 ${todayInJapan(s.startsAt)}`)
          .join(',')},出席回数,人数,申込方法,メモ`,
      );
      expect(lines).toHaveLength(4);
      expect(lines[3]).toBe('');
      const cells = (line: string | undefined) => (line ?? '').split(',');
      const first = cells(lines[1]);
      // a name that looks like a formula stays text in Excel
      expect(first[1]).toBe(`"'=HYPERLINK(""x"")"`);
      expect(first[5]).toBe('参加確定');
      expect(first.slice(9, 14).map((c) => /^\d\d:\d\d$/.test(c))).toEqual([
        false,
        true,
        false,
        false,
        false,
      ]);
      expect(first[14]).toBe('1');
      const second = cells(lines[2]);
      expect([second[5], second[6], second[14]]).toEqual(['キャンセル待ち', '1', '0']);

      const xlsx = await client.get(`/events/manage/${event.id}/participants.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('cache-control')).toContain('no-store');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.getWorksheet('参加者');
      expect(sheet?.getRow(1).getCell(2).value).toBe('お名前');
      expect(sheet?.getRow(2).getCell(2).value).toBe('=HYPERLINK("x")');
      expect(sheet?.getRow(3).getCell(6).value).toBe('キャンセル待ち');
      expect(sheet?.rowCount).toBe(3);

      // staff of another organisation may not download it
      const other = await new TestClient(t.app).logInAs('bista');
      expect((await other.get(`/events/manage/${event.id}/participants.csv`)).status).toBe(403);
    });
  });

  describe('the plan metric counts people, not lecture visits', () => {
    it('counts a person at five lectures once, and a course as one event held', async () => {
      const plans = await loadPlans(['tests/fixtures/course-town.yaml'], t.metrics);
      const plan = plans.defaultPlan;
      const account = await createAccount(t.database.db, {
        municipalityCode: plan.municipalityCode,
        email: 'staff@course-town.example',
        displayName: 'まなび町 職員（架空）',
        role: 'admin',
        password: 'course-town-2026',
      });
      const townStaff: Actor = {
        accountId: account.id,
        name: account.displayName,
        municipalityCode: '999985',
        role: 'admin',
      };
      const db = t.database.db;
      const registeredOn = new Date('2025-05-01T09:00:00+09:00');
      const created = await createEvent(
        db,
        townStaff,
        startupSchool({ organiser: 'town', sessions: lectures(30, registeredOn) }),
        { organisations: [], categories: plan.file.eventCategories, now: registeredOn },
      );
      await publishEvent(db, townStaff, created.id);
      const school = await findEventForStaff(db, townStaff, created.id);
      const people = [];
      for (const n of [1, 2, 3]) {
        people.push(
          await registerForEvent(db, created.id, person(n, `course-town-${n}`), { now: registeredOn }),
        );
      }
      // 1 comes to all five lectures, 2 to the first two, 3 to none
      const visits: [number, number[]][] = [
        [0, [0, 1, 2, 3, 4]],
        [1, [0, 1]],
      ];
      for (const [who, lecturesAttended] of visits) {
        for (const i of lecturesAttended) {
          await checkIn(
            db,
            townStaff,
            created.id,
            { registrationId: people[who]?.registration.id ?? 0 },
            { sessionId: school.sessions[i]?.id },
          );
        }
      }

      const fy2025 = await measureYear(db, plan, t.metrics, 2025);
      const participants = fy2025.projects.find((p) => p.project.code === 'startup-school');
      expect(participants?.actual).toBe(2);
      expect(participants?.measurement.records).toEqual([
        expect.objectContaining({ value: 2, href: `/events/manage/${created.id}` }),
      ]);
      const detail = participants?.measurement.records[0]?.detail ?? '';
      expect(detail).toContain('申込 3人・出席 2人');
      expect(detail).toContain('1回目 2人、2回目 2人、3回目 1人、4回目 1人、5回目 1人');
      expect(fy2025.projects.find((p) => p.project.code === 'startup-school-held')?.actual).toBe(1);
      expect((await measureYear(db, plan, t.metrics, 2026)).projects[0]?.actual).toBeNull();
    });
  });
});

describe('migration 0006', () => {
  it('turns each existing event into one session and keeps the attendance recorded before it', async () => {
    // a bare cluster, not the template (which holds every migration already)
    const client = await PGlite.create();
    const database = {
      query: async <T>(text: string) => (await client.query<T>(text)).rows,
      execScript: async (script: string) => {
        await client.exec(script);
      },
    };
    try {
      const earlier = readdirSync(migrationsDir)
        .filter((f) => f.endsWith('.sql') && f < '0006')
        .sort();
      await database.execScript(
        'create table schema_migrations (name text primary key, applied_at timestamptz not null default now());',
      );
      for (const file of earlier) {
        await database.execScript(readFileSync(migrationsDir + file, 'utf8'));
        await database.execScript(`insert into schema_migrations (name) values ('${file}')`);
      }
      await database.execScript(`
        insert into events (id, municipality_code, category, title, starts_at, ends_at, place, capacity, organiser, status)
          values (1, '132284', 'succession-seminar', 'old seminar', '2025-06-10 14:00+09', '2025-06-10 16:00+09', 'hall', 10, 'city', 'published');
        insert into event_registrations (event_id, name, kana, email, status, cancel_token, ticket_code, idempotency_key, attended_at)
          values (1, 'A', 'えー', 'a@example.jp', 'confirmed', 'token-a', 'AAAAAAAAAAAA', 'key-a', '2025-06-10 14:02+09'),
                 (1, 'B', 'びー', 'b@example.jp', 'confirmed', 'token-b', 'BBBBBBBBBBBB', 'key-b', null);`);
      await migrate(database);
      const sessions = await database.query<{ number: number; starts_at: Date; ends_at: Date }>(
        'select number, starts_at, ends_at from event_sessions where event_id = 1',
      );
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.number).toBe(1);
      expect(new Date(sessions[0]?.starts_at ?? 0).toISOString()).toBe('2025-06-10T05:00:00.000Z');
      const attendance = await database.query<{ name: string; checked_in_at: Date }>(
        'select r.name, a.checked_in_at from event_attendance a join event_registrations r on r.id = a.registration_id',
      );
      expect(attendance.map((a) => a.name)).toEqual(['A']);
      expect(new Date(attendance[0]?.checked_in_at ?? 0).toISOString()).toBe('2025-06-10T05:02:00.000Z');
      const kinds = await database.query<{ kind: string }>('select kind from events');
      expect(kinds).toEqual([{ kind: 'single' }]);
    } finally {
      await client.close();
    }
  });
});
