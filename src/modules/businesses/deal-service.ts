import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { bilingual, parseInput } from '../../platform/validation';
import { businessDeals, businessPosts, type DealRow } from './matching-schema';
import { actingBusiness } from './post-service';
import { readThread } from './thread-service';

const DealSchema = z.object({
  dealOn: z
    .string(bilingual('取引日を入力してください。', 'Give the day of the deal.'))
    .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('取引日を入力してください。', 'Give the day of the deal.'))
    .refine(
      (d) => !Number.isNaN(Date.parse(d)),
      bilingual('ありえない日付です。', 'This date does not exist.'),
    )
    .refine(
      (d) => d <= todayInJapan(),
      bilingual('今日までの日にしてください。', 'Give today or an earlier day.'),
    ),
  amountYen: z.preprocess((v) => {
    if (typeof v !== 'string') return v ?? null;
    const s = v.normalize('NFKC').replace(/[,\s円]/g, '');
    return s === '' ? null : /^\d+$/.test(s) ? Number(s) : s;
  }, z
    .number(
      bilingual(
        '金額は円単位の整数で入力してください（例：250000）。空欄でも構いません。',
        'Give whole yen, e.g. 250000, or leave it empty.',
      ),
    )
    .int(bilingual('金額は円単位の整数で入力してください。', 'Give whole yen.'))
    .min(0, bilingual('0円以上にしてください。', 'Give 0 yen or more.'))
    .max(10_000_000_000, bilingual('100億円以下にしてください。', 'Keep it to 10 billion yen.'))
    .nullable()),
  idempotencyKey: z.string().min(1).max(100),
});
const dealLabels = {
  dealOn: { ja: '取引日', en: 'Day of the deal' },
  amountYen: { ja: '金額（円・任意）', en: 'Amount (yen, optional)' },
  idempotencyKey: { ja: '送信キー', en: 'Key' },
};

const dealNotFound = new UserError('not_found', 404, {
  ja: '取引の記録が見つかりません。',
  en: 'Deal not found.',
});

/**
 * One side of a thread records that the match became business: the day and, if it wishes, the amount
 * in yen. The other side confirms it; only confirmed deals count. Who ordered is the post's: the
 * poster of a need (発注したい) is the buyer, of an offer (受注したい) the seller. Sent twice, once.
 */
export async function recordDeal(
  db: Db,
  actor: Actor,
  threadId: number,
  values: Record<string, unknown>,
): Promise<{ deal: DealRow; repeated: boolean }> {
  const data = parseInput(DealSchema, values, dealLabels);
  const { thread, post, me, other } = await readThread(db, actor, threadId);
  const posterIsBuyer = post.kind === 'need';
  const buyer = posterIsBuyer ? thread.posterBusinessId : thread.otherBusinessId;
  const seller = posterIsBuyer ? thread.otherBusinessId : thread.posterBusinessId;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(businessDeals)
      .values({
        municipalityCode: thread.municipalityCode,
        threadId: thread.id,
        recordedByBusinessId: me.id,
        confirmingBusinessId: other.id,
        buyerBusinessId: buyer,
        sellerBusinessId: seller,
        dealOn: data.dealOn,
        amountYen: data.amountYen,
        idempotencyKey: data.idempotencyKey,
        recordedBy: actor.accountId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(businessDeals)
        .where(
          and(
            eq(businessDeals.recordedByBusinessId, me.id),
            eq(businessDeals.idempotencyKey, data.idempotencyKey),
          ),
        );
      if (!existing) throw dealNotFound;
      return { deal: existing, repeated: true };
    }
    await recordAudit(tx, actor, {
      action: 'business_deal.record',
      entityType: 'business_deal',
      entityKey: String(created.id),
      after: { threadId: thread.id, dealOn: created.dealOn, dealAmountYen: created.amountYen },
    });
    return { deal: created, repeated: false };
  });
}

/** The other side confirms a deal; from then on it counts. Confirming twice changes nothing. */
export async function confirmDeal(db: Db, actor: Actor, dealId: number): Promise<'confirmed' | 'already'> {
  const me = await actingBusiness(db, actor);
  return db.transaction(async (tx) => {
    const [deal] = await tx.select().from(businessDeals).where(eq(businessDeals.id, dealId));
    if (!deal || (deal.confirmingBusinessId !== me.id && deal.recordedByBusinessId !== me.id))
      throw dealNotFound;
    if (deal.confirmingBusinessId !== me.id) {
      throw new UserError('not_the_other_side', 409, {
        ja: '取引は、記録した事業者ではなく相手の事業者が確認します。',
        en: 'The other business confirms a deal, not the one that recorded it.',
      });
    }
    if (deal.confirmedAt) return 'already' as const;
    await tx
      .update(businessDeals)
      .set({ confirmedAt: new Date(), confirmedBy: actor.accountId })
      .where(eq(businessDeals.id, deal.id));
    await recordAudit(tx, actor, {
      action: 'business_deal.confirm',
      entityType: 'business_deal',
      entityKey: String(deal.id),
      before: { confirmed: false },
      after: { confirmed: true },
    });
    return 'confirmed' as const;
  });
}

/** The deals of a thread, for its parties' page. */
export async function dealsOfThread(db: Db, threadId: number) {
  return db
    .select()
    .from(businessDeals)
    .where(eq(businessDeals.threadId, threadId))
    .orderBy(asc(businessDeals.id));
}

export { businessPosts };
