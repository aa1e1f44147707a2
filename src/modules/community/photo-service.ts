import { and, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { type PhotoUpload, photoAlbum } from '../../platform/photos/album';
import type { PhotoView } from '../../platform/photos/table';
import {
  articleNotFound,
  authoredArticle,
  changedRevision,
  latestRevision,
  workingRevision,
} from './article-service';
import { readsUnpublished } from './review-service';
import { communityArticlePhotos, communityArticleRevisions, communityArticles } from './schema';

/**
 * An article's photos (decision 023's images: checked by content, shrunk, without EXIF or GPS), kept
 * in one album per article. Which photos a revision shows is part of the revision, so adding or
 * removing one is a change like any other: after publishing, it starts a new revision that is
 * approved again, and the published photos stay until then.
 */
export const maxArticlePhotos = 8;
export const articleAlbum = photoAlbum(communityArticlePhotos, {
  max: maxArticlePhotos,
  entityType: 'article',
});

/** The author adds a photo to the revision being worked on. A refused file changes nothing. */
export async function addArticlePhoto(db: Db, actor: Actor, articleId: number, upload: PhotoUpload) {
  await authoredArticle(db, actor, articleId);
  const photo = await articleAlbum.accept(upload);
  return db.transaction(async (tx) => {
    const article = await authoredArticle(tx, actor, articleId, true);
    const revision = await workingRevision(tx, actor, article);
    const id = await articleAlbum.add(tx, actor, article.id, photo);
    await tx
      .update(communityArticleRevisions)
      .set({ ...changedRevision(revision.status), photoIds: [...revision.photoIds, id] })
      .where(eq(communityArticleRevisions.id, revision.id));
    return id;
  });
}

/** The author takes a photo out of the revision being worked on; the published one keeps its own. */
export async function removeArticlePhoto(db: Db, actor: Actor, articleId: number, photoId: number) {
  await db.transaction(async (tx) => {
    const article = await authoredArticle(tx, actor, articleId, true);
    if (!(await latestRevision(tx, article.id)).photoIds.includes(photoId)) return;
    const revision = await workingRevision(tx, actor, article);
    await tx
      .update(communityArticleRevisions)
      .set({
        ...changedRevision(revision.status),
        photoIds: revision.photoIds.filter((id) => id !== photoId),
      })
      .where(eq(communityArticleRevisions.id, revision.id));
    const published = await publishedPhotoIds(tx, article.publishedRevisionId);
    if (!published.includes(photoId)) await articleAlbum.remove(tx, actor, article.id, photoId);
  });
}

async function publishedPhotoIds(q: Queryable, revisionId: number | null) {
  if (revisionId === null) return [];
  const [row] = await q
    .select({ photoIds: communityArticleRevisions.photoIds })
    .from(communityArticleRevisions)
    .where(eq(communityArticleRevisions.id, revisionId));
  return row?.photoIds ?? [];
}

/** The photos a revision shows, in its order. */
export async function photosShown(db: Db, articleId: number, photoIds: number[]): Promise<PhotoView[]> {
  const kept = await articleAlbum.list(db, articleId);
  return photoIds.flatMap((id) => kept.filter((p) => p.id === id));
}

/**
 * A photo's bytes: anyone's when the published revision shows it, otherwise only the author's and the
 * reviewers' (never cached).
 */
export async function articlePhoto(
  db: Db,
  viewer: Actor | undefined,
  municipalityCode: string,
  articleId: number,
  photoId: number,
) {
  const [article] = await db
    .select()
    .from(communityArticles)
    .where(
      and(eq(communityArticles.id, articleId), eq(communityArticles.municipalityCode, municipalityCode)),
    );
  if (!article) throw articleNotFound;
  const isPublic = (await publishedPhotoIds(db, article.publishedRevisionId)).includes(photoId);
  if (!isPublic && !(viewer && (await readsUnpublished(db, viewer, article)))) throw articleNotFound;
  const photo = await articleAlbum.bytes(db, article.id, photoId);
  if (!photo) throw articleNotFound;
  return { photo, isPublic };
}
