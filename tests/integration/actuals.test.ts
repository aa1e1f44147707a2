import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { registerPlanMetrics } from '../../src/modules/plan';
import { loadPlans } from '../../src/modules/plan/catalogue';
import { MetricRegistry, type MetricSource } from '../../src/modules/plan/metric-registry';
import { manualActuals } from '../../src/modules/plan/schema';
import { recordManualActual } from '../../src/modules/plan/service';
import { createAccount } from '../../src/platform/auth/accounts';
import { UserError } from '../../src/platform/errors';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, apiProgress, planData, startInstance } from './helpers';

/** Manual actuals (実績の手入力): what is accepted, what is refused, and that nothing is lost or doubled. */

const valid = {
  subjectKind: 'project' as const,
  subjectCode: 'industry-academia',
  fiscalYear: 2026,
  value: 18,
  asOf: '2026-09-30',
  source: '産学連携 支援記録',
};
const tomorrow = () => todayInJapan(new Date(Date.now() + 24 * 3600_000));

const refusals: {
  why: string;
  input: Record<string, unknown>;
  status: number;
  code: string;
  field?: string;
}[] = [
  { why: 'a negative number', input: { value: -5 }, status: 422, code: 'invalid_input', field: 'value' },
  {
    why: 'a negative number as text',
    input: { value: '-5' },
    status: 422,
    code: 'invalid_input',
    field: 'value',
  },
  { why: 'text', input: { value: '十八' }, status: 422, code: 'invalid_input', field: 'value' },
  { why: 'a number with text', input: { value: '18人' }, status: 422, code: 'invalid_input', field: 'value' },
  { why: 'three decimals', input: { value: 1.125 }, status: 422, code: 'invalid_input', field: 'value' },
  { why: 'an empty value', input: { value: '' }, status: 422, code: 'invalid_input', field: 'value' },
  {
    why: 'a figure beyond 10^12',
    input: { value: 1e15 },
    status: 422,
    code: 'invalid_input',
    field: 'value',
  },
  {
    why: 'thirteen digits typed',
    input: { value: '9999999999999' },
    status: 422,
    code: 'invalid_input',
    field: 'value',
  },
  {
    why: 'fiscal year 1999',
    input: { fiscalYear: 1999, asOf: '1999-06-01' },
    status: 422,
    code: 'fiscal_year_outside_plan',
  },
  {
    why: 'a year after the plan',
    input: { fiscalYear: 2027 },
    status: 422,
    code: 'fiscal_year_outside_plan',
  },
  { why: 'an unknown project', input: { subjectCode: 'no-such-project' }, status: 404, code: 'not_found' },
  {
    why: 'an unknown KPI',
    input: { subjectKind: 'kpi', subjectCode: 'no-such-kpi' },
    status: 404,
    code: 'not_found',
  },
  {
    why: 'a project code given as a KPI',
    input: { subjectKind: 'kpi' },
    status: 404,
    code: 'not_found',
  },
  {
    why: 'an unknown kind',
    input: { subjectKind: 'measure' },
    status: 422,
    code: 'invalid_input',
    field: 'subjectKind',
  },
  {
    why: 'an as-of date before the fiscal year',
    input: { asOf: '2026-03-31' },
    status: 422,
    code: 'as_of_outside_range',
  },
  {
    why: 'an as-of date in the future',
    input: { asOf: 'tomorrow' },
    status: 422,
    code: 'as_of_outside_range',
  },
  {
    why: 'a date that does not exist',
    input: { asOf: '2026-02-30' },
    status: 422,
    code: 'invalid_input',
    field: 'asOf',
  },
  { why: 'no source', input: { source: '  ' }, status: 422, code: 'invalid_input', field: 'source' },
  {
    why: 'a fiscal year that is not a number',
    input: { fiscalYear: 'R8' },
    status: 422,
    code: 'invalid_input',
    field: 'fiscalYear',
  },
];

const withInput = (input: Record<string, unknown>) => ({
  ...valid,
  ...input,
  ...(input.asOf === 'tomorrow' ? { asOf: tomorrow() } : {}),
});

