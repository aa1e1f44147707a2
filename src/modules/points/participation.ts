import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import type { FormValues } from '../../platform/forms';
import { publicBusinesses } from '../businesses';
import { isIssuerStaff } from './issuer';
import { pointsShopPeriods, pointsShops } from './schema';
import { addShopApplication, notIssuerStaff, type Shop, shopNotFound, shopOfAccount } from './shops';

/**
 * Taking part in るのかーど over time (decision 036): the staff approve a shop, or enrol a business
 * of the directory that applied on paper; a shop leaves (取扱終了) by the staff or by itself, and may
 * come back. Each stretch is a period, so past years' counts of participating shops stay true.
 */

async function lockedShop(tx: Tx, municipalityCode: string, shopId: number): Promise<Shop> {
  const [shop] = await tx
    .select()
    .from(pointsShops)
    .where(and(eq(pointsShops.id, shopId), eq(pointsShops.municipalityCode, municipalityCode)))
    .for('update');
  if (!shop) throw shopNotFound();
  return shop;
}

async function startPeriod(tx: Tx, actor: Actor, shop: Shop, now: Date): Promise<Shop> {
  const [approved] = await tx
    .update(pointsShops)
    .set({ status: 'approved', approvedAt: now, approvedBy: actor.accountId, withdrawnAt: null })
    .where(eq(pointsShops.id, shop.id))
    .returning();
  await tx
    .insert(pointsShopPeriods)
    .values({ shopId: shop.id, approvedAt: now, approvedBy: actor.accountId });
  await recordAudit(tx, actor, {
    action: 'points_shop.approve',
    entityType: 'points_shop',
    entityKey: String(shop.id),
    before: { status: shop.status },
    after: { status: 'approved' },
  });
  return approved as Shop;
}

/** The issuer's staff approve a shop, or take it back in after it left. Approving it again changes nothing. */
export async function approveShop(db: Db, actor: Actor, shopId: number, now = new Date()): Promise<Shop> {
  if (!(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  return db.transaction(async (tx) => {
    const shop = await lockedShop(tx, actor.municipalityCode, shopId);
    return shop.status === 'approved' ? shop : startPeriod(tx, actor, shop, now);
  });
}

const unknownBusiness = () =>
  new UserError('unknown_business', 422, {
    ja: '事業者名簿に公開中の事業者として見つかりません。名簿に載っている名前を候補から選んでください。',
    en: 'No published business of the directory has this name. Choose a name from the suggestions.',
  });

/**
 * The staff enrol a business of the directory that applied on paper (紙の申込書): it takes part at
 * once, with its own shop code. A business already in the programme is approved if it was waiting
 * or had left, and otherwise left as it is.
 */
export async function enrolShop(
  db: Db,
  actor: Actor,
  input: FormValues,
  now = new Date(),
): Promise<{ shop: Shop; outcome: 'enrolled' | 'already' }> {
  if (!(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  const name = (input.business ?? '').normalize('NFKC').trim();
  const business = name
    ? (await publicBusinesses(db, actor.municipalityCode)).find((b) => b.name.normalize('NFKC') === name)
    : undefined;
  if (!business) throw unknownBusiness();
  return db.transaction(async (tx) => {
    const { shop: added } = await addShopApplication(tx, actor, business, now);
    const shop = await lockedShop(tx, actor.municipalityCode, added.id);
    if (shop.status === 'approved') return { shop, outcome: 'already' as const };
    return { shop: await startPeriod(tx, actor, shop, now), outcome: 'enrolled' as const };
  });
}

const reasonLimit = 200;

/**
 * A shop leaves the programme (取扱終了), by the staff or by the business itself: it takes no more
 * payments and its QR poster stops working; what it holds is still settled with it. Leaving
 * again changes nothing.
 */
export async function withdrawShop(
  db: Db,
  actor: Actor,
  shopId: number,
  input: FormValues,
  now = new Date(),
): Promise<Shop> {
  const own = (await shopOfAccount(db, actor))?.id === shopId;
  if (!own && !(await isIssuerStaff(db, actor))) throw notIssuerStaff();
  const reason = (input.reason ?? '').trim();
  if (reason.length > reasonLimit) {
    throw new UserError('invalid_reason', 422, {
      ja: `理由は${reasonLimit}文字以内で入力してください。`,
      en: `Keep the reason within ${reasonLimit} characters.`,
    });
  }
  if (own && input.confirm !== 'on') {
    throw new UserError('confirmation_required', 422, {
      ja: '取扱をやめることを確認するチェックを入れてください。',
      en: 'Tick the box to confirm that your shop stops taking るのかーど.',
    });
  }
  return db.transaction(async (tx) => {
    const shop = await lockedShop(tx, actor.municipalityCode, shopId);
    if (shop.status !== 'approved') return shop;
    const [left] = await tx
      .update(pointsShops)
      .set({ status: 'withdrawn', withdrawnAt: now })
      .where(eq(pointsShops.id, shopId))
      .returning();
    await tx
      .update(pointsShopPeriods)
      .set({ withdrawnAt: now, withdrawnBy: actor.accountId, withdrawalReason: reason || null })
      .where(and(eq(pointsShopPeriods.shopId, shopId), isNull(pointsShopPeriods.withdrawnAt)));
    await recordAudit(tx, actor, {
      action: 'points_shop.withdraw',
      entityType: 'points_shop',
      entityKey: String(shopId),
      before: { status: shop.status },
      after: { status: 'withdrawn', reason: reason || null },
    });
    return left as Shop;
  });
}
