import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateEventDetails } from '../../src/modules/events/event-details';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { copyEvent, updateEvent } from '../../src/modules/events/lifecycle-service';
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
});
