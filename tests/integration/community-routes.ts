import sharp from 'sharp';
import { expect } from 'vitest';
import { addArticlePhoto, approveArticle, submitArticle, writeArticle } from '../../src/modules/community';
import type { TestInstance } from '../support/harness';
import { articleForm, demoShop, universityStaff } from './article-fixtures';
import { actorOf, everyone, type Who } from './helpers';

/**
 * The routes of the students' articles in the role × route matrix of roles.test.ts. The list, the
 * feed and a published article are public; a draft or an article under review is not. Students write;
 * the shop, the university's staff and the city review (each only what waits for them, others 404).
 */
const students: Who[] = ['student'];
const reviewers: Who[] = ['admin', 'shokokai', 'bista', 'shotenkai', 'business'];
const recorders: Who[] = ['admin', 'shokokai', 'bista'];

const publishedTitle = '行列テストの公開記事（架空）';
const pendingTitle = '行列テストの審査中の記事（架空）';
const ids = {
  photoId: 0,
  businessId: 0,
  publishedId: 0,
  pendingId: 0,
  pendingRevisionId: 0,
  draftId: 0,
  refusedId: 0,
  refusedRevisionId: 0,
};

export async function prepareArticleRoutes(t: TestInstance): Promise<void> {
  const db = t.database.db;
  const plan = t.plans.defaultPlan;
  const student = await actorOf(t, 'student');
  const { owner, businessId } = await demoShop(t);
  ids.businessId = businessId;
  const university = await universityStaff(t);
  const admin = await actorOf(t, 'admin');
  const write = async (title: string, key: string) => {
    const { article, revision } = await writeArticle(db, student, plan, {
      ...articleForm({ title, idempotencyKey: key }),
      businessId: String(businessId),
    });
    return { id: article.id, revisionId: revision.id };
  };
  const published = await write(publishedTitle, 'roles-matrix-article-published');
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa8844' } })
    .jpeg()
    .toBuffer();
  ids.photoId = await addArticlePhoto(db, student, published.id, { bytes: photo, caption: '' });
  await submitArticle(db, student, published.id);
  await approveArticle(db, owner, published.id, published.revisionId);
  await approveArticle(db, university, published.id, published.revisionId);
  await approveArticle(db, admin, published.id, published.revisionId);
  ids.publishedId = published.id;
  const pending = await write(pendingTitle, 'roles-matrix-article-pending');
  await submitArticle(db, student, pending.id);
  ids.pendingId = pending.id;
  ids.pendingRevisionId = pending.revisionId;
  const refused = await write('行列テストの差し戻す記事（架空）', 'roles-matrix-article-refused');
  await submitArticle(db, student, refused.id);
  ids.refusedId = refused.id;
  ids.refusedRevisionId = refused.revisionId;
  ids.draftId = (await write('行列テストの下書き（架空）', 'roles-matrix-article-draft')).id;
}

const notUnderReview = (_who: Who, body: string) => {
  expect(body).not.toContain(pendingTitle);
  expect(body).not.toContain('行列テストの下書き（架空）');
};

