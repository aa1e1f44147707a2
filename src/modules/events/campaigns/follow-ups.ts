import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../../db/connection';
import { type Actor, recordAudit } from '../../../platform/audit';
import { notFound, UserError } from '../../../platform/errors';
import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import { composeMail, englishBelow } from '../../../platform/mail/compose';
import { defineMailTemplate } from '../../../platform/mail/outbox';
import { bilingual, parseInput } from '../../../platform/validation';
import { attendedSomeSession } from '../event-service';
import { notTheOrganiser, runsEvent } from '../organiser-access';
import { eventRegistrations, events } from '../schema';
import { campaignCourses, courseFollowUps, eventCampaigns, type ReturnWithin } from './schema';
import { type CampaignRow, type CourseRow, findCampaign } from './service';

/**
 * The question every まちゼミ organiser asks: did the participants come back to the shop? A
 * participant who consented (on the online form, or on the phone to the shop) and came is asked
 * once, some weeks after the campaign: by mail with a link that needs no login, or, without an
 * e-mail address, by the shop on the phone, which enters the answer. The organiser and each shop
 * see the return rate per shop and per campaign, every rate with its n (decision 037).
 */

export type FollowUpRow = typeof courseFollowUps.$inferSelect;

/** Days after the campaign's last day before the question goes out: time to have come back. */
export const followUpAfterDays = 30;

const dayMs = 86_400_000;
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** The day (Japan time) the campaign's participants are asked. */
export function followUpDayOf(campaign: Pick<CampaignRow, 'endsOn'>): string {
  return plusDays(campaign.endsOn, followUpAfterDays);
}

/** The person agreed to the question after the campaign; agreeing again changes nothing. */
export async function consentToFollowUp(
  tx: Queryable,
  courseId: number,
  registrationId: number,
  now: Date,
): Promise<void> {
  await tx
    .insert(courseFollowUps)
    .values({ registrationId, courseId, consentedAt: now, token: randomBytes(24).toString('base64url') })
    .onConflictDoNothing();
}

/** The follow-ups of some registrations, by registration. */
export async function followUpsOf(
  q: Queryable,
  registrationIds: number[],
): Promise<Map<number, FollowUpRow>> {
  if (registrationIds.length === 0) return new Map();
  const rows = await q
    .select()
    .from(courseFollowUps)
    .where(inArray(courseFollowUps.registrationId, registrationIds));
  return new Map(rows.map((r) => [r.registrationId, r]));
}

/** The approved まちゼミ course an event is, if it is one: its registration form asks the consent. */
export async function courseOfEvent(q: Queryable, eventId: number): Promise<CourseRow | undefined> {
  const [course] = await q
    .select()
    .from(campaignCourses)
    .where(and(eq(campaignCourses.eventId, eventId), eq(campaignCourses.status, 'approved')));
  return course;
}

// ---------------------------------------------------------------------------------------------
// Asking

export interface FollowUpMail {
  registrationId: number;
  name: string;
  courseTitle: string;
  shopName: string;
  campaignTitle: string;
  /** the course's day, yyyy-mm-dd */
  courseDay: string;
  token: string;
}

export const followUpMail = defineMailTemplate<FollowUpMail>({
  name: 'machizemi.follow-up',
  label: { ja: 'まちゼミ後のおたずね（その後の来店）', en: 'Machizemi follow-up (came back?)' },
  render(p, context) {
    const link = `${context.baseUrl}/events/follow-ups/${p.token}`;
    return composeMail(
      `【${p.campaignTitle}】その後、${p.shopName}へ行かれましたか？ / Did you go back to the shop?`,
      [
        `${p.name} 様\n\n${formatDate('ja', p.courseDay)}の講座「${p.courseTitle}」（${p.shopName}）にご参加いただき、ありがとうございました。`,
        `お申し込みのときにご同意いただいたおたずねです。講座のあと、${p.shopName}にまた行かれましたか？ 次のページで「はい」か「いいえ」を選んでください（1分ほど、ログインは不要です。回答は1回だけです）。\n${link}`,
        '回答はお店ごとの「その後の来店」の割合として主催者とお店が見ます。お名前は集計に出ません。',
        englishBelow,
        `Dear ${p.name},\n\nThank you for taking part in "${p.courseTitle}" at ${p.shopName} on ${formatDate('en', p.courseDay)}.`,
        `When you booked, you agreed to one question afterwards: have you gone back to ${p.shopName} since? Answer yes or no here (a minute, no login, once):\n${link}`,
        'The organiser and the shop see the answers as a share per shop, never with your name.',
        'つなぐ\nこのメールは送信専用です。お問い合わせはまちゼミの主催者へお願いします。\nTsunagu. This address does not receive replies; contact the organiser of the campaign.',
      ],
    );
  },
});

