import { and, asc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { todayInJapan } from '../../../platform/fiscal-year';
import type { Measurement, MetricSource } from '../../plan';
import { events } from '../schema';
import { campaignCourses, eventCampaigns } from './schema';

/**
 * `events.courses{category}`: the approved courses of the campaigns of a category (まちゼミの講座数)
 * whose course day falls in the fiscal year (April–March, Japan time). A course counts by its own
 * day, not its campaign's period, so a campaign that runs across 31 March counts in both years.
 * A course whose event was cancelled does not count.
 */
export const coursesMetric: MetricSource = {
  key: 'events.courses',
  description: { ja: 'まちゼミ等の講座数（承認済み）', en: 'Campaign courses (approved)' },
  async measure(q, { plan, fiscalYear }, requests): Promise<Measurement[]> {
    const categoryOf = (request: (typeof requests)[number]) => String(request.binding.params.category ?? '');
    const categories = [...new Set(requests.map(categoryOf))];
    const rows =
      categories.length === 0
        ? []
        : await q
            .select({
              eventId: events.id,
              category: eventCampaigns.category,
              campaign: eventCampaigns.title,
              title: campaignCourses.title,
              shopName: campaignCourses.shopName,
              startsAt: events.startsAt,
            })
            .from(campaignCourses)
            .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
            .innerJoin(events, eq(events.id, campaignCourses.eventId))
            .where(
              and(
                eq(eventCampaigns.municipalityCode, plan.municipalityCode),
                inArray(eventCampaigns.category, categories),
                eq(campaignCourses.status, 'approved'),
                ne(events.status, 'cancelled'),
                gte(events.startsAt, new Date(`${fiscalYear}-04-01T00:00:00+09:00`)),
                lt(events.startsAt, new Date(`${fiscalYear + 1}-04-01T00:00:00+09:00`)),
              ),
            )
            .orderBy(asc(events.startsAt), asc(events.id));
    return requests.map((request) => {
      const mine = rows.filter((r) => r.category === categoryOf(request));
      return {
        value: mine.length === 0 ? null : mine.length,
        records: mine.map((r) => ({
          label: `${r.title}（${r.shopName}）`,
          date: todayInJapan(r.startsAt),
          value: 1,
          detail: r.campaign,
          href: `/events/manage/${r.eventId}`,
        })),
      };
    });
  },
};
