import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { RequestKind } from './schema';
import { rowsOf } from './sql-rows';
import { pointsUnitOf } from './units';

export interface ShopEntry {
  requestId: number;
  kind: RequestKind;
  at: Date;
  /** what the shop received (+) or gave back (−): gift-certificate yen and points paid */
  giftYen: number;
  pointsPaid: number;
  /** points awarded to the customer (award) or taken back (refund of an award, −) */
  pointsAwarded: number;
  refunded: boolean;
  reversesRequestId: number | null;
}

/** Japan's midnight starting a day `YYYY-MM-DD`, as an instant. */
export const startOfJapanDay = (isoDate: string) => new Date(`${isoDate}T00:00:00+09:00`);

/**
 * The shop's requests in [from, until): payments taken, points awarded, refunds, settlements, each
 * with what it moved for the shop. The statement and today's takings are read from here, and so
 * add up to the journal by construction.
 */
export async function shopEntries(
  q: Db,
  shop: { id: number; municipalityCode: string },
  from: Date,
  until: Date,
) {
  const pointsUnit = await pointsUnitOf(q, shop.municipalityCode);
  const rows = await rowsOf<{
    request_id: number;
    kind: RequestKind;
    at: string;
    gift_yen: string;
    points_paid: string;
    points_awarded: string;
    refunded: boolean;
    reverses_request_id: number | null;
  }>(
    q,
    sql`with mine as (select id from ledger_accounts where holder = 'shop' and holder_id = ${shop.id})
        select r.id as request_id, r.kind, r.created_at::text as at, r.reverses_request_id,
          coalesce(sum(case when t.unit_id <> ${pointsUnit} and t.credit_account_id in (select id from mine) then t.amount
                            when t.unit_id <> ${pointsUnit} and t.debit_account_id in (select id from mine) then -t.amount end), 0)::text as gift_yen,
          coalesce(sum(case when t.unit_id = ${pointsUnit} and t.credit_account_id in (select id from mine) then t.amount
                            when t.unit_id = ${pointsUnit} and t.debit_account_id in (select id from mine) then -t.amount end), 0)::text as points_paid,
          coalesce(sum(case when t.unit_id = ${pointsUnit} and r.kind = 'award' then t.amount
                            when t.unit_id = ${pointsUnit} and r.kind = 'refund' and o.kind = 'award' then -t.amount end), 0)::text as points_awarded,
          exists (select 1 from ledger_requests x where x.reverses_request_id = r.id) as refunded
        from ledger_requests r
        join ledger_transfers t on t.request_id = r.id
        left join ledger_requests o on o.id = r.reverses_request_id
        where r.shop_id = ${shop.id} and r.municipality_code = ${shop.municipalityCode}
          and r.created_at >= ${from.toISOString()} and r.created_at < ${until.toISOString()}
        group by r.id, o.kind
        order by r.created_at, r.id`,
  );
  return rows.map(
    (r): ShopEntry => ({
      requestId: Number(r.request_id),
      kind: r.kind,
      at: new Date(r.at),
      giftYen: Number(r.gift_yen),
      pointsPaid: Number(r.points_paid),
      pointsAwarded: Number(r.points_awarded),
      refunded: r.refunded,
      reversesRequestId: r.reverses_request_id === null ? null : Number(r.reverses_request_id),
    }),
  );
}

/** Totals of a list of entries: what the shop took (net of refunds), and points it awarded. */
export function takingsOf(entries: ShopEntry[]) {
  const taken = entries.filter((e) => e.kind === 'payment' || e.kind === 'refund');
  return {
    payments: entries.filter((e) => e.kind === 'payment').length,
    refunds: entries.filter((e) => e.kind === 'refund').length,
    giftYen: taken.reduce((s, e) => s + e.giftYen, 0),
    pointsPaid: taken.reduce((s, e) => s + e.pointsPaid, 0),
    pointsAwarded: entries.reduce((s, e) => s + e.pointsAwarded, 0),
  };
}
