import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { findBusinesses } from '../businesses';
import { articleNotFound, articleOf, latestRevision } from './article-service';
import { readsUnpublished, stepsOf } from './review-service';
import { communityArticleRevisions, communityArticles, type RevisionRow } from './schema';

/** What the public reads of a published article: the approved revision, never one under review. */
export interface PublishedArticle {
  id: number;
  businessId: number;
  university: string;
  title: string;
  body: string;
  summary: string;
  interviewDate: string;
  photoIds: number[];
  firstPublishedAt: Date;
  /** when the revision shown was published (an approved change updates it) */
  updatedAt: Date;
  href: string;
}

const publishedColumns = {
  id: communityArticles.id,
  businessId: communityArticles.businessId,
  university: communityArticles.university,
  firstPublishedAt: communityArticles.firstPublishedAt,
  title: communityArticleRevisions.title,
  body: communityArticleRevisions.body,
  summary: communityArticleRevisions.summary,
  interviewDate: communityArticleRevisions.interviewDate,
  photoIds: communityArticleRevisions.photoIds,
  publishedAt: communityArticleRevisions.publishedAt,
};

function toPublished(r: {
  id: number;
  businessId: number;
  university: string;
  firstPublishedAt: Date | null;
  title: string;
  body: string;
  summary: string;
  interviewDate: string;
  photoIds: number[];
  publishedAt: Date | null;
}): PublishedArticle {
  // both are set when the city's approval publishes a revision
  const publishedAt = r.publishedAt as Date;
  return {
    id: r.id,
    businessId: r.businessId,
    university: r.university,
    title: r.title,
    body: r.body,
    summary: r.summary,
    interviewDate: r.interviewDate,
    photoIds: r.photoIds,
    firstPublishedAt: r.firstPublishedAt ?? publishedAt,
    updatedAt: publishedAt,
    href: `/articles/${r.id}`,
  };
}

function publishedQuery(q: Queryable) {
  return q
    .select(publishedColumns)
    .from(communityArticles)
    .innerJoin(
      communityArticleRevisions,
      eq(communityArticleRevisions.id, communityArticles.publishedRevisionId),
    );
}

/** The published articles of a municipality, newest first (by first publication). */
export async function publishedArticles(
  q: Queryable,
  municipalityCode: string,
  options: { limit?: number; businessId?: number } = {},
): Promise<PublishedArticle[]> {
  const rows = await publishedQuery(q)
    .where(
      and(
        eq(communityArticles.municipalityCode, municipalityCode),
        isNotNull(communityArticles.publishedRevisionId),
        options.businessId === undefined ? undefined : eq(communityArticles.businessId, options.businessId),
      ),
    )
    .orderBy(desc(communityArticles.firstPublishedAt), desc(communityArticles.id))
    .limit(options.limit ?? 200);
  return rows.map(toPublished);
}

/** The published articles about one shop of the directory, newest first: for the shop's page. */
export async function publishedArticlesAbout(q: Queryable, businessId: number): Promise<PublishedArticle[]> {
  const rows = await publishedQuery(q)
    .where(eq(communityArticles.businessId, businessId))
    .orderBy(desc(communityArticles.firstPublishedAt), desc(communityArticles.id));
  return rows.map(toPublished);
}

/** A published article, or 404 (a draft or a refused article is not found by the public). */
export async function readPublishedArticle(
  q: Queryable,
  municipalityCode: string,
  articleId: number,
): Promise<PublishedArticle> {
  const [row] = await publishedQuery(q).where(
    and(eq(communityArticles.id, articleId), eq(communityArticles.municipalityCode, municipalityCode)),
  );
  if (!row) throw articleNotFound;
  return toPublished(row);
}

/** The names of the directory's public businesses, to show beside articles. */
export async function shopNames(db: Db, municipalityCode: string): Promise<Map<number, string>> {
  const { businesses } = await findBusinesses(
    db,
    municipalityCode,
    { q: '', industry: '', area: '', tag: '', page: 1 },
    { all: true },
  );
  return new Map(businesses.map((b) => [b.id, b.name]));
}

/** The student's own articles, newest first, each with its latest revision (and refusal reason). */
export async function ownArticles(db: Db, actor: Actor) {
  if (actor.accountId === null) return [];
  const articles = await db
    .select()
    .from(communityArticles)
    .where(eq(communityArticles.authorAccountId, actor.accountId))
    .orderBy(desc(communityArticles.id));
  if (articles.length === 0) return [];
  const revisions = await db
    .select()
    .from(communityArticleRevisions)
    .where(
      inArray(
        communityArticleRevisions.articleId,
        articles.map((a) => a.id),
      ),
    );
  const latest = new Map<number, RevisionRow>();
  for (const r of revisions) {
    const held = latest.get(r.articleId);
    if (!held || held.number < r.number) latest.set(r.articleId, r);
  }
  return articles.map((article) => ({ article, latest: latest.get(article.id) as RevisionRow }));
}

/**
 * An article as its author and its reviewers read it before it is public: the revision being worked
 * on (or the published one), the published one, and which approvals this reader gives. Others: 404.
 */
export async function readArticleForReview(db: Db, actor: Actor, articleId: number) {
  const article = await articleOf(db, actor, articleId);
  if (!(await readsUnpublished(db, actor, article))) throw articleNotFound;
  const latest = await latestRevision(db, article.id);
  const [published] =
    article.publishedRevisionId === null
      ? []
      : await db
          .select()
          .from(communityArticleRevisions)
          .where(eq(communityArticleRevisions.id, article.publishedRevisionId));
  return {
    article,
    latest,
    published: published as RevisionRow | undefined,
    steps: await stepsOf(db, actor, article),
    isAuthor: actor.accountId === article.authorAccountId,
  };
}
