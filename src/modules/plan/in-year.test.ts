import { describe, expect, it } from 'vitest';
import {
  elapsedOf,
  type GradeStep,
  gradeScaleOf,
  type InYearSubject,
  type JudgingMode,
  judgeInYear,
} from './in-year';

// The date is an argument: every case below pins its own day, whatever the machine's clock says.
const defaultScale = gradeScaleOf({
  achievedPercent: 100,
  nearlyAchievedPercent: 80,
  grades: [{ code: 'A', label: '順調' }],
  inYear: { mode: 'pro-rata' },
});
const sabc = gradeScaleOf({
  achievedPercent: 100,
  nearlyAchievedPercent: 80,
  grades: [
    { code: 'S', label: '大きく上回る', minPercent: 110 },
    { code: 'A', label: '達成', minPercent: 100 },
    { code: 'B', label: '概ね達成', minPercent: 80 },
    { code: 'C', label: '未達', minPercent: 0 },
  ],
  inYear: { mode: 'pro-rata' },
});

const count = (target: number | null, actual: number | null): InYearSubject => ({
  target,
  actual,
  start: null,
  direction: 'higher',
  accrual: 'count',
});

function judge(
  subject: InYearSubject,
  date: string,
  options: { mode?: JudgingMode; scale?: GradeStep[]; fiscalYear?: number } = {},
) {
  const result = judgeInYear(subject, {
    date,
    fiscalYear: options.fiscalYear ?? 2026,
    mode: options.mode ?? 'pro-rata',
    scale: options.scale ?? defaultScale,
  });
  return {
    state: result.state,
    expected: result.expected,
    percent: result.progressPercent,
    grade: result.grade?.code ?? null,
    projected: result.projected,
  };
}

describe('how far a fiscal year has gone', () => {
  it('counts 1 April as the first of 365 days and 31 March as the last', () => {
    expect(elapsedOf('2026-04-01', 2026, 'pro-rata')).toMatchObject({
      days: 1,
      daysInYear: 365,
      dayFraction: 1 / 365,
      quartersCompleted: 0,
    });
    expect(elapsedOf('2027-03-31', 2026, 'pro-rata')).toMatchObject({
      days: 365,
      dayFraction: 1,
      quartersCompleted: 4,
      judgedFraction: 1,
    });
  });

  it('is on day 239 of 365 on 25 November 2026, two quarters completed', () => {
    expect(elapsedOf('2026-11-25', 2026, 'pro-rata')).toMatchObject({
      days: 239,
      judgedFraction: 239 / 365,
      quartersCompleted: 2,
    });
    expect(elapsedOf('2026-11-25', 2026, 'quarterly').judgedFraction).toBe(0.5);
  });

  it('has 366 days in a year that holds 29 February', () => {
    expect(elapsedOf('2024-02-29', 2023, 'pro-rata')).toMatchObject({ days: 335, daysInYear: 366 });
    expect(elapsedOf('2024-03-31', 2023, 'pro-rata')).toMatchObject({ days: 366, dayFraction: 1 });
    expect(elapsedOf('2028-02-29', 2027, 'pro-rata').daysInYear).toBe(366);
    expect(elapsedOf('2027-02-28', 2026, 'pro-rata').daysInYear).toBe(365);
  });

  it('completes a quarter at the end of its last day', () => {
    const quarters = (date: string) => elapsedOf(date, 2026, 'quarterly').quartersCompleted;
    expect(quarters('2026-06-29')).toBe(0);
    expect(quarters('2026-06-30')).toBe(1);
    expect(quarters('2026-07-01')).toBe(1);
    expect(quarters('2026-09-30')).toBe(2);
    expect(quarters('2026-12-31')).toBe(3);
    expect(quarters('2027-01-01')).toBe(3);
    expect(quarters('2027-03-31')).toBe(4);
  });

  it('has not begun before 1 April and is whole after 31 March', () => {
    expect(elapsedOf('2026-03-31', 2026, 'pro-rata')).toMatchObject({ days: 0, judgedFraction: 0 });
    expect(elapsedOf('2027-04-01', 2026, 'quarterly')).toMatchObject({ days: 365, judgedFraction: 1 });
  });

  it('refuses a day that is not in the calendar', () => {
    expect(() => elapsedOf('2027-02-29', 2026, 'pro-rata')).toThrow();
    expect(() => elapsedOf('25/11/2026', 2026, 'pro-rata')).toThrow();
  });
});

