import { and, arrayContains, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { bilingual, fieldProblem, parseQuery } from '../../platform/validation';
import { type PropertyKind, type PublicProperty, properties, propertyKinds, publicColumns } from './schema';

const wholeNumber = (ja: string, en: string) =>
  z
    .string()
    .transform((v) => v.normalize('NFKC').replace(/[,\s]/g, ''))
    .pipe(z.string().regex(/^(|\d{1,12})$/, bilingual(ja, en)))
    .optional();

/** The filters of the list page and of GET /api/v1/properties. */
export const PropertyQuerySchema = z.object({
  kind: z
    .enum(['', ...propertyKinds], bilingual('種類を一覧から選んでください。', 'Choose a kind from the list.'))
    .optional()
    .describe('shop (空き店舗), house (空き家), office (事務所), factory (工場・倉庫) or land (土地)'),
  area: z.string().max(100).optional().describe("An area code of the plan file's areas"),
  deal: z
    .enum(['', 'rent', 'sale'], bilingual('賃貸か売買を選んでください。', 'Choose rent or sale.'))
    .optional()
    .describe('rent (賃貸) or sale (売買)'),
  minArea: wholeNumber(
    '面積は整数の㎡で入力してください（例：30）。',
    'Give the area in whole m², e.g. 30.',
  ).describe('Smallest floor area in m²'),
  maxArea: wholeNumber(
    '面積は整数の㎡で入力してください（例：100）。',
    'Give the area in whole m², e.g. 100.',
  ).describe('Largest floor area in m²'),
  minYen: wholeNumber(
    '金額は円単位の整数で入力してください（例：50000）。',
    'Give whole yen, e.g. 50000.',
  ).describe('Lowest monthly rent or price in yen'),
  maxYen: wholeNumber(
    '金額は円単位の整数で入力してください（例：150000）。',
    'Give whole yen, e.g. 150000.',
  ).describe('Highest monthly rent or price in yen'),
  use: z.string().max(20).optional().describe('A use tag, exactly as listed (飲食可, 住居併用…)'),
});

const queryLabels = {
  kind: { ja: '種類', en: 'Kind' },
  area: { ja: '地区', en: 'Area' },
  deal: { ja: '賃貸・売買', en: 'Rent or sale' },
  minArea: { ja: '面積（下限）', en: 'Area from' },
  maxArea: { ja: '面積（上限）', en: 'Area up to' },
  minYen: { ja: '賃料・価格（下限）', en: 'Rent or price from' },
  maxYen: { ja: '賃料・価格（上限）', en: 'Rent or price up to' },
  use: { ja: '使い方', en: 'Use' },
};

export interface PropertyFilter {
  kind: PropertyKind | '';
  area: string;
  deal: 'rent' | 'sale' | '';
  minArea: number | null;
  maxArea: number | null;
  minYen: number | null;
  maxYen: number | null;
  use: string;
}

export const noFilter: PropertyFilter = {
  kind: '',
  area: '',
  deal: '',
  minArea: null,
  maxArea: null,
  minYen: null,
  maxYen: null,
  use: '',
};

const numberOrNull = (v: string | undefined) => (v ? Number(v) : null);

export function parsePropertyQuery(
  query: Record<string, string | undefined>,
  areas: readonly { code: string }[],
): PropertyFilter {
  const parsed = parseQuery(PropertyQuerySchema, query, queryLabels);
  const area = parsed.area ?? '';
  if (area && !areas.some((a) => a.code === area)) {
    throw fieldProblem(
      'area',
      queryLabels.area,
      { ja: '地区を一覧から選んでください。', en: 'Choose an area from the list.' },
      400,
    );
  }
  const filter: PropertyFilter = {
    kind: parsed.kind ?? '',
    area,
    deal: parsed.deal ?? '',
    minArea: numberOrNull(parsed.minArea),
    maxArea: numberOrNull(parsed.maxArea),
    minYen: numberOrNull(parsed.minYen),
    maxYen: numberOrNull(parsed.maxYen),
    use: (parsed.use ?? '').normalize('NFKC').trim(),
  };
  for (const [low, high, label] of [
    ['minArea', 'maxArea', queryLabels.maxArea],
    ['minYen', 'maxYen', queryLabels.maxYen],
  ] as const) {
    const from = filter[low];
    const to = filter[high];
    if (from !== null && to !== null && from > to) {
      throw fieldProblem(
        high,
        label,
        { ja: '上限は下限以上にしてください。', en: 'The upper bound must not be below the lower one.' },
        400,
      );
    }
  }
  return filter;
}

/** The public listings that match, newest first (approved, not hidden, 募集中 or 商談中). */
export async function findListings(
  db: Db,
  municipalityCode: string,
  filter: PropertyFilter,
): Promise<PublicProperty[]> {
  const conditions: SQL[] = [
    eq(properties.municipalityCode, municipalityCode),
    eq(properties.approval, 'approved'),
    isNull(properties.hiddenAt),
    inArray(properties.stage, ['open', 'negotiating']),
  ];
  if (filter.kind) conditions.push(eq(properties.kind, filter.kind));
  if (filter.area) conditions.push(eq(properties.area, filter.area));
  if (filter.deal) conditions.push(eq(properties.deal, filter.deal));
  if (filter.minArea !== null) conditions.push(gte(properties.floorAreaM2, filter.minArea));
  if (filter.maxArea !== null) conditions.push(lte(properties.floorAreaM2, filter.maxArea));
  if (filter.minYen !== null) conditions.push(gte(properties.priceYen, filter.minYen));
  if (filter.maxYen !== null) conditions.push(lte(properties.priceYen, filter.maxYen));
  if (filter.use) conditions.push(arrayContains(properties.uses, [filter.use]));
  return db
    .select(publicColumns)
    .from(properties)
    .where(and(...conditions))
    .orderBy(desc(properties.approvedAt), asc(properties.id));
}

/** The use tags of public listings, most used first: the filter's choices. */
export async function listedUses(db: Db, municipalityCode: string): Promise<string[]> {
  const rows = await db.execute<{ tag: string }>(sql`
    select tag, count(*) as n from ${properties}, unnest(${properties.uses}) as tag
    where ${properties.municipalityCode} = ${municipalityCode} and ${properties.approval} = 'approved'
      and ${properties.hiddenAt} is null and ${properties.stage} in ('open', 'negotiating')
    group by tag order by n desc, tag asc limit 30`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { tag: string }[] }).rows;
  return list.map((r) => r.tag);
}
