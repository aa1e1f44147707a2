import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { isInFiscalYear, todayInJapan } from '../../platform/fiscal-year';
import type { Measurement, MetricRecord, MetricSource } from '../plan';
import { properties, propertyInquiries } from './schema';
import { kindNames } from './words';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

/** One fact of a fiscal year: its day (Japan), the listing's kind and area, what the drill-down says. */
export interface PropertyFact {
  day: string;
  kind: string;
  area: string | null;
  record: MetricRecord;
}

const dayOf = (value: Date | string) => (typeof value === 'string' ? value : todayInJapan(value));

/**
 * The facts behind the four metrics, for a municipality: listings approved (公開), inquiries sent,
 * 成約, and 成約 of a start-up. A record names a listing by number and kind, never a person.
 */
export async function propertyFacts(q: Queryable, municipalityCode: string) {
  const listings = await q.select().from(properties).where(eq(properties.municipalityCode, municipalityCode));
  const inquiries = await q
    .select({
      id: propertyInquiries.id,
      propertyId: propertyInquiries.propertyId,
      createdAt: propertyInquiries.createdAt,
    })
    .from(propertyInquiries)
    .where(eq(propertyInquiries.municipalityCode, municipalityCode));
  const byId = new Map(listings.map((l) => [l.id, l]));
  const fact = (l: (typeof listings)[number], day: string, label: string): PropertyFact => ({
    day,
    kind: l.kind,
    area: l.area,
    record: { label, date: day, value: 1, detail: kindNames[l.kind].ja, href: `/properties/${l.id}` },
  });
  const contracted = listings.filter((l) => l.stage === 'contracted' && l.contractedOn);
  return {
    listings: listings
      .filter((l) => l.approvedAt)
      .map((l) => fact(l, dayOf(l.approvedAt as Date), `物件 #${l.id} / property #${l.id}`)),
    inquiries: inquiries.flatMap((i) => {
      const l = byId.get(i.propertyId);
      return l
        ? [fact(l, dayOf(i.createdAt), `問い合わせ #${i.id}（物件 #${l.id}） / inquiry #${i.id}`)]
        : [];
    }),
    contracts: contracted.map((l) =>
      fact(l, l.contractedOn as string, `成約 物件 #${l.id} / contracted #${l.id}`),
    ),
    startups: contracted
      .filter((l) => l.startup)
      .map((l) => fact(l, l.contractedOn as string, `創業 物件 #${l.id} / start-up in #${l.id}`)),
  };
}

type FactKind = keyof Awaited<ReturnType<typeof propertyFacts>>;

const param = (request: MetricRequest, name: string) => {
  const v = request.binding.params[name];
  return v === undefined ? undefined : String(v);
};

/** A metric of one kind of fact, by fiscal year; `kind` (shop, house…) and `area` narrow it. */
function propertyMetric(
  key: string,
  facts: FactKind,
  description: MetricSource['description'],
): MetricSource {
  return {
    key,
    description,
    async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
      const all = (await propertyFacts(q, plan.municipalityCode))[facts].filter((f) =>
        isInFiscalYear(f.day, fiscalYear),
      );
      return requests.map((request) => {
        const kind = param(request, 'kind');
        const area = param(request, 'area');
        const counted = all.filter((f) => (!kind || f.kind === kind) && (!area || f.area === area));
        return { value: counted.length === 0 ? null : counted.length, records: counted.map((f) => f.record) };
      });
    },
  };
}

export const propertyMetrics = [
  propertyMetric('properties.listings', 'listings', {
    ja: '空き物件の掲載件数（承認・公開した年度、params: kind, area）',
    en: 'Vacant properties listed (by the fiscal year they were approved; params kind, area)',
  }),
  propertyMetric('properties.inquiries', 'inquiries', {
    ja: '空き物件への問い合わせ件数（params: kind, area）',
    en: 'Inquiries about vacant properties (params kind, area)',
  }),
  propertyMetric('properties.contracts', 'contracts', {
    ja: '空き物件の成約件数（成約日の年度、params: kind, area）',
    en: 'Vacant properties contracted (by the fiscal year of the contract; params kind, area)',
  }),
  propertyMetric('properties.startups', 'startups', {
    ja: '空き物件で創業した件数（成約のうち入居者が新規開業したもの）',
    en: 'Start-ups that opened in a listed property (contracts where the tenant started a business)',
  }),
];
