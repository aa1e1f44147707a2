import type { Queryable } from '../../db/connection';

// The extension point for the shop page's articles (issue 8: students of 明星大学 write about shops,
// published after approval). The module that keeps the articles registers where the published
// ones of a shop come from; the shop page lists them, newest first, and shows nothing else of them.
// Until a module registers, the page says that no article has been published yet.

/** A published article about a shop, as its page lists it. */
export interface ShopArticle {
  title: string;
  /** the article's own page */
  url: string;
  /** Japan date, yyyy-mm-dd */
  publishedOn: string;
  summary?: string;
}

/** The published articles about one business of the directory (a shop). */
export type ShopArticleSource = (
  q: Queryable,
  municipalityCode: string,
  businessId: number,
) => Promise<ShopArticle[]>;

const sources = new Map<string, ShopArticleSource>();

/**
 * Registers where published articles about shops come from, once per `key` (the module's name):
 * registering again (a second app in the same process, as tests make) replaces it.
 */
export function addShopArticleSource(key: string, source: ShopArticleSource): void {
  sources.set(key, source);
}

/** Every registered source's published articles about a shop, newest first. */
export async function publishedArticlesOf(
  q: Queryable,
  municipalityCode: string,
  businessId: number,
): Promise<ShopArticle[]> {
  const lists = await Promise.all(
    [...sources.values()].map((source) => source(q, municipalityCode, businessId)),
  );
  return lists.flat().sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
}