/**
 * Asks the participants of every campaign whose follow-up day has come (Japan time) who consented
 * and came to their course: with an e-mail address by a mail with their link, without one by the
 * shop (the follow-up appears on its course page to call). Each is asked once: the row is marked
 * asked in the transaction that enqueues its mail, whose dedupe key names the registration, so a
 * second run, or two processes, ask nobody twice. A person marked as come later is asked on a
 * later run. Returns how many were asked now.
 */
export async function askCourseFollowUps(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const lastDayAsked = plusDays(todayInJapan(now), -followUpAfterDays);
  const due = await db
    .select({
      followUp: courseFollowUps,
      registration: eventRegistrations,
      course: campaignCourses,
      campaign: eventCampaigns,
    })
    .from(courseFollowUps)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, courseFollowUps.registrationId))
    .innerJoin(campaignCourses, eq(campaignCourses.id, courseFollowUps.courseId))
    .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
    .where(
      and(
        isNull(courseFollowUps.askedAt),
        lte(eventCampaigns.endsOn, lastDayAsked),
        eq(eventRegistrations.status, 'confirmed'),
        attendedSomeSession,
      ),
    )
    .orderBy(asc(courseFollowUps.registrationId));
  let asked = 0;
  for (const { followUp, registration, course, campaign } of due) {
    const by = registration.email ? ('mail' as const) : ('shop' as const);
    const done = await db.transaction(async (tx) => {
      const [marked] = await tx
        .update(courseFollowUps)
        .set({ askedAt: now, askedBy: by })
        .where(
          and(eq(courseFollowUps.registrationId, followUp.registrationId), isNull(courseFollowUps.askedAt)),
        )
        .returning();
      if (!marked) return false;
      await followUpMail.enqueue(tx, {
        to: registration.email,
        municipalityCode: campaign.municipalityCode,
        params: {
          registrationId: registration.id,
          name: registration.name,
          courseTitle: course.title,
          shopName: course.shopName,
          campaignTitle: campaign.title,
          courseDay: todayInJapan(course.startsAt),
          token: followUp.token,
        },
        dedupeKey: `${followUpMail.name}:${registration.id}`,
      });
      return true;
    });
    if (done) asked++;
  }
  return asked;
}

// ---------------------------------------------------------------------------------------------
// Answering

export const followUpNotFound = notFound({ ja: 'おたずね', en: 'The question' });

export const returnWithins: readonly ReturnWithin[] = ['week', 'month', 'later'];

export const FollowUpAnswerSchema = z.object({
  cameBack: z.enum(['yes', 'no'], bilingual('「はい」か「いいえ」を選んでください。', 'Choose yes or no.')),
  within: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .enum(
        ['week', 'month', 'later'],
        bilingual('いつ頃かを一覧から選んでください。', 'Choose when from the list.'),
      )
      .optional(),
  ),
});
export type FollowUpAnswerInput = { cameBack?: string; within?: string };

export const followUpAnswerLabels = {
  cameBack: { ja: 'その後の来店', en: 'Came back' },
  within: { ja: 'いつ頃', en: 'When' },
};

/** What a follow-up page shows: the question's course and shop, and the answer once given. */
export interface FollowUpView {
  followUp: FollowUpRow;
  registration: typeof eventRegistrations.$inferSelect;
  course: CourseRow;
  campaign: CampaignRow;
}

/** A follow-up by its link's token; one not asked yet (or no such token) does not exist. */
export async function findFollowUpByToken(q: Queryable, token: string): Promise<FollowUpView> {
  const [row] = await q
    .select({
      followUp: courseFollowUps,
      registration: eventRegistrations,
      course: campaignCourses,
      campaign: eventCampaigns,
    })
    .from(courseFollowUps)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, courseFollowUps.registrationId))
    .innerJoin(campaignCourses, eq(campaignCourses.id, courseFollowUps.courseId))
    .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
    .where(eq(courseFollowUps.token, token));
  if (!row || row.followUp.askedAt === null) throw followUpNotFound;
  return row;
}

