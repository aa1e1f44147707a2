import { and, asc, count, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { acceptImage } from '../../platform/images';
import { fieldProblem } from '../../platform/validation';
import { keptListing, listingNotFound, readListing } from './listing-service';
import { propertyPhotos } from './schema';

export const maxPhotos = 6;
const photoLabel = { ja: '写真', en: 'Photo' };

/** The photos of a listing in the order they were added, without their bytes. */
export function photosOf(q: Queryable, propertyId: number) {
  return q
    .select({
      id: propertyPhotos.id,
      width: propertyPhotos.width,
      height: propertyPhotos.height,
      caption: propertyPhotos.caption,
    })
    .from(propertyPhotos)
    .where(eq(propertyPhotos.propertyId, propertyId))
    .orderBy(asc(propertyPhotos.id));
}

/**
 * The poster adds a photo: only a real image, shrunk and without its metadata (src/platform/images.ts),
 * at most six a listing. A refused file changes nothing.
 */
export async function addPhoto(
  db: Db,
  actor: Actor,
  propertyId: number,
  file: { bytes: Uint8Array; caption: string },
): Promise<number> {
  await keptListing(db, actor, propertyId);
  const image = await acceptImage(file.bytes, { field: 'photo', label: photoLabel });
  const caption = file.caption.trim().slice(0, 100);
  return db.transaction(async (tx) => {
    const listing = await keptListing(tx, actor, propertyId);
    const [held] = await tx
      .select({ n: count() })
      .from(propertyPhotos)
      .where(eq(propertyPhotos.propertyId, listing.id));
    if ((held?.n ?? 0) >= maxPhotos) {
      throw fieldProblem('photo', photoLabel, {
        ja: `写真は1件につき${maxPhotos}枚までです。先に不要な写真を削除してください。`,
        en: `At most ${maxPhotos} photos a listing. Remove one first.`,
      });
    }
    const [row] = await tx
      .insert(propertyPhotos)
      .values({
        propertyId: listing.id,
        contentType: image.contentType,
        data: image.data,
        width: image.width,
        height: image.height,
        caption,
      })
      .returning({ id: propertyPhotos.id });
    const id = row?.id as number;
    await recordAudit(tx, actor, {
      action: 'property.photo_add',
      entityType: 'property',
      entityKey: String(listing.id),
      after: { photo: id, caption, width: image.width, height: image.height },
    });
    return id;
  });
}

export async function removePhoto(db: Db, actor: Actor, propertyId: number, photoId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const listing = await keptListing(tx, actor, propertyId);
    const removed = await tx
      .delete(propertyPhotos)
      .where(and(eq(propertyPhotos.id, photoId), eq(propertyPhotos.propertyId, listing.id)))
      .returning({ id: propertyPhotos.id });
    if (removed.length === 0) return;
    await recordAudit(tx, actor, {
      action: 'property.photo_remove',
      entityType: 'property',
      entityKey: String(listing.id),
      before: { photo: photoId },
    });
  });
}

/** A photo's bytes, for whoever may read its listing. */
export async function photoData(
  db: Db,
  viewer: Actor | undefined,
  municipalityCode: string,
  propertyId: number,
  photoId: number,
) {
  const { withPrivate } = await readListing(db, viewer, municipalityCode, propertyId);
  const [photo] = await db
    .select({ data: propertyPhotos.data, contentType: propertyPhotos.contentType })
    .from(propertyPhotos)
    .where(and(eq(propertyPhotos.id, photoId), eq(propertyPhotos.propertyId, propertyId)));
  if (!photo) throw listingNotFound;
  return { ...photo, isPublic: !withPrivate };
}
