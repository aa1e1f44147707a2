import { and, asc, count, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../audit';
import { acceptImage } from '../images';
import { fieldProblem } from '../validation';
import type { PhotoTable, PhotoView } from './table';

export const photoLabel = { ja: '写真', en: 'Photo' };

/** A photo as sent from a form: its bytes and the caption typed beside it. */
export interface PhotoUpload {
  bytes: Uint8Array;
  caption: string;
}

/**
 * The photos of one kind of record, in the order they were added, at most `max` a record. Who may
 * change them is the caller's rule: it checks the record inside the transaction it passes here.
 * Every change is audited as `<entityType>.photo_add` / `.photo_remove`.
 */
export function photoAlbum(table: PhotoTable, options: { max: number; entityType: string }) {
  const { max, entityType } = options;

  /** Checks the image before any transaction: a refused file changes nothing. */
  const accept = async (upload: PhotoUpload) => ({
    image: await acceptImage(upload.bytes, { field: 'photo', label: photoLabel }),
    caption: upload.caption.trim().slice(0, 100),
  });

  return {
    max,
    accept,

    list(q: Queryable, ownerId: number): Promise<PhotoView[]> {
      return q
        .select({ id: table.id, width: table.width, height: table.height, caption: table.caption })
        .from(table)
        .where(eq(table.ownerId, ownerId))
        .orderBy(asc(table.id));
    },

    async add(tx: Queryable, actor: Actor, ownerId: number, photo: Awaited<ReturnType<typeof accept>>) {
      const [held] = await tx.select({ n: count() }).from(table).where(eq(table.ownerId, ownerId));
      if ((held?.n ?? 0) >= max) {
        throw fieldProblem('photo', photoLabel, {
          ja: `写真は${max}枚までです。先に不要な写真を削除してください。`,
          en: `At most ${max} photos. Remove one first.`,
        });
      }
      const { image, caption } = photo;
      const [row] = await tx
        .insert(table)
        .values({
          ownerId,
          contentType: image.contentType,
          data: image.data,
          width: image.width,
          height: image.height,
          caption,
        })
        .returning({ id: table.id });
      const id = row?.id as number;
      await recordAudit(tx, actor, {
        action: `${entityType}.photo_add`,
        entityType,
        entityKey: String(ownerId),
        after: { photo: id, caption, width: image.width, height: image.height },
      });
      return id;
    },

    async remove(tx: Queryable, actor: Actor, ownerId: number, photoId: number) {
      const removed = await tx
        .delete(table)
        .where(and(eq(table.id, photoId), eq(table.ownerId, ownerId)))
        .returning({ id: table.id });
      if (removed.length === 0) return;
      await recordAudit(tx, actor, {
        action: `${entityType}.photo_remove`,
        entityType,
        entityKey: String(ownerId),
        before: { photo: photoId },
      });
    },

    /** A photo's bytes, when it belongs to the record; whether the reader may see it is the caller's. */
    async bytes(q: Queryable, ownerId: number, photoId: number) {
      const [photo] = await q
        .select({ data: table.data, contentType: table.contentType })
        .from(table)
        .where(and(eq(table.id, photoId), eq(table.ownerId, ownerId)));
      return photo;
    },
  };
}
