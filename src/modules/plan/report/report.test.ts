import { describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../../../../tests/support/hand-figures-plan';
import { buildPlan } from '../plan';
import { readPlanFile } from '../plan-file';
import {
  actionFacts,
  buildProgressReport,
  gradeText,
  measureHeading,
  type ProgressReport,
  type ReportProjectRow,
  type ReportSources,
  summaryText,
} from './report';
import { progressOf } from './report.fixture';

const plan = buildPlan(await readPlanFile(handFiguresPlanFile));

function sources(overrides: Partial<ReportSources> = {}): ReportSources {
  return {
    plan,
    progress: progressOf(plan, 2025, {
      'succession-seminar': 52,
      'succession-consultation': 22,
      'management-seminar': 20,
      'bista-startups': 130,
    }),
    reviews: [],
    actions: [],
    today: '2026-11-25',
    ...overrides,
  };
}

function rowOf(report: ProgressReport, code: string): ReportProjectRow {
  const row = report.directions
    .flatMap((d) => d.measures.flatMap((m) => m.projects))
    .find((p) => p.code === code);
  if (!row) throw new Error(`no row for ${code}`);
  return row;
}

const review = (projectCode: string, fiscalYear: number, grade: string | null, comment = '') => ({
  projectCode,
  fiscalYear,
  grade,
  departmentComment: comment,
});

describe('the progress report', () => {
  it('lists every project under its direction and measure, in the order of the plan', () => {
    const report = buildProgressReport(sources());
    expect(report.directions.map((d) => d.code)).toEqual(['1', '2', '3']);
    expect(report.directions.flatMap((d) => d.measures.map((m) => [m.code, m.priority]))).toEqual([
      ['1-1', true],
      ['1-2', false],
      ['1-3', false],
      ['2-1', true],
      ['2-2', false],
      ['3-1', true],
      ['3-2', false],
    ]);
    const rows = report.directions.flatMap((d) => d.measures.flatMap((m) => m.projects));
    expect(rows.map((r) => r.code)).toEqual(plan.projects.map((p) => p.code));
    expect(measureHeading('ja', report.directions[0]?.measures[0] ?? expect.fail('no measure'))).toBe(
      '1-1 事業承継の促進【重点施策】',
    );
  });

  it('shows each project with the same target, actual, achievement and status as the measured year', () => {
    const report = buildProgressReport(sources());
    const seminar = rowOf(report, 'succession-seminar');
    expect(seminar).toMatchObject({
      code: 'succession-seminar',
      indicator: '参加者数',
      unit: '人',
      target: 45,
      actual: 52,
      achievementPercent: 115.6,
      status: 'achieved',
    });
    const management = rowOf(report, 'management-seminar');
    expect(management).toMatchObject({ code: 'management-seminar', isNew: true, achievementPercent: 66.7 });
    expect(management.status).toBe('missed');
    const loans = rowOf(report, 'business-loans');
    expect(loans).toMatchObject({ actual: null, achievementPercent: null, status: 'none' });
  });

  it("takes the year's evaluation with its grade label and the year's improvements with the owner's name", () => {
    const report = buildProgressReport(
      sources({
        reviews: [
          review('succession-seminar', 2025, 'B', '参加者は増えた'),
          review('succession-seminar', 2024, 'D', '前年度のコメント'),
        ],
        opinions: [
          { projectCode: 'succession-seminar', fiscalYear: 2025, opinion: '周知を強化' },
          { projectCode: 'succession-seminar', fiscalYear: 2024, opinion: '前年度の意見' },
        ],
        actions: [
          {
            id: 2,
            projectCode: 'succession-seminar',
            fiscalYear: 2025,
            description: '商工会報で周知する',
            ownerOrganisation: 'shokokai',
            dueDate: '2026-03-31',
            status: 'in-progress',
          },
          {
            id: 1,
            projectCode: 'succession-seminar',
            fiscalYear: 2025,
            description: '開催回数を増やす',
            ownerOrganisation: 'bista',
            dueDate: null,
            status: 'done',
          },
          {
            id: 3,
            projectCode: 'succession-seminar',
            fiscalYear: 2024,
            description: '前年度の改善',
            ownerOrganisation: 'city',
            dueDate: null,
            status: 'done',
          },
        ],
      }),
    );
    const seminar = rowOf(report, 'succession-seminar');
    expect(seminar.grade).toEqual({ code: 'B', label: '概ね順調', labelEn: 'Mostly on track' });
    expect(gradeText('ja', seminar.grade)).toBe('B（概ね順調）');
    expect(gradeText('en', seminar.grade)).toBe('B (Mostly on track)');
    expect(seminar.departmentComment).toBe('参加者は増えた');
    // the committee's opinion is its own record, beside the department's comment
    expect(seminar.committeeOpinion).toBe('周知を強化');
    expect(seminar.actions.map((a) => [a.description, a.owner.name, a.dueDate, a.status])).toEqual([
      ['開催回数を増やす', 'Bi@Sta', null, 'done'],
      ['商工会報で周知する', 'あきる野商工会', '2026-03-31', 'in-progress'],
    ]);
    expect(actionFacts('ja', seminar.actions[1] ?? expect.fail('no action'))).toBe(
      '担当：あきる野商工会／期限：令和8年3月31日／対応中',
    );
    expect(actionFacts('en', seminar.actions[0] ?? expect.fail('no action'))).toBe(
      'Owner: Bi@Sta (start-up support centre) / Due: — / Done',
    );
    expect(rowOf(report, 'succession-consultation').grade).toBeNull();
  });

  it('counts the projects and KPIs by status', () => {
    const report = buildProgressReport(sources());
    expect(report.summary.projects).toEqual({ achieved: 1, nearly: 1, missed: 1, none: 11 });
    expect(report.summary.kpis).toEqual({ achieved: 0, nearly: 1, missed: 0, none: 3 });
    expect(summaryText('ja', report.summary.projects)).toBe('達成 1・概ね達成 1・未達 1・未入力 11');
  });

  it('gives each KPI its baseline with the baseline year, and 維持 as the baseline itself', () => {
    const report = buildProgressReport(sources());
    expect(
      report.kpis.map((k) => [k.code, k.baseline.value, k.baseline.fiscalYear, k.targetKind, k.target]),
    ).toEqual([
      ['employees', 21510, 2020, 'keep', 21510],
      ['shotenkai-members', 330, 2020, 'keep', 330],
      ['shokokai-membership-rate', 62, 2020, 'keep', 62],
      ['bista-startups', 69, 2020, 'value', 150],
    ]);
    expect(report.kpis.every((k) => k.targetYear === 2026)).toBe(true);
    expect(report.kpis[3]).toMatchObject({
      actual: 130,
      achievementPercent: 86.7,
      status: 'nearly',
      cumulative: true,
    });
  });

  it('is empty until an actual, an evaluation, a comment or an improvement is entered', () => {
    const nothing = sources({ progress: progressOf(plan, 2026, {}) });
    expect(buildProgressReport(nothing).hasEntries).toBe(false);
    expect(
      buildProgressReport({ ...nothing, reviews: [review('marche', 2026, null, '準備中')] }).hasEntries,
    ).toBe(true);
    expect(buildProgressReport({ ...nothing, reviews: [review('marche', 2025, 'A')] }).hasEntries).toBe(
      false,
    );
    expect(
      buildProgressReport({ ...nothing, progress: progressOf(plan, 2026, { employees: 21000 }) }).hasEntries,
    ).toBe(true);
    expect(buildProgressReport(sources()).hasEntries).toBe(true);
  });

  it("does not count the plan's own baseline figures as entries of the baseline year", () => {
    const report = buildProgressReport(
      sources({ progress: progressOf(plan, 2020, { employees: 21510, 'bista-startups': 69 }) }),
    );
    expect(report.isBaselineYear).toBe(true);
    expect(report.hasEntries).toBe(false);
    expect(rowOf(report, 'succession-seminar').target).toBeNull();
  });

  it('carries the plan title, the fiscal year and the date it was made', () => {
    const report = buildProgressReport(sources());
    expect(report.plan).toMatchObject({ id: 'akiruno-shoko-r5-r8', title: 'あきる野市商工業振興プラン' });
    expect(report.fiscalYear).toBe(2025);
    expect(report.createdOn).toBe('2026-11-25');
  });
});
