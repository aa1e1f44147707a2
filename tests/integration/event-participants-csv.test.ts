import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWalkIn } from '../../src/modules/events/attendance-service';
import { createEvent, publishEvent } from '../../src/modules/events/event-service';
import { registerForEvent } from '../../src/modules/events/registration-service';
import { eventAttendance, eventRegistrations } from '../../src/modules/events/schema';
import type { Actor } from '../../src/platform/audit';
import { mailOutbox } from '../../src/platform/mail/schema';
import { auditLog } from '../../src/platform/schema';
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
 * An event's participant list goes out as CSV and comes back (decision 038): the organiser corrects
 * contact details and marks attendance from a paper sheet in Excel; exactly those rows change.
 */
describe.each(testDatabaseKinds())('the participant list as CSV that comes back (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let staff: TestClient;
  let eventId = 0;
  let base = '';
  const people: Record<string, number> = {};

  const participantData = async () => {
    const db = t.database.db;
    const [registrations, attendance, [audit]] = await Promise.all([
      db.select().from(eventRegistrations).orderBy(asc(eventRegistrations.id)),
      db.select().from(eventAttendance).orderBy(asc(eventAttendance.id)),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { registrations, attendance, audit: audit?.n ?? 0 };
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    const choices = {
      organisations: t.plans.defaultPlan.file.organisations,
      categories: t.plans.defaultPlan.file.eventCategories,
    };
    const event = await createEvent(
      t.database.db,
      bista,
      {
        category: 'succession-seminar',
        title: '名簿を直すセミナー（架空）',
        date: daysFromNow(20),
        startTime: '14:00',
        endTime: '16:00',
        place: '市役所 会議室',
        capacity: 5,
        feeYen: 0,
        organiser: 'bista',
      },
      choices,
    );
    await publishEvent(t.database.db, bista, event.id);
    eventId = event.id;
    base = `/events/manage/${eventId}/participants`;
    const register = async (key: string, name: string, kana: string, phone = '') => {
      const result = await registerForEvent(t.database.db, eventId, {
        name,
        kana,
        email: `${key}@example.jp`,
        phone,
        idempotencyKey: `participants-csv-${key}`,
      });
      people[key] = result.registration.id;
    };
    await register('aoki', '青木 一郎（架空）', 'あおき いちろう', '042-558-1111');
    await register('inoue', '井上 花子（架空）', 'いのうえ はなこ');
    await register('ueda', '上田 次郎（架空）', 'うえだ じろう');
    await register('endo', '遠藤 三郎（架空）', 'えんどう さぶろう');
    await register('ota', '太田 四郎（架空）', 'おおた しろう');
    // the sixth waits for a seat
    await register('kato', '加藤 五郎（架空）', 'かとう ごろう');
    const walkIn = await addWalkIn(t.database.db, bista, eventId, {
      name: '木村 六子（架空）',
      kana: 'きむら むつこ',
      idempotencyKey: 'participants-csv-walk-in',
    });
    people.kimura = walkIn.registration.id;
    staff = await new TestClient(t.app).logInAs('bista');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const attendanceHeader = () => `出席 ${daysFromNow(20)}`;

  it('exports the organisers’ list as before, with 申込番号 to match rows by', async () => {
    const { header, rows } = await downloadCsv(staff, `${base}.csv`);
    expect(header).toEqual([
      '申込番号',
      'お名前',
      'ふりがな',
      'メールアドレス',
      '電話番号',
      '状態',
      'キャンセル待ちの順番',
      '当日参加',
      '申込日時',
      attendanceHeader(),
      '出席回数',
      '人数',
      '申込方法',
      'メモ',
    ]);
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r[0] === String(people.aoki))?.slice(1, 6)).toEqual([
      '青木 一郎（架空）',
      'あおき いちろう',
      'aoki@example.jp',
      '0425581111',
      '参加確定',
    ]);
  });

  const edits: Record<CsvEncoding, { contact: string; present: string; email: string }> = {
    'utf-8': { contact: 'aoki', present: 'inoue', email: 'aoki.ichiro@example.jp' },
    shift_jis: { contact: 'ueda', present: 'endo', email: 'ueda.jiro@example.jp' },
  };

  it.for<CsvEncoding>(['utf-8', 'shift_jis'])(
    'corrects one person’s e-mail and marks another present from a file saved as %s, and changes nothing else',
    async (encoding) => {
      const { contact, present, email } = edits[encoding];
      const exported = await downloadCsv(staff, `${base}.csv`, encoding);
      const lineOf = (key: string) => 2 + exported.rows.findIndex((r) => r[0] === String(people[key]));
      const before = await participantData();
      const file = editedCsv(exported, {
        [String(people[contact])]: { メールアドレス: email },
        [String(people[present])]: { [attendanceHeader()]: '○' },
      });
      const preview = await previewUpload(staff, base, savedAs(file, encoding));
      expect(preview.changes).toEqual(
        [
          {
            line: lineOf(contact),
            id: String(people[contact]),
            column: 'メールアドレス',
            before: `${contact}@example.jp`,
            after: email,
          },
          {
            line: lineOf(present),
            id: String(people[present]),
            column: attendanceHeader(),
            before: '',
            after: '出席',
          },
        ].sort((a, b) => a.line - b.line),
      );
      expect(preview.html).toContain(`（ID ${people[contact]}）`);
      expect(await participantData()).toEqual(before);

      expect((await confirmUpload(staff, preview.location)).status).toBe(303);
      const after = await participantData();
      for (const row of before.registrations) {
        const now = after.registrations.find((r) => r.id === row.id);
        expect(now).toEqual(row.id === people[contact] ? { ...row, email } : row);
      }
      expect(after.registrations).toHaveLength(before.registrations.length);
      const added = after.attendance.filter((a) => !before.attendance.some((b) => b.id === a.id));
      expect(added).toEqual([
        expect.objectContaining({ registrationId: people[present], checkedInByName: bista.name }),
      ]);
      expect(after.attendance.filter((a) => before.attendance.some((b) => b.id === a.id))).toEqual(
        before.attendance,
      );
      // correctParticipant and checkIn each wrote their entry; the correction names fields, not values
      expect(after.audit).toBe(before.audit + 2);
      const [corrected] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'event_registration.correct'))
        .orderBy(asc(auditLog.id));
      expect(JSON.stringify(corrected?.after)).not.toContain('@example.jp');
    },
  );

  it('reads a phone number Excel turned into a number as the same number', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const file = editedCsv(exported, { [String(people.aoki)]: { 電話番号: '425581111' } });
    const response = await uploadCsv(staff, base, savedAs(file, 'utf-8'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('には変更がありません');
  });

  it('names each wrong line — an unreadable mark, an attendance taken away, a person on the waiting list — and writes nothing', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const lineOf = (key: string) => 2 + exported.rows.findIndex((r) => r[0] === String(people[key]));
    const before = await participantData();
    const file = editedCsv(exported, {
      [String(people.ota)]: { [attendanceHeader()]: '来た' },
      [String(people.inoue)]: { [attendanceHeader()]: '' },
      [String(people.kato)]: { [attendanceHeader()]: '○' },
      [String(people.ueda)]: { ふりがな: 'Ueda' },
    });
    const response = await uploadCsv(staff, base, savedAs(file, 'utf-8'));
    expect(response.status).toBe(422);
    const problems = listedProblems(await response.text());
    const expected = [
      [lineOf('ota'), `${attendanceHeader()}: 「来た」は出欠として読めません`],
      [lineOf('inoue'), '出席の記録は取り消せません'],
      [lineOf('kato'), '加藤 五郎（架空）さんはキャンセル待ちの方です'],
      [lineOf('ueda'), 'ふりがな: ひらがなかカタカナで入力してください'],
    ].sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(problems).toEqual(expected.map(([line, text]) => expect.stringContaining(`${line}行目: ${text}`)));
    expect(await participantData()).toEqual(before);
  });

  it('registers a row without 申込番号 as an application taken on paper, and mails the person', async () => {
    const exported = await downloadCsv(staff, `${base}.csv`);
    const mails = async () => (await t.database.db.select({ n: count() }).from(mailOutbox))[0]?.n ?? 0;
    const mailsBefore = await mails();
    const file = editedCsv(exported, {}, [
      {
        お名前: '久保 七海（架空）',
        ふりがな: 'くぼ ななみ',
        メールアドレス: 'kubo@example.jp',
        電話番号: '',
      },
    ]);
    const preview = await previewUpload(staff, base, savedAs(file, 'shift_jis'));
    expect(preview.added).toEqual([exported.rows.length + 2]);
    expect((await confirmUpload(staff, preview.location)).status).toBe(303);
    const [added] = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.email, 'kubo@example.jp'));
    // the seats are taken: the waiting list, as for anyone registering
    expect(added).toMatchObject({ name: '久保 七海（架空）', status: 'waiting', eventId });
    expect(await mails()).toBe(mailsBefore + 1);
  });

  it('lets only the organiser’s staff and admins export or import the list', async () => {
    const chamber = await new TestClient(t.app).logInAs('shokokai');
    expect((await chamber.get(`${base}.csv`)).status).toBe(403);
    const exported = await downloadCsv(staff, `${base}.csv`);
    const refused = await uploadCsv(chamber, base, savedAs(editedCsv(exported, {}), 'utf-8'));
    expect(refused.status).toBe(403);
    const admin = await new TestClient(t.app).logInAs('admin');
    expect((await admin.get(`${base}.csv`)).status).toBe(200);
    const resident = await new TestClient(t.app).logInAs('resident');
    expect((await resident.get(`${base}.csv`)).status).toBe(403);
  });
});
