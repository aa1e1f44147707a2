import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { type AttendedEvent, type AttendeeKey, attendeesOfYear, emailKey } from '../events';
import {
  type ConsultationKind,
  consultationCases,
  consultationClients,
  consultationKinds,
  consultations,
} from './schema';

/**
 * Which seminars lead to consultations (issue 5): for each event of a fiscal year, how many people
 * attended and how many of them consulted a desk (any organisation) on the event's day or within a
 * year after it, by kind. A person is recognised by their account, or by the e-mail address given at
 * registration and as their contact at the desk. Counts only: no name leaves this function.
 */

export const followingDays = 365;

export interface SeminarRow {
  event: AttendedEvent;
  attended: number;
  consulted: number;
  byKind: Record<ConsultationKind, number>;
}

const dayInJapan = (at: Date) => new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const keysOf = (person: AttendeeKey) => [
  ...(person.accountId !== null ? [`account:${person.accountId}`] : []),
  ...(person.email ? [`email:${person.email}`] : []),
];

export async function seminarsLeadingToConsultations(
  q: Queryable,
  municipalityCode: string,
  fiscalYear: number,
): Promise<SeminarRow[]> {
  const [seminars, held] = await Promise.all([
    attendeesOfYear(q, municipalityCode, fiscalYear),
    q
      .select({
        accountId: consultationClients.accountId,
        contact: consultationClients.contact,
        kind: consultationCases.kind,
        heldOn: consultations.heldOn,
      })
      .from(consultations)
      .innerJoin(consultationCases, eq(consultationCases.id, consultations.caseId))
      .innerJoin(consultationClients, eq(consultationClients.id, consultationCases.clientId))
      .where(eq(consultationClients.municipalityCode, municipalityCode)),
  ]);
  const byPerson = new Map<string, { kind: ConsultationKind; heldOn: string }[]>();
  for (const { accountId, contact, kind, heldOn } of held) {
    for (const key of keysOf({ accountId, email: emailKey(contact) })) {
      byPerson.set(key, [...(byPerson.get(key) ?? []), { kind, heldOn }]);
    }
  }
  return seminars.map(({ event, attendees }) => {
    const from = dayInJapan(event.startsAt);
    const to = plusDays(from, followingDays);
    const byKind = Object.fromEntries(consultationKinds.map((k) => [k, 0])) as Record<
      ConsultationKind,
      number
    >;
    let consulted = 0;
    for (const person of attendees) {
      const after = keysOf(person)
        .flatMap((key) => byPerson.get(key) ?? [])
        .filter((c) => c.heldOn >= from && c.heldOn <= to);
      if (after.length === 0) continue;
      consulted++;
      for (const kind of new Set(after.map((c) => c.kind))) byKind[kind]++;
    }
    return { event, attended: attendees.length, consulted, byKind };
  });
}
