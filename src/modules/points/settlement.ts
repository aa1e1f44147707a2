import { desc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { isIssuerStaff } from './issuer';
import {
  checkIdempotencyKey,
  executeLedgerRequest,
  type LedgerResult,
  type Leg,
  lockBalances,
  openAccount,
} from './ledger';
import { pointsSettlements } from './schema';
import { startOfJapanDay } from './shop-takings';
import { notIssuerStaff } from './shops';
import { rowsOf } from './sql-rows';

const nextDay = (isoDate: string) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The issuer settles with the shops for a period (精算): each shop is paid what it took up to the end
 * of the period (payments net of refunds, gift-certificate yen and points alike) less what was paid
 * to it before, never more than it still holds. One request moves it all from the shops' accounts
 * to the issuer's, so the ledger shows the shops hold only what is not yet paid. A period that has
 * not ended yet cannot be settled.
 */
export async function settleShops(
  db: Db,
  actor: Actor,
  request: { periodFrom: string; periodUntil: string; idempotencyKey: string; now?: Date },
): Promise<LedgerResult & { settlementId: number }> {
  if (!(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  checkIdempotencyKey(request.idempotencyKey);
  const { periodFrom, periodUntil } = request;
  const valid = /^\d{4}-\d{2}-\d{2}$/;
  if (!valid.test(periodFrom) || !valid.test(periodUntil) || periodUntil < periodFrom) {
    throw new UserError('invalid_period', 422, {
      ja: '精算期間の開始日と終了日を選んでください（開始日 ≦ 終了日）。',
      en: 'Choose the first and last day of the period (first ≤ last).',
    });
  }
  if (periodUntil >= todayInJapan(request.now ?? new Date())) {
    throw new UserError('period_not_ended', 422, {
      ja: '終わった期間だけ精算できます。終了日を昨日以前にしてください。',
      en: 'Only a period that has ended can be settled. Choose a last day before today.',
    });
  }
  const cutoff = startOfJapanDay(nextDay(periodUntil));
  const code = actor.municipalityCode;
  const result = await executeLedgerRequest(
    db,
    {
      municipalityCode: code,
      idempotencyKey: request.idempotencyKey,
      kind: 'settlement',
      fingerprint: JSON.stringify(['settlement', periodFrom, periodUntil]),
      actorAccountId: actor.accountId,
    },
    async (tx) => {
      const shopAccounts = await rowsOf<{ id: number; unit_id: number }>(
        tx,
        sql`select a.id, a.unit_id from ledger_accounts a join ledger_units u on u.id = a.unit_id
            where a.holder = 'shop' and u.municipality_code = ${code} order by a.id`,
      );
      const issuers = new Map<number, number>();
      for (const unitId of new Set(shopAccounts.map((a) => a.unit_id))) {
        issuers.set(unitId, await openAccount(tx, unitId, 'issuer'));
      }
      const balances = await lockBalances(tx, [...shopAccounts.map((a) => a.id), ...issuers.values()]);
      const owed = await rowsOf<{ account_id: number; owed: string }>(
        tx,
        sql`select a.id as account_id,
              coalesce(sum(case when t.credit_account_id = a.id and r.kind <> 'settlement' and t.created_at < ${cutoff.toISOString()} then t.amount
                                when t.debit_account_id = a.id and r.kind <> 'settlement' and t.created_at < ${cutoff.toISOString()} then -t.amount
                                when t.debit_account_id = a.id and r.kind = 'settlement' then -t.amount end), 0)::text as owed
            from ledger_accounts a
            join ledger_transfers t on t.credit_account_id = a.id or t.debit_account_id = a.id
            join ledger_requests r on r.id = t.request_id
            where a.id in (select a2.id from ledger_accounts a2 join ledger_units u on u.id = a2.unit_id
                           where a2.holder = 'shop' and u.municipality_code = ${code})
            group by a.id order by a.id`,
      );
      const legs: Leg[] = [];
      for (const row of owed) {
        const account = shopAccounts.find((a) => a.id === row.account_id);
        const amount = Math.min(Number(row.owed), balances.get(row.account_id) ?? 0);
        if (account && amount > 0) {
          legs.push({
            unitId: account.unit_id,
            debitAccountId: account.id,
            creditAccountId: issuers.get(account.unit_id) as number,
            amount,
          });
        }
      }
      return legs;
    },
    async (tx, requestId) => {
      await tx.insert(pointsSettlements).values({
        municipalityCode: code,
        periodFrom,
        periodUntil,
        requestId,
        createdBy: actor.accountId,
      });
      await recordAudit(tx, actor, {
        action: 'points_settlement.create',
        entityType: 'points_settlement',
        entityKey: String(requestId),
        after: { periodFrom, periodUntil },
      });
    },
  );
  const [settlement] = await db
    .select({ id: pointsSettlements.id })
    .from(pointsSettlements)
    .where(eq(pointsSettlements.requestId, result.requestId));
  return { ...result, settlementId: settlement?.id ?? 0 };
}

export async function listSettlements(q: Queryable, municipalityCode: string) {
  return q
    .select()
    .from(pointsSettlements)
    .where(eq(pointsSettlements.municipalityCode, municipalityCode))
    .orderBy(desc(pointsSettlements.periodUntil), desc(pointsSettlements.id));
}

export interface SettlementLine {
  shopId: number;
  shopName: string;
  giftYen: number;
  pointsYen: number;
  totalYen: number;
}

/** What each shop is paid in a settlement: gift-certificate yen, points (1 point = 1 yen), total. */
export async function settlementLines(q: Queryable, municipalityCode: string, settlementId: number) {
  const [settlement] = await q.select().from(pointsSettlements).where(eq(pointsSettlements.id, settlementId));
  if (!settlement || settlement.municipalityCode !== municipalityCode) {
    throw new UserError('not_found', 404, {
      ja: '精算が見つかりません。URLを確かめてください。',
      en: 'The settlement was not found. Check the address.',
    });
  }
  const rows = await rowsOf<{ shop_id: number; shop_name: string; gift_yen: string; points_yen: string }>(
    q,
    sql`select s.id as shop_id, s.business_name as shop_name,
          coalesce(sum(t.amount) filter (where u.kind = 'gift'), 0)::text as gift_yen,
          coalesce(sum(t.amount) filter (where u.kind = 'points'), 0)::text as points_yen
        from ledger_transfers t
        join ledger_accounts a on a.id = t.debit_account_id
        join ledger_units u on u.id = t.unit_id
        join points_shops s on s.id = a.holder_id and a.holder = 'shop'
        where t.request_id = ${settlement.requestId}
        group by s.id, s.business_name order by s.business_name, s.id`,
  );
  const lines: SettlementLine[] = rows.map((r) => ({
    shopId: r.shop_id,
    shopName: r.shop_name,
    giftYen: Number(r.gift_yen),
    pointsYen: Number(r.points_yen),
    totalYen: Number(r.gift_yen) + Number(r.points_yen),
  }));
  return { settlement, lines };
}

export function settlementTable(lines: SettlementLine[]) {
  return {
    sheet: '精算',
    headers: ['店舗番号', '店舗名', '商品券（円）', 'ポイント（円）', '支払額（円）'],
    rows: [
      ...lines.map((l) => [l.shopId, l.shopName, l.giftYen, l.pointsYen, l.totalYen]),
      [
        null,
        '合計',
        lines.reduce((s, l) => s + l.giftYen, 0),
        lines.reduce((s, l) => s + l.pointsYen, 0),
        lines.reduce((s, l) => s + l.totalYen, 0),
      ],
    ],
    widths: [10, 32, 14, 14, 14],
  };
}
