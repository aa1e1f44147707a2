// The community module owns what residents read about the city's shops and the work with the
// university (3-2 産学官連携の推進, decision 030): students' articles about shops, approved by the
// shop, the university and the city before they are public, with their OGP card, SNS text and Atom
// feed; and the 産学連携 each fiscal year, which the plan counts.
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import { todayInJapan } from '../../platform/fiscal-year';
import type { AppEnv } from '../../platform/http';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { addShopArticleSource } from '../shops';
import { cardImageRoutes } from './card-image';
import { collaborationRoutes } from './collaboration-routes';
import { collaborationsMetric } from './metrics';
import { communityPermissions } from './permissions';
import { articlePhotoRoutes } from './photo-routes';
import { photosShown } from './photo-service';
import { articleRoutes } from './routes';
import { describeCommunityAuditEntries } from './words';

export { editArticle, submitArticle, writeArticle } from './article-service';
export { type PublishedArticle, publishedArticles, publishedArticlesAbout } from './articles';

import { publishedArticlesAbout } from './articles';

export { recordCollaboration } from './collaboration-service';
export { communityPermissions } from './permissions';
export { addArticlePhoto, removeArticlePhoto } from './photo-service';
export { approveArticle, refuseArticle } from './review-service';

export function registerCommunityMetrics(registry: MetricRegistry): void {
  registry.register(collaborationsMetric);
}

export function communityModule(deps: AppDependencies) {
  const app = new Hono<AppEnv>();
  describeCommunityAuditEntries();
  // a shop's page lists the published articles about it (src/modules/shops/articles.ts)
  addShopArticleSource('community', async (q, _municipalityCode, businessId) =>
    (await publishedArticlesAbout(q, businessId)).map((a) => ({
      title: a.title,
      url: a.href,
      publishedOn: todayInJapan(a.firstPublishedAt),
      summary: a.summary,
    })),
  );
  addNavigation(
    { href: '/articles', label: { ja: 'お店の記事', en: 'Shop articles' } },
    {
      href: '/articles/mine',
      label: { ja: 'わたしの記事', en: 'Your articles' },
      permission: communityPermissions['community.articles.write'],
    },
    {
      href: '/articles/review',
      label: { ja: '記事の確認・承認', en: 'Approve articles' },
      permission: communityPermissions['community.articles.review'],
    },
    {
      href: '/collaborations',
      label: { ja: '産学連携の記録', en: 'Collaborations' },
      permission: communityPermissions['community.collaborations.record'],
    },
  );
  const db = deps.database.db;
  app.route('/', cardImageRoutes());
  app.route('/', articlePhotoRoutes({ db, plans: deps.plans }));
  app.route('/', collaborationRoutes({ db, plans: deps.plans }));
  app.route(
    '/',
    articleRoutes({
      db,
      plans: deps.plans,
      publicBaseUrl: deps.config.publicBaseUrl,
      photos: {
        src: (articleId, photoId) => `/articles/${articleId}/photos/${photoId}.jpg`,
        of: (articleId, photoIds) => photosShown(db, articleId, photoIds),
      },
    }),
  );
  return app;
}
