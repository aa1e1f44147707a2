import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { todayInJapan } from '../../platform/fiscal-year';
import type { RequestKind } from './schema';
import { rowsOf } from './sql-rows';
import { pointsUnitOf } from './units';

export interface GiftBalance {
  issueId: number;
  name: string;
  validUntil: string;
  balance: number;
  /** its last day of use has passed: what is left cannot be spent */
  expired: boolean;
}

export interface HistoryEntry {
  requestId: number;
  kind: RequestKind;
  at: Date;
  shopName: string | null;
  /** what this request did to the resident: + received, − spent, per unit */
  points: number;
  giftYen: number;
  refunded: boolean;
}

export interface Wallet {
  points: number;
  gifts: GiftBalance[];
  history: HistoryEntry[];
}

/**
 * A resident's wallet (るのかーど): points, gift-certificate yen by issue with its last day of use,
 * and the history of what moved, newest first. Read from the ledger, never from a copy.
 */
export async function walletOf(
  q: Db,
  municipalityCode: string,
  residentAccountId: number,
  now = new Date(),
  historyLimit = 50,
): Promise<Wallet> {
  const pointsUnit = await pointsUnitOf(q, municipalityCode);
  const today = todayInJapan(now);
  const [pointsRow] = await rowsOf<{ balance: string }>(
    q,
    sql`select balance::text as balance from ledger_accounts
        where unit_id = ${pointsUnit} and holder = 'resident' and holder_id = ${residentAccountId}`,
  );
  const gifts = await rowsOf<{ issue_id: number; name: string; valid_until: string; balance: string }>(
    q,
    sql`select i.id as issue_id, i.name, i.valid_until::text as valid_until, a.balance::text as balance
        from ledger_accounts a join gift_certificate_issues i on i.unit_id = a.unit_id
        where a.holder = 'resident' and a.holder_id = ${residentAccountId} and i.municipality_code = ${municipalityCode}
          and (a.balance > 0 or i.valid_until >= ${today})
        order by i.valid_until, i.id`,
  );
  const history = await rowsOf<{
    request_id: number;
    kind: RequestKind;
    at: string;
    shop_name: string | null;
    points: string;
    gift_yen: string;
    refunded: boolean;
  }>(
    q,
    sql`with mine as (
          select id from ledger_accounts where holder = 'resident' and holder_id = ${residentAccountId}
        )
        select r.id as request_id, r.kind, r.created_at::text as at, s.business_name as shop_name,
          coalesce(sum(case when t.unit_id = ${pointsUnit} then
            case when t.credit_account_id in (select id from mine) then t.amount else -t.amount end end), 0)::text as points,
          coalesce(sum(case when t.unit_id <> ${pointsUnit} then
            case when t.credit_account_id in (select id from mine) then t.amount else -t.amount end end), 0)::text as gift_yen,
          exists (select 1 from ledger_requests x where x.reverses_request_id = r.id) as refunded
        from ledger_transfers t
        join ledger_requests r on r.id = t.request_id
        left join points_shops s on s.id = r.shop_id
        where r.municipality_code = ${municipalityCode}
          and (t.credit_account_id in (select id from mine) or t.debit_account_id in (select id from mine))
        group by r.id, s.business_name
        order by r.created_at desc, r.id desc
        limit ${historyLimit}`,
  );
  return {
    points: Number(pointsRow?.balance ?? 0),
    gifts: gifts.map((g) => ({
      issueId: g.issue_id,
      name: g.name,
      validUntil: g.valid_until,
      balance: Number(g.balance),
      expired: g.valid_until < today,
    })),
    history: history.map((h) => ({
      requestId: Number(h.request_id),
      kind: h.kind,
      at: new Date(h.at),
      shopName: h.shop_name,
      points: Number(h.points),
      giftYen: Number(h.gift_yen),
      refunded: h.refunded,
    })),
  };
}
