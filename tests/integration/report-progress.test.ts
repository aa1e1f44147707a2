import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { startTestTsunagu, TestClient, type TestInstance } from '../support/harness';

interface ProgressJson {
  fiscalYear: number;
  projects: {
    code: string;
    title: string;
    target: number | null;
    actual: number | null;
    achievementPercent: number | null;
    status: string;
  }[];
  kpis: {
    code: string;
    title: string;
    baseline: number;
    targetKind: string;
    target: number | null;
    actual: number | null;
    achievementPercent: number | null;
    status: string;
  }[];
}

const figure = (value: ExcelJS.CellValue) => (value === '—' ? null : value);

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

function sheetAt(workbook: ExcelJS.Workbook, index: number): ExcelJS.Worksheet {
  const sheet = workbook.worksheets[index];
  if (!sheet) throw new Error(`the workbook has no sheet ${index}`);
  return sheet;
}

/** The rows of a sheet by the first line of their first cell (a project's or KPI's title). */
function rowsByTitle(sheet: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((row) => {
    const first = row.getCell(1);
    if (first.master !== first) return;
    rows.set(String(first.value ?? '').split('\n')[0] ?? '', row);
  });
  return rows;
}

/** The figures the page shows for each project or KPI, from the data-value of each figure cell. */
function pageFigures(html: string, kind: 'project' | 'kpi'): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  for (const [, code, cells] of html.matchAll(new RegExp(`<tr data-${kind}="([^"]+)">(.*?)</tr>`, 'gs'))) {
    const fields: Record<string, string> = {};
    for (const [, field, value] of (cells ?? '').matchAll(/data-field="([^"]+)" data-value="([^"]*)"/g)) {
      fields[field as string] = value as string;
    }
    rows.set(code as string, fields);
  }
  return rows;
}

const asText = (value: number | null) => (value === null ? '' : String(value));

