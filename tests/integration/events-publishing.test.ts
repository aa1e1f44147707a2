import { parse as parseCsv } from 'csv-parse/sync';
import { asc, count, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateEventDetails } from '../../src/modules/events/event-details';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { cancelEvent, copyEvent, updateEvent } from '../../src/modules/events/lifecycle-service';
import { findPublishedEvents, parseEventFilter } from '../../src/modules/events/published-events';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { events } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { UserError } from '../../src/platform/errors';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { daysFromNow, monthsFromNow } from '../support/dates';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

const seminar = (overrides: Partial<EventInput> = {}): EventInput => ({
  category: 'succession-seminar',
  title: '事業承継セミナー（架空）',
  date: daysFromNow(30),
  startTime: '14:00',
  endTime: '16:00',
  place: 'あきる野市役所 会議室（架空）',
  capacity: 20,
  feeYen: 500,
  organiser: 'bista',
  ...overrides,
});

const details = {
  titleKana: 'じぎょうしょうけいせみなー',
  titleEn: 'Business succession seminar',
  area: 'akigawa',
  address: '東京都あきる野市二宮350',
  latitude: '35.7289',
  longitude: '139.2942',
  access: 'JR五日市線 秋川駅から徒歩10分',
  parking: '市役所駐車場（無料）をご利用ください',
  contactName: 'Bi@Sta（架空）',
  contactPhone: '042-558-1111',
  feeDetails: '資料代を含みます',
  notes: '筆記用具をお持ちください',
};

