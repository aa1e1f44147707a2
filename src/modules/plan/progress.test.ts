import { describe, expect, it } from 'vitest';
import { achievementPercent, statusOf } from './progress';

const evaluation = {
  achievedPercent: 100,
  nearlyAchievedPercent: 80,
  grades: [{ code: 'A', label: 'A' }],
  inYear: { mode: 'pro-rata' as const },
};

describe('achievement', () => {
  it('is actual ÷ target with one decimal when more is better', () => {
    expect(achievementPercent(65, 52, 'higher')).toBe(80);
    expect(achievementPercent(33, 10, 'higher')).toBe(30.3);
  });

  it('is target ÷ actual when less is better', () => {
    expect(achievementPercent(8, 10, 'lower')).toBe(80);
  });

  it('is unknown without an actual', () => {
    expect(achievementPercent(65, null, 'higher')).toBeNull();
  });
});

describe('status', () => {
  it('is 達成 at 100 %, 概ね達成 from 80 %, 未達 below, 未入力 without an actual', () => {
    expect(statusOf(65, 65, 'higher', evaluation)).toBe('achieved');
    expect(statusOf(65, 52, 'higher', evaluation)).toBe('nearly');
    expect(statusOf(65, 51, 'higher', evaluation)).toBe('missed');
    expect(statusOf(65, null, 'higher', evaluation)).toBe('none');
  });

  it('follows the thresholds of the plan', () => {
    expect(statusOf(10, 9.5, 'higher', { ...evaluation, achievedPercent: 95 })).toBe('achieved');
  });

  it('treats a zero target as met or not met', () => {
    expect(statusOf(0, 0, 'higher', evaluation)).toBe('achieved');
    expect(statusOf(0, 0, 'lower', evaluation)).toBe('achieved');
    expect(statusOf(0, 1, 'lower', evaluation)).toBe('missed');
  });
});
