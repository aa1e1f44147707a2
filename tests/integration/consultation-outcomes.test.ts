import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoanUseInput, recordLoanUse } from '../../src/modules/consultations/loan-service';
import {
  closeCaseAsStartup,
  milestonesOf,
  recordSuccessionStage,
  referToSuccessionCentre,
} from '../../src/modules/consultations/outcome-service';
import { consultationCases, consultationMilestones, loanUses } from '../../src/modules/consultations/schema';
import {
  type ConsultationInput,
  readCase,
  recordConsultation,
} from '../../src/modules/consultations/service';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { measureYear } from '../../src/modules/plan/service';
import type { Actor } from '../../src/platform/audit';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import type { TestInstance } from '../support/harness';
import { actorOf, refusal, startInstance } from './helpers';

let keys = 0;
const consultation = (overrides: Partial<ConsultationInput> = {}): ConsultationInput => ({
  person: 'new',
  name: '結果 太郎（架空）',
  kana: 'けっか たろう',
  kind: 'startup',
  heldOn: '2023-05-10',
  discussed: '開業の準備について',
  idempotencyKey: `outcome-test-consultation-${++keys}`,
  ...overrides,
});
const loan = (overrides: Partial<LoanUseInput> = {}): LoanUseInput => ({
  programme: 'city-promotion',
  borrower: '架空の工務店',
  usedOn: '2024-06-01',
  amountYen: '3000000',
  idempotencyKey: `outcome-test-loan-${++keys}`,
  ...overrides,
});

