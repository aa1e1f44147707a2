import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventListCsv } from '../../src/modules/events/event-list-csv';
import { createEvent, type EventInput, publishEvent } from '../../src/modules/events/event-service';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { eventSessions, events } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { confirmCsvImport, forgetOldCsvUploads } from '../../src/platform/csv-round-trip';
import { auditLog, csvUploads } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { daysFromNow } from '../support/dates';
import { TestClient, type TestInstance } from '../support/harness';
import {
  type CsvEncoding,
  confirmUpload,
  downloadCsv,
  editedCsv,
  listedProblems,
  previewUpload,
  savedAs,
  uploadCsv,
} from './csv-round-trip';
import { actorOf, startInstance } from './helpers';

/**
 * The organisers' event list goes out as CSV and comes back (decision 038): export, change two cells
 * of two rows in Excel, upload, read the preview, confirm; exactly those rows change.
 */

const base = '/events/manage/events';

const seminar = (title: string, days: number, overrides: Partial<EventInput> = {}): EventInput => ({
  category: 'succession-seminar',
  title,
  date: daysFromNow(days),
  startTime: '14:00',
  endTime: '16:00',
  place: '市役所 会議室',
  capacity: 20,
  feeYen: 0,
  organiser: 'bista',
  ...overrides,
});