describe('in-year judging of a yearly count (参加者数)', () => {
  it('expects 239/365 of the target on 25 November 2026 and projects the pace to 31 March', () => {
    // 事業承継セミナー: 65 people in 令和8年度, 30 so far
    expect(judge(count(65, 30), '2026-11-25')).toEqual({
      state: 'judged',
      expected: 42.6,
      percent: 70.4,
      grade: 'missed',
      projected: 45.8,
    });
    expect(judge(count(65, 40), '2026-11-25')).toMatchObject({ percent: 93.9, grade: 'nearly' });
    expect(judge(count(65, 43), '2026-11-25')).toMatchObject({ percent: 100.9, grade: 'achieved' });
  });

  it('expects a day of the target on 1 April and projects nothing from a single day', () => {
    expect(judge(count(65, 0), '2026-04-01')).toEqual({
      state: 'judged',
      expected: 0.2,
      percent: 0,
      grade: 'missed',
      projected: null,
    });
    // the pace is projected from 1 May, once April is over
    expect(judge(count(65, 3), '2026-04-30').projected).toBeNull();
    expect(judge(count(65, 3), '2026-05-01').projected).toBe(35.3);
  });

  it('expects the whole target on 31 March, when the projection is the actual', () => {
    expect(judge(count(65, 60), '2027-03-31')).toEqual({
      state: 'judged',
      expected: 65,
      percent: 92.3,
      grade: 'nearly',
      projected: 60,
    });
  });

  it('judges nothing of a count before the first quarter is completed, when judged by quarter', () => {
    expect(judge(count(65, 10), '2026-06-29', { mode: 'quarterly' })).toMatchObject({
      state: 'too-early',
      expected: 0,
      grade: null,
    });
    expect(judge(count(65, 10), '2026-06-30', { mode: 'quarterly' })).toMatchObject({
      state: 'judged',
      expected: 16.3,
      percent: 61.3,
    });
    // on 25 November two quarters are completed: half the target, whatever October and November held
    expect(judge(count(65, 30), '2026-11-25', { mode: 'quarterly' })).toMatchObject({
      expected: 32.5,
      percent: 92.3,
      grade: 'nearly',
      // the projection still follows the days gone
      projected: 45.8,
    });
  });

  it('counts 29 February in a leap year', () => {
    // 令和5年度 has 366 days; 29 February 2024 is its 335th
    expect(judge(count(366, 335), '2024-02-29', { fiscalYear: 2023 })).toMatchObject({
      expected: 335,
      percent: 100,
      grade: 'achieved',
      projected: 366,
    });
  });

  it('meets a zero target or not, nothing in between', () => {
    expect(judge(count(0, 0), '2026-11-25')).toMatchObject({
      expected: 0,
      percent: null,
      grade: 'achieved',
    });
    const accidents = { ...count(0, 1), direction: 'lower' as const };
    expect(judge(accidents, '2026-11-25')).toMatchObject({ expected: 0, grade: 'missed' });
  });

  it('judges a count where less is better by expected ÷ actual', () => {
    // at most 10 complaints a year; 6 by the end of September
    const complaints = { ...count(10, 6), direction: 'lower' as const };
    expect(judge(complaints, '2026-09-30', { mode: 'quarterly' })).toEqual({
      state: 'judged',
      expected: 5,
      percent: 83.3,
      grade: 'nearly',
      projected: 12,
    });
    expect(judge({ ...complaints, actual: 0 }, '2026-09-30')).toMatchObject({ grade: 'achieved' });
  });

  it('pro-rates a count that is kept (維持) like any count', () => {
    expect(judge({ ...count(20, 12), direction: 'keep' }, '2026-09-30', { mode: 'quarterly' })).toMatchObject(
      {
        expected: 10,
        grade: 'achieved',
      },
    );
  });

  it('waits for an actual, and for a target', () => {
    expect(judge(count(65, null), '2026-11-25')).toEqual({
      state: 'not-entered',
      expected: 42.6,
      percent: null,
      grade: null,
      projected: null,
    });
    expect(judge(count(null, 12), '2026-11-25')).toMatchObject({
      state: 'no-target',
      expected: null,
      grade: null,
      projected: 18.3,
    });
  });
});

