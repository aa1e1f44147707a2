import type { Queryable } from '../../db/connection';
import { consentedSuccessionAnswers, industries } from '../businesses';
import { consentedSelfCheckAnswers } from '../consultations';
import type { Plan } from '../plan';
import { type SuppressedTable, suppressSmallGroups } from './suppression';

/**
 * Who the needs map counts (decision 034): an owner aged 60 or over whose successor is not decided
 * (a candidate not yet decided, no one, or planning to close), from a business profile or a
 * self-check, and only where the owner agreed that these answers are counted.
 */
export const olderOwnerAges: readonly string[] = ['60s', '70-plus'];
export const undecidedSuccessors: readonly string[] = ['candidate', 'none', 'close-down'];

/**
 * The self-check asks for a plain industry; the map counts by 日本標準産業分類's 大分類. Where one
 * division is the plain word's, it is that division ('services' is R, サービス業（他に分類されない
 * もの）); 'other' and no answer are counted as not given.
 */
export const selfCheckIndustryDivisions: Readonly<Record<string, string>> = {
  retail: 'I',
  food: 'M',
  manufacturing: 'E',
  construction: 'D',
  services: 'R',
  agriculture: 'A',
};

/** An area or industry that was not given: its own row or column. */
export const notGiven = '';

/** One owner in need, by where and what only. */
export interface OwnerInNeed {
  area: string;
  industry: string;
}

export interface ProfileAnswers {
  businessId: number;
  area: string | null;
  industryMajor: string;
  ownerAgeBand: string;
  successorStatus: string;
}

export interface SelfCheckAnswers {
  area: string;
  industry: string;
  ownerAge: string | null;
  successor: string | null;
  businessId: number | null;
}

/**
 * The owners in need among the consented answers. A business whose profile is counted (it consented)
 * is counted from its profile only, not again from a self-check it took while logged in.
 */
export function ownersInNeed(
  profiles: readonly ProfileAnswers[],
  selfChecks: readonly SelfCheckAnswers[],
): OwnerInNeed[] {
  const inNeed = (age: string | null, successor: string | null) =>
    olderOwnerAges.includes(age ?? '') && undecidedSuccessors.includes(successor ?? '');
  const profiled = new Set(profiles.map((p) => p.businessId));
  return [
    ...profiles
      .filter((p) => inNeed(p.ownerAgeBand, p.successorStatus))
      .map((p) => ({ area: p.area ?? notGiven, industry: p.industryMajor })),
    ...selfChecks
      .filter((s) => !(s.businessId !== null && profiled.has(s.businessId)))
      .filter((s) => inNeed(s.ownerAge, s.successor))
      .map((s) => ({ area: s.area, industry: selfCheckIndustryDivisions[s.industry] ?? notGiven })),
  ];
}

export interface NeedsTable {
  /** the plan's areas in its order, then 'not given' when someone is there */
  areas: string[];
  /** the divisions someone is counted in, A to T, then 'not given' when someone is there */
  industries: string[];
  /** by area (row) and industry (column), with the totals: what may be shown of each count */
  shown: SuppressedTable;
}

/** The table of owners in need by area and industry, its small groups suppressed. */
export function needsTable(owners: readonly OwnerInNeed[], areaCodes: readonly string[]): NeedsTable {
  const known = new Set(areaCodes);
  const byArea = owners.map((o) => ({ ...o, area: known.has(o.area) ? o.area : notGiven }));
  const areas = [...areaCodes, ...(byArea.some((o) => o.area === notGiven) ? [notGiven] : [])];
  const divisions = new Set(byArea.map((o) => o.industry));
  const industryCodes = [
    ...industries.map((i) => i.code).filter((code) => divisions.has(code)),
    ...([...divisions].some((d) => !industries.some((i) => i.code === d)) ? [notGiven] : []),
  ];
  const column = (industry: string) => {
    const at = industryCodes.indexOf(industry);
    return at >= 0 ? at : industryCodes.indexOf(notGiven);
  };
  const counts = areas.map(() => industryCodes.map(() => 0));
  for (const o of byArea) {
    const row = counts[areas.indexOf(o.area)];
    if (row) row[column(o.industry)] = (row[column(o.industry)] ?? 0) + 1;
  }
  return { areas, industries: industryCodes, shown: suppressSmallGroups(counts) };
}

/** The needs of a plan's municipality, from the consented profiles and self-checks. */
export async function successionNeeds(q: Queryable, plan: Plan): Promise<NeedsTable> {
  const [profiles, selfChecks] = await Promise.all([
    consentedSuccessionAnswers(q, plan.municipalityCode),
    consentedSelfCheckAnswers(q, plan.municipalityCode),
  ]);
  return needsTable(
    ownersInNeed(profiles, selfChecks),
    plan.file.areas.map((a) => a.code),
  );
}
