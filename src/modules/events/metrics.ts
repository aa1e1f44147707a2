import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../plan';
import { eventRegistrations, events } from './schema';

type MetricRequest = Parameters<MetricSource['measure']>[2][number];

/** The category a binding asks for: `events.participants{category: succession-seminar}`. */
function categoryOf(request: MetricRequest): string {
  return String(request.binding.params.category ?? '');
}

/** Events of the plan's municipality in the requested categories whose start falls in the fiscal year (April–March, Japan time). */
async function eventsOfYear(
  q: Queryable,
  municipalityCode: string,
  fiscalYear: number,
  categories: string[],
) {
  if (categories.length === 0) return [];
  return q
    .select({
      id: events.id,
      category: events.category,
      title: events.title,
      startsAt: events.startsAt,
      attended: sql<number>`(count(${eventRegistrations.id}) filter (where ${eventRegistrations.status} = 'confirmed' and ${eventRegistrations.attendedAt} is not null))::int`,
      confirmed: sql<number>`(count(${eventRegistrations.id}) filter (where ${eventRegistrations.status} = 'confirmed'))::int`,
    })
    .from(events)
    .leftJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .where(
      and(
        eq(events.municipalityCode, municipalityCode),
        eq(events.status, 'published'),
        inArray(events.category, categories),
        gte(events.startsAt, new Date(`${fiscalYear}-04-01T00:00:00+09:00`)),
        lt(events.startsAt, new Date(`${fiscalYear + 1}-04-01T00:00:00+09:00`)),
      ),
    )
    .groupBy(events.id)
    .orderBy(asc(events.startsAt), asc(events.id));
}

/**
 * `events.participants{category}`: people who attended (checked in at the door) the published
 * events of the category held in the fiscal year. Registrations are shown beside each event.
 */
export const participantsMetric: MetricSource = {
  key: 'events.participants',
  description: { ja: 'イベントの参加者数（出席）', en: 'Event participants (attended)' },
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
          detail: `申込 ${r.confirmed}人 / registered ${r.confirmed}`,
          href: `/events/manage/${r.id}`,
        })),
      };
    });
  },
};

/** `events.held{category}`: published events of the category in the fiscal year that have started. */
export const heldMetric: MetricSource = {
  key: 'events.held',
  description: { ja: 'イベントの開催数', en: 'Events held' },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const rows = await eventsOfYear(q, plan.municipalityCode, fiscalYear, [
      ...new Set(requests.map(categoryOf)),
    ]);
    const now = new Date();
    return requests.map((request) => {
      const held = rows.filter((r) => r.category === categoryOf(request) && r.startsAt <= now);
      return {
        value: rows.some((r) => r.category === categoryOf(request)) ? held.length : null,
        records: held.map((r) => ({
          label: r.title,
          date: todayInJapan(r.startsAt),
          value: 1,
          detail: `参加 ${r.attended}人 / attended ${r.attended}`,
          href: `/events/manage/${r.id}`,
        })),
      };
    });
  },
};
