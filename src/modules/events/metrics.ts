import { and, asc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../plan';
import { attendedSomeSession } from './event-service';
import { eventAttendance, eventRegistrations, eventSessions, events } from './schema';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

/** The category a binding asks for: `events.participants{category: succession-seminar}`. */
function categoryOf(request: MetricRequest): string {
  return String(request.binding.params.category ?? '');
}

/**
 * Events of the plan's municipality in the requested categories whose first session starts in the
 * fiscal year (April–March, Japan time): a course belongs to the year it begins in. Drafts never
 * count; a cancelled event is kept here for the people who attended its sessions before it was
 * called off, and left out of `events.held`.
 */
async function eventsOfYear(
  q: Queryable,
  municipalityCode: string,
  fiscalYear: number,
  categories: string[],
) {
  if (categories.length === 0) return [];
  const rows = await q
    .select({
      id: events.id,
      category: events.category,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      // a registration counts its seats: a phone booking for three who came is three people (037)
      attended: sql<number>`coalesce(sum(${eventRegistrations.seats}) filter (where ${attendedSomeSession}), 0)::int`,
      confirmed: sql<number>`coalesce(sum(${eventRegistrations.seats}) filter (where ${eventRegistrations.status} = 'confirmed'), 0)::int`,
    })
    .from(events)
    .leftJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .where(
      and(
        eq(events.municipalityCode, municipalityCode),
        ne(events.status, 'draft'),
        inArray(events.category, categories),
        gte(events.startsAt, new Date(`${fiscalYear}-04-01T00:00:00+09:00`)),
        lt(events.startsAt, new Date(`${fiscalYear + 1}-04-01T00:00:00+09:00`)),
      ),
    )
    .groupBy(events.id)
    .orderBy(asc(events.startsAt), asc(events.id));
  if (rows.length === 0) return [];
  const perSession = await q
    .select({
      eventId: eventSessions.eventId,
      number: eventSessions.number,
      attended: sql<number>`coalesce(sum(${eventRegistrations.seats}), 0)::int`,
    })
    .from(eventSessions)
    .leftJoin(eventAttendance, eq(eventAttendance.sessionId, eventSessions.id))
    .leftJoin(eventRegistrations, eq(eventRegistrations.id, eventAttendance.registrationId))
    .where(
      inArray(
        eventSessions.eventId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(eventSessions.id)
    .orderBy(asc(eventSessions.eventId), asc(eventSessions.number));
  return rows.map((row) => ({ ...row, sessions: perSession.filter((s) => s.eventId === row.id) }));
}

type YearEvent = Awaited<ReturnType<typeof eventsOfYear>>[number];

/** 「申込 12人・出席 10人（1回目 10人、2回目 9人…）」 with the English beside it. */
function attendanceDetail(r: YearEvent): string {
  const lectures =
    r.sessions.length > 1
      ? {
          ja: `（${r.sessions.map((s) => `${s.number}回目 ${s.attended}人`).join('、')}）`,
          en: ` (${r.sessions.map((s) => `session ${s.number}: ${s.attended}`).join(', ')})`,
        }
      : { ja: '', en: '' };
  const cancelled = r.status === 'cancelled' ? { ja: '【中止】', en: ' [cancelled]' } : { ja: '', en: '' };
  return (
    `${cancelled.ja}申込 ${r.confirmed}人・出席 ${r.attended}人${lectures.ja}` +
    ` / registered ${r.confirmed}, attended ${r.attended}${lectures.en}${cancelled.en}`
  );
}

/**
 * `events.participants{category}`: people present at one session at least of the category's events
 * of the fiscal year. A person at all five lectures of a course counts once; each event counts its
 * own people (decision 011). Registrations and each lecture's attendance are shown beside it.
 */
export const participantsMetric: MetricSource = {
  key: 'events.participants',
  description: { ja: 'イベントの参加者数（出席した人数）', en: 'Event participants (people attended)' },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const rows = await eventsOfYear(q, plan.municipalityCode, fiscalYear, [
      ...new Set(requests.map(categoryOf)),
    ]);
    return requests.map((request) => {
      const mine = rows.filter((r) => r.category === categoryOf(request));
      return {
        value: mine.length === 0 ? null : mine.reduce((sum, r) => sum + r.attended, 0),
        records: mine.map((r) => ({
          label: r.title,
          date: todayInJapan(r.startsAt),
          value: r.attended,
          detail: attendanceDetail(r),
          href: `/events/manage/${r.id}`,
        })),
      };
    });
  },
};

/**
 * `events.held{category}`: published events of the category in the fiscal year whose first session
 * has started. A course of five lectures is one event held; a cancelled event is not held.
 */
export const heldMetric: MetricSource = {
  key: 'events.held',
  description: { ja: 'イベントの開催数', en: 'Events held' },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const rows = (
      await eventsOfYear(q, plan.municipalityCode, fiscalYear, [...new Set(requests.map(categoryOf))])
    ).filter((r) => r.status === 'published');
    const now = new Date();
    return requests.map((request) => {
      const held = rows.filter((r) => r.category === categoryOf(request) && r.startsAt <= now);
      return {
        value: rows.some((r) => r.category === categoryOf(request)) ? held.length : null,
        records: held.map((r) => ({
          label: r.title,
          date: todayInJapan(r.startsAt),
          value: 1,
          detail: attendanceDetail(r),
          href: `/events/manage/${r.id}`,
        })),
      };
    });
  },
};
