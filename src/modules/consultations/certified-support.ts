import { type SupportTopic, supportTopics } from './schema';

/**
 * 特定創業支援等事業 (産業競争力強化法): a person who received start-up support over at least one month,
 * in at least four sessions, covering all four areas (経営・財務・人材育成・販路開拓), may receive the
 * city's certificate (it lowers the registration tax of the company they found). This is the one
 * place the rule is written; the case page, the register and the certificate all ask it.
 */

/** One occasion of support: a consultation, or a lecture of 創業塾 the person attended. */
export interface SupportSession {
  /** yyyy-mm-dd, Japan time */
  on: string;
  topics: readonly SupportTopic[];
  source: 'consultation' | 'lecture';
  label: string;
}

export const minimumSessions = 4;

export interface CertifiedSupportAssessment {
  eligible: boolean;
  /** the sessions that count: those that covered at least one area */
  sessions: SupportSession[];
  covered: SupportTopic[];
  missing: SupportTopic[];
  firstOn: string | null;
  lastOn: string | null;
  /** the first day on which a month has passed since the first session */
  monthReachedOn: string | null;
  /** what stands between the person and the certificate, in the rule's order */
  shortOf: { sessions: number; topics: SupportTopic[]; month: boolean };
}

/** The same day a month later; the 31st of a short month becomes its last day (1/31 → 2/28). */
export function oneMonthAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m, 1)); // the first of the next month
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(d, last));
  return next.toISOString().slice(0, 10);
}

export function assessCertifiedSupport(all: readonly SupportSession[]): CertifiedSupportAssessment {
  const sessions = all.filter((s) => s.topics.length > 0).sort((a, b) => a.on.localeCompare(b.on));
  const coveredSet = new Set(sessions.flatMap((s) => s.topics));
  const covered = supportTopics.filter((t) => coveredSet.has(t));
  const missing = supportTopics.filter((t) => !coveredSet.has(t));
  const firstOn = sessions[0]?.on ?? null;
  const lastOn = sessions.at(-1)?.on ?? null;
  const monthReachedOn = firstOn ? oneMonthAfter(firstOn) : null;
  const month = firstOn !== null && lastOn !== null && lastOn >= (monthReachedOn as string);
  const shortOf = {
    sessions: Math.max(0, minimumSessions - sessions.length),
    topics: missing,
    month: !month,
  };
  return {
    eligible: shortOf.sessions === 0 && missing.length === 0 && month,
    sessions,
    covered,
    missing,
    firstOn,
    lastOn,
    monthReachedOn,
    shortOf,
  };
}
