import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBusinesses } from '../../src/modules/businesses';
import { closeCaseAsStartup } from '../../src/modules/consultations/outcome-service';
import { consultationCases } from '../../src/modules/consultations/schema';
import { type ConsultationInput, recordConsultation } from '../../src/modules/consultations/service';
import { linkStartupBusiness } from '../../src/modules/consultations/startup-business';
import type { Actor } from '../../src/platform/audit';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

let keys = 0;
const consultation = (overrides: Partial<ConsultationInput> = {}): ConsultationInput => ({
  person: 'new',
  name: '創業 結子（架空）',
  kana: 'そうぎょう ゆいこ',
  kind: 'startup',
  heldOn: '2025-05-10',
  discussed: '和菓子店の開業',
  idempotencyKey: `startup-business-${++keys}`,
  ...overrides,
});

/** Issue 5: a start-up case closed as 創業 is linked to the business it became in the directory. */
describe.each(testDatabaseKinds())('a start-up linked to the directory (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let wagashi: { id: number; name: string };
  const open = async (overrides: Partial<ConsultationInput> = {}) =>
    (
      await recordConsultation(t.database.db, bista, consultation(overrides), {
        organisations: t.plans.defaultPlan.file.organisations,
      })
    ).caseRow;

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    const found = await findBusinesses(t.database.db, t.plans.defaultPlan.municipalityCode, {
      q: '和菓子',
      industry: '',
      area: '',
      tag: '',
      page: 1,
    });
    wagashi = found.businesses[0] as { id: number; name: string };
    expect(wagashi).toBeDefined();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a link before the 創業 is recorded, on a succession case, or to a business not in the directory', async () => {
    const notYet = await open();
    const early = await refusal(
      linkStartupBusiness(t.database.db, bista, notYet.id, { businessId: wagashi.id }),
    );
    expect(early.status).toBe(422);
    expect(early.details[0]?.message.ja).toContain('先に創業日を記録してください。');

    const succession = await open({
      kind: 'succession',
      name: '承継 一郎（架空）',
      kana: 'しょうけい いちろう',
    });
    const wrong = await refusal(
      linkStartupBusiness(t.database.db, bista, succession.id, { businessId: wagashi.id }),
    );
    expect(wrong.code).toBe('wrong_case_kind');

    await closeCaseAsStartup(t.database.db, bista, notYet.id, {
      startedOn: '2025-09-01',
      businessName: '和菓子',
    });
    for (const businessId of ['999999', 'abc', '-1']) {
      const unknown = await refusal(linkStartupBusiness(t.database.db, bista, notYet.id, { businessId }));
      expect(unknown.status).toBe(422);
    }
    const [row] = await t.database.db
      .select({ businessId: consultationCases.businessId })
      .from(consultationCases)
      .where(eq(consultationCases.id, notYet.id));
    expect(row?.businessId).toBeNull();
  });

  it('links a business found by the 屋号, once, audited, and shows it on the case; a counsellor can remove it', async () => {
    const started = await open({ name: '創業 二郎（架空）', kana: 'そうぎょう じろう' });
    await closeCaseAsStartup(t.database.db, bista, started.id, {
      startedOn: '2025-10-01',
      businessName: '和菓子',
    });
    const counsellor = await new TestClient(t.app).logInAs('bista');
    const before = await (await counsellor.get(`/consultations/cases/${started.id}`)).text();
    // the directory is searched by the name recorded with the 創業
    expect(before).toContain(`<option value="${wagashi.id}"`);

    const response = await counsellor.postForm(`/consultations/cases/${started.id}/business`, {
      businessId: String(wagashi.id),
    });
    expect(response.status).toBe(303);
    expect(
      (await linkStartupBusiness(t.database.db, bista, started.id, { businessId: String(wagashi.id) }))
        .changed,
    ).toBe(false);
    const page = await (await counsellor.get(`/consultations/cases/${started.id}`)).text();
    expect(page).toContain(`href="/businesses/${wagashi.id}"`);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'consultation_case.business'), eq(auditLog.entityKey, String(started.id))),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toEqual({ businessId: wagashi.id });

    await counsellor.postForm(`/consultations/cases/${started.id}/business`, { businessId: '' });
    const unlinked = await (
      await counsellor.get(`/consultations/cases/${started.id}?bq=存在しない店`)
    ).text();
    expect(unlinked).not.toContain(`href="/businesses/${wagashi.id}"`);
    expect(unlinked).toContain('ディレクトリに見つかりません。');
  });

  it("does not let another organisation's counsellor link a Bi@Sta case", async () => {
    const started = await open({ name: '創業 三郎（架空）', kana: 'そうぎょう さぶろう' });
    await closeCaseAsStartup(t.database.db, bista, started.id, { startedOn: '2025-10-02' });
    const other = await new TestClient(t.app).logInAs('shokokai');
    const response = await other.postForm(`/consultations/cases/${started.id}/business`, {
      businessId: String(wagashi.id),
    });
    expect([403, 404]).toContain(response.status);
  });
});
