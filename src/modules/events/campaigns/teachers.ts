import { and, asc, eq, gte } from 'drizzle-orm';
import type { Queryable } from '../../../db/connection';
import { events } from '../schema';
import { campaignCourses, eventCampaigns } from './schema';

/** An approved まちゼミ course still to come: who proposed it (its shop), what and when. */
export interface UpcomingCourse {
  eventId: number;
  /** the business account that proposed it */
  accountId: number;
  shopName: string;
  title: string;
  startsAt: Date;
  campaignTitle: string;
}

/**
 * The courses of the municipality's campaigns that are approved, published as events and not yet
 * started at `from`, by date: the shops that teach in まちゼミ (講師) and when, for the shop map.
 */
export async function upcomingCampaignCourses(
  q: Queryable,
  municipalityCode: string,
  from: Date,
): Promise<UpcomingCourse[]> {
  return q
    .select({
      eventId: events.id,
      accountId: campaignCourses.accountId,
      shopName: campaignCourses.shopName,
      title: campaignCourses.title,
      startsAt: events.startsAt,
      campaignTitle: eventCampaigns.title,
    })
    .from(campaignCourses)
    .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
    .innerJoin(events, eq(events.id, campaignCourses.eventId))
    .where(
      and(
        eq(eventCampaigns.municipalityCode, municipalityCode),
        eq(campaignCourses.status, 'approved'),
        eq(events.status, 'published'),
        gte(events.startsAt, from),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
}