export const articleRouteRules = [
  { route: 'GET /static/copy.js', path: '/static/copy.js', allowed: everyone, ok: 200 },
  { route: 'GET /articles/card.png', path: '/articles/card.png', allowed: everyone, ok: 200 },
  {
    route: 'GET /articles',
    path: '/articles',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain(publishedTitle);
      notUnderReview(who, body);
    },
  },
  {
    route: 'GET /articles/feed.atom',
    path: '/articles/feed.atom',
    allowed: everyone,
    ok: 200,
    content: (who: Who, body: string) => {
      expect(body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      expect(body).toContain(publishedTitle);
      notUnderReview(who, body);
    },
  },
  {
    route: 'GET /articles/:id{[0-9]+}',
    path: () => `/articles/${ids.publishedId}`,
    allowed: everyone,
    ok: 200,
    content: (_who: Who, body: string) => {
      expect(body).toContain('property="og:title"');
      expect(body).toContain(publishedTitle);
    },
  },
  {
    route: 'GET /articles/mine',
    path: '/articles/mine',
    allowed: students,
    ok: 200,
    content: (_who: Who, body: string) => expect(body).toContain(pendingTitle),
  },
  { route: 'GET /articles/new', path: '/articles/new', allowed: students, ok: 200 },
  {
    route: 'POST /articles/new',
    path: '/articles/new',
    allowed: students,
    ok: 303,
    form: (who: Who) => ({
      ...articleForm({
        title: `行列テスト ${who} の記事（架空）`,
        idempotencyKey: `roles-matrix-new-${who}`,
      }),
      businessId: String(ids.businessId),
    }),
  },
  {
    route: 'GET /articles/:id{[0-9]+}/edit',
    path: () => `/articles/${ids.draftId}/edit`,
    allowed: students,
    ok: 200,
  },
  {
    route: 'POST /articles/:id{[0-9]+}/edit',
    path: () => `/articles/${ids.draftId}/edit`,
    allowed: students,
    ok: 303,
    form: () => articleForm({ title: '行列テストの下書き（直した・架空）' }),
  },
  {
    route: 'POST /articles/:id{[0-9]+}/submit',
    path: () => `/articles/${ids.draftId}/submit`,
    allowed: students,
    ok: 303,
    form: () => ({}),
  },
  {
    route: 'GET /articles/review',
    path: '/articles/review',
    allowed: reviewers,
    ok: 200,
    // the shop reads what waits for its check; nobody else has anything of it yet
    content: (who: Who, body: string) =>
      who === 'business' ? expect(body).toContain(pendingTitle) : expect(body).not.toContain(pendingTitle),
  },
  {
    route: 'GET /articles/:id{[0-9]+}/review',
    path: () => `/articles/${ids.pendingId}/review`,
    allowed: reviewers,
    // the shop and the city read it; a reviewer of nothing in it (another 商店会, Bi@Sta) gets 404
    ok: 'permitted' as const,
  },
  {
    route: 'POST /articles/:id{[0-9]+}/approve',
    path: () => `/articles/${ids.pendingId}/approve`,
    allowed: reviewers,
    // only the shop's approval is awaited: the others are told so (409) or do not find it (404)
    ok: 'permitted' as const,
    form: () => ({ revisionId: String(ids.pendingRevisionId) }),
  },
  {
    route: 'POST /articles/:id{[0-9]+}/refuse',
    path: () => `/articles/${ids.refusedId}/refuse`,
    allowed: reviewers,
    ok: 'permitted' as const,
    form: () => ({ revisionId: String(ids.refusedRevisionId), reason: '行列テストの差し戻し理由' }),
  },
  {
    route: 'GET /articles/:id{[0-9]+}/photos/:file{[0-9]+\\.jpg}',
    path: () => `/articles/${ids.publishedId}/photos/${ids.photoId}.jpg`,
    allowed: everyone,
    ok: 200,
  },
  {
    route: 'POST /articles/:id{[0-9]+}/photos',
    path: () => `/articles/${ids.draftId}/photos`,
    allowed: students,
    // a file that is not an image is refused (422) and nothing is kept
    ok: 'permitted' as const,
    multipart: () => {
      const form = new FormData();
      form.set('photo', new File([Buffer.from('not an image')], 'photo.jpg', { type: 'image/jpeg' }));
      return form;
    },
  },
  {
    route: 'POST /articles/:id{[0-9]+}/photos/:photoId{[0-9]+}/remove',
    path: () => `/articles/${ids.draftId}/photos/999999/remove`,
    allowed: students,
    ok: 'permitted' as const,
    form: () => ({}),
  },
  // ----- 産学連携: recorded by support staff and the city -------------------------------------------
  { route: 'GET /collaborations', path: '/collaborations', allowed: recorders, ok: 200 },
  {
    route: 'POST /collaborations',
    path: '/collaborations',
    allowed: recorders,
    ok: 303,
    form: (who: Who) => ({
      idempotencyKey: `roles-matrix-collaboration-${who}`,
      kind: 'publicity',
      title: `行列テスト ${who} の連携（架空）`,
      fiscalYear: '2025',
      university: 'meisei',
      partnersText: '行列テストの連携先',
    }),
  },
];
