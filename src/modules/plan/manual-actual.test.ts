import { describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../../../tests/support/hand-figures-plan';
import { UserError } from '../../platform/errors';
import { buildPlan } from './plan';
import { readPlanFile } from './plan-file';
import { validateManualActual } from './service';

describe('a manual actual', async () => {
  const plan = buildPlan(await readPlanFile(handFiguresPlanFile));
  const valid = {
    subjectKind: 'project' as const,
    subjectCode: 'industry-academia',
    fiscalYear: 2025,
    value: '21',
    asOf: '2026-03-31',
    source: 'Bi@Sta 相談記録',
  };
  const problemsOf = (input: object) => {
    try {
      validateManualActual(plan, { ...valid, ...input }, '2026-11-25');
    } catch (error) {
      if (error instanceof UserError) return error.details.map((d) => d.message);
      throw error;
    }
    return [];
  };

  it('takes a figure typed as text or given as a number', () => {
    expect(validateManualActual(plan, valid, '2026-11-25').value).toBe(21);
    expect(validateManualActual(plan, { ...valid, value: 62.5 }, '2026-11-25').value).toBe(62.5);
  });

  it('says in both languages what a figure must look like', () => {
    for (const value of ['-5', 'たくさん', '1.234', '1234567890123']) {
      expect(problemsOf({ value })).toEqual([
        {
          ja: '実績値: 0以上の数値を半角で入力してください（小数は2桁まで、12桁以内）。',
          en: 'Actual: Enter a number of 0 or more (at most 2 decimals and 12 digits).',
        },
      ]);
    }
  });

  it('refuses an as-of date before the fiscal year or after today', () => {
    expect(() => validateManualActual(plan, { ...valid, asOf: '2025-03-31' }, '2026-11-25')).toThrow(/as-of/);
    expect(() =>
      validateManualActual(plan, { ...valid, fiscalYear: 2026, asOf: '2026-11-26' }, '2026-11-25'),
    ).toThrow(/as-of/);
  });

  it('refuses a figure for a project the events module measures (decision 015)', () => {
    for (const subjectCode of ['startup-school', 'marche', 'machizemi']) {
      expect(() => validateManualActual(plan, { ...valid, subjectCode }, '2026-11-25')).toThrow(
        /actual_is_measured/,
      );
    }
  });
});
