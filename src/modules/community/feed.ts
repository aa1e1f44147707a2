import { Feed } from 'feed';
import type { Plan } from '../plan';
import type { PublishedArticle } from './articles';

/**
 * The Atom feed of new articles (RFC 4287, written by the `feed` package): a stable feed id, the
 * time of the latest publication as `updated`, and one entry per article with its permanent id, its
 * title, its time (an approved change moves it), its link and its short version as summary.
 */
export function articleFeed(input: {
  plan: Plan;
  articles: PublishedArticle[];
  shops: Map<number, string>;
  baseUrl: string;
  photoSrc: (a: PublishedArticle) => string | undefined;
}): string {
  const { plan, articles, baseUrl } = input;
  const latest = articles.reduce<Date | undefined>(
    (max, a) => (max === undefined || a.updatedAt > max ? a.updatedAt : max),
    undefined,
  );
  const feed = new Feed({
    id: `${baseUrl}/articles`,
    title: `${plan.file.municipality.name} お店の記事（学生取材）`,
    description: '学生がお店を取材して書いた記事の新着',
    link: `${baseUrl}/articles`,
    language: 'ja',
    updated: latest ?? new Date(0),
    generator: false,
    feedLinks: { atom: `${baseUrl}/articles/feed.atom` },
    author: { name: `つなぐ（${plan.file.municipality.name}）`, link: baseUrl },
    copyright: plan.file.municipality.name,
  });
  for (const article of articles) {
    const shop = input.shops.get(article.businessId);
    const photo = input.photoSrc(article);
    feed.addItem({
      id: `${baseUrl}${article.href}`,
      title: shop ? `${article.title}｜${shop}` : article.title,
      link: `${baseUrl}${article.href}`,
      date: article.updatedAt,
      published: article.firstPublishedAt,
      description: article.summary,
      ...(photo ? { image: `${baseUrl}${photo}` } : {}),
    });
  }
  return feed.atom1();
}
