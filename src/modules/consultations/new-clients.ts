import type { ConsultationKind } from './schema';

/**
 * The fiscal year (April–March) of a calendar day as written in Japan (yyyy-mm-dd): 2026-03-31 is in
 * 2025 (令和7年度), 2026-04-01 in 2026 (令和8年度). Consultation days are stored as Japan's calendar
 * days, so no time zone can move one across the boundary.
 */
export function fiscalYearOfDay(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** What the rule needs of a consultation: who, which kind, which day, and the order it was recorded in. */
export interface ConsultationFact {
  id: number;
  /**
   * the person as one organisation knows them (their 相談者 record, one per account per organisation):
   * a person who consults Bi@Sta and the 商工会 is new to each, since neither sees the other's records
   */
  clientId: number;
  kind: ConsultationKind;
  heldOn: string;
}

/**
 * 新規相談者 (the plan's 新規相談者数 of 1-1 事業承継相談 and 1-2 創業相談): a person's first
 * consultation of a kind makes them a new client of that kind, counted in the fiscal year of that
 * consultation's day. Every later consultation of the same kind, in that year or any later one, is a
 * continuing client's and counts nowhere; a first consultation of another kind counts for that kind.
 * Two on the same first day: the one recorded first (lower id) is the new one.
 *
 * Returns the ids of the consultations that make a new client. Hand it every consultation of the
 * person and kind up to the day in question, never one year's alone: a person who first came last
 * year is not new this year.
 */
export function newClientConsultations(facts: readonly ConsultationFact[]): Set<number> {
  const first = new Map<string, ConsultationFact>();
  for (const fact of facts) {
    const key = `${fact.clientId}|${fact.kind}`;
    const seen = first.get(key);
    if (!seen || fact.heldOn < seen.heldOn || (fact.heldOn === seen.heldOn && fact.id < seen.id))
      first.set(key, fact);
  }
  return new Set([...first.values()].map((f) => f.id));
}
