import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsultation } from '../../src/modules/consultations/service';
import { checkIn, createEvent, publishEvent, registerForEvent } from '../../src/modules/events';
import { todayInJapan } from '../../src/platform/fiscal-year';

/** Registered in the morning of the day of the 23:00 seminars, whatever the hour the test runs at. */
const thisMorning = () => new Date(`${todayInJapan()}T08:00:00+09:00`);

import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

describe.each(testDatabaseKinds())('seminars on a case (%s)', (kind) => {
  let t: TestInstance;

  beforeAll(async () => {
    t = await startInstance(kind);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows on a case the seminars its person attended with their account, not those they only registered for', async () => {
    const db = t.database.db;
    const bista = await actorOf(t, 'bista');
    const plan = t.plans.defaultPlan;
    const choices = { organisations: plan.file.organisations, categories: plan.file.eventCategories };
    const resident = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'resident@demo.tsunagu.example'),
    });
    if (!resident) throw new Error('no demo resident');
    const seminar = (title: string) =>
      createEvent(
        db,
        bista,
        {
          category: 'succession-seminar',
          title,
          date: todayInJapan(),
          startTime: '23:00',
          endTime: '23:59',
          place: 'Bi@Sta',
          capacity: 20,
          organiser: 'bista',
        },
        choices,
      );
    const attended = await seminar('事業承継セミナー 出席した回（架空）');
    const missed = await seminar('事業承継セミナー 欠席した回（架空）');
    for (const event of [attended, missed]) await publishEvent(db, bista, event.id);
    const registration = await registerForEvent(
      db,
      attended.id,
      { name: resident.displayName, kana: 'たなか', email: resident.email, idempotencyKey: 'seminar-link-1' },
      { account: { id: resident.id, displayName: resident.displayName }, now: thisMorning() },
    );
    await registerForEvent(
      db,
      missed.id,
      { name: resident.displayName, kana: 'たなか', email: resident.email, idempotencyKey: 'seminar-link-2' },
      { account: { id: resident.id, displayName: resident.displayName }, now: thisMorning() },
    );
    await checkIn(db, bista, attended.id, { registrationId: registration.registration.id });
    const { caseRow } = await recordConsultation(
      db,
      bista,
      {
        person: 'account',
        accountEmail: resident.email,
        kind: 'succession',
        heldOn: todayInJapan(),
        discussed: 'セミナーを聞いて相談に来た',
        idempotencyKey: 'seminar-link-case',
      },
      { organisations: plan.file.organisations },
    );
    const page = await (await new TestClient(t.app).logInAs('bista')).get(
      `/consultations/cases/${caseRow.id}`,
    );
    const body = await page.text();
    expect(body).toContain('事業承継セミナー 出席した回（架空）');
    expect(body).not.toContain('事業承継セミナー 欠席した回（架空）');
  });

  it('counts per seminar the people who consulted afterwards, known by account or e-mail, and names no one', async () => {
    const db = t.database.db;
    const bista = await actorOf(t, 'bista');
    const plan = t.plans.defaultPlan;
    const today = todayInJapan();
    const yesterday = todayInJapan(new Date(Date.now() - 86_400_000));
    const event = await createEvent(
      db,
      bista,
      {
        category: 'startup-school',
        title: '創業セミナー 相談につながる回（架空）',
        date: today,
        startTime: '23:00',
        endTime: '23:59',
        place: 'Bi@Sta',
        capacity: 20,
        organiser: 'bista',
      },
      { organisations: plan.file.organisations, categories: plan.file.eventCategories },
    );
    await publishEvent(db, bista, event.id);
    const guest = async (n: string, present: boolean) => {
      const { registration } = await registerForEvent(
        db,
        event.id,
        {
          name: `来場 ${n}（架空）`,
          kana: 'らいじょう',
          email: `guest-${n}@example.jp`,
          idempotencyKey: `seminar-summary-${n}`,
        },
        { now: thisMorning() },
      );
      if (present) await checkIn(db, bista, event.id, { registrationId: registration.id });
    };
    await guest('a', true); // consults today, giving the same address in capitals
    await guest('b', true); // never consults
    await guest('c', false); // consults, but was not there
    await guest('d', true); // consulted the day before only
    const consult = (n: string, contact: string, heldOn: string, kind: 'startup' | 'management') =>
      recordConsultation(
        db,
        bista,
        {
          person: 'new',
          name: `来場 ${n}（架空）`,
          kana: 'らいじょう',
          contact,
          kind,
          heldOn,
          discussed: 'セミナーのあとで',
          idempotencyKey: `seminar-summary-consult-${n}`,
        },
        { organisations: plan.file.organisations },
      );
    const a = await consult('a', ' Guest-A@example.jp ', today, 'startup');
    await consult('c', 'guest-c@example.jp', today, 'startup');
    await consult('d', 'guest-d@example.jp', yesterday, 'management');

    const counsellor = await new TestClient(t.app).logInAs('bista');
    const casePage = await (await counsellor.get(`/consultations/cases/${a.caseRow.id}`)).text();
    expect(casePage).toContain('創業セミナー 相談につながる回（架空）');

    const page = await (await counsellor.get('/consultations/seminars')).text();
    const row = page.match(new RegExp(`<tr data-event="${event.id}">(.*?)</tr>`, 's'))?.[1] ?? '';
    expect(row).toContain('創業セミナー 相談につながる回（架空）');
    expect(row).toMatch(/data-field="attended">3</);
    expect(row).toMatch(/data-field="consulted">1</);
    expect(page).not.toContain('来場 a（架空）');
    // the first seminar's resident came to a succession consultation the same day
    expect(page).toMatch(/data-field="consulted">1<\/td>/);

    const csv = await (await counsellor.get('/consultations/seminars.csv')).text();
    expect(csv.split('\r\n')[0]).toBe(
      '開催日,イベント,種類,出席者,うち相談した人,創業,事業承継,経営,特別相談',
    );
    expect(csv).toContain('創業セミナー 相談につながる回（架空）,創業塾,3,1,1,0,0,0');
    const association = await new TestClient(t.app).logInAs('shotenkai');
    expect((await association.get('/consultations/seminars')).status).toBe(403);
  });
});
