import { and, asc, eq, notInArray, or, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { UserError } from '../../platform/errors';
import type { Text } from '../../platform/i18n';
import { ownProfile, readBusiness } from '../businesses';
import { parseRefusal } from './article-input';
import { articleNotFound, articleOf } from './article-service';
import { isCityStaff, speaksForUniversity } from './permissions';
import {
  type ApprovalStep,
  type ArticleRow,
  communityArticlePhotos,
  communityArticleRevisions,
  communityArticles,
  type RevisionRow,
  type RevisionStatus,
} from './schema';

/**
 * The approvals of an article, one step after the other (decision 030): the shop checks the facts,
 * the university's staff and then the city approve publishing, and the city's approval publishes it.
 * Any of them may refuse with a reason, which the student reads; the student corrects and sends it
 * again, and the approvals start over.
 */

const awaiting: Record<ApprovalStep, RevisionStatus> = {
  facts: 'awaiting_facts',
  university: 'awaiting_university',
  city: 'awaiting_city',
};
const next: Record<ApprovalStep, RevisionStatus> = {
  facts: 'awaiting_university',
  university: 'awaiting_city',
  city: 'published',
};
export const stepOfStatus = (status: RevisionStatus): ApprovalStep | undefined =>
  (Object.keys(awaiting) as ApprovalStep[]).find((step) => awaiting[step] === status);

export const stepNames: Record<ApprovalStep, Text> = {
  facts: { ja: 'お店による内容の確認', en: 'facts checked by the shop' },
  university: { ja: '大学の承認', en: "the university's approval" },
  city: { ja: '市の承認（公開）', en: "the city's approval (publishing)" },
};

/** The business account that keeps the article's shop, if the shop has one. */
async function shopAccountOf(db: Queryable, article: ArticleRow): Promise<number | null> {
  const business = await readBusiness(
    db as Db,
    undefined,
    article.municipalityCode,
    article.businessId,
  ).catch(() => undefined);
  return business?.accountId ?? null;
}

/**
 * The steps this actor approves for this article (normally one, or none). A shop without an account
 * in Tsunagu has its facts confirmed on its behalf by support staff (by telephone or at the counter),
 * so that a shop is not left out of the map for want of an account.
 */
export async function stepsOf(q: Queryable, actor: Actor, article: ArticleRow): Promise<ApprovalStep[]> {
  if (actor.municipalityCode !== article.municipalityCode) return [];
  const steps: ApprovalStep[] = [];
  const shopAccount = await shopAccountOf(q, article);
  if (shopAccount === null ? actor.role === 'staff' : actor.accountId === shopAccount) steps.push('facts');
  if (speaksForUniversity(actor, article.university)) steps.push('university');
  if (isCityStaff(actor)) steps.push('city');
  return steps;
}

/** Whether the actor may read the article before it is public: its author and its reviewers. */
export async function readsUnpublished(q: Queryable, actor: Actor, article: ArticleRow): Promise<boolean> {
  if (actor.accountId !== null && actor.accountId === article.authorAccountId) return true;
  return (await stepsOf(q, actor, article)).length > 0;
}

const approvedBy = (row: RevisionRow, step: ApprovalStep) =>
  step === 'facts'
    ? row.factsApprovedBy
    : step === 'university'
      ? row.universityApprovedBy
      : row.cityApprovedBy;

const notWaitingForYou = (row: RevisionRow) => {
  const step = stepOfStatus(row.status);
  const now = step
    ? {
        ja: `今は「${stepNames[step].ja}」を待っています。`,
        en: `It is now waiting for ${stepNames[step].en}.`,
      }
    : { ja: '今は承認を待っていません。', en: 'It is not waiting for an approval now.' };
  return new UserError('article_not_awaiting_you', 409, {
    ja: `この記事はあなたの承認を待っていません。${now.ja}ページを読み込み直してください。`,
    en: `This article is not waiting for your approval. ${now.en} Reload the page.`,
  });
};

const notYours = new UserError('forbidden', 403, {
  ja: 'この記事を承認するのは、取材されたお店、学生の大学の職員、市の担当者です。',
  en: 'This article is approved by the shop interviewed, the staff of the student’s university and the city.',
});

/** The revision the reviewer was shown, if it is still the one being worked on. */
async function reviewedRevision(
  tx: Queryable,
  actor: Actor,
  articleId: number,
  revisionId: number,
): Promise<{ article: ArticleRow; revision: RevisionRow; steps: ApprovalStep[] }> {
  const article = await articleOf(tx, actor, articleId, true);
  const steps = await stepsOf(tx, actor, article);
  if (steps.length === 0) {
    if (actor.accountId === article.authorAccountId) throw notYours;
    throw articleNotFound;
  }
  const [revision] = await tx
    .select()
    .from(communityArticleRevisions)
    .where(
      and(eq(communityArticleRevisions.id, revisionId), eq(communityArticleRevisions.articleId, article.id)),
    );
  if (!revision) throw articleNotFound;
  return { article, revision, steps };
}

export type ReviewOutcome = 'approved' | 'published' | 'refused' | 'unchanged';

/**
 * A reviewer approves the revision they read (its id comes with the form, so that a revision changed
 * meanwhile is not approved unread). Approving twice changes nothing. The city's approval publishes
 * it: the revision published before is replaced.
 */
export async function approveArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  revisionId: number,
): Promise<ReviewOutcome> {
  return db.transaction(async (tx) => {
    const { article, revision, steps } = await reviewedRevision(tx, actor, articleId, revisionId);
    const step = stepOfStatus(revision.status);
    if (!step || !steps.includes(step)) {
      if (steps.some((s) => approvedBy(revision, s) === actor.accountId)) return 'unchanged';
      throw notWaitingForYou(revision);
    }
    const now = new Date();
    const status = next[step];
    const approval =
      step === 'facts'
        ? { factsApprovedAt: now, factsApprovedBy: actor.accountId }
        : step === 'university'
          ? { universityApprovedAt: now, universityApprovedBy: actor.accountId }
          : { cityApprovedAt: now, cityApprovedBy: actor.accountId, publishedAt: now };
    await tx
      .update(communityArticleRevisions)
      .set({ ...approval, status, updatedAt: now })
      .where(eq(communityArticleRevisions.id, revision.id));
    if (step === 'city') {
      if (article.publishedRevisionId !== null) {
        await tx
          .update(communityArticleRevisions)
          .set({ status: 'superseded', updatedAt: now })
          .where(eq(communityArticleRevisions.id, article.publishedRevisionId));
      }
      await tx
        .update(communityArticles)
        .set({ publishedRevisionId: revision.id, firstPublishedAt: article.firstPublishedAt ?? now })
        .where(eq(communityArticles.id, article.id));
      // the photos only the replaced revision showed are not shown any more
      await tx
        .delete(communityArticlePhotos)
        .where(
          and(
            eq(communityArticlePhotos.ownerId, article.id),
            revision.photoIds.length === 0
              ? undefined
              : notInArray(communityArticlePhotos.id, revision.photoIds),
          ),
        );
    }
    await recordAudit(tx, actor, {
      action: step === 'city' ? 'article.publish' : `article.approve_${step}`,
      entityType: 'article',
      entityKey: String(article.id),
      before: { status: revision.status },
      after: { revision: revision.number, status },
    });
    return step === 'city' ? 'published' : 'approved';
  });
}

