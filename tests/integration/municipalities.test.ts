import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { improvementActions, manualActuals, pdcaReviews } from '../../src/modules/plan/schema';
import { addImprovementAction } from '../../src/modules/plan/service';
import { createAccount } from '../../src/platform/auth/accounts';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, apiProgress, planData, startInstance } from './helpers';

/**
 * One deployment, two municipalities (PLAN_FILES=plans/akiruno.yaml,tests/fixtures/midori-town.yaml):
 * each account works on its own municipality's plan, and every row carries its municipality code.
 */
const midori = { code: '999991', planId: 'midori-town-2024' };
const akiruno = { code: '132284', planId: 'akiruno-shoko-r5-r8' };

async function logIn(t: TestInstance, email: string, password: string) {
  const client = new TestClient(t.app);
  const response = await client.postForm('/login', { email, password });
  if (response.status !== 303) throw new Error(`login as ${email}: ${response.status}`);
  return client;
}

describe.each(testDatabaseKinds())('two municipalities in one deployment (%s)', (kind) => {
  let t: TestInstance;
  let akirunoAdmin: TestClient;
  let midoriAdmin: TestClient;
  let midoriStaff: TestClient;

  beforeAll(async () => {
    t = await startInstance(kind, { planFiles: ['plans/akiruno.yaml', 'tests/fixtures/midori-town.yaml'] });
    const db = t.database.db;
    await createAccount(db, {
      municipalityCode: midori.code,
      email: 'admin@midori.example',
      displayName: 'みどり町 産業課（架空）',
      role: 'admin',
      password: 'midori-town-2026',
    });
    await createAccount(db, {
      municipalityCode: midori.code,
      email: 'staff@midori.example',
      displayName: 'みどり町 商工会（架空）',
      role: 'staff',
      password: 'midori-town-2026',
    });
    akirunoAdmin = await new TestClient(t.app).logInAs('admin');
    midoriAdmin = await logIn(t, 'admin@midori.example', 'midori-town-2026');
    midoriStaff = await logIn(t, 'staff@midori.example', 'midori-town-2026');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads both plans and shows visitors the first one', async () => {
    expect(t.plans.plans.map((p) => [p.municipalityCode, p.id])).toEqual([
      [akiruno.code, akiruno.planId],
      [midori.code, midori.planId],
    ]);
    const visitor = new TestClient(t.app);
    expect(((await (await visitor.get('/api/v1/plan')).json()) as { id: string }).id).toBe(akiruno.planId);
    expect(((await (await midoriAdmin.get('/api/v1/plan')).json()) as { id: string }).id).toBe(midori.planId);
  });

  it("gives each account its own municipality's dashboard", async () => {
    const dashboard = await (await midoriAdmin.get('/?fy=2025')).text();
    expect(dashboard).toContain('みどり町産業振興計画（架空）');
    expect(dashboard).toContain('data-project="woodwork-class"');
    expect(dashboard).not.toContain('data-project="succession-seminar"');
    const progress = (await (await midoriStaff.get('/api/v1/plan/progress?fy=2025')).json()) as {
      planId: string;
      municipalityCode: string;
      projects: { code: string }[];
    };
    expect(progress).toMatchObject({ planId: midori.planId, municipalityCode: midori.code });
    expect(progress.projects.map((p) => p.code)).toEqual(['woodwork-class']);
  });

  it("keeps an actual of the second plan apart, under that plan's municipality code", async () => {
    const akirunoBefore = await planData(t);
    const response = await midoriAdmin.postJson('/api/v1/plan/actuals', {
      subjectKind: 'project',
      subjectCode: 'woodwork-class',
      fiscalYear: 2025,
      value: 11,
      asOf: '2025-12-01',
      source: '木工教室 受講者名簿',
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { actual: unknown }).actual).toMatchObject({
      municipalityCode: midori.code,
      planId: midori.planId,
      subjectCode: 'woodwork-class',
    });

    // the row and its audit entry carry the municipality code
    const rows = await t.database.db
      .select()
      .from(manualActuals)
      .where(eq(manualActuals.subjectCode, 'woodwork-class'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ municipalityCode: midori.code, planId: midori.planId, value: 11 });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityKey, `${midori.planId}/woodwork-class/2025`));
    expect(audit).toMatchObject({ municipalityCode: midori.code, action: 'manual_actual.create' });

    // みどり町 sees it (target 12, 95 % needed for 達成), Akiruno neither sees it nor changed
    expect(await apiProgress(midoriStaff, 2025, 'woodwork-class')).toMatchObject({
      target: 12,
      actual: 11,
      achievementPercent: 91.7,
      status: 'nearly',
    });
    const akirunoProgress = (await (await akirunoAdmin.get('/api/v1/plan/progress?fy=2025')).json()) as {
      municipalityCode: string;
      projects: { code: string }[];
    };
    expect(akirunoProgress.municipalityCode).toBe(akiruno.code);
    expect(akirunoProgress.projects.map((p) => p.code)).not.toContain('woodwork-class');
    const after = await planData(t);
    expect(after.actuals.filter((a) => a.municipalityCode === akiruno.code)).toEqual(
      akirunoBefore.actuals.filter((a) => a.municipalityCode === akiruno.code),
    );
  });

  it("does not let one municipality's staff reach the other's projects", async () => {
    const action = await addImprovementAction(t.database.db, t.plans.defaultPlan, await actorOf(t, 'admin'), {
      projectCode: 'marche',
      fiscalYear: 2025,
      description: '出店者募集を早める',
      ownerOrganisation: 'city',
      idempotencyKey: 'municipalities-akiruno-0001',
    });
    const before = await planData(t);

    const attempts = [
      await midoriAdmin.postJson('/api/v1/plan/actuals', {
        subjectKind: 'project',
        subjectCode: 'succession-seminar',
        fiscalYear: 2025,
        value: 1,
        asOf: '2025-12-01',
        source: 'x',
      }),
      await midoriAdmin.postForm('/plan/projects/succession-seminar/review', {
        fiscalYear: '2025',
        version: '0',
        grade: 'A',
      }),
      await midoriAdmin.postForm(`/plan/projects/marche/actions/${action?.id}/status`, { status: 'done' }),
      await akirunoAdmin.postJson('/api/v1/plan/actuals', {
        subjectKind: 'project',
        subjectCode: 'woodwork-class',
        fiscalYear: 2025,
        value: 99,
        asOf: '2025-12-02',
        source: 'x',
      }),
      await midoriStaff.get('/plan/projects/succession-seminar?fy=2025'),
      await akirunoAdmin.get('/plan/projects/woodwork-class?fy=2025'),
    ];
    expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await planData(t)).toEqual(before);
  });

  it('keeps the reviews of the two plans apart', async () => {
    expect(
      (
        await midoriAdmin.postForm('/plan/projects/woodwork-class/review', {
          fiscalYear: '2025',
          version: '0',
          grade: 'S',
          departmentComment: '受講者が増えた',
        })
      ).status,
    ).toBe(303);
    const reviews = await t.database.db
      .select()
      .from(pdcaReviews)
      .where(eq(pdcaReviews.planId, midori.planId));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ municipalityCode: midori.code, grade: 'S' });
    const akirunoReviews = await t.database.db
      .select()
      .from(pdcaReviews)
      .where(eq(pdcaReviews.planId, akiruno.planId));
    expect(akirunoReviews.every((r) => r.municipalityCode === akiruno.code && r.grade !== 'S')).toBe(true);
  });

  it('takes any owner for an improvement action when the plan names no organisations', async () => {
    const page = await (await midoriAdmin.get('/plan/projects/woodwork-class?fy=2025')).text();
    expect(page).toMatch(/<input id="ownerOrganisation" name="ownerOrganisation"/);
    const added = await midoriAdmin.postForm('/plan/projects/woodwork-class/actions', {
      fiscalYear: '2025',
      description: '木工教室を夜間にも開く',
      ownerOrganisation: 'みどり町 産業課',
      idempotencyKey: 'midori-owner-free-text-1',
    });
    expect(added.status).toBe(303);
    const [row] = await t.database.db
      .select()
      .from(improvementActions)
      .where(eq(improvementActions.idempotencyKey, 'midori-owner-free-text-1'));
    expect(row).toMatchObject({ municipalityCode: midori.code, ownerOrganisation: 'みどり町 産業課' });
  });

  it('refuses reads and changes by an account whose municipality has no plan here', async () => {
    await createAccount(t.database.db, {
      municipalityCode: '999992',
      email: 'admin@no-plan.example',
      displayName: 'プランのない町（架空）',
      role: 'admin',
      password: 'no-plan-town-2026',
    });
    const stranger = await logIn(t, 'admin@no-plan.example', 'no-plan-town-2026');
    const before = await planData(t);
    const response = await stranger.postJson('/api/v1/plan/actuals', {
      subjectKind: 'project',
      subjectCode: 'succession-seminar',
      fiscalYear: 2026,
      value: 50,
      asOf: '2026-06-01',
      source: 'x',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'no_plan_for_municipality',
    );
    const progress = await stranger.get('/api/v1/plan/progress?fy=2025');
    expect(progress.status).toBe(403);
    const review = await stranger.postForm('/plan/projects/succession-seminar/review', {
      fiscalYear: '2026',
      version: '0',
      grade: 'A',
    });
    expect(review.status).toBe(403);
    expect(await planData(t)).toEqual(before);
  });
});
