import { and, eq, isNotNull } from 'drizzle-orm';
import { isInFiscalYear } from '../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../plan';
import { shopMapEditions } from './schema';

/**
 * `shops.mapCopies`: 発行部数 of the paper map (地域マップの作成, plan 3-2), the print runs of the
 * editions issued in the fiscal year (by issue date, Japan); one record per edition. A year with
 * no edition issued gives null (未入力).
 */
export const mapCopiesMetric: MetricSource = {
  key: 'shops.mapCopies',
  description: {
    ja: '地域マップの発行部数（発行日の年度の版の部数の合計）',
    en: 'Copies of the paper shop map printed (print runs of the editions issued in the fiscal year)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const editions = await q
      .select()
      .from(shopMapEditions)
      .where(
        and(eq(shopMapEditions.municipalityCode, plan.municipalityCode), isNotNull(shopMapEditions.issuedOn)),
      );
    const issued = editions
      .filter((e) => e.issuedOn && e.printRun && isInFiscalYear(e.issuedOn, fiscalYear))
      .sort((a, b) => (a.issuedOn ?? '').localeCompare(b.issuedOn ?? '') || a.id - b.id);
    const measurement: Measurement = {
      value: issued.length === 0 ? null : issued.reduce((sum, e) => sum + (e.printRun ?? 0), 0),
      records: issued.map((e) => ({
        label: e.title,
        date: e.issuedOn as string,
        value: e.printRun as number,
        detail: e.paper,
        href: `/shops/editions/${e.id}`,
      })),
    };
    return requests.map(() => measurement);
  },
};
