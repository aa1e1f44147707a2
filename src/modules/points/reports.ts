import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { startOfJapanDay } from './shop-takings';
import { rowsOf } from './sql-rows';

/** The base dates 資金決済法 asks a prepaid-instrument issuer to know its unused balance at. */
export function baseDatesOf(fiscalYear: number): string[] {
  return [`${fiscalYear}-09-30`, `${fiscalYear + 1}-03-31`];
}

export interface OutstandingLine {
  issueId: number;
  name: string;
  validUntil: string;
  /** face value sold up to the base date */
  issuedYen: number;
  /** held by residents at the end of the base date (未使用残高) */
  unusedYen: number;
  /** spent at shops and not yet paid to them */
  unsettledYen: number;
  expiredYen: number;
}

/**
 * The outstanding balance of every gift-certificate issue at the end of a base date (Japan time):
 * read from the journal as of that instant, so it can be produced for a past date at any time.
 */
export async function outstandingAt(q: Queryable, municipalityCode: string, baseDate: string) {
  const end = startOfJapanDay(baseDate);
  end.setUTCDate(end.getUTCDate() + 1);
  const rows = await rowsOf<{
    issue_id: number;
    name: string;
    valid_until: string;
    issued: string;
    unused: string;
    unsettled: string;
    expired: string;
  }>(
    q,
    sql`with moves as (
          select t.unit_id, a.holder, t.amount as delta, r.kind from ledger_transfers t
            join ledger_accounts a on a.id = t.credit_account_id join ledger_requests r on r.id = t.request_id
            where t.created_at < ${end.toISOString()}
          union all
          select t.unit_id, a.holder, -t.amount, r.kind from ledger_transfers t
            join ledger_accounts a on a.id = t.debit_account_id join ledger_requests r on r.id = t.request_id
            where t.created_at < ${end.toISOString()}
        )
        select i.id as issue_id, i.name, i.valid_until::text as valid_until,
          coalesce(sum(m.delta) filter (where m.holder = 'resident' and m.kind = 'purchase'), 0)::text as issued,
          coalesce(sum(m.delta) filter (where m.holder = 'resident'), 0)::text as unused,
          coalesce(sum(m.delta) filter (where m.holder = 'shop'), 0)::text as unsettled,
          coalesce(sum(m.delta) filter (where m.holder = 'expired'), 0)::text as expired
        from gift_certificate_issues i left join moves m on m.unit_id = i.unit_id
        where i.municipality_code = ${municipalityCode} and i.created_at < ${end.toISOString()}
        group by i.id order by i.sales_from, i.id`,
  );
  const lines: OutstandingLine[] = rows.map((r) => ({
    issueId: r.issue_id,
    name: r.name,
    validUntil: r.valid_until,
    issuedYen: Number(r.issued),
    unusedYen: Number(r.unused),
    unsettledYen: Number(r.unsettled),
    expiredYen: Number(r.expired),
  }));
  return { baseDate, lines, totalUnusedYen: lines.reduce((s, l) => s + l.unusedYen, 0) };
}

/**
 * Statistics of a period for the issuer: payments and their yen, residents who paid or collected
 * points, and the shops taking part by area. Counts only: no resident is named.
 */
export async function pointsStatistics(q: Queryable, municipalityCode: string, from: Date, until: Date) {
  const [totals] = await rowsOf<{ payments: number; paid_yen: string; awards: number; refunds: number }>(
    q,
    sql`select
          count(*) filter (where r.kind = 'payment')::int as payments,
          coalesce(sum(r.amount) filter (where r.kind = 'payment'), 0)::text as paid_yen,
          count(*) filter (where r.kind = 'award')::int as awards,
          count(*) filter (where r.kind = 'refund')::int as refunds
        from ledger_requests r
        where r.municipality_code = ${municipalityCode}
          and r.created_at >= ${from.toISOString()} and r.created_at < ${until.toISOString()}`,
  );
  const byArea = await rowsOf<{ area: string | null; shops: number }>(
    q,
    sql`select area, count(*)::int as shops from points_shops
        where municipality_code = ${municipalityCode} and status = 'approved'
        group by area order by area nulls last`,
  );
  return {
    payments: totals?.payments ?? 0,
    paidYen: Number(totals?.paid_yen ?? 0),
    awards: totals?.awards ?? 0,
    refunds: totals?.refunds ?? 0,
    activeUsers: await activeUsersBetween(q, municipalityCode, from, until),
    shopsByArea: byArea.map((r) => ({ area: r.area, shops: r.shops })),
  };
}

/** Residents who paid or collected points at least once in [from, until). */
export async function activeUsersBetween(q: Queryable, municipalityCode: string, from: Date, until: Date) {
  const [row] = await rowsOf<{ users: number }>(
    q,
    sql`select count(distinct a.holder_id)::int as users
        from ledger_requests r
        join ledger_transfers t on t.request_id = r.id
        join ledger_accounts a on a.holder = 'resident' and (a.id = t.debit_account_id or a.id = t.credit_account_id)
        where r.municipality_code = ${municipalityCode} and r.kind in ('payment', 'award')
          and r.created_at >= ${from.toISOString()} and r.created_at < ${until.toISOString()}`,
  );
  return row?.users ?? 0;
}
