import { aliasedTable, and, asc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { fiscalYearRange } from '../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../plan';
import { industries } from './industries';
import { businessDeals } from './matching-schema';
import { businesses } from './schema';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

const sellers = aliasedTable(businesses, 'sellers');

/** The confirmed deals of the plan's municipality whose day falls in the fiscal year (Japan dates). */
export async function confirmedDealsOfYear(q: Queryable, municipalityCode: string, fiscalYear: number) {
  const { start, end } = fiscalYearRange(fiscalYear);
  return q
    .select({
      id: businessDeals.id,
      dealOn: businessDeals.dealOn,
      amountYen: businessDeals.amountYen,
      sellerIndustry: sellers.industryMajor,
    })
    .from(businessDeals)
    .innerJoin(sellers, eq(sellers.id, businessDeals.sellerBusinessId))
    .where(
      and(
        eq(businessDeals.municipalityCode, municipalityCode),
        isNotNull(businessDeals.confirmedAt),
        gte(businessDeals.dealOn, start),
        lte(businessDeals.dealOn, end),
      ),
    )
    .orderBy(asc(businessDeals.dealOn), asc(businessDeals.id));
}

const industryOf = (request: MetricRequest) =>
  request.binding.params.industry === undefined ? undefined : String(request.binding.params.industry);

const industryText = (code: string) => industries.find((i) => i.code === code)?.name ?? code;

/**
 * Local deals (市内受発注): deals between two businesses of the city that one recorded and the other
 * confirmed, in the fiscal year of their day. `industry` (a 大分類) counts those whose seller (受注者)
 * is of it. The drill-down names the deal by number only: which businesses trade is theirs to tell.
 */
function dealMetric(key: string, description: MetricSource['description'], amount: boolean): MetricSource {
  return {
    key,
    description,
    async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
      const rows = await confirmedDealsOfYear(q, plan.municipalityCode, fiscalYear);
      return requests.map((request) => {
        const industry = industryOf(request);
        const counted = rows.filter((r) => !industry || r.sellerIndustry === industry);
        const value = amount ? counted.reduce((sum, r) => sum + (r.amountYen ?? 0), 0) : counted.length;
        return {
          value: counted.length === 0 ? null : value,
          records: counted.map((r) => ({
            label: `取引 #${r.id} / deal #${r.id}`,
            date: r.dealOn,
            value: amount ? (r.amountYen ?? 0) : 1,
            detail: `受注者の業種：${industryText(r.sellerIndustry)}${amount && r.amountYen === null ? '（金額の記録なし）' : ''}`,
          })),
        };
      });
    },
  };
}

export const localDealsMetric = dealMetric(
  'businesses.localDeals',
  {
    ja: '市内事業者間の受発注件数（相手方が確認した取引、取引日の年度）',
    en: 'Local deals between businesses of the city (confirmed by the other side, by the fiscal year of the deal)',
  },
  false,
);

export const localDealAmountMetric = dealMetric(
  'businesses.localDealAmount',
  {
    ja: '市内事業者間の受発注金額（円、確認された取引のうち金額の記録があるもの）',
    en: 'Amount of local deals in yen (confirmed deals with an amount recorded)',
  },
  true,
);
