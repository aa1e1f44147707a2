import { readdirSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsDir } from '../../src/db/migrate';
import { pdcaCommitteeOpinions, pdcaReviews } from '../../src/modules/plan/schema';
import { saveCommitteeOpinion } from '../../src/modules/plan/service';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { TestClient, type TestInstance } from '../support/harness';
import { actorOf, planData, refusal, startInstance } from './helpers';

/**
 * 委員会の意見: the committee (識見者) writes its opinion on a project's year, kept apart from the
 * department's evaluation (所管課の評価・コメント): its own record, its own writers, both on the
 * project page and on the progress report (decision 033).
 */
describe.each(testDatabaseKinds())("the committee's opinion (%s)", (kind) => {
  let t: TestInstance;
  let admin: TestClient;
  let committee: TestClient;

  const opinionRow = async (projectCode: string, fiscalYear = 2026) =>
    (
      await t.database.db
        .select()
        .from(pdcaCommitteeOpinions)
        .where(
          and(
            eq(pdcaCommitteeOpinions.projectCode, projectCode),
            eq(pdcaCommitteeOpinions.fiscalYear, fiscalYear),
          ),
        )
    )[0];
  const opinion = (fields: Record<string, string>) => ({ fiscalYear: '2026', version: '0', ...fields });

  beforeAll(async () => {
    t = await startInstance(kind, {
      planFiles: [handFiguresPlanFile],
      clock: () => new Date('2026-11-25T10:00:00+09:00'),
    });
    admin = await new TestClient(t.app).logInAs('admin');
    committee = await new TestClient(t.app).logInAs('committee');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is written by a committee member and shown apart from the department’s evaluation', async () => {
    const review = await admin.postForm('/plan/projects/runocard/review', {
      fiscalYear: '2026',
      version: '0',
      grade: 'B',
      departmentComment: '取扱店舗は目標の9割。商店会を通じて案内する。',
    });
    expect(review.status).toBe(303);

    const saved = await committee.postForm(
      '/plan/projects/runocard/committee-opinion',
      opinion({ opinion: '未加入の店舗への個別訪問が必要。' }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/plan/projects/runocard?fy=2026&saved=opinion#committee');
    expect(await opinionRow('runocard')).toMatchObject({
      opinion: '未加入の店舗への個別訪問が必要。',
      version: 1,
      writtenByName: '策定委員会 委員 小林（架空）',
    });

    // the department's review is as the department left it
    const [departmentReview] = await t.database.db
      .select()
      .from(pdcaReviews)
      .where(and(eq(pdcaReviews.projectCode, 'runocard'), eq(pdcaReviews.fiscalYear, 2026)));
    expect(departmentReview).toMatchObject({
      grade: 'B',
      version: 1,
      updatedByName: '商工観光課 山田（架空）',
    });

    // the committee member reads the department's evaluation and writes only the opinion
    const page = await (await committee.get(saved.headers.get('location') ?? '')).text();
    expect(page).toContain('委員会の意見を保存しました。');
    expect(page).toMatch(/<textarea[^>]*name="opinion"[^>]*>未加入の店舗への個別訪問が必要。<\/textarea>/);
    expect(page).toContain('取扱店舗は目標の9割。商店会を通じて案内する。');
    expect(page).not.toContain('name="departmentComment"');
    expect(page).not.toContain('name="grade"');
    expect(page).not.toContain('/plan/projects/runocard/actions');

    // the department reads the opinion and edits only its own evaluation
    const adminPage = await (await admin.get('/plan/projects/runocard?fy=2026')).text();
    expect(adminPage).toMatch(/data-field="committee-opinion">未加入の店舗への個別訪問が必要。</);
    expect(adminPage).toContain('name="departmentComment"');
    expect(adminPage).not.toContain('name="opinion"');

    // support staff read both
    const staff = await new TestClient(t.app).logInAs('shokokai');
    const shared = await (await staff.get('/plan/projects/runocard?fy=2026')).text();
    expect(shared).toContain('未加入の店舗への個別訪問が必要。');
    expect(shared).toContain('取扱店舗は目標の9割。商店会を通じて案内する。');
  });

  it('shows on the progress report and in its workbook beside the department’s comment', async () => {
    const html = await (await committee.get('/plan/report?fy=2026')).text();
    const row = /<tr data-project="runocard">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toMatch(/data-field="department-comment">取扱店舗は目標の9割。商店会を通じて案内する。</);
    expect(row).toMatch(/data-field="committee-opinion">未加入の店舗への個別訪問が必要。</);
    expect(html).toContain('所管課の評価コメント');
    expect(html).toContain('委員会の意見');
    expect((await committee.get('/plan/report.xlsx?fy=2026')).status).toBe(200);
  });

  it("is changed from the version read, and the department's next save leaves it alone", async () => {
    const changed = await committee.postForm(
      '/plan/projects/runocard/committee-opinion',
      opinion({ version: '1', opinion: '未加入の店舗への個別訪問と、商店会への説明を求める。' }),
    );
    expect(changed.status).toBe(303);
    const again = await admin.postForm('/plan/projects/runocard/review', {
      fiscalYear: '2026',
      version: '1',
      grade: 'C',
      departmentComment: '年度後半に説明会を2回開く。',
      // a field the department's form does not have is not the department's to write
      committeeComment: '所管課が書き換えようとした意見',
      opinion: '所管課が書き換えようとした意見',
    });
    expect(again.status).toBe(303);
    expect(await opinionRow('runocard')).toMatchObject({
      opinion: '未加入の店舗への個別訪問と、商店会への説明を求める。',
      version: 2,
    });
    const trail = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityKey, `${t.plans.defaultPlan.id}/runocard/2026`))
      .orderBy(asc(auditLog.id));
    expect(trail.map((e) => e.action)).toEqual([
      'pdca_review.create',
      'committee_opinion.create',
      'committee_opinion.update',
      'pdca_review.update',
    ]);
    expect(trail[2]).toMatchObject({
      actorName: '策定委員会 委員 小林（架空）',
      before: { opinion: '未加入の店舗への個別訪問が必要。', version: 1 },
    });
  });

  it('refuses an edit of an outdated version with 409, keeping what was typed beside the saved opinion', async () => {
    const before = await planData(t);
    const stale = await committee.postForm(
      '/plan/projects/runocard/committee-opinion',
      opinion({ version: '1', opinion: '古い版からの意見' }),
    );
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('他の委員がこの意見を先に更新しました。');
    expect(page).toMatch(/<textarea[^>]*name="opinion"[^>]*>古い版からの意見<\/textarea>/);
    expect(page).toContain('未加入の店舗への個別訪問と、商店会への説明を求める。');
    expect(page).toContain('name="version" value="2"');
    expect(await planData(t)).toEqual(before);
  });

  it('refuses bad input in words, changing nothing', async () => {
    const before = await planData(t);
    const cases: [string, Record<string, string>, number, string][] = [
      ['an empty opinion', opinion({ opinion: '   ' }), 422, '意見を入力してください。'],
      ['an opinion too long', opinion({ opinion: 'あ'.repeat(4001) }), 422, '委員会の意見'],
      ['a year outside the plan', opinion({ fiscalYear: '2020', opinion: '意見' }), 422, '対象外'],
      ['a year that is not a number', opinion({ fiscalYear: 'next', opinion: '意見' }), 422, '年度'],
    ];
    for (const [label, form, status, message] of cases) {
      const response = await committee.postForm('/plan/projects/machizemi/committee-opinion', form);
      expect(response.status, label).toBe(status);
      const html = await response.text();
      expect(html, label).toContain(message);
      expect(html, label).not.toMatch(/at \w+ \(|node_modules/);
    }
    const unknown = await committee.postForm(
      '/plan/projects/no-such-project/committee-opinion',
      opinion({ opinion: '意見' }),
    );
    expect(unknown.status).toBe(404);
    expect(await planData(t)).toEqual(before);
  });

  it('answers in English when the committee member reads English', async () => {
    const english = await new TestClient(t.app).logInAs('committee');
    await english.get('/?lang=en');
    const response = await english.postForm(
      '/plan/projects/machizemi/committee-opinion',
      opinion({ opinion: '' }),
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Write the opinion.');
  });

  it('is written by committee members only: the department, support staff and others are refused', async () => {
    const before = await planData(t);
    for (const who of [
      'admin',
      'shokokai',
      'bista',
      'shotenkai',
      'business',
      'resident',
      'student',
      'meisei',
    ]) {
      const client = await new TestClient(t.app).logInAs(who);
      const response = await client.postForm(
        '/plan/projects/machizemi/committee-opinion',
        opinion({ opinion: `${who} の意見` }),
      );
      expect(response.status, who).toBe(403);
      expect(await response.text(), who).toContain('権限がありません');
    }
    const visitor = await new TestClient(t.app).postForm(
      '/plan/projects/machizemi/committee-opinion',
      opinion({ opinion: '訪問者の意見' }),
    );
    expect(visitor.status).toBe(401);
    expect(await planData(t)).toEqual(before);
  });

  it("gives a committee member the plan's progress to read, and none of the department's writing", async () => {
    for (const path of [
      '/?fy=2026',
      '/plan/projects/runocard?fy=2026',
      '/plan/kpis/employees?fy=2026',
      '/plan/report?fy=2026',
      '/api/v1/plan/progress?fy=2026',
    ]) {
      expect((await committee.get(path)).status, path).toBe(200);
    }
    const dashboard = await (await committee.get('/')).text();
    expect(dashboard).toContain('2026年11月25日時点');
    expect(dashboard).not.toContain('href="/plan/actuals');
    expect((await committee.get('/plan/actuals?fy=2026')).status).toBe(403);
    expect((await committee.get('/admin/accounts')).status).toBe(403);
    expect((await committee.get('/consultations')).status).toBe(403);
    expect((await committee.get('/events/manage')).status).toBe(403);

    const before = await planData(t);
    const writes: [string, Record<string, string>][] = [
      [
        '/plan/projects/machizemi/review',
        { fiscalYear: '2026', version: '0', grade: 'A', departmentComment: '委員が書いた評価' },
      ],
      [
        '/plan/projects/machizemi/actions',
        {
          fiscalYear: '2026',
          description: '委員の改善',
          ownerOrganisation: 'city',
          idempotencyKey: 'committee-action-1',
        },
      ],
      [
        '/plan/actuals?fy=2026',
        { subject: 'project:area-map', fiscalYear: '2026', value: '1', asOf: '2026-11-01', source: '委員' },
      ],
    ];
    for (const [path, form] of writes) {
      expect((await committee.postForm(path, form)).status, path).toBe(403);
    }
    expect(await planData(t)).toEqual(before);
  });

  it('refuses a committee member of another municipality in the service', async () => {
    const actor = { ...(await actorOf(t, 'admin')), municipalityCode: '999991' };
    const refused = await refusal(
      saveCommitteeOpinion(t.database.db, t.plans.defaultPlan, actor, {
        projectCode: 'machizemi',
        fiscalYear: 2026,
        opinion: '別の自治体から',
        version: 0,
      }),
    );
    expect(refused.code).toBe('other_municipality');
  });
});

describe('migration 0026', () => {
  it("moves the committee's comments typed into the department's review into opinions of their own", async () => {
    // a bare cluster, not the template (which holds every migration already)
    const client = await PGlite.create();
    const database = {
      query: async <T>(text: string) => (await client.query<T>(text)).rows,
      execScript: async (script: string) => {
        await client.exec(script);
      },
    };
    try {
      const earlier = readdirSync(migrationsDir)
        .filter((f) => f.endsWith('.sql') && f < '0026')
        .sort();
      await database.execScript(
        'create table schema_migrations (name text primary key, applied_at timestamptz not null default now());',
      );
      for (const file of earlier) {
        await database.execScript(readFileSync(migrationsDir + file, 'utf8'));
        await database.execScript(`insert into schema_migrations (name) values ('${file}')`);
      }
      await database.execScript(`
        insert into pdca_reviews (municipality_code, plan_id, project_code, fiscal_year, grade, department_comment, committee_comment, updated_by_name, updated_at)
          values ('132284', 'akiruno', 'marche', 2024, 'B', '出店者が増えた', '周知を強化されたい', '山田', '2025-05-01 10:00+09'),
                 ('132284', 'akiruno', 'machizemi', 2024, 'A', '順調', '', '山田', '2025-05-01 10:00+09');`);
      await migrate(database);
      const opinions = await database.query<Record<string, unknown>>(
        'select project_code, fiscal_year, opinion, version, written_by_name from pdca_committee_opinions order by id',
      );
      expect(opinions).toEqual([
        {
          project_code: 'marche',
          fiscal_year: 2024,
          opinion: '周知を強化されたい',
          version: 1,
          written_by_name: '山田',
        },
      ]);
      const reviews = await database.query<Record<string, unknown>>('select * from pdca_reviews order by id');
      expect(reviews.map((r) => [r.project_code, r.department_comment])).toEqual([
        ['marche', '出店者が増えた'],
        ['machizemi', '順調'],
      ]);
      expect(reviews.every((r) => !('committee_comment' in r))).toBe(true);
    } finally {
      await client.close();
    }
  });
});
