import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsultation } from '../../src/modules/consultations/service';
import { checkIn, createEvent, publishEvent, registerForEvent } from '../../src/modules/events';
import { todayInJapan } from '../../src/platform/fiscal-year';
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
      { account: { id: resident.id, displayName: resident.displayName } },
    );
    await registerForEvent(
      db,
      missed.id,
      { name: resident.displayName, kana: 'たなか', email: resident.email, idempotencyKey: 'seminar-link-2' },
      { account: { id: resident.id, displayName: resident.displayName } },
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
});
