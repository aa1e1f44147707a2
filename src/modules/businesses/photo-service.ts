import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { type PhotoUpload, photoAlbum } from '../../platform/photos/album';
import { businessNotFound, readBusiness } from './profile-service';
import { businesses, businessPhotos } from './schema';

/** A business's photos: at most eight, added and removed by the account keeping it, public with it. */
export const businessAlbum = photoAlbum(businessPhotos, { max: 8, entityType: 'business' });

/** The business the actor keeps, locked for the change; anyone else's is not found. */
async function keptBusiness(q: Queryable, actor: Actor, businessId: number) {
  const [row] = await q
    .select({ id: businesses.id, accountId: businesses.accountId })
    .from(businesses)
    .where(eq(businesses.id, businessId))
    .for('update');
  if (!row || actor.accountId === null || row.accountId !== actor.accountId) throw businessNotFound;
  return row;
}

export function businessPhotosOf(q: Queryable, businessId: number) {
  return businessAlbum.list(q, businessId);
}

/** The business adds a photo: only a real image, shrunk and without its metadata. A refused file changes nothing. */
export async function addBusinessPhoto(db: Db, actor: Actor, businessId: number, file: PhotoUpload) {
  await keptBusiness(db, actor, businessId);
  const photo = await businessAlbum.accept(file);
  return db.transaction(async (tx) => {
    await keptBusiness(tx, actor, businessId);
    return businessAlbum.add(tx, actor, businessId, photo);
  });
}

export async function removeBusinessPhoto(db: Db, actor: Actor, businessId: number, photoId: number) {
  await db.transaction(async (tx) => {
    await keptBusiness(tx, actor, businessId);
    await businessAlbum.remove(tx, actor, businessId, photoId);
  });
}

/** A photo's bytes, for whoever may read the business: anyone once it is approved. */
export async function businessPhotoData(
  db: Db,
  viewer: Actor | undefined,
  municipalityCode: string,
  businessId: number,
  photoId: number,
) {
  const business = await readBusiness(db, viewer, municipalityCode, businessId);
  const photo = await businessAlbum.bytes(db, businessId, photoId);
  if (!photo) throw businessNotFound;
  return { ...photo, isPublic: business.status === 'approved' };
}
