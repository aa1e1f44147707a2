import { isInFiscalYear } from '../../platform/fiscal-year';
import { citywide, type OutreachRow } from './schema';

/** The outreach done in one area (or the whole city): every record, and this fiscal year's sums. */
export interface AreaOutreach {
  area: string;
  records: OutreachRow[];
  thisYear: { count: number; reached: number };
}

/**
 * The outreach by area, beside the needs: the areas of the needs table in its order, then the whole
 * city; each with its records (the latest first, as given) and the fiscal year's count and reach.
 */
export function outreachByArea(
  areas: readonly string[],
  records: readonly OutreachRow[],
  fiscalYear: number,
): AreaOutreach[] {
  return [...areas, citywide].map((area) => {
    const own = records.filter((r) => r.area === area);
    const inYear = own.filter((r) => isInFiscalYear(r.heldOn, fiscalYear));
    return {
      area,
      records: own,
      thisYear: { count: inYear.length, reached: inYear.reduce((n, r) => n + r.reached, 0) },
    };
  });
}