describe.each(testDatabaseKinds())('what comes of a case (%s)', (kind) => {
  let t: TestInstance;
  let bista: Actor;
  let shokokai: Actor;
  const open = async (actor: Actor, overrides: Partial<ConsultationInput> = {}) =>
    (
      await recordConsultation(t.database.db, actor, consultation(overrides), {
        organisations: t.plans.defaultPlan.file.organisations,
      })
    ).caseRow;
  const written = async () => {
    const db = t.database.db;
    const [[a], [b], [c], cases] = await Promise.all([
      db.select({ n: count() }).from(consultationMilestones),
      db.select({ n: count() }).from(loanUses),
      db.select({ n: count() }).from(auditLog),
      db.select().from(consultationCases),
    ]);
    return { milestones: a?.n, loans: b?.n, audit: c?.n, cases: cases.map(({ createdAt: _, ...r }) => r) };
  };

  beforeAll(async () => {
    t = await startInstance(kind);
    bista = await actorOf(t, 'bista');
    shokokai = await actorOf(t, 'shokokai');
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('closing a start-up case as 創業', () => {
    it('records the day and the business, once however often it is sent', async () => {
      const caseRow = await open(bista);
      const first = await closeCaseAsStartup(t.database.db, bista, caseRow.id, {
        startedOn: '2024-04-01',
        businessName: '架空カフェ',
      });
      expect(first.changed).toBe(true);
      expect(first.caseRow.startedOn).toBe('2024-04-01');
      const again = await closeCaseAsStartup(t.database.db, bista, caseRow.id, {
        startedOn: '2024-04-01',
        businessName: '架空カフェ',
      });
      expect(again.changed).toBe(false);
      expect(await milestonesOf(t.database.db, caseRow.id)).toHaveLength(1);
    });

    const refused: [string, Partial<{ startedOn: string }>, string][] = [
      ['a day in the future', { startedOn: '2999-01-01' }, 'startedOn'],
      ['a day before the first consultation', { startedOn: '2023-05-09' }, 'startedOn'],
      ['no day', { startedOn: '' }, 'startedOn'],
    ];
    it.for(refused)('refuses %s and writes nothing', async ([, input, field]) => {
      const caseRow = await open(bista);
      const before = await written();
      const error = await refusal(closeCaseAsStartup(t.database.db, bista, caseRow.id, input as never));
      expect(error.status).toBe(422);
      expect(error.details.map((d) => d.field)).toEqual([field]);
      expect(await written()).toEqual(before);
    });

    it('refuses a 創業 on a case of another kind, saying which kind it is', async () => {
      const caseRow = await open(bista, { kind: 'succession' });
      const before = await written();
      const error = await refusal(
        closeCaseAsStartup(t.database.db, bista, caseRow.id, { startedOn: '2024-01-01' }),
      );
      expect(error.code).toBe('wrong_case_kind');
      expect(error.userMessage.ja).toContain('創業の相談案件にだけ');
      expect(error.userMessage.ja).toContain('事業承継の相談');
      expect(await written()).toEqual(before);
    });

    it("refuses another organisation's staff", async () => {
      const caseRow = await open(bista);
      const error = await refusal(
        closeCaseAsStartup(t.database.db, shokokai, caseRow.id, { startedOn: '2024-01-01' }),
      );
      expect(error.status).toBe(403);
    });
  });

  describe('a succession case', () => {
    it('moves through its stages, keeps their history, and records a referral to the centre', async () => {
      const caseRow = await open(bista, { kind: 'succession', heldOn: '2024-05-01' });
      for (const [stage, stageOn] of [
        ['awareness', '2024-05-01'],
        ['preparation', '2024-09-01'],
        ['successor-decided', '2025-02-01'],
      ] as const)
        await recordSuccessionStage(t.database.db, bista, caseRow.id, { stage, stageOn });
      const same = await recordSuccessionStage(t.database.db, bista, caseRow.id, {
        stage: 'successor-decided',
        stageOn: '2025-02-02',
      });
      expect(same.changed).toBe(false);
      await referToSuccessionCentre(t.database.db, bista, caseRow.id, {
        referredOn: '2025-02-10',
        referralNote: '第三者への承継（M&A）を検討',
      });
      const { caseRow: now } = await readCase(t.database.db, bista, caseRow.id);
      expect(now.successionStage).toBe('successor-decided');
      expect(now.referredOn).toBe('2025-02-10');
      const history = await milestonesOf(t.database.db, caseRow.id);
      expect(history.map((m) => [m.kind, m.value])).toEqual([
        ['stage', 'awareness'],
        ['stage', 'preparation'],
        ['stage', 'successor-decided'],
        ['referral', 'succession-centre'],
      ]);
    });

    it('refuses a stage that is not in the list, or on a start-up case, and writes nothing', async () => {
      const succession = await open(bista, { kind: 'succession' });
      const startup = await open(bista);
      const before = await written();
      const unknown = await refusal(
        recordSuccessionStage(t.database.db, bista, succession.id, {
          stage: 'retired' as never,
          stageOn: '2024-01-01',
        }),
      );
      expect(unknown.details.map((d) => d.field)).toEqual(['stage']);
      const wrong = await refusal(
        recordSuccessionStage(t.database.db, bista, startup.id, {
          stage: 'preparation',
          stageOn: '2024-01-01',
        }),
      );
      expect(wrong.code).toBe('wrong_case_kind');
      const referral = await refusal(
        referToSuccessionCentre(t.database.db, bista, startup.id, { referredOn: '2024-01-01' }),
      );
      expect(referral.code).toBe('wrong_case_kind');
      expect(await written()).toEqual(before);
    });
  });

  describe('loan uses', () => {
    it('records an amount typed with commas as integer yen, and the same form once', async () => {
      const caseRow = await open(bista, { kind: 'management' });
      const sent = loan({ amountYen: '3,000,000' });
      const [a, b] = await Promise.all([
        recordLoanUse(t.database.db, bista, caseRow.id, sent),
        recordLoanUse(t.database.db, bista, caseRow.id, sent),
      ]);
      expect(a.loan.id).toBe(b.loan.id);
      expect(a.loan.amountYen).toBe(3_000_000);
      expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    });

    const refusedLoans: [string, Partial<LoanUseInput>, string][] = [
      ['a negative amount', { amountYen: '-500000' }, 'amountYen'],
      ['a zero amount', { amountYen: '0' }, 'amountYen'],
      ['a fraction of a yen', { amountYen: '1000.5' }, 'amountYen'],
      ['an amount in words', { amountYen: '三百万' }, 'amountYen'],
      ['a programme that is not one of the three', { programme: 'bank-loan' as never }, 'programme'],
      ['a day in the future', { usedOn: '2999-01-01' }, 'usedOn'],
      ['no borrower', { borrower: ' ' }, 'borrower'],
    ];
    it.for(refusedLoans)(
      'refuses %s with a message in both languages and writes nothing',
      async ([, overrides, field]) => {
        const caseRow = await open(bista, { kind: 'management' });
        const before = await written();
        const error = await refusal(recordLoanUse(t.database.db, bista, caseRow.id, loan(overrides)));
        expect(error.status).toBe(422);
        expect(error.details.map((d) => d.field)).toEqual([field]);
        expect(error.details[0]?.message.ja).toMatch(/[ぁ-ん]/);
        expect(error.details[0]?.message.en).toMatch(/[a-z]/);
        expect(await written()).toEqual(before);
      },
    );

    it("refuses a loan on another organisation's case", async () => {
      const caseRow = await open(bista, { kind: 'management' });
      const error = await refusal(recordLoanUse(t.database.db, shokokai, caseRow.id, loan()));
      expect(error.status).toBe(403);
    });
  });

  describe('the plan', () => {
    it('counts loan uses by fiscal year and programme, naming neither borrower nor amount', async () => {
      const plans = await loadPlans(['tests/fixtures/consultations-town.yaml'], t.metrics);
      const plan = plans.defaultPlan;
      const caseRow = await open(shokokai, { kind: 'management', heldOn: '2023-04-03' });
      for (const [programme, usedOn] of [
        ['city-promotion', '2023-04-03'],
        ['city-micro', '2023-12-01'],
        ['shokokai-improvement', '2024-03-31'],
        ['city-promotion', '2024-04-01'],
      ] as const)
        await recordLoanUse(
          t.database.db,
          shokokai,
          caseRow.id,
          loan({ programme, usedOn, borrower: '架空の借り手' }),
        );
      const fy2023 = await measureYear(t.database.db, plan, t.metrics, 2023);
      const project = (code: string) => fy2023.projects.find((p) => p.project.code === code);
      expect(project('business-loans')?.actual).toBe(3);
      expect(project('city-promotion-loans')?.actual).toBe(1);
      const records = JSON.stringify(project('business-loans')?.measurement.records);
      expect(records).not.toContain('架空の借り手');
      expect(records).not.toContain('3000000');
      expect(records).toContain('あきる野市小口零細企業保証資金融資');
    });

    it('adds the 創業 recorded since the baseline year to the plan baseline, year by year', async () => {
      const plans = await loadPlans(['tests/fixtures/consultations-town.yaml'], t.metrics);
      const plan = plans.defaultPlan;
      const kpi = async (fy: number) =>
        (await measureYear(t.database.db, plan, t.metrics, fy)).kpis.find(
          (k) => k.kpi.code === 'bista-startups',
        );
      const before2025 = (await kpi(2025))?.actual ?? 0;
      // one before the baseline year ended (already in the plan's 69) and one of the 商工会 count nowhere
      const old = await open(bista, { heldOn: '2020-06-01' });
      await closeCaseAsStartup(t.database.db, bista, old.id, { startedOn: '2021-03-31' });
      const other = await open(shokokai, { heldOn: '2024-06-01' });
      await closeCaseAsStartup(t.database.db, shokokai, other.id, { startedOn: '2025-04-02' });
      const late = await open(bista, { heldOn: '2025-01-10' });
      await closeCaseAsStartup(t.database.db, bista, late.id, { startedOn: '2025-04-01' });
      expect((await kpi(2020))?.actual).toBe(69);
      const fy2025 = await kpi(2025);
      expect(fy2025?.actual).toBe(before2025 + 1);
      expect(fy2025?.measurement.records[0]?.value).toBe(69);
      expect(fy2025?.measurement.records.some((r) => r.date === '2021-03-31')).toBe(false);
      expect(JSON.stringify(fy2025?.measurement.records)).not.toContain('結果 太郎');
      // the start-up of 2024-04-01 (first test) counts from FY2024 on, cumulatively
      expect((await kpi(2024))?.actual).toBe(70);
      expect((await kpi(2026))?.actual).toBe(fy2025?.actual);
    });
  });
});
