import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import type { Text } from '../../platform/i18n';
import { tr, viewOf } from '../../platform/ui/layout';
import { PhotoSection } from '../../platform/ui/photos';
import { appFile, serveStaticText } from '../../platform/ui/static-assets';
import type { Plan } from '../plan';
import type { PlanCatalogue } from '../plan/catalogue';
import { articleFormValues } from './article-input';
import { editArticle, submitArticle, writeArticle } from './article-service';
import {
  ownArticles,
  type PublishedArticle,
  publishedArticles,
  readArticleForReview,
  readPublishedArticle,
  shopNames,
} from './articles';
import { articleFeed } from './feed';
import { ArticleListPage, ArticlePage, copyScriptPath } from './pages/public';
import { ArticleReviewPage, ReviewQueuePage } from './pages/review';
import { ArticleFormPage, MyArticlesPage } from './pages/student';
import { communityPermissions as can_ } from './permissions';
import { maxArticlePhotos } from './photo-service';
import { approveArticle, articlesAwaiting, refuseArticle } from './review-service';
import { snsPostText } from './sns';

export const articleNotices = {
  created: {
    ja: '下書きを保存しました。書き終えたら「承認を申請する」を押してください。',
    en: 'The draft was saved. When it is ready, send it for approval.',
  },
  updated: { ja: '記事を保存しました。', en: 'The article was saved.' },
  revised: {
    ja: '新しい版を保存しました。承認されるまでは、公開中の版がそのまま表示されます。',
    en: 'A new version was saved. The published version stays public until this one is approved.',
  },
  unchanged: { ja: '変更はありませんでした。', en: 'Nothing changed.' },
  submitted: {
    ja: '承認を申請しました。まずお店が内容を確認します。',
    en: 'Sent for approval. The shop checks the facts first.',
  },
  approved: { ja: '承認しました。次の承認に進みます。', en: 'Approved: it goes on to the next approval.' },
  published: { ja: '承認しました。記事は公開されました。', en: 'Approved: the article is published.' },
  refused: {
    ja: '差し戻しました。理由は学生に表示されます。',
    en: 'Returned: the student sees the reason.',
  },
  photo: { ja: '写真を追加しました。', en: 'The photo was added.' },
  photoRemoved: { ja: '写真を削除しました。', en: 'The photo was removed.' },
} satisfies Record<string, Text>;

export interface ArticlePhotos {
  /** the public address of a photo of a published article */
  src: (articleId: number, photoId: number) => string;
  /** the photos shown with a revision, with their size and caption */
  of: (
    articleId: number,
    photoIds: number[],
  ) => Promise<{ id: number; width: number; height: number; caption: string }[]>;
}

