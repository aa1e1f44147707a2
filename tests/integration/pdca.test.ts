import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { improvementActions, pdcaReviews } from '../../src/modules/plan/schema';
import { addImprovementAction, saveReview } from '../../src/modules/plan/service';
import type { Actor } from '../../src/platform/audit';
import { UserError } from '../../src/platform/errors';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, apiProgress, dashboardRow, planData, startInstance } from './helpers';

/**
 * The PDCA cycle through the HTTP layer and the service: DO (actuals) shows in CHECK (achievement,
 * status, review), ACT (improvement actions) is added once per form, and every change is audited.
 */
describe.each(testDatabaseKinds())('PDCA cycle (%s)', (kind) => {
  let t: TestInstance;
  let admin: TestClient;
  let otherAdmin: TestClient;
  let actor: Actor;

  beforeAll(async () => {
    t = await startInstance(kind, { planFiles: [handFiguresPlanFile] });
    admin = await new TestClient(t.app).logInAs('admin');
    otherAdmin = await new TestClient(t.app).logInAs('admin');
    actor = await actorOf(t, 'admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  const planId = () => t.plans.defaultPlan.id;
  const reviewRow = async (projectCode: string, fiscalYear: number) =>
    (
      await t.database.db
        .select()
        .from(pdcaReviews)
        .where(and(eq(pdcaReviews.projectCode, projectCode), eq(pdcaReviews.fiscalYear, fiscalYear)))
    )[0];
  const auditOf = (entityKey: string) =>
    t.database.db.select().from(auditLog).where(eq(auditLog.entityKey, entityKey)).orderBy(asc(auditLog.id));

  describe('DO → CHECK: an actual shows as achievement and status', () => {
    it('updates the dashboard and the API when an actual is entered', async () => {
      // 地域マップの作成 (area-map): FY2026 target 30,000 copies, nothing entered yet
      expect(await apiProgress(admin, 2026, 'area-map')).toMatchObject({
        target: 30000,
        actual: null,
        achievementPercent: null,
        status: 'none',
      });
      expect(await dashboardRow(admin, 2026, 'area-map')).toEqual({
        target: '30,000部',
        actual: '—',
        achievement: '—',
        status: 'none',
      });

      const first = await admin.postForm('/plan/actuals?fy=2026', {
        subject: 'project:area-map',
        fiscalYear: '2026',
        value: '24000',
        asOf: '2026-07-31',
        source: '印刷会社の納品書',
      });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/plan/actuals?fy=2026&saved=actual');
      expect(await apiProgress(admin, 2026, 'area-map')).toMatchObject({
        actual: 24000,
        achievementPercent: 80,
        status: 'nearly',
      });
      expect(await dashboardRow(admin, 2026, 'area-map')).toEqual({
        target: '30,000部',
        actual: '24,000部',
        achievement: '80%',
        status: 'nearly',
      });

      // a later figure of the same year is the year's actual; an earlier one stays history
      for (const [asOf, value] of [
        ['2026-10-31', '31200'],
        ['2026-05-31', '10800'],
      ] as const) {
        const response = await admin.postForm('/plan/actuals?fy=2026', {
          subject: 'project:area-map',
          fiscalYear: '2026',
          value,
          asOf,
          source: '印刷会社の納品書',
        });
        expect(response.status).toBe(303);
      }
      const row = await apiProgress(admin, 2026, 'area-map');
      expect(row).toMatchObject({ actual: 31200, achievementPercent: 104, status: 'achieved' });
      expect(row.records.map((r) => [r.date, r.value])).toEqual([
        ['2026-05-31', 10800],
        ['2026-07-31', 24000],
        ['2026-10-31', 31200],
      ]);
      expect(await dashboardRow(admin, 2026, 'area-map')).toMatchObject({
        actual: '31,200部',
        achievement: '104%',
        status: 'achieved',
      });
      // the shared view of support staff shows the same figures
      const staff = await new TestClient(t.app).logInAs('bista');
      expect(await apiProgress(staff, 2026, 'area-map')).toEqual(row);
    });

    it('measures a KPI kept at its baseline against the baseline', async () => {
      // 商店会の会員数: keep 330
      const response = await admin.postJson('/api/v1/plan/actuals', {
        subjectKind: 'kpi',
        subjectCode: 'shotenkai-members',
        fiscalYear: 2026,
        value: 297,
        asOf: '2026-09-30',
        source: '商店会連合会 会員名簿',
      });
      expect(response.status).toBe(201);
      expect(await apiProgress(admin, 2026, 'shotenkai-members', 'kpis')).toMatchObject({
        target: 330,
        actual: 297,
        achievementPercent: 90,
        status: 'nearly',
      });
    });
  });

  describe('CHECK: the review of a project and fiscal year', () => {
    const review = (fields: Record<string, string>) => ({
      fiscalYear: '2026',
      grade: 'B',
      departmentComment: '',
      ...fields,
    });

    it('saves a review, shows it, and refuses an edit based on an outdated version with 409', async () => {
      const created = await admin.postForm(
        '/plan/projects/succession-seminar/review',
        review({ version: '0', departmentComment: '参加者は増えたが目標に届かない' }),
      );
      expect(created.status).toBe(303);
      expect(created.headers.get('location')).toBe(
        '/plan/projects/succession-seminar?fy=2026&saved=review#check',
      );
      expect(await reviewRow('succession-seminar', 2026)).toMatchObject({ version: 1, grade: 'B' });
      const page = await (await admin.get('/plan/projects/succession-seminar?fy=2026')).text();
      expect(page).toContain('参加者は増えたが目標に届かない');
      expect(page).toContain('name="version" value="1"');

      const updated = await admin.postForm(
        '/plan/projects/succession-seminar/review',
        review({ version: '1', grade: 'C', departmentComment: '周知の方法を見直す' }),
      );
      expect(updated.status).toBe(303);
      expect(await reviewRow('succession-seminar', 2026)).toMatchObject({ version: 2, grade: 'C' });

      const before = await planData(t);
      const stale = await admin.postForm(
        '/plan/projects/succession-seminar/review',
        review({ version: '1', grade: 'A', departmentComment: '古い版からの編集' }),
      );
      expect(stale.status).toBe(409);
      const body = await stale.text();
      expect(body).toContain('他の人がこの評価を先に更新しました。');
      // the page offers the latest version to edit again
      expect(body).toContain('name="version" value="2"');
      expect(await planData(t)).toEqual(before);

      const api = await saveReview(t.database.db, t.plans.defaultPlan, actor, {
        projectCode: 'succession-seminar',
        fiscalYear: 2026,
        version: 0,
      }).catch((error: unknown) => error);
      expect(api).toBeInstanceOf(UserError);
      expect((api as UserError).code).toBe('edit_conflict');
    });

    it('shows the year that was being edited again when an edit of an earlier year conflicts', async () => {
      const first = await admin.postForm(
        '/plan/projects/startup-consultation/review',
        review({ fiscalYear: '2024', version: '0', grade: 'A' }),
      );
      expect(first.status).toBe(303);
      const stale = await admin.postForm(
        '/plan/projects/startup-consultation/review',
        review({ fiscalYear: '2024', version: '0', grade: 'D' }),
      );
      expect(stale.status).toBe(409);
      const body = await stale.text();
      expect(body).toContain('name="fiscalYear" value="2024"');
      expect(body).toContain('name="version" value="1"');
    });

    it('keeps what was typed after a refused save, beside the review as saved', async () => {
      const first = await admin.postForm(
        '/plan/projects/founders-meetup/review',
        review({ version: '0', departmentComment: '先に保存された評価' }),
      );
      expect(first.status).toBe(303);
      const stale = await otherAdmin.postForm(
        '/plan/projects/founders-meetup/review',
        review({ version: '0', departmentComment: '後から入力した評価' }),
      );
      expect(stale.status).toBe(409);
      const page = await stale.text();
      expect(page).toContain('先に保存された評価');
      expect(page).toMatch(/<textarea[^>]*name="departmentComment"[^>]*>後から入力した評価<\/textarea>/);
      // resubmitting from this page is a deliberate overwrite of the version now shown
      expect(page).toMatch(/name="version" value="1"/);
    });

    it('lets exactly one of two concurrent saves of a new review win; the other gets 409 edit_conflict', async () => {
      const [a, b] = await Promise.all([
        admin.postForm('/plan/projects/marche/review', review({ version: '0', grade: 'A' })),
        otherAdmin.postForm('/plan/projects/marche/review', review({ version: '0', grade: 'D' })),
      ]);
      expect([a.status, b.status].sort()).toEqual([303, 409]);
      const winner = a.status === 303 ? 'A' : 'D';
      expect(await reviewRow('marche', 2026)).toMatchObject({ version: 1, grade: winner });
      expect(await auditOf(`${planId()}/marche/2026`)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent edits of the same version win', async () => {
      const current = await reviewRow('marche', 2026);
      const version = String(current?.version);
      const [a, b] = await Promise.all([
        admin.postForm(
          '/plan/projects/marche/review',
          review({ version, grade: 'B', departmentComment: 'a' }),
        ),
        otherAdmin.postForm(
          '/plan/projects/marche/review',
          review({ version, grade: 'C', departmentComment: 'b' }),
        ),
      ]);
      expect([a.status, b.status].sort()).toEqual([303, 409]);
      const after = await reviewRow('marche', 2026);
      expect(after?.version).toBe((current?.version ?? 0) + 1);
      expect(after?.departmentComment).toBe(a.status === 303 ? 'a' : 'b');
      expect(await auditOf(`${planId()}/marche/2026`)).toHaveLength(2);

      // the same race in the service, for each database
      const attempts = await Promise.allSettled(
        ['A', 'D'].map((grade) =>
          saveReview(t.database.db, t.plans.defaultPlan, actor, {
            projectCode: 'marche',
            fiscalYear: 2026,
            grade,
            version: after?.version ?? 0,
          }),
        ),
      );
      expect(attempts.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = attempts.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(refused).toHaveLength(1);
      expect(refused[0]?.reason).toBeInstanceOf(UserError);
      expect((refused[0]?.reason as UserError | undefined)?.code).toBe('edit_conflict');
    });

    it('refuses a grade the plan does not define and a year outside the plan', async () => {
      const before = await planData(t);
      const badGrade = await admin.postForm(
        '/plan/projects/machizemi/review',
        review({ version: '0', grade: 'Z' }),
      );
      expect(badGrade.status).toBe(422);
      const badYear = await admin.postForm(
        '/plan/projects/machizemi/review',
        review({ version: '0', fiscalYear: '2020' }),
      );
      expect(badYear.status).toBe(422);
      expect(await planData(t)).toEqual(before);
    });
  });

  describe('ACT: improvement actions', () => {
    const action = (key: string) => ({
      fiscalYear: '2026',
      description: 'マルシェの出店者募集を1か月早める',
      ownerOrganisation: 'shotenkai',
      dueDate: '2027-01-31',
      idempotencyKey: key,
    });
    const actionsWithKey = (key: string) =>
      t.database.db.select().from(improvementActions).where(eq(improvementActions.idempotencyKey, key));

    it('adds one row when the same form is submitted 10 times at once', async () => {
      const key = 'pdca-ten-at-once-0001';
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? admin : otherAdmin).postForm('/plan/projects/marche/actions', action(key)),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(303));
      const rows = await actionsWithKey(key);
      expect(rows).toHaveLength(1);
      const created = (await auditOf(`${planId()}/marche/2026`)).filter(
        (a) => a.action === 'improvement_action.create',
      );
      expect(created).toHaveLength(1);
      expect(created[0]?.after).toMatchObject({ id: rows[0]?.id, status: 'planned' });

      // and through the service, 10 at once
      const key2 = 'pdca-ten-at-once-0002';
      await Promise.all(
        Array.from({ length: 10 }, () =>
          addImprovementAction(t.database.db, t.plans.defaultPlan, actor, {
            projectCode: 'marche',
            fiscalYear: 2026,
            description: '出店料の見直し',
            ownerOrganisation: 'city',
            idempotencyKey: key2,
          }),
        ),
      );
      expect(await actionsWithKey(key2)).toHaveLength(1);
    });

    it('refuses a form key already used for another project, adding nothing', async () => {
      const key = 'pdca-reused-key-0001';
      expect((await admin.postForm('/plan/projects/marche/actions', action(key))).status).toBe(303);
      const reused = await admin.postForm('/plan/projects/machizemi/actions', action(key));
      expect(reused.status).toBe(409);
      expect(await reused.text()).toContain('ページを読み込み直して');
      expect((await actionsWithKey(key)).map((a) => a.projectCode)).toEqual(['marche']);
    });

    it('adds an action without a due date when the field is left out', async () => {
      const key = 'pdca-no-due-date-0001';
      const { dueDate: _, ...withoutDueDate } = action(key);
      const response = await admin.postForm('/plan/projects/marche/actions', withoutDueDate);
      expect(response.status).toBe(303);
      expect((await actionsWithKey(key))[0]).toMatchObject({ dueDate: null, status: 'planned' });
    });

    it('moves an action from 未着手 to 対応中 to 完了, auditing each step once', async () => {
      const key = 'pdca-status-steps-0001';
      await admin.postForm('/plan/projects/machizemi/actions', action(key));
      const [row] = await actionsWithKey(key);
      const path = `/plan/projects/machizemi/actions/${row?.id}/status`;
      for (const status of ['in-progress', 'in-progress', 'done']) {
        const response = await admin.postForm(path, { status });
        expect(response.status).toBe(303);
      }
      expect((await actionsWithKey(key))[0]).toMatchObject({ status: 'done', version: 3 });
      const steps = (await auditOf(`${planId()}/machizemi/2026`))
        .filter((a) => a.action === 'improvement_action.status')
        .map((a) => [a.before, a.after]);
      expect(steps).toEqual([
        [
          { id: row?.id, status: 'planned' },
          { id: row?.id, status: 'in-progress' },
        ],
        [
          { id: row?.id, status: 'in-progress' },
          { id: row?.id, status: 'done' },
        ],
      ]);
    });
  });

  describe('audit log', () => {
    it('records who changed what, with the state before and after, for every kind of change', async () => {
      const key = `${planId()}/runocard/2026`;
      const post = (fields: Record<string, string>) =>
        admin.postForm('/plan/actuals?fy=2026', {
          subject: 'project:runocard',
          fiscalYear: '2026',
          source: 'るのかーど 加盟店名簿',
          ...fields,
        });
      expect((await post({ value: '12', asOf: '2026-08-31' })).status).toBe(303);
      expect((await post({ value: '14', asOf: '2026-08-31', note: '追加の加盟店' })).status).toBe(303);
      expect(
        (
          await admin.postForm('/plan/projects/runocard/review', {
            fiscalYear: '2026',
            version: '0',
            grade: 'B',
            departmentComment: '順調',
          })
        ).status,
      ).toBe(303);
      expect(
        (
          await admin.postForm('/plan/projects/runocard/review', {
            fiscalYear: '2026',
            version: '1',
            grade: 'A',
            departmentComment: '順調',
          })
        ).status,
      ).toBe(303);
      await admin.postForm('/plan/projects/runocard/actions', {
        fiscalYear: '2026',
        description: '動画教材を用意する',
        ownerOrganisation: 'shokokai',
        dueDate: '',
        idempotencyKey: 'pdca-audit-0001',
      });

      const entries = await auditOf(key);
      expect(entries.map((e) => e.action)).toEqual([
        'manual_actual.create',
        'manual_actual.update',
        'pdca_review.create',
        'pdca_review.update',
        'improvement_action.create',
      ]);
      for (const entry of entries) {
        expect(entry).toMatchObject({
          municipalityCode: '132284',
          actorAccountId: actor.accountId,
          actorName: actor.name,
          entityType: 'plan.project',
        });
        expect(entry.after).not.toBeNull();
      }
      const [actualCreated, actualUpdated, reviewCreated, reviewUpdated] = entries;
      expect(actualCreated?.before).toBeNull();
      expect(actualCreated?.after).toMatchObject({ value: 12, asOf: '2026-08-31' });
      expect(actualUpdated?.before).toMatchObject({ value: 12, note: '' });
      expect(actualUpdated?.after).toMatchObject({ value: 14, note: '追加の加盟店' });
      expect(reviewCreated?.before).toBeNull();
      expect(reviewCreated?.after).toMatchObject({ grade: 'B', version: 1 });
      expect(reviewUpdated?.before).toMatchObject({ grade: 'B', version: 1 });
      expect(reviewUpdated?.after).toMatchObject({ grade: 'A', version: 2 });

      // city staff see the trail on the project page; support staff see the project without it
      const page = await (await admin.get('/plan/projects/runocard?fy=2026')).text();
      expect(page).toContain('変更履歴');
      expect(page).toContain('pdca_review.update');
      const staff = await new TestClient(t.app).logInAs('shokokai');
      const shared = await (await staff.get('/plan/projects/runocard?fy=2026')).text();
      expect(shared).toContain('動画教材を用意する');
      expect(shared).not.toContain('変更履歴');
    });

    it('writes nothing to the audit log when a change is refused', async () => {
      const staff = await new TestClient(t.app).logInAs('shokokai');
      const before = await planData(t);
      await admin.postForm('/plan/actuals?fy=2026', {
        subject: 'project:runocard',
        fiscalYear: '2026',
        value: '-1',
        asOf: '2026-08-31',
        source: 'るのかーど 加盟店名簿',
      });
      await admin.postForm('/plan/projects/runocard/review', { fiscalYear: '2026', version: '0' });
      await staff.postForm('/plan/projects/runocard/review', { fiscalYear: '2026', version: '2' });
      expect(await planData(t)).toEqual(before);
    });
  });
});
