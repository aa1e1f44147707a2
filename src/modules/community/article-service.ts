import { and, desc, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import { type Actor, recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { forbidden } from '../../platform/http';
import { checkTogether, fieldProblem } from '../../platform/validation';
import { readBusiness } from '../businesses';
import type { Plan } from '../plan';
import { type ArticleInput, articleLabels, parseArticle, parseBusinessChoice } from './article-input';
import {
  type ArticleRow,
  communityArticleRevisions,
  communityArticles,
  type RevisionRow,
  type RevisionStatus,
} from './schema';

/**
 * A student writes an article about a shop and sends it for approval; every change is a revision of
 * the article, so that what was published stays public while a change is reviewed (decision 030).
 * The approvals themselves are in review-service.ts.
 */

export const articleNotFound = notFound({ ja: '記事', en: 'The article' });

const notAUniversityStudent = new UserError('not_a_university_student', 403, {
  ja: '記事を書くには、大学（明星大学など）に所属する学生のアカウントが必要です。所属が登録されていない場合は、市の担当者（商工観光課）にお問い合わせください。',
  en: 'Articles are written by student accounts of a university of the plan (such as Meisei University). If your account has no university, ask the city office.',
});

const reloadForm = new UserError('invalid_input', 422, {
  ja: 'フォームを読み込み直してから、もう一度送信してください。',
  en: 'Reload the form and send it again.',
});

/** Revisions a student still works on: not yet public, not replaced. */
export const workingStatuses: readonly RevisionStatus[] = [
  'draft',
  'awaiting_facts',
  'awaiting_university',
  'awaiting_city',
  'refused',
];
export const isWorking = (r: Pick<RevisionRow, 'status'>) => workingStatuses.includes(r.status);

/** The university of a student account: its organisation, when the plan names it. */
export function universityOf(actor: Actor, plan: Plan): string {
  const university = actor.organisation ?? '';
  if (actor.role !== 'student' || !plan.file.organisations.some((o) => o.code === university)) {
    throw notAUniversityStudent;
  }
  return university;
}

/** The latest revision of an article: the one being worked on, or the published one. */
export async function latestRevision(q: Queryable, articleId: number): Promise<RevisionRow> {
  const [row] = await q
    .select()
    .from(communityArticleRevisions)
    .where(eq(communityArticleRevisions.articleId, articleId))
    .orderBy(desc(communityArticleRevisions.number))
    .limit(1);
  if (!row) throw articleNotFound;
  return row;
}

/** An article of the actor's municipality, or 404. */
export async function articleOf(
  q: Queryable,
  actor: Actor,
  articleId: number,
  lock = false,
): Promise<ArticleRow> {
  const query = q.select().from(communityArticles).where(eq(communityArticles.id, articleId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || row.municipalityCode !== actor.municipalityCode) throw articleNotFound;
  return row;
}

/** An article its author keeps; another account gets 404, as if it did not exist. */
export async function authoredArticle(
  q: Queryable,
  actor: Actor,
  articleId: number,
  lock = false,
): Promise<ArticleRow> {
  const row = await articleOf(q, actor, articleId, lock);
  if (actor.accountId === null || row.authorAccountId !== actor.accountId) throw articleNotFound;
  return row;
}

/** The shop must be a public business of the directory. */
async function checkedBusiness(db: Db, actor: Actor, businessId: number) {
  try {
    return await readBusiness(db, undefined, actor.municipalityCode, businessId);
  } catch (error) {
    if (error instanceof UserError && error.status === 404) {
      throw fieldProblem('businessId', articleLabels.businessId as { ja: string; en: string }, {
        ja: '事業者の一覧に載っているお店を選んでください。',
        en: 'Choose a shop that is listed in the business directory.',
      });
    }
    throw error;
  }
}

/**
 * A student writes an article (a draft: nobody but the student and its reviewers reads it). The same
 * form sent twice (its idempotency key) writes it once.
 */
export async function writeArticle(
  db: Db,
  actor: Actor,
  plan: Plan,
  values: Record<string, unknown>,
): Promise<{ article: ArticleRow; revision: RevisionRow; created: boolean }> {
  const university = universityOf(actor, plan);
  const authorId = actor.accountId;
  if (authorId === null) throw forbidden;
  const key = String(values.idempotencyKey ?? '').trim();
  if (!/^[\w-]{8,100}$/.test(key)) throw reloadForm;
  const [businessId, input] = checkTogether(
    () => parseBusinessChoice(values),
    () => parseArticle(values),
  );
  const business = await checkedBusiness(db, actor, businessId);
  return db.transaction(async (tx) => {
    const [article] = await tx
      .insert(communityArticles)
      .values({
        municipalityCode: actor.municipalityCode,
        businessId: business.id,
        authorAccountId: authorId,
        university,
        idempotencyKey: key,
      })
      .onConflictDoNothing()
      .returning();
    if (!article) {
      const [again] = await tx
        .select()
        .from(communityArticles)
        .where(
          and(eq(communityArticles.authorAccountId, authorId), eq(communityArticles.idempotencyKey, key)),
        );
      const existing = again as ArticleRow;
      return { article: existing, revision: await latestRevision(tx, existing.id), created: false };
    }
    const [revision] = await tx
      .insert(communityArticleRevisions)
      .values({ articleId: article.id, number: 1, ...input })
      .returning();
    await recordAudit(tx, actor, {
      action: 'article.create',
      entityType: 'article',
      entityKey: String(article.id),
      after: { businessId: business.id, university, ...input, status: 'draft' },
    });
    return { article, revision: revision as RevisionRow, created: true };
  });
}

const approvalsCleared = {
  factsApprovedAt: null,
  factsApprovedBy: null,
  universityApprovedAt: null,
  universityApprovedBy: null,
  cityApprovedAt: null,
  cityApprovedBy: null,
};

/** What a change does to the revision it changes: its approvals are given again; a returned one stays returned. */
export function changedRevision(status: RevisionStatus) {
  return {
    ...approvalsCleared,
    status: status === 'refused' ? ('refused' as const) : ('draft' as const),
    updatedAt: new Date(),
  };
}

/**
 * The revision the author changes: the latest while it is not yet published; after publishing, a new
 * draft copied from the published one (audited as `article.revise`), approved again before it replaces
 * the published one.
 */
export async function workingRevision(
  tx: Queryable,
  actor: Actor,
  article: ArticleRow,
): Promise<RevisionRow> {
  const latest = await latestRevision(tx, article.id);
  if (isWorking(latest)) return latest;
  const [created] = await tx
    .insert(communityArticleRevisions)
    .values({
      articleId: article.id,
      number: latest.number + 1,
      title: latest.title,
      body: latest.body,
      summary: latest.summary,
      interviewDate: latest.interviewDate,
      photoIds: latest.photoIds,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'article.revise',
    entityType: 'article',
    entityKey: String(article.id),
    after: { revision: latest.number + 1, status: 'draft' },
  });
  return created as RevisionRow;
}

function changesOf(row: RevisionRow, input: ArticleInput) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof ArticleInput)[]) {
    if (row[key] !== input[key]) {
      before[key] = row[key];
      after[key] = input[key];
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

export type EditOutcome = 'updated' | 'revised' | 'unchanged';

/**
 * The author changes the article. Before it is published, the revision being worked on changes and
 * any approval it had is given again (a change waiting for approval goes back to draft). After it is
 * published, a new revision starts; the published one stays public until the new one is approved.
 */
export async function editArticle(
  db: Db,
  actor: Actor,
  articleId: number,
  values: Record<string, unknown>,
): Promise<EditOutcome> {
  await authoredArticle(db, actor, articleId);
  const input = parseArticle(values);
  return db.transaction(async (tx) => {
    const article = await authoredArticle(tx, actor, articleId, true);
    const latest = await latestRevision(tx, article.id);
    const { before, after, changed } = changesOf(latest, input);
    if (!changed) return 'unchanged';
    const revision = await workingRevision(tx, actor, article);
    const change = changedRevision(revision.status);
    await tx
      .update(communityArticleRevisions)
      .set({ ...input, ...change })
      .where(eq(communityArticleRevisions.id, revision.id));
    await recordAudit(tx, actor, {
      action: 'article.update',
      entityType: 'article',
      entityKey: String(article.id),
      before: { ...before, status: revision.status },
      after: { ...after, revision: revision.number, status: change.status },
    });
    return revision.id === latest.id ? 'updated' : 'revised';
  });
}

/**
 * The author sends the article for approval: the shop checks the facts first. Sending it again
 * while it waits changes nothing; a refused article is sent again after its correction.
 */
export async function submitArticle(
  db: Db,
  actor: Actor,
  articleId: number,
): Promise<'submitted' | 'unchanged'> {
  return db.transaction(async (tx) => {
    const article = await authoredArticle(tx, actor, articleId, true);
    const latest = await latestRevision(tx, article.id);
    if (latest.status !== 'draft' && latest.status !== 'refused') return 'unchanged';
    await tx
      .update(communityArticleRevisions)
      .set({
        ...approvalsCleared,
        status: 'awaiting_facts',
        submittedAt: new Date(),
        refusedAt: null,
        refusedBy: null,
        refusedStep: null,
        refusalReason: null,
        updatedAt: new Date(),
      })
      .where(eq(communityArticleRevisions.id, latest.id));
    await recordAudit(tx, actor, {
      action: 'article.submit',
      entityType: 'article',
      entityKey: String(article.id),
      before: { status: latest.status },
      after: { revision: latest.number, status: 'awaiting_facts' },
    });
    return 'submitted';
  });
}
