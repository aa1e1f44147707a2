import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { successionSelfChecks } from '../../src/modules/consultations/schema';
import {
  consentToContact,
  listLeads,
  readLead,
  summariseSelfChecks,
  takeSelfCheck,
} from '../../src/modules/consultations/self-check';
import { recordConsultation } from '../../src/modules/consultations/service';
import type { Actor } from '../../src/platform/audit';
import { UserError } from '../../src/platform/errors';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, startInstance } from './helpers';

const answers = {
  age: '70-plus',
  successor: 'none',
  told: 'no-one',
  people: 'not-yet',
  finances: 'not-yet',
  organisation: 'not-yet',
  advice: 'no',
};
let keys = 0;
const nextKey = () => `self-check-test-${++keys}`;

describe.each(testDatabaseKinds())('事業承継診断 (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let shokokai: Actor;
  let admin: Actor;
  const code = () => t.plans.defaultPlan.municipalityCode;
  const areas = () => ({ areas: t.plans.defaultPlan.file.areas ?? [] });
  const rows = async () => t.database.db.select().from(successionSelfChecks);

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    shokokai = await actorOf(t, 'shokokai');
    admin = await actorOf(t, 'admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('keeps only the area, industry and result of an owner who does not consent, once per form', async () => {
    const key = nextKey();
    const input = { ...answers, area: 'itsukaichi', industry: 'retail', key };
    const first = await takeSelfCheck(t.database.db, code(), input, areas());
    await takeSelfCheck(t.database.db, code(), input, areas());
    expect(first.result).toBe('start-now');
    const mine = (await rows()).filter((r) => r.idempotencyKey === key);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      area: 'itsukaichi',
      industry: 'retail',
      answers: null,
      name: null,
      contact: null,
    });
  });

  it('refuses a questionnaire with an answer missing, naming the question, and keeps nothing', async () => {
    const [before] = await t.database.db.select({ n: count() }).from(successionSelfChecks);
    const error = await takeSelfCheck(
      t.database.db,
      code(),
      { ...answers, told: undefined, key: nextKey() },
      areas(),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).details.map((d) => d.field)).toEqual(['told']);
    const [after] = await t.database.db.select({ n: count() }).from(successionSelfChecks);
    expect(after?.n).toBe(before?.n);
  });

  it("with consent becomes a lead for Bi@Sta's counsellors only, and a consultation takes it up", async () => {
    const key = nextKey();
    await takeSelfCheck(
      t.database.db,
      code(),
      { ...answers, area: 'akigawa', industry: 'food', key },
      areas(),
    );
    const refused = await consentToContact(t.database.db, code(), {
      ...answers,
      key,
      name: '承継 三郎（架空）',
      kana: 'しょうけい',
      contact: '042-000-5678',
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((refused as UserError).details.map((d) => d.field)).toEqual(['consent']);
    const lead = await consentToContact(t.database.db, code(), {
      ...answers,
      key,
      consent: 'yes',
      name: '承継 三郎（架空）',
      kana: 'しょうけい さぶろう',
      contact: '042-000-5678',
      businessName: '架空の酒店',
    });
    expect(lead.organisation).toBe('bista');
    expect(lead.answers).toMatchObject({ successor: 'none' });
    expect((await listLeads(t.database.db, bista)).map((l) => l.id)).toContain(lead.id);
    expect((await listLeads(t.database.db, admin)).map((l) => l.id)).toContain(lead.id);
    expect((await listLeads(t.database.db, shokokai)).map((l) => l.id)).not.toContain(lead.id);
    const forbidden = await readLead(t.database.db, shokokai, lead.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((forbidden as UserError).status).toBe(403);

    const { caseRow } = await recordConsultation(
      t.database.db,
      bista,
      {
        leadId: String(lead.id),
        person: 'new',
        name: lead.name ?? '',
        kana: lead.kana ?? '',
        contact: lead.contact ?? '',
        kind: 'succession',
        heldOn: '2025-06-01',
        discussed: '診断の結果を受けて電話で相談',
        idempotencyKey: nextKey(),
      },
      { organisations: t.plans.defaultPlan.file.organisations },
    );
    const [taken] = await t.database.db
      .select()
      .from(successionSelfChecks)
      .where(eq(successionSelfChecks.id, lead.id));
    expect(taken?.caseId).toBe(caseRow.id);

    const summary = await summariseSelfChecks(t.database.db, code());
    const akigawa = summary.byArea.find((r) => r.key === 'akigawa');
    expect(akigawa).toMatchObject({ taken: 1, leads: 1, takenUp: 1, startNow: 1 });
    expect(summary.total.taken).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(summary)).not.toContain('承継 三郎');
  });

  it('serves the questionnaire to anyone, and the summary to the city and counsellors only', async () => {
    const visitor = new TestClient(t.app);
    expect((await visitor.get('/consultations/self-check')).status).toBe(200);
    const result = await visitor.postForm('/consultations/self-check', { ...answers, key: nextKey() });
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('今すぐ準備を始めましょう');
    expect((await visitor.get('/consultations/self-check/summary')).status).toBe(401);
    const association = await new TestClient(t.app).logInAs('shotenkai');
    expect((await association.get('/consultations/self-check/summary')).status).toBe(403);
    const city = await new TestClient(t.app).logInAs('admin');
    const summary = await city.get('/consultations/self-check/summary');
    expect(summary.status).toBe(200);
    expect(await summary.text()).not.toContain('承継 三郎');
  });
});