describe.each(testDatabaseKinds())('the event list as CSV that comes back (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let staff: TestClient;
  const ids: Record<string, number> = {};

  /** Every event and session, to compare before and after. */
  const eventData = async () => {
    const db = t.database.db;
    const [rows, sessions, [audit]] = await Promise.all([
      db.select().from(events).orderBy(asc(events.id)),
      db.select().from(eventSessions).orderBy(asc(eventSessions.id)),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { rows, sessions, audit: audit?.n ?? 0 };
  };
  const eventOf = async (id: number) => (await eventData()).rows.find((e) => e.id === id);

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    const choices = {
      organisations: t.plans.defaultPlan.file.organisations,
      categories: t.plans.defaultPlan.file.eventCategories,
    };
    const create = async (name: string, input: EventInput, actor = bista) => {
      const event = await createEvent(t.database.db, actor, input, choices);
      ids[name] = event.id;
      return event;
    };
    await create('first', seminar('事業承継セミナー 春（架空）', 30));
    await create(
      'second',
      seminar('事業承継セミナー 夏（架空）', 60, { description: '第1部 講演\n第2部 相談会' }),
    );
    await create('course', {
      ...seminar('創業塾（架空）', 40, { category: 'startup-school' }),
      kind: 'course',
      sessions: [
        {
          date: daysFromNow(40),
          startTime: '10:00',
          endTime: '12:00',
          title: '経営の基本',
          topic: 'management',
        },
        { date: daysFromNow(47), startTime: '10:00', endTime: '12:00', title: '資金計画', topic: 'finance' },
      ],
    });
    // Shift_JIS cannot hold 𠮷: its export writes 〓, and the cell left alone keeps it
    await create('rare', seminar('𠮷野さんの事業承継講座（架空）', 70));
    await publishEvent(t.database.db, bista, ids.first as number);
    await registerForEvent(t.database.db, ids.first as number, {
      name: '参加者（架空）',
      kana: 'さんかしゃ',
      email: 'csv-participant@example.jp',
      idempotencyKey: 'events-csv-participant',
    });
    // the 商工会's event: Bi@Sta's staff neither export nor change it
    await create(
      'chamber',
      seminar('商工会の経営セミナー（架空）', 35, { organiser: 'shokokai', category: 'management-seminar' }),
      await actorOf(t, 'shokokai'),
    );
    staff = await new TestClient(t.app).logInAs('bista');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('exports the events Bi@Sta runs with their ids, the schedule a line per session, the counts to read', async () => {
    const { header, rows } = await downloadCsv(staff, `${base}.csv`);
    expect(header).toEqual([
      'ID',
      '題名',
      '種類',
      '日程',
      '会場',
      '定員',
      '参加費（円）',
      '主催',
      '内容',
      '状態',
      '参加確定',
      'キャンセル待ち',
      '出席',
    ]);
    expect(rows.map((r) => r[0])).toEqual([ids.first, ids.course, ids.second, ids.rare].map(String));
    const first = rows.find((r) => r[0] === String(ids.first));
    expect(first).toEqual([
      String(ids.first),
      '事業承継セミナー 春（架空）',
      '事業承継セミナー',
      `${daysFromNow(30)} 14:00-16:00`,
      '市役所 会議室',
      '20',
      '0',
      'Bi@Sta',
      '',
      '公開中',
      '1',
      '0',
      '0',
    ]);
    const course = rows.find((r) => r[0] === String(ids.course));
    expect(course?.[3]).toBe(`${daysFromNow(40)} 10:00-12:00\n${daysFromNow(47)} 10:00-12:00`);
    expect(rows.some((r) => r[1] === '商工会の経営セミナー（架空）')).toBe(false);
  });

  it.for<CsvEncoding>(['utf-8', 'shift_jis'])(
    'changes exactly the two edited rows of a file saved as %s, after a preview of those cells',
    async (encoding) => {
      const exported = await downloadCsv(staff, `${base}.csv`, encoding);
      const before = await eventData();
      const capacity = encoding === 'utf-8' ? '30' : '35';
      const place = encoding === 'utf-8' ? '五日市出張所 会議室' : '秋川駅前 交流スペース';
      const file = editedCsv(exported, {
        [String(ids.first)]: { 定員: capacity },
        [String(ids.second)]: { 会場: place },
      });
      const preview = await previewUpload(staff, base, savedAs(file, encoding));
      const lineOf = (id: number) => 2 + exported.rows.findIndex((r) => r[0] === String(id));
      const firstBefore = before.rows.find((e) => e.id === ids.first);
      const secondBefore = before.rows.find((e) => e.id === ids.second);
      expect(preview.changes).toEqual([
        {
          line: lineOf(ids.first as number),
          id: String(ids.first),
          column: '定員',
          before: String(firstBefore?.capacity),
          after: capacity,
        },
        {
          line: lineOf(ids.second as number),
          id: String(ids.second),
          column: '会場',
          before: secondBefore?.place,
          after: place,
        },
      ]);
      expect(preview.html).toContain('変更 2行（2項目）・新規 0行・変更なし 2行');
      // the preview writes nothing
      expect(await eventData()).toEqual(before);

      const confirmed = await confirmUpload(staff, preview.location);
      expect(confirmed.status).toBe(303);
      const result = await (await staff.get(confirmed.headers.get('location') ?? '')).text();
      expect(result).toContain('取り込みました：変更 2行・新規 0行・変更なし 2行');

      const after = await eventData();
      const strip = ({ updatedAt: _, ...row }: (typeof before.rows)[number]) => row;
      for (const row of before.rows) {
        const now = after.rows.find((e) => e.id === row.id);
        if (row.id === ids.first)
          expect(strip(now as typeof row)).toEqual({ ...strip(row), capacity: Number(capacity) });
        else if (row.id === ids.second) expect(strip(now as typeof row)).toEqual({ ...strip(row), place });
        // every other event is as it was, to its last update
        else expect(now).toEqual(row);
      }
      expect(after.rows).toHaveLength(before.rows.length);
      expect(after.sessions).toEqual(before.sessions);
      // each change went through updateEvent, so into the audit log
      expect(after.audit).toBe(before.audit + 2);
    },
  );

  it('keeps what Shift_JIS cannot hold when its cell is left alone, and refuses 〓 typed into a change', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`, 'shift_jis');
    const rare = exported.rows.find((r) => r[0] === String(ids.rare));
    expect(rare?.[1]).toBe('〓野さんの事業承継講座（架空）');
    const before = await eventData();

    const unchanged = editedCsv(exported, { [String(ids.rare)]: { 定員: '25' } });
    const preview = await previewUpload(staff, base, savedAs(unchanged, 'shift_jis'));
    expect(preview.changes.map((c) => c.column)).toEqual(['定員']);
    expect((await confirmUpload(staff, preview.location)).status).toBe(303);
    expect(await eventOf(ids.rare as number)).toMatchObject({
      title: '𠮷野さんの事業承継講座（架空）',
      capacity: 25,
    });

    const retitled = editedCsv(await downloadCsv(staff, `${base}.csv`, 'shift_jis'), {
      [String(ids.rare)]: { 題名: '〓野さんの講座（架空）' },
    });
    const response = await uploadCsv(staff, base, savedAs(retitled, 'shift_jis'));
    expect(response.status).toBe(422);
    const problems = listedProblems(await response.text());
    expect(problems).toEqual([
      expect.stringMatching(/^\d+行目: 題名: 「〓」は、Shift_JIS で表せない文字の置き換えです/),
    ]);
    expect((await eventOf(ids.rare as number))?.title).toBe(
      before.rows.find((e) => e.id === ids.rare)?.title,
    );
  });

  it('names the line of each wrong row, including what the service refuses, and writes nothing', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const lineOf = (id: number) => 2 + exported.rows.findIndex((r) => r[0] === String(id));
    const before = await eventData();
    const file = editedCsv(exported, {
      [String(ids.first)]: { 定員: '三十' },
      [String(ids.second)]: { 日程: '2020-04-01 14:00-16:00' },
      [String(ids.course)]: { 題名: '創業塾 2026（架空）' },
    });
    const response = await uploadCsv(staff, base, savedAs(file, 'utf-8'));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('何も取り込みませんでした（2件）');
    expect(listedProblems(html)).toEqual([
      expect.stringMatching(new RegExp(`^${lineOf(ids.first as number)}行目: 定員: 「三十」は使えません`)),
      expect.stringMatching(
        new RegExp(`^${lineOf(ids.second as number)}行目: 開催日: 過ぎた日付は選べません`),
      ),
    ]);
    expect(await eventData()).toEqual(before);
    expect((await t.database.db.select({ n: count() }).from(csvUploads))[0]?.n).toBeGreaterThan(0);
  });

  it('refuses an id that is not in the list, such as another organisation’s event', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const file = `${editedCsv(exported, {})}${ids.chamber},乗っ取り,経営支援セミナー,${daysFromNow(35)} 14:00-16:00,会場,10,0,Bi@Sta,,,,,\r\n`;
    const response = await uploadCsv(staff, base, savedAs(file, 'utf-8'));
    expect(response.status).toBe(422);
    expect(listedProblems(await response.text())).toEqual([
      `${exported.rows.length + 2}行目: ID「${ids.chamber}」の行は、この一覧にありません。書き出したファイルのIDは変えずに使ってください（新しい行はIDを空欄にします）。`,
    ]);
    expect((await eventOf(ids.chamber as number))?.title).toBe('商工会の経営セミナー（架空）');
  });

  it('adds a row without an id as a new draft, and says so in the preview', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const file = editedCsv(exported, {}, [
      {
        題名: '事業承継セミナー 秋（架空）',
        種類: 'succession-seminar',
        日程: `${daysFromNow(90).replaceAll('-', '/')} 13:30〜15:00`,
        会場: '市役所 会議室',
        定員: '1,000',
        '参加費（円）': '',
        主催: 'Bi@Sta',
        内容: '',
      },
    ]);
    const preview = await previewUpload(staff, base, savedAs(file, 'utf-8'));
    expect(preview.changes).toEqual([]);
    expect(preview.added).toEqual([exported.rows.length + 2]);
    expect(preview.html).toContain(`${daysFromNow(90)} 13:30-15:00`);
    expect((await confirmUpload(staff, preview.location)).status).toBe(303);
    const [added] = await t.database.db
      .select()
      .from(events)
      .where(eq(events.title, '事業承継セミナー 秋（架空）'));
    expect(added).toMatchObject({
      status: 'draft',
      capacity: 1000,
      feeYen: 0,
      organiser: 'bista',
      kind: 'single',
    });
  });

  it('applies a preview once, however often it is confirmed', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const file = editedCsv(exported, {}, [
      {
        題名: '一度だけ作られるセミナー（架空）',
        種類: '事業承継セミナー',
        日程: `${daysFromNow(100)} 14:00-16:00`,
        会場: '市役所 会議室',
        定員: '10',
        '参加費（円）': '0',
        主催: 'Bi@Sta',
        内容: '',
      },
    ]);
    const preview = await previewUpload(staff, base, savedAs(file, 'utf-8'));
    expect((await confirmUpload(staff, preview.location)).status).toBe(303);
    const again = await confirmUpload(staff, preview.location);
    expect(again.status).toBe(303);
    const page = await (await staff.get(again.headers.get('location') ?? '')).text();
    expect(page).toContain('この取り込みは確定済みのため、もう一度は書き込んでいません');
    const made = await t.database.db
      .select()
      .from(events)
      .where(eq(events.title, '一度だけ作られるセミナー（架空）'));
    expect(made).toHaveLength(1);
  });

  it('refuses a preview that the list has changed since, and writes nothing', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const file = editedCsv(exported, { [String(ids.second)]: { 定員: '40' } });
    const preview = await previewUpload(staff, base, savedAs(file, 'utf-8'));
    // someone changes the same event on its edit page meanwhile
    const edit = await staff.postForm(`/events/manage/${ids.second}/edit`, {
      category: 'succession-seminar',
      title: '事業承継セミナー 夏・改（架空）',
      kind: 'single',
      'sessions.0.date': daysFromNow(60),
      'sessions.0.startTime': '14:00',
      'sessions.0.endTime': '16:00',
      place: '五日市出張所 会議室',
      capacity: '20',
      feeYen: '0',
      organiser: 'bista',
      description: '第1部 講演\n第2部 相談会',
    });
    expect(edit.status, (await edit.text()).slice(0, 500)).toBe(303);
    const before = await eventData();
    const refused = await confirmUpload(staff, preview.location);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('プレビューの後に一覧が変更されたため、何も取り込みませんでした');
    expect(await eventData()).toEqual(before);
    expect((await eventOf(ids.second as number))?.title).toBe('事業承継セミナー 夏・改（架空）');
  });

  it('refuses a preview more than an hour old, and forgets every upload after a day', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const preview = await previewUpload(
      staff,
      base,
      savedAs(editedCsv(exported, { [String(ids.first)]: { 定員: '44' } }), 'utf-8'),
    );
    const token = preview.location.split('/').at(-1) as string;
    const plan = t.plans.defaultPlan.file;
    const list = eventListCsv({
      actor: bista,
      organisers: plan.organisations,
      categories: plan.eventCategories,
      choices: { organisations: plan.organisations, categories: plan.eventCategories },
    });
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const refused = await confirmCsvImport(t.database.db, bista, list, token, later).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'csv_preview_expired', status: 409 });
    expect((await eventOf(ids.first as number))?.capacity).not.toBe(44);

    await forgetOldCsvUploads(t.database.db, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect((await t.database.db.select({ n: count() }).from(csvUploads))[0]?.n).toBe(0);
    expect((await staff.get(preview.location)).status).toBe(404);
  });

  it('lets nobody else confirm an upload, and tells the uploader when a file changes nothing', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`, 'shift_jis');
    const unchanged = await uploadCsv(staff, base, savedAs(editedCsv(exported, {}), 'shift_jis'));
    expect(unchanged.status).toBe(200);
    expect(await unchanged.text()).toContain('には変更がありません');

    const preview = await previewUpload(
      staff,
      base,
      savedAs(editedCsv(exported, { [String(ids.first)]: { 定員: '45' } }), 'shift_jis'),
    );
    const chamber = await new TestClient(t.app).logInAs('shokokai');
    expect((await chamber.get(preview.location)).status).toBe(404);
    expect((await confirmUpload(chamber, preview.location)).status).toBe(404);
    const resident = await new TestClient(t.app).logInAs('resident');
    expect((await confirmUpload(resident, preview.location)).status).toBe(403);
    expect((await eventOf(ids.first as number))?.capacity).not.toBe(45);
  });
});