/** A reviewer refuses the revision with a reason the student reads; nothing else changes. */
export async function refuseArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  revisionId: number,
  values: Record<string, unknown>,
): Promise<ReviewOutcome> {
  const reason = parseRefusal(values);
  return db.transaction(async (tx) => {
    const { article, revision, steps } = await reviewedRevision(tx, actor, articleId, revisionId);
    const step = stepOfStatus(revision.status);
    if (!step || !steps.includes(step)) {
      if (revision.status === 'refused' && revision.refusedBy === actor.accountId) return 'unchanged';
      throw notWaitingForYou(revision);
    }
    const now = new Date();
    await tx
      .update(communityArticleRevisions)
      .set({
        status: 'refused',
        refusedAt: now,
        refusedBy: actor.accountId,
        refusedStep: step,
        refusalReason: reason,
        updatedAt: now,
      })
      .where(eq(communityArticleRevisions.id, revision.id));
    await recordAudit(tx, actor, {
      action: 'article.refuse',
      entityType: 'article',
      entityKey: String(article.id),
      before: { status: revision.status },
      after: { revision: revision.number, status: 'refused', refusedStep: step, refusalReason: reason },
    });
    return 'refused';
  });
}

/** The revisions waiting for this reviewer's approval, oldest first. */
export async function articlesAwaiting(db: Db, actor: Actor) {
  const waiting: SQL[] = [];
  const shop = actor.role === 'business' ? await ownProfile(db, actor) : undefined;
  if (shop) {
    waiting.push(
      and(
        eq(communityArticleRevisions.status, 'awaiting_facts'),
        eq(communityArticles.businessId, shop.id),
      ) as SQL,
    );
  }
  // support staff confirm the facts of the shops that have no account (checked per article below)
  if (actor.role === 'staff') waiting.push(eq(communityArticleRevisions.status, 'awaiting_facts'));
  if ((actor.role === 'association' || actor.role === 'staff') && actor.organisation) {
    waiting.push(
      and(
        eq(communityArticleRevisions.status, 'awaiting_university'),
        eq(communityArticles.university, actor.organisation),
      ) as SQL,
    );
  }
  if (isCityStaff(actor)) waiting.push(eq(communityArticleRevisions.status, 'awaiting_city'));
  if (waiting.length === 0) return [];
  const rows = await db
    .select({ article: communityArticles, revision: communityArticleRevisions })
    .from(communityArticleRevisions)
    .innerJoin(communityArticles, eq(communityArticles.id, communityArticleRevisions.articleId))
    .where(and(eq(communityArticles.municipalityCode, actor.municipalityCode), or(...waiting)))
    .orderBy(asc(communityArticleRevisions.submittedAt), asc(communityArticleRevisions.id));
  if (actor.role !== 'staff') return rows;
  const mine = await Promise.all(
    rows.map(async (r) => {
      const step = stepOfStatus(r.revision.status);
      return step !== undefined && (await stepsOf(db, actor, r.article)).includes(step);
    }),
  );
  return rows.filter((_, i) => mine[i]);
}