const answeredAlready = (followUp: FollowUpRow) =>
  new UserError('follow_up_answered', 409, {
    ja: `${formatDate('ja', todayInJapan(followUp.answeredAt ?? new Date()))}にご回答いただいています（${followUp.cameBack ? 'はい' : 'いいえ'}）。回答は1回だけで、変えられません。`,
    en: `This was answered on ${formatDate('en', todayInJapan(followUp.answeredAt ?? new Date()))} (${followUp.cameBack ? 'yes' : 'no'}). There is one answer, which cannot be changed.`,
  });

/**
 * Writes the one answer of a follow-up whose row the caller locked: the same answer again (a
 * double click) changes nothing, another is refused, as the answer is given once.
 */
async function saveAnswer(
  tx: Queryable,
  followUp: FollowUpRow,
  input: FollowUpAnswerInput,
  by: { via: 'mail' | 'shop'; actor: Actor; campaignId: number },
  now: Date,
): Promise<{ followUp: FollowUpRow; changed: boolean }> {
  const data = parseInput(FollowUpAnswerSchema, input, followUpAnswerLabels);
  const cameBack = data.cameBack === 'yes';
  const within = cameBack ? (data.within ?? null) : null;
  if (followUp.answeredAt !== null) {
    if (followUp.cameBack === cameBack && (within === null || followUp.cameBackWithin === within)) {
      return { followUp, changed: false };
    }
    throw answeredAlready(followUp);
  }
  const [after] = await tx
    .update(courseFollowUps)
    .set({
      answeredAt: now,
      cameBack,
      cameBackWithin: within,
      answeredVia: by.via,
      answeredBy: by.via === 'shop' ? by.actor.accountId : null,
    })
    .where(eq(courseFollowUps.registrationId, followUp.registrationId))
    .returning();
  if (!after) throw followUpNotFound;
  await recordAudit(tx, by.actor, {
    action: 'course_follow_up.answer',
    entityType: 'event_campaign',
    entityKey: String(by.campaignId),
    after: { registrationId: followUp.registrationId, cameBack, within, answeredVia: by.via },
  });
  return { followUp: after, changed: true };
}

/** The participant answers from their mail's link, once. */
export async function answerFollowUp(
  db: Db,
  token: string,
  input: FollowUpAnswerInput,
  options: { now?: Date } = {},
): Promise<{ followUp: FollowUpRow; changed: boolean }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const found = await findFollowUpByToken(tx, token);
    const [locked] = await tx
      .select()
      .from(courseFollowUps)
      .where(eq(courseFollowUps.registrationId, found.followUp.registrationId))
      .for('update');
    if (!locked) throw followUpNotFound;
    const actor: Actor = {
      accountId: null,
      name: found.registration.name,
      municipalityCode: found.campaign.municipalityCode,
    };
    return saveAnswer(tx, locked, input, { via: 'mail', actor, campaignId: found.campaign.id }, now);
  });
}

/**
 * The shop (or the organiser's staff) enters the answer of a participant it asked on the phone:
 * only for one without an e-mail address, who was asked through the shop, and only from the
 * follow-up day on. A participant asked by mail answers themself.
 */
export async function recordAnswerByShop(
  db: Db,
  actor: Actor,
  course: Pick<CourseRow, 'id' | 'campaignId'> & { campaign: CampaignRow },
  registrationId: number,
  input: FollowUpAnswerInput,
  options: { now?: Date } = {},
): Promise<{ followUp: FollowUpRow; changed: boolean }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [followUp] = await tx
      .select()
      .from(courseFollowUps)
      .where(and(eq(courseFollowUps.registrationId, registrationId), eq(courseFollowUps.courseId, course.id)))
      .for('update');
    if (!followUp) throw followUpNotFound;
    if (followUp.askedAt === null) {
      throw new UserError('follow_up_not_yet', 409, {
        ja: `その後の来店のおたずねは${formatDate('ja', followUpDayOf(course.campaign))}からです（講座に来られた方だけにおたずねします）。`,
        en: `The follow-up question starts on ${formatDate('en', followUpDayOf(course.campaign))} (only for people who came).`,
      });
    }
    if (followUp.askedBy !== 'shop') {
      throw new UserError('follow_up_by_mail', 409, {
        ja: 'この方にはメールでおたずねしています。回答はご本人がメールのリンクから入力します。',
        en: 'This person was asked by mail and answers from the link in it.',
      });
    }
    return saveAnswer(tx, followUp, input, { via: 'shop', actor, campaignId: course.campaignId }, now);
  });
}

