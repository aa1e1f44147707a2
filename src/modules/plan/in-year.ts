import type { PlanFile } from './plan-file';
import { achievementPercent, type Direction, statusLabels } from './progress';

/**
 * In-year judging (期中の進捗): during a fiscal year, each actual is compared with the part of the
 * annual target that today's date stands for, graded on the plan's scale, and projected to 31 March
 * (decision 033). Everything here is pure: the date comes in, nothing reads a clock.
 */

/** pro-rata: by the days of the fiscal year gone; quarterly: by the quarters completed (Q1 = April–June). */
export type JudgingMode = 'pro-rata' | 'quarterly';
export const judgingModes = ['pro-rata', 'quarterly'] as const;

/**
 * How a figure grows within a fiscal year:
 * - count: a yearly count from zero each April (参加者数, 相談者数, 開催数): pro-rated, projected linearly;
 * - level: a level or rate standing at any day (店舗数, 会員数, 加入率): moves from where the year
 *   started towards the target, and its year-end projection is the level as it stands;
 * - cumulative: a running total over many years (開設以降の累計): the year's increase is a count;
 * - once: a figure that comes at one point of the year (an edition printed, a census): not pro-rated,
 *   judged at the year's end unless it already meets the target.
 */
export type Accrual = 'count' | 'level' | 'cumulative' | 'once';
export const accruals = ['count', 'level', 'cumulative', 'once'] as const;

/** One step of the grade scale: a percent of the expected figure at or above `minPercent` earns it. */
export interface GradeStep {
  code: string;
  label: string;
  labelEn?: string | undefined;
  minPercent: number;
}

/**
 * The plan's grades when each names its threshold, best first; otherwise 達成 / 概ね達成 / 未達 at the
 * plan's `achievedPercent` and `nearlyAchievedPercent`, as the yearly status has always been judged.
 */
export function gradeScaleOf(evaluation: PlanFile['evaluation']): GradeStep[] {
  const grades = evaluation.grades;
  if (grades.length > 0 && grades.every((g) => g.minPercent !== undefined)) {
    return grades
      .map((g) => ({ code: g.code, label: g.label, labelEn: g.labelEn, minPercent: g.minPercent ?? 0 }))
      .sort((a, b) => b.minPercent - a.minPercent);
  }
  return [
    {
      code: 'achieved',
      label: statusLabels.achieved.ja,
      labelEn: statusLabels.achieved.en,
      minPercent: evaluation.achievedPercent,
    },
    {
      code: 'nearly',
      label: statusLabels.nearly.ja,
      labelEn: statusLabels.nearly.en,
      minPercent: evaluation.nearlyAchievedPercent,
    },
    { code: 'missed', label: statusLabels.missed.ja, labelEn: statusLabels.missed.en, minPercent: 0 },
  ];
}

/** Whether a grade is one of 達成 / 概ね達成 / 未達 that stand in when the plan's grades name no thresholds. */
export function isDefaultGrade(grade: GradeStep): boolean {
  return ['achieved', 'nearly', 'missed'].includes(grade.code);
}

/** The grade a percent earns: the first step it reaches, or the last one. */
export function gradeOf(percent: number, scale: readonly GradeStep[]): GradeStep | null {
  return scale.find((step) => percent >= step.minPercent) ?? scale.at(-1) ?? null;
}

