import { and, arrayContains, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { bilingual, fieldProblem, parseQuery } from '../../platform/validation';
import { isMajorIndustry } from './industries';
import { businesses, type ListedBusiness, listedColumns } from './schema';
import { bigramsOf, searchTerms } from './search-text';

export const perPage = 20;

/** The directory's filters, the same for the page and GET /api/v1/businesses. */
export const DirectoryQuerySchema = z.object({
  q: z
    .string()
    .max(100, bilingual('検索語は100文字以内にしてください。', 'Keep the search to 100 characters.'))
    .optional()
    .describe(
      'Words of the name, kana, industry, tags, capabilities, products or description (Japanese-aware)',
    ),
  industry: z
    .string()
    .regex(
      /^(|[A-T]|\d{2})$/,
      bilingual('業種を一覧から選んでください。', 'Choose an industry from the list.'),
    )
    .optional()
    .describe('日本標準産業分類: a 大分類 letter (E) or a 中分類 number (09)'),
  area: z.string().max(100).optional().describe("An area code of the plan file's areas"),
  tag: z.string().max(30).optional().describe('A capability tag, exactly as listed'),
  page: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, bilingual('ページ番号は1以上の整数です。', 'The page is a whole number from 1.'))
    .optional(),
});

const queryLabels = {
  q: { ja: 'キーワード', en: 'Keywords' },
  industry: { ja: '業種', en: 'Industry' },
  area: { ja: '地区', en: 'Area' },
  tag: { ja: 'タグ', en: 'Tag' },
  page: { ja: 'ページ', en: 'Page' },
};

export interface DirectoryFilter {
  q: string;
  industry: string;
  area: string;
  tag: string;
  page: number;
}

export function parseDirectoryQuery(
  query: Record<string, string | undefined>,
  areas: readonly { code: string }[],
): DirectoryFilter {
  const parsed = parseQuery(DirectoryQuerySchema, query, queryLabels);
  const area = parsed.area ?? '';
  if (area && !areas.some((a) => a.code === area)) {
    throw fieldProblem(
      'area',
      queryLabels.area,
      { ja: '地区を一覧から選んでください。', en: 'Choose an area from the list.' },
      400,
    );
  }
  return {
    q: (parsed.q ?? '').trim(),
    industry: parsed.industry ?? '',
    area,
    tag: (parsed.tag ?? '').normalize('NFKC').trim(),
    page: Number(parsed.page ?? 1),
  };
}

/**
 * The approved businesses that match: every word of the search in the folded text (narrowed by the
 * character-pair index, then checked as a substring; decision 019), in the industry, area and tag
 * asked for. Most relevant first: a word in the name counts three, elsewhere one; then by kana.
 */
export async function findBusinesses(
  db: Db,
  municipalityCode: string,
  filter: DirectoryFilter,
  options: { all?: boolean } = {},
): Promise<{ businesses: ListedBusiness[]; total: number }> {
  const terms = searchTerms(filter.q);
  const conditions: SQL[] = [
    eq(businesses.municipalityCode, municipalityCode),
    eq(businesses.status, 'approved'),
  ];
  const grams = [...new Set(terms.flatMap(bigramsOf))];
  if (grams.length > 0) conditions.push(arrayContains(businesses.searchGrams, grams));
  for (const term of terms) conditions.push(sql`strpos(${businesses.searchText}, ${term}) > 0`);
  if (filter.industry) {
    conditions.push(
      isMajorIndustry(filter.industry)
        ? eq(businesses.industryMajor, filter.industry)
        : eq(businesses.industryMiddle, filter.industry),
    );
  }
  if (filter.area) conditions.push(eq(businesses.area, filter.area));
  if (filter.tag) conditions.push(arrayContains(businesses.tags, [filter.tag]));
  const where = and(...conditions);
  const score = sql<number>`(${sql.join(
    terms.map((t) => sql`case when strpos(${businesses.searchName}, ${t}) > 0 then 3 else 1 end`),
    sql` + `,
  )})`;
  const query = db
    .select(listedColumns)
    .from(businesses)
    .where(where)
    .orderBy(...(terms.length > 0 ? [desc(score)] : []), asc(businesses.kana), asc(businesses.id));
  const [rows, [total]] = await Promise.all([
    options.all ? query : query.limit(perPage).offset((filter.page - 1) * perPage),
    db.select({ n: count() }).from(businesses).where(where),
  ]);
  return { businesses: rows, total: total?.n ?? 0 };
}

/** The tags of approved businesses, most used first: the tag filter's choices. */
export async function directoryTags(db: Db, municipalityCode: string, limit = 40): Promise<string[]> {
  const rows = await db.execute<{ tag: string }>(sql`
    select tag, count(*) as n from ${businesses}, unnest(${businesses.tags}) as tag
    where ${businesses.municipalityCode} = ${municipalityCode} and ${businesses.status} = 'approved'
    group by tag order by n desc, tag asc limit ${limit}`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { tag: string }[] }).rows;
  return list.map((r) => r.tag);
}