// ---------------------------------------------------------------------------------------------
// The return rate

/** The counts behind a shop's or a campaign's return rate (people; a booking answers once). */
export interface ReturnFigures {
  courses: number;
  /** people who came (a phone booking's seats) */
  attended: number;
  /** bookings whose person consented to the question */
  consented: number;
  asked: number;
  answered: number;
  cameBack: number;
}

/** A shop: the business account that runs its courses and the shop's name on them. */
export interface ShopReturns extends ReturnFigures {
  accountId: number;
  shopName: string;
}

/** One business may run several shops (two stores): a shop is its account and the name it teaches under. */
export const shopKey = (s: { accountId: number; shopName: string }) => `${s.accountId}:${s.shopName}`;

const noFigures = (): ReturnFigures => ({
  courses: 0,
  attended: 0,
  consented: 0,
  asked: 0,
  answered: 0,
  cameBack: 0,
});

/** n / d as a whole percent; null when nobody is behind it (d = 0). */
export function percentOf(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n * 100) / d);
}

/**
 * The return rate of a campaign, per shop (a business account and the shop name it teaches under)
 * and in all: courses held (approved, not cancelled), people who came, consents, asked, answered and came
 * back. Rates are answered / asked and came back / answered; callers show n beside each.
 */
export async function campaignReturns(
  q: Queryable,
  campaignId: number,
): Promise<{ shops: ShopReturns[]; total: ReturnFigures }> {
  const courses = await q
    .select({
      id: campaignCourses.id,
      accountId: campaignCourses.accountId,
      shopName: campaignCourses.shopName,
      attended: sql<number>`coalesce(sum(${eventRegistrations.seats}) filter (where ${attendedSomeSession}), 0)::int`,
    })
    .from(campaignCourses)
    .innerJoin(events, eq(events.id, campaignCourses.eventId))
    .leftJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .where(
      and(
        eq(campaignCourses.campaignId, campaignId),
        eq(campaignCourses.status, 'approved'),
        sql`${events.status} <> 'cancelled'`,
      ),
    )
    .groupBy(campaignCourses.id)
    .orderBy(asc(campaignCourses.startsAt), asc(campaignCourses.id));
  const answers =
    courses.length === 0
      ? []
      : await q
          .select({
            courseId: courseFollowUps.courseId,
            consented: sql<number>`(count(*) filter (where ${eventRegistrations.status} <> 'cancelled'))::int`,
            asked: sql<number>`count(${courseFollowUps.askedAt})::int`,
            answered: sql<number>`count(${courseFollowUps.answeredAt})::int`,
            cameBack: sql<number>`(count(*) filter (where ${courseFollowUps.cameBack}))::int`,
          })
          .from(courseFollowUps)
          .innerJoin(eventRegistrations, eq(eventRegistrations.id, courseFollowUps.registrationId))
          .where(
            inArray(
              courseFollowUps.courseId,
              courses.map((c) => c.id),
            ),
          )
          .groupBy(courseFollowUps.courseId);
  const byCourse = new Map(answers.map((a) => [a.courseId, a]));
  const shops = new Map<string, ShopReturns>();
  const total = noFigures();
  for (const course of courses) {
    const a = byCourse.get(course.id);
    const key = shopKey(course);
    const shop = shops.get(key) ?? { accountId: course.accountId, shopName: course.shopName, ...noFigures() };
    for (const figures of [shop, total]) {
      figures.courses += 1;
      figures.attended += course.attended;
      figures.consented += a?.consented ?? 0;
      figures.asked += a?.asked ?? 0;
      figures.answered += a?.answered ?? 0;
      figures.cameBack += a?.cameBack ?? 0;
    }
    shops.set(key, shop);
  }
  return {
    shops: [...shops.values()].sort((x, y) => x.shopName.localeCompare(y.shopName, 'ja')),
    total,
  };
}

/** The campaign's return rate for those who run it: its organiser's staff and admins (others 403). */
export async function campaignReturnsForStaff(q: Queryable, actor: Actor, campaignId: number) {
  const campaign = await findCampaign(q, actor.municipalityCode, campaignId);
  if (!runsEvent(actor, campaign)) throw notTheOrganiser;
  return { campaign, ...(await campaignReturns(q, campaignId)) };
}
