import { describe, expect, it } from 'vitest';
import { assessCertifiedSupport, oneMonthAfter, type SupportSession } from './certified-support';

const session = (on: string, ...topics: SupportSession['topics'][number][]): SupportSession => ({
  on,
  topics,
  source: 'consultation',
  label: on,
});
const allFour = (start: string, end: string) => [
  session(start, 'management'),
  session('2025-04-10', 'finance'),
  session('2025-04-20', 'human-resources'),
  session(end, 'sales-channels'),
];

describe('特定創業支援等事業: one month, four sessions, four areas', () => {
  it('certifies four sessions over exactly a month covering every area', () => {
    const result = assessCertifiedSupport(allFour('2025-04-01', '2025-05-01'));
    expect(result.eligible).toBe(true);
    expect(result.missing).toEqual([]);
    expect(result.shortOf).toEqual({ sessions: 0, topics: [], month: false });
  });

  it('refuses 29 days: the month is not over', () => {
    const result = assessCertifiedSupport(allFour('2025-04-01', '2025-04-30'));
    expect(result.eligible).toBe(false);
    expect(result.shortOf.month).toBe(true);
    expect(result.monthReachedOn).toBe('2025-05-01');
  });

  it('refuses three sessions even when they cover all four areas over a month', () => {
    const result = assessCertifiedSupport([
      session('2025-04-01', 'management', 'finance'),
      session('2025-04-15', 'human-resources'),
      session('2025-05-10', 'sales-channels'),
    ]);
    expect(result.eligible).toBe(false);
    expect(result.shortOf).toEqual({ sessions: 1, topics: [], month: false });
  });

  it('refuses three areas and names the one missing', () => {
    const result = assessCertifiedSupport([
      session('2025-04-01', 'management'),
      session('2025-04-10', 'finance'),
      session('2025-04-20', 'human-resources'),
      session('2025-05-20', 'finance'),
    ]);
    expect(result.eligible).toBe(false);
    expect(result.missing).toEqual(['sales-channels']);
  });

  it('counts only sessions that covered an area, in date order whatever order they come in', () => {
    const result = assessCertifiedSupport([
      session('2025-05-01', 'sales-channels'),
      session('2025-03-01'),
      ...allFour('2025-04-01', '2025-04-02').slice(0, 3),
    ]);
    expect(result.sessions.map((s) => s.on)).toEqual([
      '2025-04-01',
      '2025-04-10',
      '2025-04-20',
      '2025-05-01',
    ]);
    expect(result.firstOn).toBe('2025-04-01');
    expect(result.eligible).toBe(true);
  });

  it('says nothing is there yet for a person without support', () => {
    const result = assessCertifiedSupport([]);
    expect(result).toMatchObject({ eligible: false, firstOn: null, monthReachedOn: null });
    expect(result.shortOf.sessions).toBe(4);
  });

  it('takes a month as the same day of the next month, or its last day', () => {
    expect(oneMonthAfter('2025-04-01')).toBe('2025-05-01');
    expect(oneMonthAfter('2025-01-31')).toBe('2025-02-28');
    expect(oneMonthAfter('2024-01-31')).toBe('2024-02-29');
    expect(oneMonthAfter('2025-12-15')).toBe('2026-01-15');
  });
});