describe.each(testDatabaseKinds())('the progress report (進捗状況報告書) on %s', (kind) => {
  let t: TestInstance;
  let admin: TestClient;
  // the plan's last year: the demo data leaves it empty, so what is in it is what this test entered
  const fy = 2026;
  const asOf = [todayInJapan(), `${fy + 1}-03-31`].sort()[0] as string;

  beforeAll(async () => {
    t = await startTestTsunagu(kind, { planFiles: [handFiguresPlanFile] });
    admin = await new TestClient(t.app).logInAs('admin');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('says that nothing has been entered yet for a year without actuals or evaluations', async () => {
    const response = await admin.get(`/plan/report?fy=${fy}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-empty-state');
    expect(html).toContain('令和8年度の実績・評価はまだ入力されていません。');
    expect(html).toContain(`href="/plan/actuals?fy=${fy}"`);
    expect(html).toContain('<span data-status-count="none">14</span>');
  });

  describe('after an actual, an evaluation and an improvement are entered', () => {
    beforeAll(async () => {
      const actual = (subjectKind: string, subjectCode: string, value: number) =>
        admin.postJson('/api/v1/plan/actuals', {
          subjectKind,
          subjectCode,
          fiscalYear: fy,
          value,
          asOf,
          source: '事業実績報告（テスト）',
        });
      expect((await actual('project', 'runocard', 92)).status).toBe(201);
      expect((await actual('project', 'area-map', 29500.5)).status).toBe(201);
      expect((await actual('kpi', 'shotenkai-members', 340)).status).toBe(201);
      const review = await admin.postForm('/plan/projects/runocard/review', {
        fiscalYear: String(fy),
        version: '0',
        grade: 'B',
        departmentComment: '相談者は増加したが目標に届かなかった。',
      });
      expect(review.status).toBe(303);
      // the committee writes its own opinion (decision 033)
      const committee = await new TestClient(t.app).logInAs('committee');
      const opinion = await committee.postForm('/plan/projects/runocard/committee-opinion', {
        fiscalYear: String(fy),
        version: '0',
        opinion: '周知方法の見直しを求める。',
      });
      expect(opinion.status).toBe(303);
      const action = await admin.postForm('/plan/projects/runocard/actions', {
        fiscalYear: String(fy),
        description: '商工会報とSNSで周知する',
        ownerOrganisation: 'shokokai',
        dueDate: `${fy + 1}-03-31`,
        idempotencyKey: randomUUID(),
      });
      expect(action.status).toBe(303);
    });

    it.each([2025, fy])(
      'the workbook of FY%i has, for every project and KPI, the figures of GET /api/v1/plan/progress',
      async (year) => {
        const api = (await (await admin.get(`/api/v1/plan/progress?fy=${year}`)).json()) as ProgressJson;
        const response = await admin.get(`/plan/report.xlsx?fy=${year}`);
        expect(response.status).toBe(200);
        const workbook = await workbookOf(response);

        const projects = rowsByTitle(sheetAt(workbook, 0));
        expect(api.projects).toHaveLength(14);
        for (const project of api.projects) {
          const row = projects.get(project.title);
          expect(row, project.title).toBeDefined();
          expect(
            [row?.getCell(3).value, row?.getCell(4).value, row?.getCell(5).value].map(figure),
            project.title,
          ).toEqual([project.target, project.actual, project.achievementPercent]);
        }

        const kpis = rowsByTitle(sheetAt(workbook, 1));
        for (const kpi of api.kpis) {
          const row = kpis.get(kpi.title);
          expect(row, kpi.title).toBeDefined();
          expect(figure(row?.getCell(3).value ?? null)).toBe(kpi.baseline);
          expect(figure(row?.getCell(4).value ?? null)).toBe(kpi.targetKind === 'keep' ? '維持' : kpi.target);
          expect([row?.getCell(5).value, row?.getCell(6).value].map(figure), kpi.title).toEqual([
            kpi.actual,
            kpi.achievementPercent,
          ]);
        }
      },
    );

    it.each([2025, fy])('the page of FY%i shows the same figures as the API', async (year) => {
      const api = (await (await admin.get(`/api/v1/plan/progress?fy=${year}`)).json()) as ProgressJson;
      const response = await admin.get(`/plan/report?fy=${year}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const projects = pageFigures(html, 'project');
      expect(projects.size).toBe(api.projects.length);
      for (const p of api.projects) {
        expect(projects.get(p.code), p.code).toMatchObject({
          target: asText(p.target),
          actual: asText(p.actual),
          achievement: asText(p.achievementPercent),
          status: p.status,
        });
      }
      const kpis = pageFigures(html, 'kpi');
      for (const k of api.kpis) {
        expect(kpis.get(k.code), k.code).toMatchObject({
          baseline: String(k.baseline),
          actual: asText(k.actual),
          achievement: asText(k.achievementPercent),
          status: k.status,
        });
      }
      const count = (status: string) => api.projects.filter((p) => p.status === status).length;
      for (const status of ['achieved', 'nearly', 'missed', 'none']) {
        expect(html).toContain(`<span data-status-count="${status}">${count(status)}</span>`);
      }
      expect(html).not.toContain('data-empty-state');
    });

    it("shows the evaluation, the department's comment, the committee's opinion and the improvement on the page and in the workbook", async () => {
      const html = await (await admin.get(`/plan/report?fy=${fy}`)).text();
      const row = html.match(/<tr data-project="runocard">(.*?)<\/tr>/s)?.[1] ?? '';
      expect(row).toContain('B（概ね順調）');
      expect(row).toContain('相談者は増加したが目標に届かなかった。');
      expect(row).toContain('周知方法の見直しを求める。');
      expect(row).toContain('商工会報とSNSで周知する');
      expect(row).toContain('担当：あきる野商工会／期限：令和9年3月31日／未着手');
      expect(row).toContain('>80%<');

      const sheet = sheetAt(await workbookOf(await admin.get(`/plan/report.xlsx?fy=${fy}`)), 0);
      const cells = rowsByTitle(sheet).get('るのかーど普及事業');
      expect([6, 7, 8, 9, 10].map((c) => cells?.getCell(c).value)).toEqual([
        '概ね達成',
        'B（概ね順調）',
        '相談者は増加したが目標に届かなかった。',
        '周知方法の見直しを求める。',
        '・商工会報とSNSで周知する\n　担当：あきる野商工会／期限：令和9年3月31日／未着手',
      ]);
    });
  });

  it('is downloaded as 進捗状況報告書_令和8年度.xlsx, with an ASCII fallback name', async () => {
    const response = await admin.get(`/plan/report.xlsx?fy=${fy}`);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="progress-report_FY2026.xlsx"; filename*=UTF-8''${encodeURIComponent('進捗状況報告書_令和8年度.xlsx')}`,
    );
    const workbook = await workbookOf(response);
    expect(sheetAt(workbook, 0).getCell('A2').value).toBe('令和8年度（2026年度）　実施事業');
  });

  it('is in English, headers and file name, when the UI language is English', async () => {
    const client = await new TestClient(t.app).logInAs('shokokai');
    const response = await client.get(`/plan/report.xlsx?fy=${fy}&lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''progress-report_FY2026.xlsx",
    );
    const sheet = sheetAt(await workbookOf(response), 0);
    expect(sheet.name).toBe('Projects');
    expect([3, 4, 5].map((c) => sheet.getCell(6, c).value)).toEqual(['Target', 'Actual', 'Achievement']);
    const html = await (await client.get(`/plan/report?fy=${fy}`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Progress report');
  });

  it('is for the organisations that follow progress: staff and 商店会 may read it', async () => {
    for (const who of ['shokokai', 'bista', 'shotenkai']) {
      const client = await new TestClient(t.app).logInAs(who);
      expect((await client.get(`/plan/report?fy=${fy}`)).status, who).toBe(200);
      expect((await client.get(`/plan/report.xlsx?fy=${fy}`)).status, who).toBe(200);
    }
  });

  it('asks a visitor to log in (401) and refuses a resident (403)', async () => {
    const visitor = new TestClient(t.app);
    const resident = await new TestClient(t.app).logInAs('resident');
    for (const path of [`/plan/report?fy=${fy}`, `/plan/report.xlsx?fy=${fy}`, '/plan/report']) {
      expect((await visitor.get(path)).status, path).toBe(401);
      expect((await resident.get(path)).status, path).toBe(403);
    }
    const page = await visitor.get('/plan/report');
    expect(await page.text()).toContain('この操作にはログインが必要です。');
  });

  it('refuses a fiscal year outside the plan or not written as four digits (422)', async () => {
    for (const query of ['fy=1999', 'fy=2027', 'fy=R8', 'fy=20266']) {
      expect((await admin.get(`/plan/report?${query}`)).status, query).toBe(422);
      expect((await admin.get(`/plan/report.xlsx?${query}`)).status, query).toBe(422);
    }
    const page = await (await admin.get('/plan/report?fy=1999')).text();
    expect(page).toContain('1999年度はこの計画の対象外です。');
  });

  it('shows the current plan year when no year is given, and the baseline year with a note', async () => {
    const current = await (await admin.get('/plan/report')).text();
    expect(current).toMatch(/<h1 id="report-title">進捗状況報告書<span class="report-year">令和\d+年度/);
    const baseline = await (await admin.get('/plan/report?fy=2020')).text();
    expect(baseline).toContain('基準年は計画策定時の実績です。');
  });

  it('loads a print stylesheet of its own, for A4 landscape, under the Content-Security-Policy', async () => {
    const html = await (await admin.get(`/plan/report?fy=${fy}`)).text();
    expect(html).toContain('<link rel="stylesheet" href="/static/report.css"/>');
    expect(html).not.toMatch(/<style|style="/);
    const css = await admin.get('/static/report.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toMatch(/@page\s*\{\s*size:\s*A4 landscape/);
    expect(html).toContain('ブラウザの印刷機能');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await admin.get('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { get?: { description: string } }>;
    };
    expect(doc.paths['/plan/report']?.get?.description).toContain('plan.progress.read');
    expect(doc.paths['/plan/report.xlsx']?.get?.description).toContain('plan.progress.read');
  });
});