/** The public articles, the students' pages and the reviewers' pages. */
export function articleRoutes({
  db,
  plans,
  publicBaseUrl,
  photos,
}: {
  db: Db;
  plans: PlanCatalogue;
  publicBaseUrl: string;
  photos: ArticlePhotos;
}) {
  const app = new Hono<AppEnv>();
  const write = requirePermission(can_['community.articles.write']);
  const review = requirePermission(can_['community.articles.review']);
  const planOf = (c: AppContext): Plan => plans.planFor(c.get('account'));
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');
  const organisationName = (plan: Plan, code: string) =>
    plan.file.organisations.find((o) => o.code === code)?.name ?? code;

  serveStaticText(app, copyScriptPath, 'js', appFile(new URL('./copy.js', import.meta.url)));

  // ----- public: the list, the feed, an article --------------------------------------------------

  const firstPhoto = (a: PublishedArticle) =>
    a.photoIds[0] === undefined ? undefined : photos.src(a.id, a.photoIds[0]);

  app.get('/articles', async (c) => {
    const plan = planOf(c);
    const [articles, shops] = await Promise.all([
      publishedArticles(db, plan.municipalityCode),
      shopNames(db, plan.municipalityCode),
    ]);
    return c.html(
      <ArticleListPage view={viewOf(c)} articles={articles} shops={shops} photoUrl={firstPhoto} />,
    );
  });

  app.get('/articles/feed.atom', async (c) => {
    const plan = planOf(c);
    const [articles, shops] = await Promise.all([
      publishedArticles(db, plan.municipalityCode, { limit: 50 }),
      shopNames(db, plan.municipalityCode),
    ]);
    c.header('content-type', 'application/atom+xml; charset=utf-8');
    c.header('cache-control', 'public, max-age=600');
    return c.body(articleFeed({ plan, articles, shops, baseUrl: publicBaseUrl, photoSrc: firstPhoto }));
  });

  app.get('/articles/:id{[0-9]+}', async (c) => {
    const plan = planOf(c);
    const view = viewOf(c);
    const article = await readPublishedArticle(db, plan.municipalityCode, idOf(c));
    const [shops, shown] = await Promise.all([
      shopNames(db, plan.municipalityCode),
      photos.of(article.id, article.photoIds),
    ]);
    const shopName = shops.get(article.businessId) ?? '';
    const universityName = organisationName(plan, article.university);
    const url = `${publicBaseUrl}${article.href}`;
    const photo = firstPhoto(article);
    return c.html(
      <ArticlePage
        view={view}
        article={article}
        shopName={shopName}
        universityName={universityName}
        url={url}
        imageUrl={`${publicBaseUrl}${photo ?? '/articles/card.png'}`}
        siteName={tr(view, 'つなぐ', 'Tsunagu')}
        snsText={snsPostText({
          title: article.title,
          shopName,
          summary: article.summary,
          url,
          municipalityName: plan.file.municipality.name,
          universityName,
        })}
        photos={shown.map((p) => ({ ...p, src: photos.src(article.id, p.id) }))}
      />,
    );
  });

  // ----- students: their articles, writing, changing, sending for approval ----------------------

  app.get('/articles/mine', write, async (c) => {
    personal(c);
    const plan = planOf(c);
    const [articles, shops] = await Promise.all([
      ownArticles(db, actorOf(c)),
      shopNames(db, plan.municipalityCode),
    ]);
    return c.html(
      <MyArticlesPage
        view={viewOf(c)}
        articles={articles}
        shops={shops}
        notice={savedNotice(c, articleNotices)}
      />,
    );
  });

  const renderNew = async (
    c: AppContext,
    form: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    personal(c);
    const plan = planOf(c);
    const shops = await shopNames(db, plan.municipalityCode);
    const values = form.values ?? { businessId: c.req.query('business') ?? '' };
    return c.html(
      <ArticleFormPage
        view={viewOf(c)}
        values={values}
        problem={form.problem}
        shops={[...shops].map(([id, name]) => ({ id, name }))}
        idempotencyKey={values.idempotencyKey ?? randomUUID()}
      />,
      (form.status ?? 200) as 200,
    );
  };

  app.get('/articles/new', write, (c) => renderNew(c));
  app.post('/articles/new', write, async (c) => {
    const values = await formBody(c);
    try {
      const { article, created } = await writeArticle(db, actorOf(c), planOf(c), values);
      return c.redirect(`/articles/${article.id}/edit?saved=${created ? 'created' : 'unchanged'}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderNew(c, { values, problem, status });
    }
  });

  const renderEdit = async (
    c: AppContext,
    form: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    personal(c);
    const plan = planOf(c);
    const found = await readArticleForReview(db, actorOf(c), idOf(c));
    if (!found.isAuthor) return c.notFound();
    const shops = await shopNames(db, plan.municipalityCode);
    return c.html(
      <ArticleFormPage
        view={viewOf(c)}
        values={form.values ?? articleFormValues(found.latest)}
        problem={form.problem}
        shops={[]}
        article={{
          article: found.article,
          latest: found.latest,
          shopName: shops.get(found.article.businessId) ?? '',
        }}
        notice={savedNotice(c, articleNotices)}
        photos={
          <PhotoSection
            view={viewOf(c)}
            base={`/articles/${found.article.id}`}
            photos={await photos.of(found.article.id, found.latest.photoIds)}
            max={maxArticlePhotos}
          />
        }
      />,
      (form.status ?? 200) as 200,
    );
  };

  app.get('/articles/:id{[0-9]+}/edit', write, (c) => renderEdit(c));
  app.post('/articles/:id{[0-9]+}/edit', write, async (c) => {
    const values = await formBody(c);
    try {
      const outcome = await editArticle(db, actorOf(c), idOf(c), values);
      return c.redirect(`/articles/${idOf(c)}/edit?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderEdit(c, { values, problem, status });
    }
  });

  app.post('/articles/:id{[0-9]+}/submit', write, async (c) => {
    const outcome = await submitArticle(db, actorOf(c), idOf(c));
    return c.redirect(`/articles/mine?saved=${outcome}`, 303);
  });

  // ----- reviewers: the shop, the university, the city -------------------------------------------

  app.get('/articles/review', review, async (c) => {
    personal(c);
    const plan = planOf(c);
    const [waiting, shops] = await Promise.all([
      articlesAwaiting(db, actorOf(c)),
      shopNames(db, plan.municipalityCode),
    ]);
    return c.html(
      <ReviewQueuePage
        view={viewOf(c)}
        waiting={waiting}
        shops={shops}
        notice={savedNotice(c, articleNotices)}
      />,
    );
  });

  const renderReview = async (
    c: AppContext,
    form: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    personal(c);
    const plan = planOf(c);
    const found = await readArticleForReview(db, actorOf(c), idOf(c));
    const shops = await shopNames(db, plan.municipalityCode);
    const shown = await photos.of(found.article.id, found.latest.photoIds);
    return c.html(
      <ArticleReviewPage
        view={viewOf(c)}
        {...found}
        shopName={shops.get(found.article.businessId) ?? ''}
        values={form.values}
        problem={form.problem}
        notice={savedNotice(c, articleNotices)}
        photos={shown.map((p) => (
          <img src={photos.src(found.article.id, p.id)} alt={p.caption} width={p.width} height={p.height} />
        ))}
      />,
      (form.status ?? 200) as 200,
    );
  };

  app.get('/articles/:id{[0-9]+}/review', review, (c) => renderReview(c));

  const revisionIdOf = (values: FormValues) => Number.parseInt(values.revisionId ?? '', 10) || 0;

  app.post('/articles/:id{[0-9]+}/approve', review, async (c) => {
    const values = await formBody(c);
    const outcome = await approveArticle(db, actorOf(c), idOf(c), revisionIdOf(values));
    return c.redirect(`/articles/review?saved=${outcome === 'unchanged' ? 'unchanged' : outcome}`, 303);
  });

  app.post('/articles/:id{[0-9]+}/refuse', review, async (c) => {
    const values = await formBody(c);
    try {
      const outcome = await refuseArticle(db, actorOf(c), idOf(c), revisionIdOf(values), values);
      return c.redirect(`/articles/review?saved=${outcome}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status !== 422) throw error;
      return renderReview(c, { values, problem, status });
    }
  });

  return app;
}