describe('in-year judging of a level, a running total and a figure kept', () => {
  const level = (target: number, actual: number | null, start: number | null): InYearSubject => ({
    target,
    actual,
    start,
    direction: 'higher',
    accrual: 'level',
  });

  it('expects a level on the line from where the year started to its target, projected as it stands', () => {
    // るのかーど取扱店舗数: 108 shops at the end of 令和7年度, 115 to reach
    expect(judge(level(115, 110, 108), '2026-11-25')).toEqual({
      state: 'judged',
      expected: 112.6,
      percent: 97.7,
      grade: 'nearly',
      projected: 110,
    });
    expect(judge(level(115, 108, 108), '2026-04-01').expected).toBe(108);
    expect(judge(level(115, 115, 108), '2027-03-31')).toMatchObject({ expected: 115, grade: 'achieved' });
  });

  it('never expects a level beyond its target, and holds the target when the start is unknown', () => {
    expect(judge(level(115, 116, 120), '2026-11-25')).toMatchObject({ expected: 115, grade: 'achieved' });
    expect(judge(level(115, 100, null), '2026-04-01')).toMatchObject({ expected: 115, percent: 87 });
  });

  it('judges a level while a quarter is still running, from where the year started', () => {
    expect(judge(level(115, 108, 108), '2026-05-10', { mode: 'quarterly' })).toMatchObject({
      state: 'judged',
      expected: 108,
      grade: 'achieved',
    });
  });

  it('keeps a figure at its baseline (維持) all year: achieved when not below it', () => {
    // 商店会の会員数: keep 330; the year started at 340
    const members = { ...level(330, 330, 340), direction: 'keep' as const };
    expect(judge(members, '2026-11-25')).toMatchObject({ expected: 330, percent: 100, grade: 'achieved' });
    expect(judge({ ...members, actual: 329 }, '2026-11-25')).toMatchObject({
      percent: 99.7,
      grade: 'nearly',
    });
    expect(judge({ ...members, actual: 250 }, '2026-04-01')).toMatchObject({
      expected: 330,
      grade: 'missed',
    });
  });

  it('brings a rate where less is better down from where it started', () => {
    // 空き店舗率: 12 % at the start of the year, 8 % to reach
    const vacancy = { ...level(8, 10.5, 12), direction: 'lower' as const };
    expect(judge(vacancy, '2026-09-30', { mode: 'quarterly' })).toEqual({
      state: 'judged',
      expected: 10,
      percent: 95.2,
      grade: 'nearly',
      projected: 10.5,
    });
    expect(judge({ ...vacancy, start: 6 }, '2026-09-30').expected).toBe(8);
  });

  it("projects a running total's increase of the year, and cannot judge it without where it started", () => {
    // Bi@Sta 利用者の創業件数 (開設以降の累計): 120 at the end of 令和7年度, 150 to reach
    const startups: InYearSubject = {
      target: 150,
      actual: 135,
      start: 120,
      direction: 'higher',
      accrual: 'cumulative',
    };
    expect(judge(startups, '2026-11-25')).toEqual({
      state: 'judged',
      expected: 139.6,
      percent: 96.7,
      grade: 'nearly',
      projected: 142.9,
    });
    expect(judge(startups, '2026-06-30', { mode: 'quarterly' })).toMatchObject({ expected: 127.5 });
    expect(judge({ ...startups, start: null }, '2026-11-25')).toMatchObject({
      state: 'no-target',
      expected: null,
      projected: null,
    });
  });

  it('leaves a once-a-year figure to the year-end unless it already meets the target', () => {
    // 地域マップの発行部数: one edition a year
    const map: InYearSubject = {
      target: 30000,
      actual: 0,
      start: null,
      direction: 'higher',
      accrual: 'once',
    };
    expect(judge(map, '2026-11-25')).toEqual({
      state: 'year-end',
      expected: 30000,
      percent: 0,
      grade: null,
      projected: null,
    });
    expect(judge({ ...map, actual: 30000 }, '2026-07-01')).toMatchObject({
      state: 'judged',
      grade: 'achieved',
    });
    expect(judge(map, '2027-03-31')).toMatchObject({ state: 'judged', grade: 'missed' });
  });
});

describe('the grade scale', () => {
  it('is 達成 / 概ね達成 / 未達 at the plan percents when the grades name no thresholds', () => {
    expect(defaultScale.map((g) => [g.code, g.label, g.minPercent])).toEqual([
      ['achieved', '達成', 100],
      ['nearly', '概ね達成', 80],
      ['missed', '未達', 0],
    ]);
  });

  it("is the plan's own grades with their thresholds, S/A/B/C or A/B/C/D", () => {
    expect(judge(count(65, 50), '2026-11-25', { scale: sabc })).toMatchObject({ percent: 117.4, grade: 'S' });
    expect(judge(count(65, 43), '2026-11-25', { scale: sabc })).toMatchObject({ grade: 'A' });
    expect(judge(count(65, 35), '2026-11-25', { scale: sabc })).toMatchObject({ percent: 82.2, grade: 'B' });
    expect(judge(count(65, 0), '2026-11-25', { scale: sabc })).toMatchObject({ grade: 'C' });
    expect(judge(count(0, 0), '2026-11-25', { scale: sabc }).grade).toBe('S');
  });
});
