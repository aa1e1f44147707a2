import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordLoanUse } from '../../src/modules/consultations/loan-service';
import { recordConsultation } from '../../src/modules/consultations/service';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

describe.each(testDatabaseKinds())("a person's own copy of what is held on them (%s)", (kind) => {
  let t: TestInstance;

  beforeAll(async () => {
    t = await startInstance(kind);
    const organisations = t.plans.defaultPlan.file.organisations;
    for (const [who, discussed] of [
      ['bista', 'Bi@Sta での創業の相談（架空）'],
      ['shokokai', '商工会での経営の相談（架空）'],
    ] as const) {
      const { caseRow } = await recordConsultation(
        t.database.db,
        await actorOf(t, who),
        {
          person: 'account',
          accountEmail: 'resident@demo.tsunagu.example',
          kind: who === 'bista' ? 'startup' : 'management',
          heldOn: '2025-06-01',
          discussed,
          idempotencyKey: `own-data-${who}`,
        },
        { organisations },
      );
      if (who === 'shokokai')
        await recordLoanUse(t.database.db, await actorOf(t, who), caseRow.id, {
          programme: 'shokokai-improvement',
          borrower: '地域生活者 田中（架空）',
          usedOn: '2025-06-10',
          amountYen: '2000000',
          idempotencyKey: 'own-data-loan',
        });
    }
    await recordConsultation(
      t.database.db,
      await actorOf(t, 'bista'),
      {
        person: 'new',
        name: '他人 一郎（架空）',
        kana: 'たにん いちろう',
        kind: 'startup',
        heldOn: '2025-06-02',
        discussed: '他人の相談内容',
        idempotencyKey: 'own-data-other',
      },
      { organisations },
    );
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the person every organisation’s record of them, and nobody else’s', async () => {
    const resident = await new TestClient(t.app).logInAs('resident');
    const page = await resident.get('/consultations/my');
    const body = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(body).toContain('Bi@Sta での創業の相談（架空）');
    expect(body).toContain('商工会での経営の相談（架空）');
    expect(body).toContain('2,000,000円');
    expect(body).not.toContain('他人');
    const json = await resident.get('/consultations/my.json');
    expect(json.headers.get('content-disposition')).toContain('attachment');
    const data = (await json.json()) as { records: { organisation: string; cases: unknown[] }[] };
    expect(data.records.map((r) => r.organisation).sort()).toEqual(['bista', 'shokokai']);
    const student = await new TestClient(t.app).logInAs('student');
    const theirs = await student.get('/consultations/my');
    expect(await theirs.text()).toContain('記録されている情報はありません');
    expect((await new TestClient(t.app).get('/consultations/my')).status).toBe(401);
  });
});
