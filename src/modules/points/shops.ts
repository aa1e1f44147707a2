import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import { ownProfile } from '../businesses';
import { pointsShops } from './schema';

export type Shop = typeof pointsShops.$inferSelect;

export const shopNotFound = () =>
  new UserError('unknown_shop', 404, {
    ja: '取扱店舗が見つかりません。店舗コードを確かめてください。',
    en: 'The shop was not found. Check the shop code.',
  });

/** A shop code a resident can type from the shop's QR poster: 8 characters, no 0/O or 1/I. */
function newShopCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** The shop of a business account, whatever its status. */
export async function shopOfAccount(q: Queryable, actor: Actor): Promise<Shop | undefined> {
  const business = await ownProfile(q, actor);
  if (!business) return undefined;
  const [shop] = await q.select().from(pointsShops).where(eq(pointsShops.businessId, business.id));
  return shop;
}

/** The businesses of the directory that take るのかーど now (approved shops), for the shop map. */
export async function acceptingBusinessIds(q: Queryable, municipalityCode: string): Promise<number[]> {
  const rows = await q
    .select({ businessId: pointsShops.businessId })
    .from(pointsShops)
    .where(and(eq(pointsShops.municipalityCode, municipalityCode), eq(pointsShops.status, 'approved')));
  return rows.map((r) => r.businessId);
}

/** The approved shop a business account takes payments for, or a 403 saying why not. */
export async function approvedShopOf(q: Queryable, actor: Actor): Promise<Shop> {
  const shop = await shopOfAccount(q, actor);
  if (shop?.status !== 'approved') {
    throw new UserError('shop_not_approved', 403, {
      ja: 'るのかーどの取扱店舗として承認されていません。参加を申し込み、承認をお待ちください。',
      en: 'Your business is not an approved るのかーど shop. Apply to join and wait for approval.',
    });
  }
  return shop;
}

/** The shop code in what a resident's camera read: the poster's link (…/points/wallet/pay?shop=CODE), or the code typed. */
export function shopCodeFrom(text: string): string {
  const inLink = /[?&]shop=([A-Za-z0-9]+)/.exec(text);
  return (inLink?.[1] ?? text).trim().toUpperCase();
}

/** An approved shop by the code on its QR poster, for a resident who pays by scanning it. */
export async function shopByCode(q: Queryable, municipalityCode: string, text: string): Promise<Shop> {
  const [shop] = await q
    .select()
    .from(pointsShops)
    .where(
      and(
        eq(pointsShops.municipalityCode, municipalityCode),
        eq(pointsShops.shopCode, shopCodeFrom(text)),
        eq(pointsShops.status, 'approved'),
      ),
    );
  if (!shop) throw shopNotFound();
  return shop;
}

/**
 * A business of the directory asks to join the programme (取扱店舗の申込). Its profile must be
 * approved in the directory first; asking again changes nothing.
 */
export async function joinProgramme(
  db: Db,
  actor: Actor,
): Promise<{ shop: Shop; outcome: 'applied' | 'already' }> {
  const business = await ownProfile(db, actor);
  if (business?.status !== 'approved') {
    throw new UserError('business_profile_required', 422, {
      ja: '先に事業者情報を登録し、承認を受けてください（「自社の事業者情報」から）。',
      en: 'Register your business profile and have it approved first (under “Your business”).',
    });
  }
  return db.transaction(async (tx) => {
    const { shop, added } = await addShopApplication(tx, actor, business);
    if (added) {
      await recordAudit(tx, actor, {
        action: 'points_shop.apply',
        entityType: 'points_shop',
        entityKey: String(shop.id),
        after: { business: business.name, status: 'applied' },
      });
    }
    return { shop, outcome: added ? ('applied' as const) : ('already' as const) };
  });
}

/**
 * A business of the directory as a shop of the programme, applied and with its own shop code; a
 * business already in the programme (whatever its status) is returned as it is.
 */
export async function addShopApplication(
  tx: Tx,
  actor: Actor,
  business: { id: number; name: string; area: string | null },
  appliedAt = new Date(),
): Promise<{ shop: Shop; added: boolean }> {
  const inserted = await tx
    .insert(pointsShops)
    .values({
      municipalityCode: actor.municipalityCode,
      businessId: business.id,
      businessName: business.name,
      area: business.area,
      status: 'applied',
      shopCode: newShopCode(),
      appliedBy: actor.accountId,
      appliedAt,
    })
    .onConflictDoNothing()
    .returning();
  const [shop] = inserted.length
    ? inserted
    : await tx.select().from(pointsShops).where(eq(pointsShops.businessId, business.id));
  if (!shop) throw new Error('shop not written');
  return { shop, added: inserted.length > 0 };
}

/** Every shop of the municipality, those awaiting approval first. */
export async function listShops(q: Queryable, municipalityCode: string): Promise<Shop[]> {
  const rows = await q
    .select()
    .from(pointsShops)
    .where(eq(pointsShops.municipalityCode, municipalityCode))
    .orderBy(asc(pointsShops.businessName));
  const order = { applied: 0, approved: 1, withdrawn: 2 } as const;
  return rows.sort((a, b) => order[a.status] - order[b.status]);
}

export const notIssuerStaff = () =>
  new UserError('forbidden', 403, {
    ja: 'この操作を行う権限がありません。るのかーどの運営者（市・発行団体）の職員だけが行えます。',
    en: 'You do not have permission to do this: only staff of the programme’s issuer (the city and the issuing organisation) may.',
  });
