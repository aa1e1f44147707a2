import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/connection';
import { fiscalYearRange } from '../../platform/fiscal-year';
import { industries } from './industries';
import { businessMessages, businessPosts, businessThreads } from './matching-schema';
import { confirmedDealsOfYear } from './metrics';
import { businesses } from './schema';

export interface IndustryStatistics {
  industry: string;
  profiles: number;
  needs: number;
  /** of the needs posted in the year, those not closed yet */
  openNeeds: number;
  answeredNeeds: number;
  deals: number;
  amountYen: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The 商工会's figures of a fiscal year, by 大分類: approved profiles (now), needs posted in the year,
 * how many are still open and how many got an answer (a message from another business), confirmed local deals and their
 * amount by the seller's industry; and the median hours from a need to its first answer. Counts only:
 * no business is named and no message is read.
 */
export async function businessStatistics(db: Db, municipalityCode: string, fiscalYear: number) {
  const { start, end } = fiscalYearRange(fiscalYear);
  const [profiles, needs, deals] = await Promise.all([
    db
      .select({ industry: businesses.industryMajor })
      .from(businesses)
      .where(and(eq(businesses.municipalityCode, municipalityCode), eq(businesses.status, 'approved'))),
    db
      .select({
        id: businessPosts.id,
        createdAt: businessPosts.createdAt,
        industry: businesses.industryMajor,
        posterId: businessPosts.businessId,
        status: businessPosts.status,
      })
      .from(businessPosts)
      .innerJoin(businesses, eq(businesses.id, businessPosts.businessId))
      .where(
        and(
          eq(businessPosts.municipalityCode, municipalityCode),
          eq(businessPosts.kind, 'need'),
          gte(businessPosts.createdAt, new Date(`${start}T00:00:00+09:00`)),
          lte(businessPosts.createdAt, new Date(`${end}T23:59:59.999+09:00`)),
        ),
      ),
    confirmedDealsOfYear(db, municipalityCode, fiscalYear),
  ]);
  const needIds = needs.map((n) => n.id);
  const replies =
    needIds.length === 0
      ? []
      : await db
          .select({
            postId: businessThreads.postId,
            author: businessMessages.authorBusinessId,
            at: businessMessages.createdAt,
          })
          .from(businessMessages)
          .innerJoin(businessThreads, eq(businessThreads.id, businessMessages.threadId))
          .where(inArray(businessThreads.postId, needIds));
  const posterOf = new Map(needs.map((n) => [n.id, n.posterId]));
  const firstAnswer = new Map<number, Date>();
  for (const r of replies) {
    if (r.author === posterOf.get(r.postId)) continue;
    const known = firstAnswer.get(r.postId);
    if (!known || r.at < known) firstAnswer.set(r.postId, r.at);
  }
  const isOpen = (n: (typeof needs)[number]) => n.status === 'open';
  const rows: IndustryStatistics[] = industries.map((i) => {
    const ofIndustry = needs.filter((n) => n.industry === i.code);
    const dealsOf = deals.filter((d) => d.sellerIndustry === i.code);
    return {
      industry: i.code,
      profiles: profiles.filter((p) => p.industry === i.code).length,
      needs: ofIndustry.length,
      openNeeds: ofIndustry.filter(isOpen).length,
      answeredNeeds: ofIndustry.filter((n) => firstAnswer.has(n.id)).length,
      deals: dealsOf.length,
      amountYen: dealsOf.reduce((s, d) => s + (d.amountYen ?? 0), 0),
    };
  });
  const hours = needs.flatMap((n) => {
    const at = firstAnswer.get(n.id);
    return at ? [(at.getTime() - n.createdAt.getTime()) / 3_600_000] : [];
  });
  const m = median(hours);
  return {
    rows: rows.filter((r) => r.profiles + r.needs + r.deals > 0),
    totals: {
      profiles: profiles.length,
      needs: needs.length,
      openNeeds: needs.filter(isOpen).length,
      answeredNeeds: firstAnswer.size,
      deals: deals.length,
      amountYen: deals.reduce((s, d) => s + (d.amountYen ?? 0), 0),
      medianHoursToFirstAnswer: m === null ? null : Math.round(m * 10) / 10,
    },
  };
}
