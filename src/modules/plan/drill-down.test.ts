import { describe, expect, it } from 'vitest';
import { recordsFor } from './drill-down';
import { planPermissions } from './permissions';

// a permission only city staff have stands for one that reads cases
const readsCases = planPermissions['plan.actuals.write'];

describe('the drill-down a reader may see', () => {
  const cases = [
    { label: 'baseline', value: 69 },
    { label: '相談案件 No.1', date: '2025-04-03', value: 1, href: '/consultations/cases/1' },
    { label: '相談案件 No.2', date: '2025-04-30', value: 1, href: '/consultations/cases/2' },
    { label: '相談案件 No.3', date: '2026-01-09', value: 1, href: '/consultations/cases/3' },
  ];

  it('shows every record to a role with the permission, and to anyone when none is needed', () => {
    expect(recordsFor(cases, readsCases, 'admin')).toEqual(cases);
    expect(recordsFor(cases, undefined, 'association')).toEqual(cases);
  });

  it('gives other readers counts by month, without links, keeping undated records', () => {
    const counted = recordsFor(cases, readsCases, 'association');
    expect(counted.map((r) => [r.label.split(' / ')[0], r.date, r.value, r.href])).toEqual([
      ['baseline', undefined, 69, undefined],
      ['2025年4月の件数', '2025-04-01', 2, undefined],
      ['2026年1月の件数', '2026-01-01', 1, undefined],
    ]);
    expect(recordsFor(cases, readsCases, undefined).some((r) => r.href)).toBe(false);
  });
});
