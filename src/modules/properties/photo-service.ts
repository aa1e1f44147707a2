import type { Db } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { type PhotoUpload, photoAlbum } from '../../platform/photos/album';
import { keptListing, listingNotFound, readListing } from './listing-service';
import { propertyPhotos } from './schema';

/** A listing's photos (decision 023): at most six, added and removed by its poster. */
export const listingPhotos = photoAlbum(propertyPhotos, { max: 6, entityType: 'property' });

/** The photos of a listing in the order they were added, without their bytes. */
export function photosOf(q: Db, propertyId: number) {
  return listingPhotos.list(q, propertyId);
}

/** The poster adds a photo: only a real image, shrunk and without its metadata. A refused file changes nothing. */
export async function addPhoto(db: Db, actor: Actor, propertyId: number, file: PhotoUpload): Promise<number> {
  await keptListing(db, actor, propertyId);
  const photo = await listingPhotos.accept(file);
  return db.transaction(async (tx) => {
    const listing = await keptListing(tx, actor, propertyId);
    return listingPhotos.add(tx, actor, listing.id, photo);
  });
}

export async function removePhoto(db: Db, actor: Actor, propertyId: number, photoId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const listing = await keptListing(tx, actor, propertyId);
    await listingPhotos.remove(tx, actor, listing.id, photoId);
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
  const photo = await listingPhotos.bytes(db, propertyId, photoId);
  if (!photo) throw listingNotFound;
  return { ...photo, isPublic: !withPrivate };
}
