import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { TestClient, type TestInstance } from '../support/harness';
import { apiProgress, planData, startInstance } from './helpers';

/** 25 November 2026, mid-morning in Japan: day 239 of 令和8年度's 365. */
const novemberTwentyFifth = () => new Date('2026-11-25T10:00:00+09:00');

/** The in-year cells of one row of the dashboard, as their texts. */
async function inYearRow(reader: TestClient, path: string, kind: 'project' | 'kpi', code: string) {
  const html = await (await reader.get(path)).text();
  const row = new RegExp(`<tr data-${kind}="${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (!row) throw new Error(`${path} has no row for ${code}`);
  const cell = (name: string) =>
    new RegExp(`data-field="${name}"[^>]*>([\\s\\S]*?)</td>`)
      .exec(row)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .trim();
  return {
    actual: cell('actual'),
    expected: cell('expected'),
    progress: cell('in-year-progress'),
    grade: cell('in-year-grade'),
    projected: cell('projected'),
  };
}

/** The part of a plan file's text these tests change. */
interface PlanFileText {
  evaluation: { grades: unknown[]; inYear?: { mode: string } };
}

/** A copy of the hand-figures plan with other in-year settings, written once into the temporary folder. */
function planVariant(name: string, change: (plan: PlanFileText) => void): string {
  const plan = parse(readFileSync(handFiguresPlanFile, 'utf8')) as PlanFileText;
  change(plan);
  const file = join(tmpdir(), `tsunagu-in-year-${name}-${process.pid}.yaml`);
  writeFileSync(file, stringify(plan));
  return file;
}

describe.each(testDatabaseKinds())('in-year judging on the dashboard (%s)', (kind) => {
  let t: TestInstance;
  let admin: TestClient;

  const enter = async (subject: string, value: string, asOf = '2026-11-20') => {
    const response = await admin.postForm('/plan/actuals?fy=2026', {
      subject,
      fiscalYear: '2026',
      value,
      asOf,
      source: '期中の集計',
    });
    expect(response.status, await response.text()).toBe(303);
  };

  beforeAll(async () => {
    t = await startInstance(kind, { planFiles: [handFiguresPlanFile], clock: novemberTwentyFifth });
    admin = await new TestClient(t.app).logInAs('admin');
    await enter('project:industry-academia', '2');
    await enter('project:runocard', '104');
    await enter('project:area-map', '12000');
    await enter('kpi:shotenkai-members', '329');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('opens on 令和8年度 on 25 November 2026 and says the date and how far the year has gone', async () => {
    const html = await (await admin.get('/')).text();
    expect(html).toContain('進捗ダッシュボード 令和8年度（2026年度）');
    expect(html).toContain('期中の進捗');
    expect(html).toContain('2026年11月25日時点');
    expect(html).toContain('日割りの按分：年度の239日目／365日（年間目標の65.5%）');
    expect(html).toContain('今日時点の目安');
    expect(html).toContain('年度末見込み');
  });

  it('sets a yearly count beside 239/365 of its target and projects its pace to 31 March', async () => {
    // 産学連携の支援: 5 in the year, 2 so far → 3.3 expected, 60.6 %, 未達, heading for 3.1
    expect(await inYearRow(admin, '/?fy=2026', 'project', 'industry-academia')).toEqual({
      actual: '2件',
      expected: '3.3件',
      progress: '60.6%',
      grade: '未達',
      projected: '3.1件',
    });
    // a count with nothing recorded yet still says what is expected by today
    expect(await inYearRow(admin, '/?fy=2026', 'project', 'succession-seminar')).toMatchObject({
      expected: '42.6人',
      progress: '—',
      grade: '未入力',
      projected: '—',
    });
  });

  it("moves a level from last year's figure towards its target, and keeps a 維持 KPI at its baseline", async () => {
    // るのかーど取扱店舗数: 94 shops at the end of 令和7年度 (the demo's), 115 to reach
    expect((await apiProgress(admin, 2025, 'runocard')).actual).toBe(94);
    expect(await inYearRow(admin, '/', 'project', 'runocard')).toEqual({
      actual: '104店',
      expected: '107.8店',
      progress: '96.5%',
      grade: '概ね達成',
      projected: '104店',
    });
    expect(await inYearRow(admin, '/', 'kpi', 'shotenkai-members')).toEqual({
      actual: '329人',
      expected: '330人',
      progress: '99.7%',
      grade: '概ね達成',
      projected: '329人',
    });
  });

  it('leaves the map printed once a year to the year-end until its print run meets the target', async () => {
    expect(await inYearRow(admin, '/', 'project', 'area-map')).toEqual({
      actual: '12,000部',
      expected: '30,000部',
      progress: '40%',
      grade: '年度末に判定',
      projected: '—',
    });
  });

  it('counts the projects by in-year grade', async () => {
    const html = await (await admin.get('/')).text();
    const count = (code: string) =>
      Number(new RegExp(`data-in-year-count="${code}">(\\d+)`).exec(html)?.[1] ?? Number.NaN);
    expect(count('achieved') + count('nearly') + count('missed') + count('pending')).toBe(14);
    expect(count('nearly')).toBeGreaterThanOrEqual(1);
    expect(count('missed')).toBeGreaterThanOrEqual(1);
  });

  it('gives the same judgement through the API, with the date and the scale', async () => {
    const response = await admin.get('/api/v1/plan/progress?fy=2026');
    const body = (await response.json()) as {
      inYear: { date: string; mode: string; daysElapsed: number; daysInYear: number; grades: unknown[] };
      projects: { code: string; inYear: unknown }[];
    };
    expect(body.inYear).toMatchObject({
      date: '2026-11-25',
      mode: 'pro-rata',
      daysElapsed: 239,
      daysInYear: 365,
    });
    expect(body.inYear.grades).toHaveLength(3);
    expect(body.projects.find((p) => p.code === 'industry-academia')?.inYear).toEqual({
      state: 'judged',
      expected: 3.3,
      progressPercent: 60.6,
      grade: 'missed',
      projected: 3.1,
    });
  });

  it('judges a past year on its whole: no in-year figures for 令和7年度', async () => {
    const html = await (await admin.get('/?fy=2025')).text();
    expect(html).not.toContain('今日時点の目安');
    expect(html).not.toContain('data-field="expected"');
    const api = (await (await admin.get('/api/v1/plan/progress?fy=2025')).json()) as {
      inYear: unknown;
      projects: { inYear: unknown }[];
    };
    expect(api.inYear).toBeNull();
    expect(api.projects.every((p) => p.inYear === null)).toBe(true);
  });

  it('shows the same in-year line on a project page, and support staff and associations read it too', async () => {
    for (const who of ['admin', 'shokokai', 'shotenkai']) {
      const reader = who === 'admin' ? admin : await new TestClient(t.app).logInAs(who);
      const page = await (await reader.get('/plan/projects/industry-academia?fy=2026')).text();
      expect(page, who).toContain('2026年11月25日時点の目安：');
      expect(page, who).toMatch(/data-field="expected">3\.3件</);
      expect(page, who).toMatch(/data-field="projected">3\.1件</);
    }
  });

  it('refuses a fiscal year that is not one, changing nothing', async () => {
    const before = await planData(t);
    for (const fy of ['2026x', '20266', '2030']) {
      const response = await admin.get(`/?fy=${fy}`);
      expect(response.status, fy).toBe(422);
      const html = await response.text();
      expect(html).toMatch(/年度は西暦4桁|この計画の対象外/);
      expect(html).not.toContain('今日時点の目安');
    }
    expect(await planData(t)).toEqual(before);
  });
});

describe.each(testDatabaseKinds())('a plan judged by quarter on S/A/B/C (%s)', (kind) => {
  let t: TestInstance;
  let admin: TestClient;

  beforeAll(async () => {
    const file = planVariant('quarterly', (plan) => {
      plan.evaluation.grades = [
        { code: 'S', label: '大きく上回る', labelEn: 'Well ahead', minPercent: 110 },
        { code: 'A', label: '達成', labelEn: 'Achieved', minPercent: 100 },
        { code: 'B', label: '概ね達成', labelEn: 'Nearly', minPercent: 80 },
        { code: 'C', label: '未達', labelEn: 'Behind', minPercent: 0 },
      ];
      plan.evaluation.inYear = { mode: 'quarterly' };
    });
    t = await startInstance(kind, { planFiles: [file], clock: novemberTwentyFifth });
    admin = await new TestClient(t.app).logInAs('admin');
    const response = await admin.postForm('/plan/actuals?fy=2026', {
      subject: 'project:industry-academia',
      fiscalYear: '2026',
      value: '3',
      asOf: '2026-11-20',
      source: '期中の集計',
    });
    expect(response.status).toBe(303);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('expects half the target once two quarters are completed, and grades on the plan scale', async () => {
    const html = await (await admin.get('/')).text();
    expect(html).toContain('四半期ごとの按分：第2四半期まで完了（年間目標の50%）');
    // 5 in the year: 2.5 expected by the end of September; 3 is 120 % → S
    expect(await inYearRow(admin, '/', 'project', 'industry-academia')).toEqual({
      actual: '3件',
      expected: '2.5件',
      progress: '120%',
      grade: 'S（大きく上回る）',
      // the projection follows the days gone, not the quarters
      projected: '4.6件',
    });
    expect(html).toContain('data-in-year-count="S"');
    // the CHECK offers the same grades to choose
    const project = await (await admin.get('/plan/projects/industry-academia?fy=2026')).text();
    expect(project).toContain('<option value="S"');
  });

  it('speaks English on the same figures', async () => {
    const html = await (await admin.get('/?lang=en')).text();
    expect(html).toContain('As of 25 Nov 2026');
    expect(html).toContain('By quarter: 2 of 4 quarters completed (50% of the annual target)');
    expect(html).toContain('S (Well ahead)');
  });
});
