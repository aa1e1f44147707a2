import type { PlanFile } from './plan-file';

/** 達成 / 概ね達成 / 未達 / 未入力 */
export type ProgressStatus = 'achieved' | 'nearly' | 'missed' | 'none';

/**
 * higher: more is better; lower: less is better (e.g. 空き店舗率); keep (維持): the figure is held at
 * its baseline, achieved when it is not below it, so it is reckoned as "higher" against the baseline.
 */
export type Direction = 'higher' | 'lower' | 'keep';
export const directions = ['higher', 'lower', 'keep'] as const;

/**
 * 達成率 in percent, one decimal: actual ÷ target for "higher" and "keep", target ÷ actual for "lower".
 * null when there is no actual yet, or when the target is zero and a ratio means nothing.
 */
export function achievementPercent(
  target: number,
  actual: number | null,
  direction: Direction,
): number | null {
  if (actual === null) return null;
  const ratio =
    direction === 'lower' ? (actual === 0 ? null : target / actual) : target === 0 ? null : actual / target;
  if (ratio === null) return null;
  return Math.round(ratio * 1000) / 10;
}

export function statusOf(
  target: number,
  actual: number | null,
  direction: Direction,
  evaluation: PlanFile['evaluation'],
): ProgressStatus {
  if (actual === null) return 'none';
  const percent = achievementPercent(target, actual, direction);
  if (percent === null) {
    // a zero target or a zero actual of a lower-is-better figure: met or not, nothing in between
    return (direction === 'lower' ? actual <= target : actual >= target) ? 'achieved' : 'missed';
  }
  if (percent >= evaluation.achievedPercent) return 'achieved';
  if (percent >= evaluation.nearlyAchievedPercent) return 'nearly';
  return 'missed';
}

export const statusLabels: Record<ProgressStatus, { ja: string; en: string }> = {
  achieved: { ja: '達成', en: 'Achieved' },
  nearly: { ja: '概ね達成', en: 'Nearly achieved' },
  missed: { ja: '未達', en: 'Not achieved' },
  none: { ja: '未入力', en: 'Not entered' },
};