describe.each(testDatabaseKinds())('manual actuals (%s)', (kind) => {
  let t: TestInstance;
  let admin: TestClient;

  beforeAll(async () => {
    t = await startInstance(kind, { planFiles: [handFiguresPlanFile] });
    admin = await new TestClient(t.app).logInAs('admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const rowsOf = (subjectCode: string, fiscalYear: number) =>
    t.database.db
      .select()
      .from(manualActuals)
      .where(and(eq(manualActuals.subjectCode, subjectCode), eq(manualActuals.fiscalYear, fiscalYear)));

  describe('bad input changes nothing', () => {
    it.each(refusals)(
      'refuses $why through the API with $status $code',
      async ({ input, status, code, field }) => {
        const before = await planData(t);
        const figure = await apiProgress(admin, 2026, 'industry-academia');
        const response = await admin.postJson('/api/v1/plan/actuals', withInput(input));
        expect(response.status).toBe(status);
        const body = (await response.json()) as {
          error: { code: string; message: string; details: { field?: string; message: string }[] };
        };
        expect(body.error.code).toBe(code);
        expect(body.error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
        if (field) expect(body.error.details.map((d) => d.field)).toContain(field);
        expect(await planData(t)).toEqual(before);
        expect(await apiProgress(admin, 2026, 'industry-academia')).toEqual(figure);
      },
    );

    it.each(refusals)('refuses $why in the form with $status and says why', async ({ input, status }) => {
      const before = await planData(t);
      const data = withInput(input);
      const response = await admin.postForm('/plan/actuals?fy=2026', {
        subject: `${data.subjectKind}:${data.subjectCode}`,
        fiscalYear: String(data.fiscalYear),
        value: String(data.value),
        asOf: String(data.asOf),
        source: String(data.source),
      });
      expect(response.status).toBe(status);
      const html = await response.text();
      expect(html).toContain('role="alert"');
      // the form keeps what was typed, so that it can be corrected
      expect(html).toContain(`value="${String(data.value)}"`);
      expect(await planData(t)).toEqual(before);
    });

    it('refuses a figure that a module measures, with 409 actual_is_measured', async () => {
      const metrics = new MetricRegistry();
      registerPlanMetrics(metrics);
      const counted: MetricSource = {
        key: 'test.participants',
        description: { ja: 'テスト用の集計', en: 'Counted for a test' },
        measure: async (_q, _context, requests) => requests.map(() => ({ value: 7, records: [] })),
      };
      metrics.register(counted);
      metrics.register({ ...counted, key: 'test.members' });
      const plans = await loadPlans(['tests/integration/fixtures/measured-town.yaml'], metrics);
      const plan = plans.defaultPlan;
      const account = await createAccount(t.database.db, {
        municipalityCode: plan.municipalityCode,
        email: 'staff@measured-town.example',
        displayName: 'はかり町 職員（架空）',
        role: 'admin',
        password: 'measured-town-2026',
      });
      const actor = { accountId: account.id, name: account.displayName, municipalityCode: '999993' };
      const app = createApp({ config: t.config, database: t.database, plans, metrics });
      const client = new TestClient(app);
      const login = await client.postJson('/api/v1/session', {
        email: 'staff@measured-town.example',
        password: 'measured-town-2026',
      });
      expect(login.status).toBe(200);
      const before = await planData(t);

      for (const input of [
        { subjectKind: 'project', subjectCode: 'counted-seminar' },
        { subjectKind: 'kpi', subjectCode: 'members' },
      ] as const) {
        const error = await recordManualActual(t.database.db, plan, actor, {
          ...input,
          fiscalYear: 2026,
          value: 9,
          asOf: '2026-05-01',
          source: '手入力',
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).code).toBe('actual_is_measured');
        expect((error as UserError).status).toBe(409);
      }

      // and through the API of an app serving that plan
      const response = await client.postJson('/api/v1/plan/actuals', {
        subjectKind: 'project',
        subjectCode: 'counted-seminar',
        fiscalYear: 2026,
        value: 9,
        asOf: '2026-05-01',
        source: '手入力',
      });
      expect(response.status).toBe(409);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('actual_is_measured');
      expect(body.error.message).toContain('test.participants');
      expect(await planData(t)).toEqual(before);

      // the manual project of the same plan takes a figure, and the measured one shows the module's
      const typed = await client.postJson('/api/v1/plan/actuals', {
        subjectKind: 'project',
        subjectCode: 'typed-seminar',
        fiscalYear: 2026,
        value: 9,
        asOf: '2026-05-01',
        source: '手入力',
      });
      expect(typed.status).toBe(201);
      expect(await apiProgress(client, 2026, 'counted-seminar')).toMatchObject({ actual: 7, target: 12 });
      expect(await apiProgress(client, 2026, 'typed-seminar')).toMatchObject({ actual: 9, target: 12 });
    });
  });

  describe('repeated and concurrent entries', () => {
    it('keeps one entry when the same actual (same as-of date) is posted twice', async () => {
      const input = { ...valid, subjectCode: 'runocard', value: 66, asOf: '2026-10-01' };
      for (const value of [66, 66, 69]) {
        const response = await admin.postJson('/api/v1/plan/actuals', { ...input, value });
        expect(response.status).toBe(201);
      }
      const rows = await rowsOf('runocard', 2026);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.value).toBe(69);
      expect(await apiProgress(admin, 2026, 'runocard')).toMatchObject({
        actual: 69,
        target: 115,
        achievementPercent: 60,
        status: 'missed',
      });
      const audit = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityKey, `${t.plans.defaultPlan.id}/runocard/2026`));
      // the second, identical figure changed nothing, so it left nothing in the log
      expect(audit.map((a) => a.action)).toEqual(['manual_actual.create', 'manual_actual.update']);
      expect(audit[1]?.before).toMatchObject({ value: 66 });
      expect(audit[1]?.after).toMatchObject({ value: 69 });
    });

    it('keeps one entry when the same form is sent twice', async () => {
      const form = {
        subject: 'kpi:employees',
        fiscalYear: '2026',
        value: '21480',
        asOf: '2026-09-30',
        source: '経済センサス',
      };
      expect((await admin.postForm('/plan/actuals?fy=2026', form)).status).toBe(303);
      expect((await admin.postForm('/plan/actuals?fy=2026', form)).status).toBe(303);
      expect(await rowsOf('employees', 2026)).toHaveLength(1);
    });

    it('keeps one entry, with no lost update, when 10 identical requests arrive at once', async () => {
      const input = {
        ...valid,
        subjectKind: 'kpi',
        subjectCode: 'shotenkai-members',
        value: 333,
        asOf: '2026-08-01',
      };
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => admin.postJson('/api/v1/plan/actuals', input)),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const rows = await rowsOf('shotenkai-members', 2026);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.value).toBe(333);
    });

    it('keeps every figure of 10 concurrent entries for different dates', async () => {
      const dates = Array.from({ length: 10 }, (_, i) => `2026-0${4 + Math.floor(i / 5)}-1${i % 5}`);
      const responses = await Promise.all(
        dates.map((asOf, i) =>
          admin.postJson('/api/v1/plan/actuals', { ...valid, subjectCode: 'area-map', value: i + 1, asOf }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const rows = await rowsOf('area-map', 2026);
      expect(rows.map((r) => r.asOf).sort()).toEqual([...dates].sort());
      // the latest as-of date is the year's actual
      expect(await apiProgress(admin, 2026, 'area-map')).toMatchObject({ actual: 10 });
    });

    it('accepts the first day of the fiscal year, today, decimals and figures of the baseline year', async () => {
      const accepted = [
        { asOf: '2026-04-01' },
        { asOf: todayInJapan() },
        { subjectKind: 'kpi', subjectCode: 'shokokai-membership-rate', value: '61.75' },
        { subjectKind: 'kpi', subjectCode: 'employees', fiscalYear: 2020, asOf: '2021-06-30', value: 21400 },
      ];
      for (const input of accepted) {
        const response = await admin.postJson('/api/v1/plan/actuals', { ...valid, ...input });
        expect(response.status, JSON.stringify(input)).toBe(201);
      }
      expect(await apiProgress(admin, 2026, 'shokokai-membership-rate', 'kpis')).toMatchObject({
        actual: 61.75,
      });
      expect(await apiProgress(admin, 2020, 'employees', 'kpis')).toMatchObject({ actual: 21400 });
    });

    it('records the actual under the municipality and plan of the person who entered it', async () => {
      const actor = await actorOf(t, 'admin');
      const { actual: saved } = await recordManualActual(t.database.db, t.plans.defaultPlan, actor, {
        ...valid,
        subjectCode: 'industry-academia',
        asOf: '2026-06-15',
        value: '4',
      });
      expect(saved).toMatchObject({
        municipalityCode: '132284',
        planId: 'akiruno-shoko-r5-r8',
        enteredBy: actor.accountId,
        enteredByName: actor.name,
        value: 4,
      });
    });
  });
});
