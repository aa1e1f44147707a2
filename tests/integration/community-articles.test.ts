import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUnclaimedBusiness } from '../../src/modules/businesses';
import {
  approveArticle,
  editArticle,
  publishedArticles,
  publishedArticlesAbout,
  refuseArticle,
  submitArticle,
  writeArticle,
} from '../../src/modules/community';
import { readArticleForReview } from '../../src/modules/community/articles';
import { articlesAwaiting } from '../../src/modules/community/review-service';
import { communityArticleRevisions, communityArticles } from '../../src/modules/community/schema';
import type { Actor } from '../../src/platform/audit';
import { createAccount } from '../../src/platform/auth/accounts';
import { auditLog } from '../../src/platform/schema';
import { testDatabaseKinds } from '../support/databases';
import type { TestInstance } from '../support/harness';
import { articleForm, demoShop, universityStaff } from './article-fixtures';
import { actorOf, refusal, startInstance } from './helpers';

describe.each(testDatabaseKinds())('student articles (%s)', (kind) => {
  let t: TestInstance;
  let student: Actor;
  let shop: Actor;
  let university: Actor;
  let admin: Actor;
  let shokokai: Actor;
  let businessId: number;
  const db = () => t.database.db;
  const plan = () => t.plans.defaultPlan;
  const code = () => plan().municipalityCode;
  const articleCount = async () => (await db().select({ n: count() }).from(communityArticles))[0]?.n ?? 0;
  const revisionCount = async () =>
    (await db().select({ n: count() }).from(communityArticleRevisions))[0]?.n ?? 0;
  const publicTitles = async () => (await publishedArticles(db(), code())).map((a) => a.title);

  /** Writes an article and sends it for approval; returns its id and the revision to approve. */
  async function submitted(overrides: Record<string, string> = {}) {
    const { article, revision } = await writeArticle(db(), student, plan(), {
      ...articleForm(overrides),
      businessId: String(businessId),
    });
    expect(await submitArticle(db(), student, article.id)).toBe('submitted');
    return { id: article.id, revisionId: revision.id };
  }
  async function approvedByAll(id: number, revisionId: number) {
    expect(await approveArticle(db(), shop, id, revisionId)).toBe('approved');
    expect(await approveArticle(db(), university, id, revisionId)).toBe('approved');
    expect(await approveArticle(db(), admin, id, revisionId)).toBe('published');
  }

  beforeAll(async () => {
    t = await startInstance(kind);
    student = await actorOf(t, 'student');
    admin = await actorOf(t, 'admin');
    shokokai = await actorOf(t, 'shokokai');
    university = await universityStaff(t);
    const kept = await demoShop(t);
    shop = kept.owner;
    businessId = kept.businessId;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('publishes an article only after the shop, the university and the city approve, in that order', async () => {
    const { id, revisionId } = await submitted({ title: '三つの承認を待つ記事（架空）' });
    expect(await publicTitles()).not.toContain('三つの承認を待つ記事（架空）');
    // the university and the city wait for the shop
    expect((await refusal(approveArticle(db(), university, id, revisionId))).status).toBe(409);
    expect((await refusal(approveArticle(db(), admin, id, revisionId))).status).toBe(409);
    expect((await articlesAwaiting(db(), shop)).map((w) => w.article.id)).toContain(id);
    expect((await articlesAwaiting(db(), university)).map((w) => w.article.id)).not.toContain(id);
    expect(await approveArticle(db(), shop, id, revisionId)).toBe('approved');
    expect(await approveArticle(db(), shop, id, revisionId)).toBe('unchanged');
    expect((await refusal(approveArticle(db(), admin, id, revisionId))).status).toBe(409);
    expect((await articlesAwaiting(db(), university)).map((w) => w.article.id)).toContain(id);
    expect(await approveArticle(db(), university, id, revisionId)).toBe('approved');
    expect(await publicTitles()).not.toContain('三つの承認を待つ記事（架空）');
    expect((await articlesAwaiting(db(), admin)).map((w) => w.article.id)).toContain(id);
    expect(await approveArticle(db(), admin, id, revisionId)).toBe('published');
    expect(await approveArticle(db(), admin, id, revisionId)).toBe('unchanged');
    expect(await publicTitles()).toContain('三つの承認を待つ記事（架空）');
    const about = await publishedArticlesAbout(db(), businessId);
    expect(about.map((a) => a.title)).toContain('三つの承認を待つ記事（架空）');
    expect(about.find((a) => a.id === id)?.href).toBe(`/articles/${id}`);

    const steps = await db()
      .select({ action: auditLog.action, actor: auditLog.actorAccountId })
      .from(auditLog)
      .where(eq(auditLog.entityKey, String(id)))
      .orderBy(asc(auditLog.id));
    expect(steps.filter((s) => s.action.startsWith('article.'))).toEqual([
      { action: 'article.create', actor: student.accountId },
      { action: 'article.submit', actor: student.accountId },
      { action: 'article.approve_facts', actor: shop.accountId },
      { action: 'article.approve_university', actor: university.accountId },
      { action: 'article.publish', actor: admin.accountId },
    ]);
  });

  it('lets only the shop interviewed, its university and the city review; others do not find it', async () => {
    const { id, revisionId } = await submitted({ title: '他人には見えない記事（架空）' });
    const resident = await actorOf(t, 'resident');
    await expect(readArticleForReview(db(), resident, id)).rejects.toThrow(/not_found/);
    expect((await refusal(approveArticle(db(), resident, id, revisionId))).status).toBe(404);
    expect((await refusal(approveArticle(db(), student, id, revisionId))).status).toBe(403);
    // a staff member of the university of another student is not this article's university
    const otherUniversity = { ...university, organisation: 'shotenkai' };
    expect((await refusal(approveArticle(db(), otherUniversity, id, revisionId))).status).toBe(404);
    // support staff do not confirm the facts of a shop that has its own account
    expect((await refusal(approveArticle(db(), shokokai, id, revisionId))).status).toBe(404);
    expect((await readArticleForReview(db(), shop, id)).steps).toEqual(['facts']);
  });

  it('returns an article with a reason the student reads; corrected and sent again, the approvals start over', async () => {
    const { id, revisionId } = await submitted({ title: '差し戻される記事（架空）' });
    expect(await approveArticle(db(), shop, id, revisionId)).toBe('approved');
    const before = await revisionCount();
    const empty = await refusal(refuseArticle(db(), university, id, revisionId, { reason: '  ' }));
    expect(empty.status).toBe(422);
    expect(empty.details[0]?.field).toBe('reason');
    const reason = '店名の表記が違います。「和菓子」の部分を確認してください。';
    expect(await refuseArticle(db(), university, id, revisionId, { reason })).toBe('refused');
    expect(await refuseArticle(db(), university, id, revisionId, { reason })).toBe('unchanged');
    expect(await revisionCount()).toBe(before);
    const mine = await readArticleForReview(db(), student, id);
    expect(mine.latest).toMatchObject({
      status: 'refused',
      refusedStep: 'university',
      refusalReason: reason,
    });
    // the shop's approval stands until the student changes the article; it moves nothing
    expect(await approveArticle(db(), shop, id, revisionId)).toBe('unchanged');
    expect((await readArticleForReview(db(), student, id)).latest.status).toBe('refused');
    expect(
      await editArticle(db(), student, id, articleForm({ title: '差し戻し後に直した記事（架空）' })),
    ).toBe('updated');
    expect((await readArticleForReview(db(), student, id)).latest.refusalReason).toBe(reason);
    expect(await submitArticle(db(), student, id)).toBe('submitted');
    expect(await submitArticle(db(), student, id)).toBe('unchanged');
    const again = await readArticleForReview(db(), student, id);
    expect(again.latest).toMatchObject({
      status: 'awaiting_facts',
      refusalReason: null,
      factsApprovedBy: null,
    });
    expect((await refusal(approveArticle(db(), university, id, revisionId))).status).toBe(409);
    await approvedByAll(id, revisionId);
    expect(await publicTitles()).toContain('差し戻し後に直した記事（架空）');
  });

  it('keeps the published version public while a change is approved, then shows the change', async () => {
    const { id, revisionId } = await submitted({ title: '公開中の記事（架空）' });
    await approvedByAll(id, revisionId);
    expect(await editArticle(db(), student, id, articleForm({ title: '改訂した記事（架空）' }))).toBe(
      'revised',
    );
    expect(await publicTitles()).toContain('公開中の記事（架空）');
    expect(await publicTitles()).not.toContain('改訂した記事（架空）');
    const draft = await readArticleForReview(db(), student, id);
    expect(draft.latest).toMatchObject({ number: 2, status: 'draft' });
    expect(draft.published?.title).toBe('公開中の記事（架空）');
    // a second change before sending changes the same new revision
    expect(await editArticle(db(), student, id, articleForm({ title: '改訂した記事（架空）' }))).toBe(
      'unchanged',
    );
    expect(await submitArticle(db(), student, id)).toBe('submitted');
    const second = draft.latest.id;
    expect(await approveArticle(db(), shop, id, second)).toBe('approved');
    expect(await approveArticle(db(), university, id, second)).toBe('approved');
    expect(await publicTitles()).toContain('公開中の記事（架空）');
    expect(await approveArticle(db(), admin, id, second)).toBe('published');
    expect(await publicTitles()).toContain('改訂した記事（架空）');
    expect(await publicTitles()).not.toContain('公開中の記事（架空）');
    const [first] = await db()
      .select({ status: communityArticleRevisions.status })
      .from(communityArticleRevisions)
      .where(eq(communityArticleRevisions.id, revisionId));
    expect(first?.status).toBe('superseded');
  });

  it('writes an article once when its form is sent twice', async () => {
    const form = { ...articleForm({ title: '二度送った記事（架空）' }), businessId: String(businessId) };
    const first = await writeArticle(db(), student, plan(), form);
    const before = await articleCount();
    const second = await writeArticle(db(), student, plan(), form);
    expect(second.created).toBe(false);
    expect(second.article.id).toBe(first.article.id);
    expect(await articleCount()).toBe(before);
  });

  it('refuses bad input with every problem at once, in both languages, and writes nothing', async () => {
    const before = [await articleCount(), await revisionCount()];
    const bad = await refusal(
      writeArticle(db(), student, plan(), {
        ...articleForm({ title: '', summary: 'あ'.repeat(121), interviewDate: '2999-01-01' }),
        businessId: 'x',
      }),
    );
    expect(bad.status).toBe(422);
    expect(bad.details.map((d) => d.field).sort()).toEqual([
      'businessId',
      'interviewDate',
      'summary',
      'title',
    ]);
    const unknownShop = await refusal(
      writeArticle(db(), student, plan(), { ...articleForm(), businessId: '999999' }),
    );
    expect(unknownShop.details[0]?.field).toBe('businessId');
    const noUniversity = await createAccount(db(), {
      municipalityCode: code(),
      email: 'no-university-student@example.test',
      displayName: '所属のない学生（架空）',
      role: 'student',
      password: 'no-university-2026',
    });
    const outsider = { ...student, accountId: noUniversity.id, organisation: null };
    expect(
      (await refusal(writeArticle(db(), outsider, plan(), { ...articleForm(), businessId: '1' }))).code,
    ).toBe('not_a_university_student');
    expect([await articleCount(), await revisionCount()]).toEqual(before);
  });

  it('has support staff confirm the facts for a shop without an account', async () => {
    const seeder = { accountId: null, name: 'テスト', municipalityCode: code() };
    const unkept = await registerUnclaimedBusiness(db(), seeder, plan(), {
      legalForm: 'sole',
      name: 'アカウントのない食堂（架空）',
      kana: 'あかうんとのないしょくどう',
      industryMajor: 'M',
      address: 'あきる野市秋川0-0-1（架空）',
    });
    const { article, revision } = await writeArticle(db(), student, plan(), {
      ...articleForm({ title: 'アカウントのないお店の記事（架空）' }),
      businessId: String(unkept.id),
    });
    await submitArticle(db(), student, article.id);
    expect((await articlesAwaiting(db(), shokokai)).map((w) => w.article.id)).toContain(article.id);
    expect((await articlesAwaiting(db(), shokokai)).map((w) => w.article.id)).not.toContain(
      (await articlesAwaiting(db(), shop))[0]?.article.id ?? -1,
    );
    expect(await approveArticle(db(), shokokai, article.id, revision.id)).toBe('approved');
  });
});
