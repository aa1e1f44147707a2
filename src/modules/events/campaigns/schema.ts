import { boolean, date, index, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** A まちゼミ campaign: many small courses held by shops over a period, proposed until a deadline. */
export const eventCampaigns = pgTable(
  'event_campaigns',
  {
    id: serial('id').primaryKey(),
    municipalityCode: text('municipality_code').notNull(),
    /** a kind of event of the plan (`eventCategories`): the category its courses are published in */
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** an organisation code of the plan (第5章): the organiser of every course's event */
    organiser: text('organiser').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** the last day (Japan time) on which shops may propose */
    proposalsCloseOn: date('proposals_close_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_campaigns_municipality_idx').on(t.municipalityCode, t.startsOn)],
);

/** A course (講座) a shop proposes for a campaign; once approved it is an ordinary published event. */
export const campaignCourses = pgTable(
  'campaign_courses',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id').notNull(),
    /** the business account that proposed it */
    accountId: integer('account_id').notNull(),
    shopName: text('shop_name').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    teacher: text('teacher').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    /** yen: usually 0, or the cost of materials */
    feeYen: integer('fee_yen').notNull().default(0),
    bring: text('bring').notNull().default(''),
    /** 'proposed' | 'returned' | 'approved' | 'declined' | 'withdrawn' */
    status: text('status').notNull().default('proposed'),
    staffComment: text('staff_comment').notNull().default(''),
    /** the published event an approved course became */
    eventId: integer('event_id').unique(),
    idempotencyKey: text('idempotency_key').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
  },
  (t) => [
    unique('campaign_courses_one_per_form').on(t.accountId, t.idempotencyKey),
    index('campaign_courses_campaign_idx').on(t.campaignId, t.status, t.startsAt),
    index('campaign_courses_account_idx').on(t.accountId),
  ],
);

/**
 * The follow-up of a course's participant who consented to be asked, after the campaign, whether
 * they came back to the shop (decision 037): asked once, by mail or by the shop, answered once.
 */
export const courseFollowUps = pgTable(
  'course_follow_ups',
  {
    registrationId: integer('registration_id').primaryKey(),
    courseId: integer('course_id').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    /** the key of the answer page, in the mail's link */
    token: text('token').notNull().unique(),
    askedAt: timestamp('asked_at', { withTimezone: true }),
    /** 'mail': a mail with the link; 'shop': no e-mail address, the shop asks on the phone */
    askedBy: text('asked_by').$type<'mail' | 'shop'>(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    cameBack: boolean('came_back'),
    cameBackWithin: text('came_back_within').$type<ReturnWithin>(),
    answeredVia: text('answered_via').$type<'mail' | 'shop'>(),
    answeredBy: integer('answered_by'),
  },
  (t) => [index('course_follow_ups_course_idx').on(t.courseId)],
);

/** How soon after the course a participant came back: 1週間以内・1か月以内・それ以降. */
export type ReturnWithin = 'week' | 'month' | 'later';
