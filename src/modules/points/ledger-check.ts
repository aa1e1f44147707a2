import { sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';

/**
 * The ledger's invariants (decision 024), checked by the tests and by `npm run ledger:check`:
 * every unit sums to zero; every cached balance equals its journal; no resident or shop is below
 * zero; every request's total equals the sum of its transfers (nothing half-applied); a transfer's
 * accounts are of its unit. Returns one line per problem, none when the ledger is whole.
 */
export async function checkLedger(q: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
    ((await (q as Db).execute(query)) as unknown as { rows: T[] }).rows;

  const unbalancedUnits = await rowsOf<{ id: number; name: string; total: string }>(sql`
    select u.id, u.name, sum(a.balance)::text as total
    from ledger_units u join ledger_accounts a on a.unit_id = u.id
    group by u.id, u.name having sum(a.balance) <> 0 order by u.id`);
  for (const u of unbalancedUnits)
    problems.push(`unit ${u.id} (${u.name}): accounts sum to ${u.total}, not 0`);

  const driftedBalances = await rowsOf<{ id: number; holder: string; balance: string; journal: string }>(sql`
    with movements as (
      select credit_account_id as account_id, amount from ledger_transfers
      union all
      select debit_account_id, -amount from ledger_transfers
    ), journal as (select account_id, sum(amount) as total from movements group by account_id)
    select a.id, a.holder, a.balance::text as balance, coalesce(j.total, 0)::text as journal
    from ledger_accounts a left join journal j on j.account_id = a.id
    where a.balance <> coalesce(j.total, 0) order by a.id`);
  for (const a of driftedBalances) {
    problems.push(`account ${a.id} (${a.holder}): cached balance ${a.balance}, journal says ${a.journal}`);
  }

  const overdrawn = await rowsOf<{ id: number; holder: string; balance: string }>(sql`
    select id, holder, balance::text as balance from ledger_accounts
    where holder <> 'issuer' and balance < 0 order by id`);
  for (const a of overdrawn) problems.push(`account ${a.id} (${a.holder}) is below zero: ${a.balance}`);

  const halfApplied = await rowsOf<{ id: number; kind: string; amount: string; moved: string }>(sql`
    select r.id, r.kind, r.amount::text as amount, coalesce(sum(t.amount), 0)::text as moved
    from ledger_requests r left join ledger_transfers t on t.request_id = r.id
    group by r.id having r.amount <> coalesce(sum(t.amount), 0) order by r.id`);
  for (const r of halfApplied) {
    problems.push(`request ${r.id} (${r.kind}): total ${r.amount}, but its transfers move ${r.moved}`);
  }

  const foreignUnits = await rowsOf<{ id: number }>(sql`
    select t.id from ledger_transfers t
    join ledger_accounts d on d.id = t.debit_account_id
    join ledger_accounts c on c.id = t.credit_account_id
    where d.unit_id <> t.unit_id or c.unit_id <> t.unit_id order by t.id`);
  for (const t of foreignUnits) problems.push(`transfer ${t.id} moves between accounts of another unit`);
  return problems;
}
