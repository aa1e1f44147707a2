import { and, arrayContains, asc, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import type { Text } from '../../platform/i18n';
import { industries } from './industries';
import { businessDeals, businessPosts, type PostRow } from './matching-schema';
import { type BusinessRow, businesses, type ListedBusiness, listedColumns } from './schema';
import { bigramsOf, foldForSearch } from './search-text';

/** A business suggested for a post, with the reasons a person reads (decision 020). */
export interface Suggestion {
  business: ListedBusiness;
  score: number;
  matchedTags: string[];
  reasons: Text[];
}

const quote = (tags: string[]) => tags.map((t) => `「${t}」`).join('');

/**
 * The businesses that could answer a post, most likely first, each with why: a tag of the post found
 * in what the business says it does (3 each), the industry the poster wants (2), an open post of the
 * other kind that matches (1: it is looking for this now), the same area (1), and deals already
 * confirmed in the city (1: it has done local work before). A business with neither a tag nor the
 * industry matching is not suggested; nor is the poster itself.
 */
export async function suggestionsFor(
  db: Db,
  post: PostRow,
  poster: BusinessRow,
  areas: readonly { code: string; name: string; nameEn?: string | undefined }[],
  limit = 10,
): Promise<Suggestion[]> {
  const folded = post.tags.map((t) => ({ tag: t, folded: foldForSearch(t) }));
  const singleChar = folded.some((t) => [...t.folded].length < 2);
  // a business whose text holds every character pair of one of the tags (the index narrows; the
  // tag itself is checked below), or of the industry asked for
  const wanted = [
    ...folded
      .filter((t) => [...t.folded].length >= 2)
      .map((t) => arrayContains(businesses.searchGrams, bigramsOf(t.folded))),
    ...(post.industryMajor ? [eq(businesses.industryMajor, post.industryMajor)] : []),
  ];
  if (wanted.length === 0 && !singleChar) return [];
  // scored in the database on what it can see (tags found, industry, area), the best few fetched;
  // the reasons and the smaller boosts are worked out below for those only
  const tagScore = folded.map(
    (t) => sql`(case when strpos(${businesses.searchText}, ${t.folded}) > 0 then 3 else 0 end)`,
  );
  const score = sql<number>`(${sql.join(
    [
      ...tagScore,
      post.industryMajor
        ? sql`(case when ${businesses.industryMajor} = ${post.industryMajor} then 2 else 0 end)`
        : sql`0`,
      poster.area ? sql`(case when ${businesses.area} = ${poster.area} then 1 else 0 end)` : sql`0`,
    ],
    sql` + `,
  )})`;
  const candidates = await db
    .select(listedColumns)
    .from(businesses)
    .where(
      and(
        eq(businesses.municipalityCode, post.municipalityCode),
        eq(businesses.status, 'approved'),
        ne(businesses.id, poster.id),
        ...(singleChar ? [] : [or(...wanted)]),
      ),
    )
    .orderBy(desc(score), asc(businesses.kana), asc(businesses.id))
    .limit(limit * 5);
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  const otherKind = post.kind === 'need' ? 'offer' : 'need';
  const [theirPosts, deals] = await Promise.all([
    db
      .select({
        businessId: businessPosts.businessId,
        title: businessPosts.title,
        tags: businessPosts.tags,
        body: businessPosts.body,
      })
      .from(businessPosts)
      .where(
        and(
          inArray(businessPosts.businessId, ids),
          eq(businessPosts.status, 'open'),
          eq(businessPosts.kind, otherKind),
        ),
      ),
    db
      .select({ businessId: businessDeals.sellerBusinessId, n: sql<number>`count(*)::int` })
      .from(businessDeals)
      .where(and(inArray(businessDeals.sellerBusinessId, ids), isNotNull(businessDeals.confirmedAt)))
      .groupBy(businessDeals.sellerBusinessId),
  ]);
  const dealsOf = new Map(deals.map((d) => [d.businessId, Number(d.n)]));
  const area = areas.find((a) => a.code === poster.area);
  const industry = industries.find((i) => i.code === post.industryMajor);
  const suggestions: Suggestion[] = [];
  for (const business of candidates) {
    const matchedTags = folded.filter((t) => business.searchText.includes(t.folded)).map((t) => t.tag);
    const industryMatch = Boolean(post.industryMajor && business.industryMajor === post.industryMajor);
    if (matchedTags.length === 0 && !industryMatch) continue;
    const reasons: Text[] = [];
    let score = 3 * matchedTags.length;
    if (matchedTags.length > 0) {
      reasons.push({
        ja: `${quote(matchedTags)}が一致`,
        en: `Matches ${matchedTags.map((t) => `“${t}”`).join(', ')}`,
      });
    }
    if (industryMatch && industry) {
      score += 2;
      reasons.push({ ja: `希望の業種（${industry.name}）`, en: `Industry wanted (${industry.nameEn})` });
    }
    const matchingPost = theirPosts.find(
      (p) =>
        p.businessId === business.id &&
        folded.some((t) => foldForSearch(`${p.title} ${p.tags.join(' ')} ${p.body}`).includes(t.folded)),
    );
    if (matchingPost) {
      score += 1;
      reasons.push(
        otherKind === 'offer'
          ? { ja: `受注したい「${matchingPost.title}」を掲載中`, en: `Offers “${matchingPost.title}” now` }
          : { ja: `発注したい「${matchingPost.title}」を掲載中`, en: `Needs “${matchingPost.title}” now` },
      );
    }
    if (area && business.area === poster.area) {
      score += 1;
      reasons.push({ ja: `同じ地区（${area.name}）`, en: `Same area (${area.nameEn ?? area.name})` });
    }
    const done = dealsOf.get(business.id) ?? 0;
    if (done > 0) {
      score += 1;
      reasons.push({
        ja: `市内での受注実績 ${done}件`,
        en: `${done} confirmed local deal${done > 1 ? 's' : ''}`,
      });
    }
    suggestions.push({ business, score, matchedTags, reasons });
  }
  return suggestions
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.business.kana.localeCompare(b.business.kana, 'ja') ||
        a.business.id - b.business.id,
    )
    .slice(0, limit);
}
