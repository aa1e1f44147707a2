import { sql } from 'drizzle-orm';
import { fiscalYearRange } from '../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../plan';
import { activeUsersBetween } from './reports';
import { startOfJapanDay } from './shop-takings';
import { rowsOf } from './sql-rows';

/** The instants a fiscal year starts and ends at, Japan time. */
function yearBounds(fiscalYear: number) {
  const { start } = fiscalYearRange(fiscalYear);
  return { from: startOfJapanDay(start), until: startOfJapanDay(fiscalYearRange(fiscalYear + 1).start) };
}

/**
 * 取扱店舗数: shops taking part at the end of the fiscal year (31 March; today, for the year in
 * progress) — in a period of participation that began before the year ended and had not ended by
 * then (decisions 028 and 036) — as the plan counts the shops of the programme. One record per
 * shop, by name (a shop's participation is public), dated by the start of that period.
 */
export const activeMerchantsMetric: MetricSource = {
  key: 'points.merchants.active',
  description: {
    ja: 'るのかーど取扱店舗数（年度末に参加していた承認済みの店舗）',
    en: 'Participating るのかーど shops (approved and taking part at the end of the fiscal year)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const { until } = yearBounds(fiscalYear);
    const shops = await rowsOf<{ id: number; name: string; approved_on: string }>(
      q,
      sql`select s.id, s.business_name as name,
            to_char(p.approved_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') as approved_on
          from points_shops s join points_shop_periods p on p.shop_id = s.id
          where s.municipality_code = ${plan.municipalityCode}
            and p.approved_at < ${until.toISOString()}
            and (p.withdrawn_at is null or p.withdrawn_at >= ${until.toISOString()})
          order by s.business_name, s.id`,
    );
    return requests.map(() => ({
      value: shops.length === 0 ? null : shops.length,
      records: shops.map((s) => ({
        label: s.name,
        date: s.approved_on,
        value: 1,
        detail: '参加日 / taking part since',
      })),
    }));
  },
};

/** Payments made with るのかーど in the fiscal year (refunded ones left out), by month. */
export const cashlessPaymentsMetric: MetricSource = {
  key: 'points.payments',
  description: {
    ja: 'るのかーどによるキャッシュレス決済件数（返金されたものを除く）',
    en: 'Cashless payments with るのかーど (refunded ones left out)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const { from, until } = yearBounds(fiscalYear);
    const months = await rowsOf<{ month: string; payments: number }>(
      q,
      sql`select to_char(r.created_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, count(*)::int as payments
          from ledger_requests r
          where r.municipality_code = ${plan.municipalityCode} and r.kind = 'payment'
            and r.created_at >= ${from.toISOString()} and r.created_at < ${until.toISOString()}
            and not exists (select 1 from ledger_requests x where x.reverses_request_id = r.id)
          group by 1 order by 1`,
    );
    const total = months.reduce((s, m) => s + m.payments, 0);
    return requests.map(() => ({
      value: total === 0 ? null : total,
      records: months.map((m) => ({ label: m.month, date: `${m.month}-01`, value: m.payments })),
    }));
  },
};

/** Residents who paid or collected points at least once in the fiscal year; nobody is named. */
export const activeUsersMetric: MetricSource = {
  key: 'points.users.active',
  description: {
    ja: 'るのかーどの利用者数（年度中に支払いまたはポイント付与を受けた人）',
    en: 'Active るのかーど users (paid or collected points during the fiscal year)',
  },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const { from, until } = yearBounds(fiscalYear);
    const users = await activeUsersBetween(q, plan.municipalityCode, from, until);
    return requests.map(() => ({
      value: users === 0 ? null : users,
      records: users === 0 ? [] : [{ label: '利用者（人数のみ） / users (count only)', value: users }],
    }));
  },
};