export interface YearElapsed {
  /** yyyy-mm-dd: the date the year is judged at, read as at its end */
  date: string;
  fiscalYear: number;
  /** days of the fiscal year up to and including the date: 1 on 1 April, 0 before the year */
  days: number;
  /** 365, or 366 when the year holds a 29 February */
  daysInYear: number;
  /** days ÷ daysInYear, from 0 to 1 */
  dayFraction: number;
  /** quarters whose last day (30 June, 30 September, 31 December, 31 March) is on or before the date */
  quartersCompleted: number;
  /** the part of the annual target expected by the date: dayFraction, or quartersCompleted ÷ 4 */
  judgedFraction: number;
  mode: JudgingMode;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date; a date that is not one (2026-02-30) throws. */
function dayNumber(date: string): number {
  const match = isoDate.exec(date);
  if (!match) throw new Error(`"${date}" is not a yyyy-mm-dd date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`"${date}" is not a calendar date`);
  }
  return time / 86_400_000;
}

/** How far a fiscal year (1 April – 31 March) has gone by the end of a date. */
export function elapsedOf(date: string, fiscalYear: number, mode: JudgingMode): YearElapsed {
  const first = dayNumber(`${fiscalYear}-04-01`);
  const last = dayNumber(`${fiscalYear + 1}-03-31`);
  const daysInYear = last - first + 1;
  const today = dayNumber(date);
  const days = Math.min(Math.max(today - first + 1, 0), daysInYear);
  const quarterEnds = [
    `${fiscalYear}-06-30`,
    `${fiscalYear}-09-30`,
    `${fiscalYear}-12-31`,
    `${fiscalYear + 1}-03-31`,
  ];
  const quartersCompleted = quarterEnds.filter((end) => dayNumber(end) <= today).length;
  const dayFraction = days / daysInYear;
  return {
    date,
    fiscalYear,
    days,
    daysInYear,
    dayFraction,
    quartersCompleted,
    judgedFraction: mode === 'quarterly' ? quartersCompleted / 4 : dayFraction,
    mode,
  };
}

/** Before this many days (the whole of April), a count is too young to be projected to the year's end. */
export const projectionFromDay = 31;

export interface InYearSubject {
  /** the annual target (年間目標): the figure to reach, keep or stay under by 31 March */
  target: number | null;
  /** the figure as of the date */
  actual: number | null;
  /**
   * Where the year starts from, for a level or a running total: the previous fiscal year's figure
   * (or the plan's baseline). Not used for yearly counts, which start from zero.
   */
  start: number | null;
  direction: Direction;
  accrual: Accrual;
}

/**
 * judged: graded; not-entered: no actual yet; no-target: nothing to compare with (no target, or a
 * running total without its starting figure); too-early: nothing of a count is expected yet (a
 * quarter not completed); year-end: a once-a-year figure, judged at the year's end.
 */
export type InYearState = 'judged' | 'not-entered' | 'no-target' | 'too-early' | 'year-end';

export interface InYearJudgement {
  state: InYearState;
  /** the figure expected by the date (one decimal), or null when nothing can be expected */
  expected: number | null;
  /** the actual against the expected figure, in percent with one decimal (expected ÷ actual when lower is better) */
  progressPercent: number | null;
  grade: GradeStep | null;
  /** the figure the year is heading for on 31 March (one decimal) */
  projected: number | null;
  elapsed: YearElapsed;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The figure a level or a running total is expected to move from: never beyond the target itself. */
function pathStart(subject: InYearSubject, target: number): number | null {
  if (subject.accrual === 'once') return target;
  // a count kept (維持) is still a count: its yearly figure is pro-rated like any other
  if (subject.accrual === 'count') return 0;
  if (subject.direction === 'keep') return target;
  const start = subject.start ?? (subject.accrual === 'level' ? target : null);
  if (start === null) return null;
  return subject.direction === 'lower' ? Math.max(start, target) : Math.min(start, target);
}

function projectionOf(subject: InYearSubject, elapsed: YearElapsed): number | null {
  const { actual } = subject;
  if (actual === null) return null;
  switch (subject.accrual) {
    case 'level':
      return actual;
    case 'once':
      return null;
    case 'count':
    case 'cumulative': {
      if (elapsed.days < projectionFromDay) return null;
      const from = subject.accrual === 'count' ? 0 : subject.start;
      if (from === null) return null;
      return oneDecimal(from + (actual - from) / elapsed.dayFraction);
    }
  }
}

function meets(actual: number, expected: number, direction: Direction): boolean {
  return direction === 'lower' ? actual <= expected : actual >= expected;
}

/**
 * Judges one project's or KPI's figure at a date of its fiscal year: the figure expected by then,
 * the actual against it, the grade on the plan's scale, and the year-end projection.
 *
 * A count is expected at target × the part of the year gone; a level or a running total on the line
 * from where the year started to the target; a figure kept (維持) or coming once a year at the target
 * itself. A zero expected figure is met or not, nothing in between, as the yearly status judges it.
 */
export function judgeInYear(
  subject: InYearSubject,
  at: { date: string; fiscalYear: number; mode: JudgingMode; scale: readonly GradeStep[] },
): InYearJudgement {
  const elapsed = elapsedOf(at.date, at.fiscalYear, at.mode);
  const projected = projectionOf(subject, elapsed);
  const outcome = (
    state: InYearState,
    expected: number | null = null,
    progressPercent: number | null = null,
    grade: GradeStep | null = null,
  ): InYearJudgement => ({ state, expected, progressPercent, grade, projected, elapsed });

  const { target, actual, direction } = subject;
  if (target === null) return outcome('no-target');
  const start = pathStart(subject, target);
  if (start === null) return outcome('no-target');
  const fraction = elapsed.judgedFraction;
  const expected = oneDecimal(start + (target - start) * fraction);
  if (actual === null) return outcome('not-entered', expected);
  const growsFromStart = subject.accrual === 'count' || subject.accrual === 'cumulative';
  if (growsFromStart && fraction === 0) return outcome('too-early', expected);

  const percent = achievementPercent(expected, actual, direction);
  const met = meets(actual, expected, direction);
  if (subject.accrual === 'once' && !met && fraction < 1) return outcome('year-end', expected, percent);
  const grade = percent === null ? (met ? at.scale[0] : at.scale.at(-1)) : gradeOf(percent, at.scale);
  return outcome('judged', expected, percent, grade ?? null);
}

/** The fiscal year a calendar date (yyyy-mm-dd, Japan) falls in: April–March, named by its April. */
export function fiscalYearOn(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}