describe.each(testDatabaseKinds())('publishing events (%s)', (kind) => {
  let t: TestInstance;
  let staff: Actor;
  let choices: {
    organisations: { code: string }[];
    categories: { code: string }[];
    areas: { code: string }[];
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    staff = await actorOf(t, 'bista');
    const file = t.plans.defaultPlan.file;
    choices = { organisations: file.organisations, categories: file.eventCategories, areas: file.areas };
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function published(overrides: Partial<EventInput> = {}) {
    const event = await createEvent(t.database.db, staff, seminar(overrides), choices);
    return publishEvent(t.database.db, staff, event.id);
  }

  async function eventsAndAudit() {
    const db = t.database.db;
    const [rows, [audit]] = await Promise.all([
      db.select().from(events).orderBy(asc(events.id)),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { rows, audit: audit?.n ?? 0 };
  }

  describe('the public details of an event', () => {
    it('are kept with a new event, the reading in katakana, and shown on its page', async () => {
      const event = await published({
        ...details,
        title: '詳細つきセミナー（架空）',
        registrationClosesAt: `${daysFromNow(29)}T17:00`,
      });
      expect(event.titleKana).toBe('ジギョウショウケイセミナー');
      expect(event.latitude).toBe(35.7289);
      expect(event.registrationClosesAt?.toISOString()).toBe(
        new Date(`${daysFromNow(29)}T17:00:00+09:00`).toISOString(),
      );
      const html = await (await new TestClient(t.app).get(`/events/${event.id}`)).text();
      expect(html).toContain('<p class="title-other" lang="en">Business succession seminar</p>');
      expect(html).toMatch(/data-field="area">秋川駅周辺</);
      expect(html).toContain('href="https://maps.gsi.go.jp/#17/35.7289/139.2942/"');
      expect(html).toContain('JR五日市線 秋川駅から徒歩10分');
      expect(html).toContain('<a href="tel:0425581111">042-558-1111</a>');
      expect(html).toMatch(/data-field="deadline">[^<]*17:00</);
      expect(html).toContain('筆記用具をお持ちください');
      const english = await (await new TestClient(t.app).get(`/events/${event.id}?lang=en`)).text();
      expect(english).toContain('<h1>Business succession seminar</h1>');
      expect(english).toMatch(/data-field="area">Around Akigawa Station</);
    });

    it('reads full-width digits and half-width kana as people type them', async () => {
      const event = await published({
        titleKana: 'ｼﾞｷﾞｮｳ ｾﾐﾅｰ',
        latitude: '３５．７',
        longitude: '１３９．３',
      });
      expect(event.titleKana).toBe('ジギョウ セミナー');
      expect([event.latitude, event.longitude]).toEqual([35.7, 139.3]);
    });

    it.each([
      ['a reading not in kana', { titleKana: 'Seminar' }, 'イベント名（カナ）: カタカナで入力してください'],
      ['a latitude without a longitude', { latitude: '35.7' }, '経度: 緯度と経度は両方とも入力するか'],
      [
        'latitude and longitude swapped',
        { latitude: '139.29', longitude: '35.72' },
        '緯度: 日本国内の緯度（20〜46）にしてください',
      ],
      ['a latitude that is not a number', { latitude: '北緯35度', longitude: '139' }, '緯度: 緯度を数字で'],
      [
        'a deadline after the start',
        { registrationClosesAt: `${daysFromNow(30)}T15:00` },
        '申込締切: 開始日時',
      ],
      ['a deadline that is not a date', { registrationClosesAt: 'あした' }, '申込締切: 日付と時刻を入力'],
      [
        'a deadline on a day that does not exist',
        { registrationClosesAt: '2026-02-30T10:00' },
        '申込締切: ありえない日付',
      ],
      ['an area the plan does not name', { area: 'shibuya' }, '地区: 地区を一覧から選んでください'],
      [
        'a phone number without its area code',
        { contactPhone: '558-1111' },
        '問い合わせ先の電話番号: 市外局番から',
      ],
      ['notes longer than 2000 characters', { notes: 'あ'.repeat(2001) }, '備考: 2000文字以内'],
    ])(
      'refuses %s with a clear message in both languages, and writes nothing',
      async (_, overrides, message) => {
        const before = await eventsAndAudit();
        const error = await createEvent(t.database.db, staff, seminar(overrides), choices).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).status).toBe(422);
        expect((error as UserError).details.map((d) => d.message.ja).join(' ')).toContain(message);
        expect((error as UserError).details.every((d) => /[A-Za-z]/.test(d.message.en))).toBe(true);
        expect(await eventsAndAudit()).toEqual(before);
      },
    );

    it('are changed later by the organisers, logged field by field; the same again changes nothing', async () => {
      const event = await published({ title: '後から詳細を足すセミナー（架空）' });
      const version = String(event.updatedAt.getTime());
      const first = await updateEventDetails(
        t.database.db,
        staff,
        event.id,
        { address: '東京都あきる野市秋川1-1（架空）', parking: 'なし', version },
        { areas: choices.areas },
      );
      expect(first.changed).toBe(true);
      expect(first.event.address).toBe('東京都あきる野市秋川1-1（架空）');
      const [entry] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'event.details'))
        .orderBy(asc(auditLog.id));
      expect(entry?.entityKey).toBe(String(event.id));
      expect(entry?.before).toEqual({ address: '', parking: '' });
      expect(entry?.after).toEqual({ address: '東京都あきる野市秋川1-1（架空）', parking: 'なし' });

      const before = await eventsAndAudit();
      const again = await updateEventDetails(
        t.database.db,
        staff,
        event.id,
        { address: '東京都あきる野市秋川1-1（架空）', parking: 'なし', version },
        { areas: choices.areas },
      );
      expect(again.changed).toBe(false);
      expect(await eventsAndAudit()).toEqual(before);

      // a form filled before that change does not overwrite it
      const stale = await updateEventDetails(
        t.database.db,
        staff,
        event.id,
        { address: '別の住所（架空）', version },
        { areas: choices.areas },
      ).catch((e: unknown) => e);
      expect((stale as UserError).status).toBe(409);
      expect((stale as UserError).userMessage.ja).toContain('ほかの人がこのイベントを変更しました');
      expect(await eventsAndAudit()).toEqual(before);

      const page = await (
        await (await new TestClient(t.app).logInAs('admin')).get(`/admin/audit?entityType=event`)
      ).text();
      expect(page).toContain('イベントの公開情報の変更');
      expect(page).toContain('住所');
    });

    it('of another municipality are not found', async () => {
      const event = await published();
      const stranger: Actor = { accountId: null, name: 'よその町', municipalityCode: '999991' };
      const error = await updateEventDetails(
        t.database.db,
        stranger,
        event.id,
        { notes: 'x' },
        { areas: [] },
      ).catch((e: unknown) => e);
      expect((error as UserError).status).toBe(404);
    });

    it('are edited on their own page; a refused form keeps what was typed', async () => {
      const event = await published({ title: '編集ページのセミナー（架空）' });
      const staffClient = await new TestClient(t.app).logInAs('bista');
      const form = await (await staffClient.get(`/events/manage/${event.id}/details`)).text();
      expect(form).toContain('name="version"');
      const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? '';
      const before = await eventsAndAudit();
      const refused = await staffClient.postForm(`/events/manage/${event.id}/details`, {
        version,
        address: '東京都あきる野市五日市1（架空）',
        latitude: '35.73',
        longitude: '',
      });
      expect(refused.status).toBe(422);
      const html = await refused.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('経度: 緯度と経度は両方とも入力するか');
      expect(html).toContain('value="東京都あきる野市五日市1（架空）"');
      expect(html).toMatch(/id="longitude"[^>]*aria-invalid="true"/);
      expect(await eventsAndAudit()).toEqual(before);

      const saved = await staffClient.postForm(`/events/manage/${event.id}/details`, {
        version,
        address: '東京都あきる野市五日市1（架空）',
        area: 'itsukaichi',
        latitude: '35.73',
        longitude: '139.22',
      });
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`/events/manage/${event.id}?saved=details`);
      const manage = await (await staffClient.get(saved.headers.get('location') ?? '')).text();
      expect(manage).toContain('公開情報を保存しました');
      expect(manage).toContain('五日市（武蔵五日市駅周辺）');
    });
  });

  describe('the registration deadline', () => {
    it('refuses registrations after it, with a message in both languages, and takes them before it', async () => {
      const event = await published({ registrationClosesAt: `${daysFromNow(20)}T17:00` });
      const person = { name: '締切 太郎（架空）', kana: 'しめきり', email: 'deadline@example.jp' };
      const beforeDeadline = new Date(`${daysFromNow(20)}T16:59:00+09:00`);
      const afterDeadline = new Date(`${daysFromNow(20)}T17:00:00+09:00`);
      const refused = await registerForEvent(
        t.database.db,
        event.id,
        { ...person, idempotencyKey: 'deadline-late' },
        { now: afterDeadline },
      ).catch((e: unknown) => e);
      expect((refused as UserError).status).toBe(409);
      expect((refused as UserError).code).toBe('registration_deadline_passed');
      expect((refused as UserError).userMessage.ja).toContain('締め切りました');
      expect((refused as UserError).userMessage.en).toContain('Registration closed');
      const taken = await registerForEvent(
        t.database.db,
        event.id,
        { ...person, idempotencyKey: 'deadline-in-time' },
        { now: beforeDeadline },
      );
      expect(taken.registration.status).toBe('confirmed');
    });

    it('keeps a changed schedule from starting before it, and moves with a copy', async () => {
      const event = await published({
        ...details,
        title: '締切のあるセミナー（架空）',
        date: daysFromNow(30),
        registrationClosesAt: `${daysFromNow(25)}T17:00`,
      });
      const before = await eventsAndAudit();
      const moved = await updateEvent(
        t.database.db,
        staff,
        event.id,
        seminar({ date: daysFromNow(20) }),
        choices,
      ).catch((e: unknown) => e);
      expect((moved as UserError).status).toBe(422);
      expect((moved as UserError).details.map((d) => d.message.ja).join(' ')).toContain('申込締切');
      expect(await eventsAndAudit()).toEqual(before);
      // a change that keeps the start after the deadline leaves the details as they were
      const kept = await updateEvent(
        t.database.db,
        staff,
        event.id,
        seminar({ title: '締切のあるセミナー（改題・架空）', date: daysFromNow(30) }),
        choices,
      );
      expect(kept.event.address).toBe(details.address);
      expect(kept.event.registrationClosesAt?.getTime()).toBe(event.registrationClosesAt?.getTime());

      const copy = await copyEvent(t.database.db, staff, event.id, { firstDate: daysFromNow(60) }, choices);
      expect([copy.address, copy.area, copy.titleKana, copy.contactPhone]).toEqual([
        details.address,
        'akigawa',
        'ジギョウショウケイセミナー',
        details.contactPhone,
      ]);
      expect(copy.registrationClosesAt?.toISOString()).toBe(
        new Date(`${daysFromNow(55)}T17:00:00+09:00`).toISOString(),
      );
    });

    it('closes the form on the event page once it has passed', async () => {
      const passed = new Date(Date.now() - 3_600_000);
      const event = await published({ date: daysFromNow(2) });
      await t.database.db.update(events).set({ registrationClosesAt: passed }).where(eq(events.id, event.id));
      const visitor = new TestClient(t.app);
      const html = await (await visitor.get(`/events/${event.id}`)).text();
      expect(html).toContain('data-registration-closed');
      expect(html).toContain('に締め切りました');
      expect(html).not.toContain(`action="/events/${event.id}/registrations"`);
      const response = await visitor.postForm(`/events/${event.id}/registrations`, {
        name: '遅刻 花子（架空）',
        kana: 'ちこく',
        email: 'late@example.jp',
        idempotencyKey: 'late-form-1',
      });
      expect(response.status).toBe(409);
      expect(await response.text()).toContain('締め切りました');
    });
  });

  describe('finding events', () => {
    // events of their own month, far enough ahead that no other test's events fall in it
    const month = monthsFromNow(14);
    let found: Record<string, number>;

    beforeAll(async () => {
      const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
      const make = async (key: string, overrides: Partial<EventInput>, publish = true) => {
        const input = seminar({ date: day(10), ...overrides });
        const created = await createEvent(t.database.db, staff, input, choices);
        if (publish) await publishEvent(t.database.db, staff, created.id);
        return [key, created.id] as const;
      };
      found = Object.fromEntries([
        await make('succession', {
          title: '検索用 事業承継セミナー（架空）',
          titleKana: 'ケンサクヨウ ジギョウショウケイセミナー',
          titleEn: 'Search test: business succession',
          area: 'akigawa',
          date: day(3),
        }),
        await make('digital', {
          category: 'digital-seminar',
          title: '検索用 デジタル化促進セミナー（架空）',
          area: 'itsukaichi',
          date: day(12),
        }),
        await make('marche', {
          category: 'marche',
          title: '検索用 あきる野マルシェ（架空）',
          area: 'akigawa',
          date: day(25),
        }),
        await make(
          'draft',
          { title: '検索用 下書きのセミナー（架空）', area: 'akigawa', date: day(4) },
          false,
        ),
      ]);
    });

    const filterOf = (query: Record<string, string>) =>
      parseEventFilter(query, { categories: choices.categories, areas: choices.areas });
    const titlesFor = async (query: Record<string, string>) => {
      const result = await findPublishedEvents(
        t.database.db,
        staff.municipalityCode,
        filterOf({ month, ...query }),
      );
      return result.events.map((e) => e.id);
    };

    it('by month, soonest first, without drafts', async () => {
      expect(await titlesFor({})).toEqual([found.succession, found.digital, found.marche]);
    });

    it('by kind and by area', async () => {
      expect(await titlesFor({ category: 'digital-seminar' })).toEqual([found.digital]);
      expect(await titlesFor({ area: 'akigawa' })).toEqual([found.succession, found.marche]);
      expect(await titlesFor({ area: 'akigawa', category: 'marche' })).toEqual([found.marche]);
    });

    it('by words of the title, its reading in hiragana or katakana, or its English title', async () => {
      expect(await titlesFor({ q: 'マルシェ' })).toEqual([found.marche]);
      expect(await titlesFor({ q: 'じぎょうしょうけい' })).toEqual([found.succession]);
      expect(await titlesFor({ q: 'ｾﾐﾅｰ' })).toEqual([found.succession, found.digital]);
      expect(await titlesFor({ q: 'SUCCESSION' })).toEqual([found.succession]);
      expect(await titlesFor({ q: 'デジタル 促進' })).toEqual([found.digital]);
      expect(await titlesFor({ q: 'デジタル マルシェ' })).toEqual([]);
    });

    it('by dates, the last day included', async () => {
      const [year, m] = month.split('-');
      const result = await findPublishedEvents(
        t.database.db,
        staff.municipalityCode,
        filterOf({ from: `${year}-${m}-03`, to: `${year}-${m}-12` }),
      );
      expect(result.events.map((e) => e.id)).toEqual([found.succession, found.digital]);
    });

    it('a page at a time, with the number of all found', async () => {
      const first = await findPublishedEvents(
        t.database.db,
        staff.municipalityCode,
        filterOf({ month, perPage: '2' }),
      );
      const second = await findPublishedEvents(
        t.database.db,
        staff.municipalityCode,
        filterOf({ month, perPage: '2', page: '2' }),
      );
      expect(first.total).toBe(3);
      expect([...first.events, ...second.events].map((e) => e.id)).toEqual([
        found.succession,
        found.digital,
        found.marche,
      ]);
    });

    it.each([
      [{ category: 'karaoke' }, 'category', '種類: 種類を一覧から選んでください'],
      [{ area: 'shibuya' }, 'area', '地区: 地区を一覧から選んでください'],
      [{ month: '2026-13' }, 'month', '月: 月は「2026-12」の形で'],
      [{ from: '2026-12-10', to: '2026-12-01' }, 'to', '終了日: 開始日以降の日付'],
      [{ month: '2026-12', from: '2026-12-01' }, 'month', '月: 月か期間'],
      [{ page: '0' }, 'page', 'ページ: ページは1以上'],
    ])('refuses %o as a bad request naming %s', (query, field, message) => {
      const error = (() => {
        try {
          filterOf(query as Record<string, string>);
        } catch (e) {
          return e;
        }
      })() as UserError;
      expect(error.status).toBe(400);
      expect(error.code).toBe('invalid_query');
      expect(error.details.map((d) => d.field)).toContain(field);
      expect(error.details.map((d) => d.message.ja).join(' ')).toContain(message);
    });

    it('on the list page, with a GET form that keeps the conditions', async () => {
      const html = await (
        await new TestClient(t.app).get(`/events?month=${month}&area=akigawa&q=%E6%A4%9C%E7%B4%A2%E7%94%A8`)
      ).text();
      expect(html).toContain('<form method="get" action="/events"');
      expect(html.match(/<li class="card" data-event="(\d+)"/g)).toEqual([
        `<li class="card" data-event="${found.succession}"`,
        `<li class="card" data-event="${found.marche}"`,
      ]);
      expect(html).toMatch(/<option value="akigawa" selected="">/);
      expect(html).toContain(`value="${month}-01"`);
      expect(html).not.toContain('下書きのセミナー');
    });

    it('says when nothing matches and offers to clear the conditions', async () => {
      const html = await (
        await new TestClient(t.app).get(`/events?month=${month}&category=founders-meetup`)
      ).text();
      expect(html).toContain('data-empty');
      expect(html).toContain('条件に合うイベントはありません');
      expect(html).toMatch(/<a href="\/events">条件をクリアして/);
    });

    it('answers a condition typed wrongly into the address with 400 and the form to correct it', async () => {
      const response = await new TestClient(t.app).get('/events?month=2026-13&q=abc');
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('月: 月は「2026-12」の形で指定してください');
      expect(html).toContain('value="abc"');
    });

    it('on a month calendar, each event on its day, with links to the months beside', async () => {
      const html = await (
        await new TestClient(t.app).get(`/events?view=calendar&month=${month}&area=akigawa`)
      ).text();
      expect(html).toContain('<table class="calendar"');
      const cell = (day: string) =>
        new RegExp(`<td data-date="${month}-${day}"[^>]*>([\\s\\S]*?)</td>`).exec(html)?.[1] ?? '';
      expect(cell('03')).toContain(`href="/events/${found.succession}"`);
      expect(cell('25')).toContain(`href="/events/${found.marche}"`);
      expect(cell('12')).not.toContain('/events/');
      expect(html).toContain('id="agenda-heading"');
      const [year, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
      expect(html).toContain(`href="/events?area=akigawa&amp;month=${next}&amp;view=calendar"`);
    });
  });

  describe('an event called off', () => {
    it('stays on the list, the calendar and the API, marked 中止, so that nobody looks for it in vain', async () => {
      const month = monthsFromNow(15);
      const input = seminar({ date: `${month}-08`, title: '中止表示セミナー（架空）', area: 'yozawa' });
      const event = await createEvent(t.database.db, staff, input, choices);
      await publishEvent(t.database.db, staff, event.id);
      await cancelEvent(t.database.db, staff, event.id);
      const client = new TestClient(t.app);

      const list = await (await client.get(`/events?month=${month}&area=yozawa`)).text();
      expect(list).toContain(`<li class="card" data-event="${event.id}" data-status="cancelled">`);
      expect(list).toContain('【中止】中止表示セミナー（架空）');
      expect(list).toContain('中止になりました');
      expect(list).not.toMatch(/残り\d+席/);

      const calendar = await (await client.get(`/events?view=calendar&month=${month}&area=yozawa`)).text();
      expect(calendar).toContain('【中止】中止表示セミナー（架空）');

      const api = (await (await client.get(`/api/v1/events?month=${month}&area=yozawa`)).json()) as {
        events: { id: number; status: string; registrationOpen: boolean }[];
      };
      expect(api.events).toEqual([
        expect.objectContaining({ id: event.id, status: 'cancelled', registrationOpen: false }),
      ]);
    });
  });

  describe('what is published for others to read', () => {
    // events of their own month, apart from those of the other tests
    const month = monthsFromNow(16);
    const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
    let school: Awaited<ReturnType<typeof published>>;
    let marche: Awaited<ReturnType<typeof published>>;
    let course: Awaited<ReturnType<typeof published>>;
    let draftId: number;
    const nextMonth = monthsFromNow(17);

    beforeAll(async () => {
      school = await published({
        ...details,
        category: 'startup-school',
        title: '創業塾「販路開拓」, 第3回; </script><script>alert(1)</script>（架空）',
        description: '販路開拓を学びます。\n2行目の説明',
        date: day(5),
        startTime: '09:30',
        endTime: '12:00',
        feeYen: 1000,
        registrationClosesAt: `${day(3)}T17:00`,
      });
      marche = await published({
        category: 'marche',
        title: '公開テスト あきる野マルシェ（架空）',
        date: day(20),
        feeYen: 0,
        area: 'musashi-hikida',
        organiser: 'bista',
      });
      // a course whose third lecture falls in the next month
      course = await published({
        kind: 'course',
        category: 'management-seminar',
        title: '公開テスト 経営講座（架空）',
        sessions: [
          { date: day(10), startTime: '18:30', endTime: '20:30', title: '経営', topic: 'management' },
          { date: day(17), startTime: '18:30', endTime: '20:30', title: '財務', topic: 'finance' },
          {
            date: `${nextMonth}-02`,
            startTime: '18:30',
            endTime: '20:30',
            title: '販路開拓',
            topic: 'sales-channels',
          },
        ],
      });
      draftId = (
        await createEvent(
          t.database.db,
          staff,
          seminar({ category: 'startup-school', title: '公開テスト 下書き（架空）', date: day(6) }),
          choices,
        )
      ).id;
    });

    it('puts each lecture of a course on its own day of the calendar', async () => {
      const html = await (await new TestClient(t.app).get(`/events?view=calendar&month=${nextMonth}`)).text();
      const cell = /<td data-date="([\d-]+)"[^>]*>([\s\S]*?)<\/td>/g;
      const days = [...html.matchAll(cell)].filter(([, , body]) => body?.includes(`/events/${course.id}"`));
      expect(days.map(([, date]) => date)).toEqual([`${nextMonth}-02`]);
      expect(days[0]?.[2]).toContain('公開テスト 経営講座（架空）（第3回）');
    });

    describe('schema.org Event on the event page', () => {
      async function structuredDataOf(path: string) {
        const html = await (await new TestClient(t.app).get(path)).text();
        const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
        expect(scripts).toHaveLength(1);
        return { html, data: JSON.parse(scripts[0]?.[1] ?? '') };
      }

      it('names the event, its times in Japan, the place with address and position, organiser and fee', async () => {
        const { data } = await structuredDataOf(`/events/${school.id}`);
        expect(data).toMatchObject({
          '@context': 'https://schema.org',
          '@type': 'Event',
          name: school.title,
          alternateName: 'Business succession seminar',
          startDate: `${day(5)}T09:30:00+09:00`,
          endDate: `${day(5)}T12:00:00+09:00`,
          eventStatus: 'https://schema.org/EventScheduled',
          eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
          location: {
            '@type': 'Place',
            name: 'あきる野市役所 会議室（架空）',
            address: {
              '@type': 'PostalAddress',
              streetAddress: '東京都あきる野市二宮350',
              addressLocality: 'あきる野市',
              addressRegion: '東京都',
              addressCountry: 'JP',
            },
            geo: { '@type': 'GeoCoordinates', latitude: 35.7289, longitude: 139.2942 },
          },
          organizer: { '@type': 'Organization', name: 'Bi@Sta', telephone: '042-558-1111' },
          offers: {
            '@type': 'Offer',
            price: 1000,
            priceCurrency: 'JPY',
            availability: 'https://schema.org/InStock',
            validThrough: `${day(3)}T17:00:00+09:00`,
          },
          maximumAttendeeCapacity: 20,
          remainingAttendeeCapacity: 20,
        });
        expect(data.url).toMatch(new RegExp(`^https?://[^/]+/events/${school.id}$`));
        expect(data.offers.url).toBe(data.url);
      });

      it('keeps a title with </script> inside the data, where it cannot end the element', async () => {
        const { html, data } = await structuredDataOf(`/events/${school.id}`);
        expect(data.name).toContain('</script><script>alert(1)</script>');
        // the only </script> of the data block is its own end, and no second script opens
        expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
        expect(html.match(/<script/g)).toHaveLength(1);
      });

      it('lists the lectures of a course as its sub-events', async () => {
        const { data } = await structuredDataOf(`/events/${course.id}`);
        expect(data.startDate).toBe(`${day(10)}T18:30:00+09:00`);
        expect(data.endDate).toBe(`${nextMonth}-02T20:30:00+09:00`);
        expect(data.subEvent).toEqual([
          expect.objectContaining({
            name: '公開テスト 経営講座（架空）（第1回：経営）',
            startDate: `${day(10)}T18:30:00+09:00`,
          }),
          expect.objectContaining({ name: '公開テスト 経営講座（架空）（第2回：財務）' }),
          expect.objectContaining({ endDate: `${nextMonth}-02T20:30:00+09:00` }),
        ]);
      });

      it('is marked cancelled when the event is', async () => {
        const cancelled = await published({ title: '中止になるセミナー（架空）', date: day(7) });
        await t.database.db.update(events).set({ status: 'cancelled' }).where(eq(events.id, cancelled.id));
        const { data } = await structuredDataOf(`/events/${cancelled.id}`);
        expect(data.eventStatus).toBe('https://schema.org/EventCancelled');
        expect(data.offers.availability).toBeUndefined();
      });
    });

    describe('iCalendar feeds', () => {
      /** The events of a feed as an independent parser (ical.js, Mozilla's) reads them. */
      async function parsedFeed(path: string) {
        const response = await new TestClient(t.app).get(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
        const text = await response.text();
        const calendar = new ICAL.Component(ICAL.parse(text));
        for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
        const vevents = calendar.getAllSubcomponents('vevent');
        return { text, calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
      }

      it('hold every published event with its UID, times in Asia/Tokyo, place and link; no draft', async () => {
        const { text, calendar, events: found, vevents } = await parsedFeed('/events/calendar.ics');
        expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
        expect(calendar.getFirstPropertyValue('prodid')).toContain('Tsunagu');
        const event = found.find((e) => e.uid === `event-${school.id}-132284@tsunagu`);
        expect(event?.summary).toBe(school.title);
        expect(event?.startDate.zone?.tzid).toBe('Asia/Tokyo');
        expect(event?.startDate.toJSDate().toISOString()).toBe(
          new Date(`${day(5)}T09:30:00+09:00`).toISOString(),
        );
        expect(event?.endDate.toJSDate().toISOString()).toBe(
          new Date(`${day(5)}T12:00:00+09:00`).toISOString(),
        );
        expect(event?.location).toContain('東京都あきる野市二宮350');
        expect(event?.description).toContain('販路開拓を学びます。\n2行目の説明');
        expect(event?.description).toContain('参加費：1,000円');
        const vevent = vevents.find((v) => v.getFirstPropertyValue('uid') === event?.uid);
        expect(vevent?.getFirstPropertyValue('status')).toBe('CONFIRMED');
        expect(vevent?.getFirstPropertyValue('dtstamp')?.toString()).toMatch(/Z$/);
        expect(vevent?.getFirstPropertyValue('url')).toMatch(new RegExp(`/events/${school.id}$`));
        expect(vevent?.getFirstPropertyValue('geo')).toEqual([35.7289, 139.2942]);
        expect(found.map((e) => e.uid)).toContain(`event-${marche.id}-132284@tsunagu`);
        expect(found.map((e) => e.uid)).not.toContain(`event-${draftId}-132284@tsunagu`);
        expect(text).not.toContain('公開テスト 下書き');
        // RFC 5545: CRLF line ends, lines folded at 75 octets (the long Japanese title is folded)
        const lines = text.split('\r\n');
        expect(text.replace(/\r\n/g, '')).not.toContain('\n');
        expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
        expect(lines.some((line) => line.startsWith(' '))).toBe(true);
      });

      it('give each event the same UID and text in every fetch', async () => {
        const first = await parsedFeed('/events/calendar.ics');
        const second = await parsedFeed('/events/calendar.ics');
        expect(second.text).toBe(first.text);
        const again = await parsedFeed('/events/calendar/startup-school.ics');
        expect(again.events.find((e) => e.summary === school.title)?.uid).toBe(
          `event-${school.id}-132284@tsunagu`,
        );
      });

      it('give each lecture of a course its own event, at its own time', async () => {
        const { events: found } = await parsedFeed('/events/calendar/management-seminar.ics');
        const lectures = found.filter((e) => e.uid.startsWith(`event-${course.id}-`));
        expect(lectures.map((e) => e.uid)).toEqual(
          [1, 2, 3].map((n) => `event-${course.id}-session-${n}-132284@tsunagu`),
        );
        expect(lectures.map((e) => e.summary)).toEqual([
          '公開テスト 経営講座（架空）（第1回：経営）',
          '公開テスト 経営講座（架空）（第2回：財務）',
          '公開テスト 経営講座（架空）（第3回：販路開拓）',
        ]);
        expect(lectures[2]?.startDate.toJSDate().toISOString()).toBe(
          new Date(`${nextMonth}-02T18:30:00+09:00`).toISOString(),
        );
      });

      it('one kind at a time, and an unknown kind is not found', async () => {
        const { calendar, events: found } = await parsedFeed('/events/calendar/marche.ics');
        expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
          'あきる野市のイベント（（仮称）あきる野マルシェ）',
        );
        expect(found.map((e) => e.summary)).toContain('公開テスト あきる野マルシェ（架空）');
        expect(found.map((e) => e.summary)).not.toContain(school.title);
        const unknown = await new TestClient(t.app).get('/events/calendar/karaoke.ics');
        expect(unknown.status).toBe(404);
      });
    });

    describe('the open-data CSV (自治体標準オープンデータセット「イベント一覧」)', () => {
      const standardColumns =
        '都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,経度,アクセス方法,駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考'.split(
          ',',
        );

      it('has the standard columns in order, UTF-8 with a BOM, CRLF, quoted where needed', async () => {
        const response = await new TestClient(t.app).get('/events/opendata.csv');
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(response.headers.get('content-disposition')).toContain('132284_event.csv');
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
        expect(text.split('\r\n')[0]?.split(',')).toEqual(standardColumns);
        const rows = parseCsv(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
        const row = rows.find((r) => r.NO === String(school.id));
        expect(row).toEqual({
          都道府県コード又は市区町村コード: '132284',
          NO: String(school.id),
          都道府県名: '東京都',
          市区町村名: 'あきる野市',
          イベント名: school.title,
          イベント名_カナ: 'ジギョウショウケイセミナー',
          イベント名_英語: 'Business succession seminar',
          開始日: day(5),
          終了日: day(5),
          開始時間: '09:30',
          終了時間: '12:00',
          開始日時特記事項: '',
          説明: '販路開拓を学びます。\n2行目の説明',
          '料金(基本)': '1,000円',
          '料金(詳細)': '資料代を含みます',
          連絡先名称: 'Bi@Sta（架空）',
          連絡先電話番号: '042-558-1111',
          連絡先内線番号: '',
          主催者: 'Bi@Sta',
          場所名称: 'あきる野市役所 会議室（架空）',
          住所: '東京都あきる野市二宮350',
          方書: '',
          緯度: '35.7289',
          経度: '139.2942',
          アクセス方法: 'JR五日市線 秋川駅から徒歩10分',
          駐車場情報: '市役所駐車場（無料）をご利用ください',
          定員: '20',
          参加申込終了日: day(3),
          参加申込終了時間: '17:00',
          参加申込方法: 'イベントのページの申込フォームから（アカウント不要）',
          URL: expect.stringMatching(new RegExp(`^https?://[^/]+/events/${school.id}$`)),
          備考: '筆記用具をお持ちください',
        });
        // a title with a comma and a description with a line break are quoted, not split
        expect(text).toContain(`"${school.title}"`);
        expect(rows.find((r) => r.NO === String(marche.id))?.['料金(基本)']).toBe('無料');
        expect(rows.map((r) => r.NO)).not.toContain(String(draftId));
        const courseRow = rows.find((r) => r.NO === String(course.id));
        expect([courseRow?.開始日, courseRow?.終了日, courseRow?.開始時間, courseRow?.終了時間]).toEqual([
          day(10),
          `${nextMonth}-02`,
          '18:30',
          '20:30',
        ]);
        expect(courseRow?.開始日時特記事項).toMatch(/^全3回：1回目 .*; 3回目 .*販路開拓$/);
      });
    });

    describe('GET /api/v1/events', () => {
      it('gives the published events a filter finds, a page at a time, with times in Japan', async () => {
        const client = new TestClient(t.app);
        const response = await client.get(`/api/v1/events?month=${month}&category=startup-school`);
        expect(response.status).toBe(200);
        const body = (await response.json()) as {
          total: number;
          page: number;
          perPage: number;
          events: Record<string, unknown>[];
        };
        expect(body.total).toBe(1);
        expect(body.events).toEqual([
          expect.objectContaining({
            id: school.id,
            title: school.title,
            titleKana: 'ジギョウショウケイセミナー',
            category: { code: 'startup-school', name: '創業塾', nameEn: 'Start-up school' },
            area: { code: 'akigawa', name: '秋川駅周辺', nameEn: 'Around Akigawa Station' },
            startsAt: `${day(5)}T09:30:00+09:00`,
            endsAt: `${day(5)}T12:00:00+09:00`,
            latitude: 35.7289,
            longitude: 139.2942,
            feeYen: 1000,
            capacity: 20,
            remainingSeats: 20,
            registrationOpen: true,
            registrationClosesAt: `${day(3)}T17:00:00+09:00`,
            organiser: { code: 'bista', name: 'Bi@Sta', nameEn: 'Bi@Sta (start-up support centre)' },
            contact: { name: 'Bi@Sta（架空）', phone: '042-558-1111' },
          }),
        ]);
        const paged = (await (await client.get(`/api/v1/events?month=${month}&perPage=1&page=3`)).json()) as {
          total: number;
          events: { id: number }[];
        };
        // the event of the month called off is listed too, as the list page shows it (its status says so)
        expect(paged.total).toBe(4);
        expect(paged.events.map((e) => e.id)).toEqual([course.id]);
        const lectures = (await (await client.get(`/api/v1/events?month=${nextMonth}`)).json()) as {
          events: { id: number; kind: string; sessions: { number: number; startsAt: string }[] }[];
        };
        // the course is found in the month of its third lecture too
        expect(lectures.events.map((e) => [e.id, e.kind, e.sessions.length])).toEqual([
          [course.id, 'course', 3],
        ]);
        expect(lectures.events[0]?.sessions[2]?.startsAt).toBe(`${nextMonth}-02T18:30:00+09:00`);
        const words = (await (
          await client.get(`/api/v1/events?month=${month}&q=%E3%81%BE%E3%82%8B%E3%81%97%E3%81%87`)
        ).json()) as {
          events: { id: number }[];
        };
        expect(words.events.map((e) => e.id)).toEqual([marche.id]);
      });

      it('answers a bad parameter with 400 and a problem in the language asked for', async () => {
        const client = new TestClient(t.app);
        const ja = await client.get('/api/v1/events?from=2026-12-10&to=2026-12-01&perPage=500');
        expect(ja.status).toBe(400);
        const problem = (await ja.json()) as {
          error: { code: string; message: string; details: { field: string; message: string }[] };
        };
        expect(problem.error.code).toBe('invalid_query');
        expect(problem.error.message).toContain('検索条件に誤りがあります');
        expect(problem.error.details).toContainEqual({
          field: 'perPage',
          message: '1ページの件数: 件数は100以下にしてください。',
        });
        const en = await client.get('/api/v1/events?area=shibuya&lang=en');
        expect(en.status).toBe(400);
        expect(
          ((await en.json()) as { error: { details: { message: string }[] } }).error.details[0]?.message,
        ).toBe('Area: Choose one of the listed areas.');
      });

      it('is described in the OpenAPI document with its query parameters', async () => {
        const document = (await (await new TestClient(t.app).get('/api/v1/openapi.json')).json()) as {
          paths: Record<
            string,
            { get?: { parameters: { name: string }[]; responses: Record<string, unknown> } }
          >;
        };
        const operation = document.paths['/api/v1/events']?.get;
        expect(operation?.parameters.map((p) => p.name)).toEqual([
          'q',
          'category',
          'area',
          'month',
          'from',
          'to',
          'page',
          'perPage',
        ]);
        expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400']);
      });
    });
  });
});
