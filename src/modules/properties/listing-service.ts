import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { forbidden } from '../../platform/http';
import type { Plan } from '../plan';
import { keepsListing, reviewsListings } from './permissions';
import { type ListingContext, type ListingInput, parseListing } from './property-input';
import { type PropertyRow, properties } from './schema';

export const listingNotFound = notFound({ ja: '物件', en: 'The property' });

const notYourListing = new UserError('not_found', 404, {
  ja: 'この物件はあなたの掲載ではありません。掲載した方か市の管理者だけが変更できます。',
  en: 'This is not one of your listings. Only its poster or a city administrator can change it.',
});

/** What the plan file says that a listing is checked against. */
export function listingContextOf(plan: Plan): ListingContext {
  return { municipalityName: plan.file.municipality.name, areas: plan.file.areas, bounds: plan.file.bounds };
}

/** The private fields: the poster and staff read them; the audit log says they changed, not to what. */
export const privateFields = ['ownerName', 'ownerContact'] as const;

/** A listing the public sees: approved, not hidden as unconfirmed, 募集中 or 商談中. */
export function isPublic(row: Pick<PropertyRow, 'approval' | 'hiddenAt' | 'stage'>): boolean {
  return (
    row.approval === 'approved' &&
    row.hiddenAt === null &&
    (row.stage === 'open' || row.stage === 'negotiating')
  );
}

function columnsOf(input: ListingInput) {
  return { ...input, uses: input.uses };
}
type ListingColumns = ReturnType<typeof columnsOf>;

/** The fields that differ, before and after, for the audit log; private ones without their content. */
export function changesOf(row: Partial<PropertyRow>, next: Partial<ListingColumns>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ListingColumns)[]) {
    const was = row[key as keyof PropertyRow] ?? null;
    const now = next[key] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      const hidden = (privateFields as readonly string[]).includes(key);
      before[key] = hidden ? '（非公開）' : was;
      after[key] = hidden ? '（非公開）' : now;
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

/**
 * A poster lists a property. It waits (`pending`) until support staff or an admin approve it. The
 * same form sent twice (its idempotency key) lists it once.
 */
export async function postListing(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: Record<string, unknown>,
): Promise<{ listing: PropertyRow; created: boolean }> {
  if (actor.accountId === null) throw forbidden;
  const key = String(values.idempotencyKey ?? '').trim();
  if (!/^[\w-]{8,100}$/.test(key)) {
    throw new UserError('invalid_input', 422, {
      ja: 'フォームを読み込み直してから、もう一度送信してください。',
      en: 'Reload the form and send it again.',
    });
  }
  const input = parseListing(values, listingContextOf(plan));
  const accountId = actor.accountId;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(properties)
      .values({
        ...columnsOf(input),
        municipalityCode: actor.municipalityCode,
        posterAccountId: accountId,
        posterOrganisation: actor.organisation ?? null,
        idempotencyKey: key,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [again] = await tx
        .select()
        .from(properties)
        .where(and(eq(properties.posterAccountId, accountId), eq(properties.idempotencyKey, key)));
      return { listing: again as PropertyRow, created: false };
    }
    const { after } = changesOf({}, columnsOf(input));
    await recordAudit(tx, actor, {
      action: 'property.create',
      entityType: 'property',
      entityKey: String(created.id),
      after: { ...after, approval: 'pending' },
    });
    return { listing: created, created: true };
  });
}

/** The listing with the given id of the actor's municipality, for its poster or an admin to change. */
export async function keptListing(q: Queryable, actor: Actor, propertyId: number): Promise<PropertyRow> {
  const [row] = await q.select().from(properties).where(eq(properties.id, propertyId));
  if (!row || row.municipalityCode !== actor.municipalityCode) throw listingNotFound;
  if (!keepsListing(actor, row)) throw notYourListing;
  return row;
}

/**
 * The poster (or an admin) changes a listing: public at once when it was approved, audited field by
 * field. A change is also the poster's word that the listing is current, so it counts as confirmed.
 */
export async function editListing(
  db: Db,
  actor: Actor,
  plan: Plan,
  propertyId: number,
  values: Record<string, unknown>,
): Promise<'updated' | 'unchanged'> {
  const input = parseListing(values, listingContextOf(plan));
  return db.transaction(async (tx) => {
    const row = await keptListing(tx, actor, propertyId);
    const { before, after, changed } = changesOf(row, columnsOf(input));
    if (!changed) return 'unchanged' as const;
    const now = new Date();
    await tx
      .update(properties)
      .set({
        ...columnsOf(input),
        updatedAt: now,
        confirmedAt: now,
        confirmationAskedAt: null,
        hiddenAt: null,
      })
      .where(eq(properties.id, row.id));
    await recordAudit(tx, actor, {
      action: 'property.update',
      entityType: 'property',
      entityKey: String(row.id),
      before,
      after,
    });
    return 'updated' as const;
  });
}

/** Staff publish a pending listing. Approving an approved one changes nothing. */
export async function approveListing(
  db: Db,
  actor: Actor,
  propertyId: number,
): Promise<'approved' | 'already'> {
  if (!reviewsListings(actor)) throw forbidden;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(properties).where(eq(properties.id, propertyId));
    if (!row || row.municipalityCode !== actor.municipalityCode) throw listingNotFound;
    if (row.approval === 'approved') return 'already' as const;
    const now = new Date();
    await tx
      .update(properties)
      .set({ approval: 'approved', approvedAt: now, approvedBy: actor.accountId, confirmedAt: now })
      .where(eq(properties.id, row.id));
    await recordAudit(tx, actor, {
      action: 'property.approve',
      entityType: 'property',
      entityKey: String(row.id),
      before: { approval: 'pending' },
      after: { approval: 'approved' },
    });
    return 'approved' as const;
  });
}

/**
 * A listing's page: a public one for anyone; any other (pending, hidden, 成約, 取下げ) only for its
 * poster, admins and the staff who approve listings. `withPrivate` says whether the viewer may read
 * the owner's name and contact.
 */
export async function readListing(
  db: Db,
  viewer: Actor | undefined,
  municipalityCode: string,
  propertyId: number,
): Promise<{ listing: PropertyRow; keeps: boolean; withPrivate: boolean }> {
  const [row] = await db.select().from(properties).where(eq(properties.id, propertyId));
  if (!row || row.municipalityCode !== (viewer?.municipalityCode ?? municipalityCode)) throw listingNotFound;
  const keeps = viewer ? keepsListing(viewer, row) : false;
  const withPrivate = keeps || reviewsListings(viewer);
  if (!isPublic(row) && !withPrivate) throw listingNotFound;
  return { listing: row, keeps, withPrivate };
}

/** The listings an account posted, newest first. */
export async function ownListings(db: Queryable, actor: Actor): Promise<PropertyRow[]> {
  return db
    .select()
    .from(properties)
    .where(
      and(
        eq(properties.municipalityCode, actor.municipalityCode),
        eq(properties.posterAccountId, actor.accountId ?? -1),
      ),
    )
    .orderBy(desc(properties.updatedAt), desc(properties.id));
}

/** What staff have to approve, oldest first. */
export async function pendingListings(db: Db, actor: Actor): Promise<PropertyRow[]> {
  return db
    .select()
    .from(properties)
    .where(and(eq(properties.municipalityCode, actor.municipalityCode), eq(properties.approval, 'pending')))
    .orderBy(asc(properties.createdAt), asc(properties.id));
}
