import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consultationCases,
  consultationClients,
  consultations,
} from '../../src/modules/consultations/schema';
import {
  type ConsultationInput,
  followUpsDue,
  readCase,
  recordConsultation,
} from '../../src/modules/consultations/service';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { measureYear } from '../../src/modules/plan/service';
import type { Actor } from '../../src/platform/audit';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, apiProgress, refusal, startInstance } from './helpers';

const daysAgo = (days: number) => todayInJapan(new Date(Date.now() - days * 86_400_000));

let keys = 0;
const input = (overrides: Partial<ConsultationInput> = {}): ConsultationInput => ({
  person: 'new',
  name: '創業 希望子（架空）',
  kana: 'そうぎょう きぼうこ',
  contact: '042-000-0000',
  kind: 'startup',
  heldOn: '2025-05-10',
  discussed: '飲食店の開業資金と物件探しについて',
  nextStep: '事業計画書の下書きを持参',
  followUpOn: '',
  idempotencyKey: `consultation-test-${++keys}`,
  ...overrides,
});

describe.each(testDatabaseKinds())('consultations (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let shokokai: Actor;
  let admin: Actor;
  const organisations = () => t.plans.defaultPlan.file.organisations;
  const record = (actor: Actor, overrides: Partial<ConsultationInput> = {}) =>
    recordConsultation(t.database.db, actor, input(overrides), { organisations: organisations() });
  const tableCounts = async () => {
    const db = t.database.db;
    const [[a], [b], [c], [d]] = await Promise.all([
      db.select({ n: count() }).from(consultationClients),
      db.select({ n: count() }).from(consultationCases),
      db.select({ n: count() }).from(consultations),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { clients: a?.n, cases: b?.n, consultations: c?.n, audit: d?.n };
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    shokokai = await actorOf(t, 'shokokai');
    admin = await actorOf(t, 'admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('recording a consultation', () => {
    it('opens a case for a new person and counts their first consultation as a new client', async () => {
      const result = await record(bista, { name: '新規 一郎（架空）', kana: 'しんき いちろう' });
      expect(result.repeated).toBe(false);
      expect(result.isNewClient).toBe(true);
      expect(result.caseRow.organisation).toBe('bista');
      expect(result.caseRow.kind).toBe('startup');
      expect(result.consultation.counsellorName).toBe(bista.name);
    });

    it('adds the next consultation to the same case, as a continuing client, even in a later fiscal year', async () => {
      const first = await record(bista, {
        name: '継続 二郎（架空）',
        kana: 'けいぞく じろう',
        kind: 'special',
        heldOn: '2025-03-31',
      });
      const next = await recordConsultation(
        t.database.db,
        bista,
        {
          caseId: String(first.caseRow.id),
          heldOn: '2025-04-01',
          discussed: '融資の相談',
          idempotencyKey: 'next-consultation-1',
        },
        { organisations: organisations() },
      );
      expect(next.caseRow.id).toBe(first.caseRow.id);
      expect(next.isNewClient).toBe(false);
      const data = await readCase(t.database.db, bista, first.caseRow.id);
      expect(data.timeline.map((e) => [e.heldOn, e.isNewClient, e.fiscalYear])).toEqual([
        ['2025-03-31', true, 2024],
        ['2025-04-01', false, 2025],
      ]);
    });

    it('records a person with an account once per organisation, and a new kind as a new case', async () => {
      const a = await record(bista, {
        person: 'account',
        accountEmail: 'resident@demo.tsunagu.example',
        name: '',
      });
      const b = await record(bista, {
        person: 'account',
        accountEmail: 'RESIDENT@demo.tsunagu.example',
        kind: 'succession',
        heldOn: '2025-06-01',
      });
      expect(b.caseRow.clientId).toBe(a.caseRow.clientId);
      expect(b.caseRow.id).not.toBe(a.caseRow.id);
      expect(b.isNewClient).toBe(true);
      const [client] = await t.database.db
        .select()
        .from(consultationClients)
        .where(eq(consultationClients.id, a.caseRow.clientId));
      expect(client?.name).toBe('地域生活者 田中（架空）');
      expect(client?.accountId).not.toBeNull();
      // the 商工会 holds its own record of the same person: new to it too
      const c = await record(shokokai, { person: 'account', accountEmail: 'resident@demo.tsunagu.example' });
      expect(c.caseRow.clientId).not.toBe(a.caseRow.clientId);
      expect(c.isNewClient).toBe(true);
    });

    it('records the same form sent twice once', async () => {
      const before = await tableCounts();
      const sent = input({ name: '二重 送信（架空）', kana: 'にじゅう そうしん' });
      const [one, two] = await Promise.all([
        recordConsultation(t.database.db, bista, sent, { organisations: organisations() }),
        recordConsultation(t.database.db, bista, sent, { organisations: organisations() }),
      ]);
      expect(two.consultation.id).toBe(one.consultation.id);
      expect([one.repeated, two.repeated].sort()).toEqual([false, true]);
      const again = await recordConsultation(t.database.db, bista, sent, { organisations: organisations() });
      expect(again.repeated).toBe(true);
      const after = await tableCounts();
      expect(after.consultations).toBe((before.consultations ?? 0) + 1);
      expect(after.clients).toBe((before.clients ?? 0) + 1);
    });

    it('lets an admin record for an organisation they choose', async () => {
      const result = await record(admin, { organisation: 'shokokai', kind: 'management' });
      expect(result.caseRow.organisation).toBe('shokokai');
    });
  });

  describe('bad input', () => {
    const refusedCases: [string, Partial<ConsultationInput>, string][] = [
      ['a follow-up date before the consultation', { followUpOn: '2025-05-09' }, 'followUpOn'],
      ['a consultation in the future', { heldOn: '2999-01-01' }, 'heldOn'],
      ['no kind', { kind: '' }, 'kind'],
      ['a kind not in the plan', { kind: 'fortune-telling' as never }, 'kind'],
      ['nothing discussed', { discussed: '  ' }, 'discussed'],
      ['a reading not in kana', { kana: 'Sogyo' }, 'kana'],
      ['no name for a person without an account', { name: '' }, 'name'],
      ['an account nobody has', { person: 'account', accountEmail: 'nobody@example.jp' }, 'accountEmail'],
      ['a counsellor of another organisation', { counsellorAccountId: '999999' }, 'counsellorAccountId'],
      ['an impossible date', { heldOn: '2025-02-30' }, 'heldOn'],
    ];
    it.for(refusedCases)(
      'refuses %s with a message in both languages and writes nothing',
      async ([, overrides, field]) => {
        const before = await tableCounts();
        const error = await refusal(record(bista, overrides));
        expect(error.status).toBe(422);
        expect(error.details.map((d) => d.field)).toContain(field);
        for (const d of error.details) {
          expect(d.message.ja).toMatch(/[ぁ-ん]/);
          expect(d.message.en).toMatch(/[a-z]/);
        }
        expect(await tableCounts()).toEqual(before);
      },
    );

    it('names every problem of a form at once', async () => {
      const error = await refusal(
        record(bista, { name: '', followUpOn: '2025-05-01', heldOn: '2999-01-01' }),
      );
      expect(error.details.map((d) => d.field).sort()).toEqual(['followUpOn', 'heldOn', 'name']);
    });

    it('refuses staff without an organisation', async () => {
      const error = await refusal(record({ ...bista, organisation: null }));
      expect(error.details.map((d) => d.field)).toEqual(['organisation']);
    });
  });

  describe('who reads a case', () => {
    it("refuses another organisation's staff, and writes each read to the audit log", async () => {
      const { caseRow } = await record(bista, { name: '閲覧 三郎（架空）', kana: 'えつらん さぶろう' });
      const refused = await refusal(readCase(t.database.db, shokokai, caseRow.id));
      expect(refused.status).toBe(403);
      const toShokokai = await refusal(
        recordConsultation(
          t.database.db,
          shokokai,
          {
            caseId: String(caseRow.id),
            heldOn: '2025-06-01',
            discussed: 'x',
            idempotencyKey: 'cross-organisation-1',
          },
          { organisations: organisations() },
        ),
      );
      expect(toShokokai.status).toBe(403);
      await readCase(t.database.db, admin, caseRow.id);
      await readCase(t.database.db, bista, caseRow.id);
      const reads = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, String(caseRow.id)))
        .orderBy(asc(auditLog.id));
      expect(reads.filter((r) => r.action === 'consultation_case.read').map((r) => r.actorName)).toEqual([
        admin.name,
        bista.name,
      ]);
    });

    it('shows pages only to counsellors, and a case only to its organisation and admins', async () => {
      const { caseRow } = await record(bista, { name: '画面 四郎（架空）', kana: 'がめん しろう' });
      const as = async (who: 'bista' | 'shokokai' | 'admin' | 'shotenkai' | 'resident') =>
        new TestClient(t.app).logInAs(who);
      for (const [who, status] of [
        ['bista', 200],
        ['admin', 200],
        ['shokokai', 403],
        ['shotenkai', 403],
        ['resident', 403],
      ] as const) {
        const response = await (await as(who)).get(`/consultations/cases/${caseRow.id}`);
        const body = await response.text();
        expect(response.status, who).toBe(status);
        if (status === 200) {
          expect(body).toContain('画面 四郎（架空）');
          expect(response.headers.get('cache-control')).toContain('no-store');
        } else expect(body).not.toContain('画面 四郎');
      }
      const list = await (await as('shokokai')).get('/consultations?fy=2025');
      expect(await list.text()).not.toContain('画面 四郎');
    });
  });

  describe('follow-ups', () => {
    it("lists the counsellor's follow-ups due by the end of this week until the next consultation is recorded", async () => {
      const due = await record(bista, {
        name: 'フォロー 五郎（架空）',
        kana: 'ふぉろー ごろう',
        heldOn: daysAgo(10),
        followUpOn: daysAgo(1),
      });
      await record(bista, {
        name: '先の 六郎（架空）',
        kana: 'さきの ろくろう',
        heldOn: daysAgo(3),
        followUpOn: todayInJapan(new Date(Date.now() + 30 * 86_400_000)),
      });
      const listed = (await followUpsDue(t.database.db, bista)).map((f) => f.client.name);
      expect(listed).toContain('フォロー 五郎（架空）');
      expect(listed).not.toContain('先の 六郎（架空）');
      expect((await followUpsDue(t.database.db, shokokai)).map((f) => f.client.name)).not.toContain(
        'フォロー 五郎（架空）',
      );
      await recordConsultation(
        t.database.db,
        bista,
        {
          caseId: String(due.caseRow.id),
          heldOn: todayInJapan(),
          discussed: '電話で確認',
          idempotencyKey: 'follow-up-call-1',
        },
        { organisations: organisations() },
      );
      expect((await followUpsDue(t.database.db, bista)).map((f) => f.client.name)).not.toContain(
        'フォロー 五郎（架空）',
      );
    });
  });

  describe('the plan', () => {
    it('counts new clients by kind and fiscal year, with a drill-down that names no one', async () => {
      const plans = await loadPlans(['tests/fixtures/consultations-town.yaml'], t.metrics);
      const plan = plans.defaultPlan;
      const before = await measureYear(t.database.db, plan, t.metrics, 2023);
      const startup = (p: typeof before, code = 'startup-consultation') =>
        p.projects.find((x) => x.project.code === code);
      expect(startup(before)?.actual).toBeNull();
      // FY2023: two new people, one of whom comes back in FY2024; a 商工会 start-up client too
      const a = await record(bista, {
        name: '年度 七子（架空）',
        kana: 'ねんど ななこ',
        heldOn: '2024-03-31',
      });
      await record(bista, { name: '年度 八子（架空）', kana: 'ねんど やこ', heldOn: '2023-04-01' });
      await record(shokokai, { name: '年度 九子（架空）', kana: 'ねんど くこ', heldOn: '2023-10-01' });
      await recordConsultation(
        t.database.db,
        bista,
        {
          caseId: String(a.caseRow.id),
          heldOn: '2024-04-01',
          discussed: '二回目',
          idempotencyKey: 'plan-second-visit-1',
        },
        { organisations: organisations() },
      );
      const fy2023 = await measureYear(t.database.db, plan, t.metrics, 2023);
      expect(startup(fy2023)?.actual).toBe(3);
      expect(startup(fy2023, 'bista-startup-consultation')?.actual).toBe(2);
      expect(fy2023.projects.find((x) => x.project.code === 'succession-consultation')?.actual).toBeNull();
      const records = startup(fy2023)?.measurement.records ?? [];
      expect(records.map((r) => r.date)).toEqual(['2023-04-01', '2023-10-01', '2024-03-31']);
      expect(JSON.stringify(records)).not.toMatch(/年度 [七八九]子/);
      expect(records[0]?.href).toMatch(/^\/consultations\/cases\/\d+$/);
      // FY2024: the returning person is not new; a year with only continuing clients is 0, not 未入力
      const fy2024 = await measureYear(t.database.db, plan, t.metrics, 2024);
      expect(startup(fy2024)?.actual).toBe(0);
    });

    it('shows counsellors the cases behind 創業相談, and the 商店会 counts by month only', async () => {
      const counsellor = await new TestClient(t.app).logInAs('bista');
      const association = await new TestClient(t.app).logInAs('shotenkai');
      const full = await apiProgress(counsellor, 2023, 'startup-consultation');
      expect(full.actual).toBe(3);
      expect(full.records.map((r) => r.href)).toEqual([
        expect.stringMatching(/^\/consultations\/cases\/\d+$/),
        expect.stringMatching(/^\/consultations\/cases\/\d+$/),
        expect.stringMatching(/^\/consultations\/cases\/\d+$/),
      ]);
      const counts = await apiProgress(association, 2023, 'startup-consultation');
      expect(counts.actual).toBe(3);
      expect(counts.records).toEqual([
        expect.objectContaining({
          date: '2023-04-01',
          value: 1,
          label: expect.stringContaining('2023年4月の件数'),
        }),
        expect.objectContaining({ date: '2023-10-01', value: 1 }),
        expect.objectContaining({ date: '2024-03-01', value: 1 }),
      ]);
      expect(counts.records.some((r) => r.href)).toBe(false);
      const page = await (await association.get('/plan/projects/startup-consultation?fy=2023')).text();
      expect(page).toContain('2023年4月の件数');
      expect(page).not.toContain('/consultations/cases/');
      const counsellorPage = await (
        await counsellor.get('/plan/projects/startup-consultation?fy=2023')
      ).text();
      expect(counsellorPage).toContain('/consultations/cases/');
    });
  });
});
