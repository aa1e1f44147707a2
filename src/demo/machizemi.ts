import { and, count, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db/connection';
import {
  answerFollowUp,
  askCourseFollowUps,
  type CampaignRow,
  type CourseRow,
  consentToFollowUp,
  followUpDayOf,
  listCampaigns,
  listCoursesForStaff,
  markAttendance,
  recordAnswerByShop,
  registerForEvent,
  takePhoneBooking,
} from '../modules/events';
import { courseFollowUps } from '../modules/events/campaigns/schema';
import { eventAttendance, eventRegistrations } from '../modules/events/schema';
import type { Plan } from '../modules/plan';
import type { Actor } from '../platform/audit';
import { fiscalYearOf, todayInJapan, warekiFiscalYear } from '../platform/fiscal-year';
import { atJapan, day } from './days';
import { demoActors, fictionalName } from './people';

/**
 * The demo's まちゼミ as shops run it (decision 037): on last year's campaign and this year's, the
 * shops' courses get bookings taken by phone beside the online ones, attendance marked by the shop
 * on the course's day, and, for last year's, the answers to 「その後お店に来ましたか」 that make the
 * return rate per shop. A few courses each, so that the demo stays quick to write. Everything goes
 * through the events module's own functions, dated as it would have happened; the people are
 * fictional and their addresses .invalid, so no mail is sent. Idempotent by the forms' keys.
 */

const keyPrefix = 'demo:machizemi-booking';
/** courses of each campaign that get bookings */
const coursesPerCampaign = 8;

/** The n-th booking of a course: who, how, how many, whether they consented, came and came back. */
function bookingsOf(courseIndex: number) {
  const n = 3 + (courseIndex % 3);
  return Array.from({ length: n }, (_, k) => {
    const seed = courseIndex * 7 + k;
    const phone = k % 2 === 0;
    return {
      k,
      person: fictionalName(90 + seed * 5),
      phone,
      /** a phone booking with an e-mail address (told to the shop) or only a number */
      withEmail: !phone || seed % 3 === 0,
      seats: phone ? 1 + (seed % 3) : 1,
      consent: seed % 4 !== 3,
      came: seed % 6 !== 5,
      /** the answer to the follow-up: yes (and when), no, or none given */
      answer: seed % 5 === 4 ? undefined : seed % 5 < 2 ? ('yes' as const) : ('no' as const),
      within: (['week', 'month', 'later'] as const)[seed % 3],
    };
  });
}

/**
 * The bookings planned for a campaign: its first courses by date, or, while it runs, the last ones
 * held and the next ones to come (phone bookings still coming in).
 */
function plannedCourses(courses: CourseRow[], now: Date) {
  const approved = courses.filter((c) => c.status === 'approved' && c.eventId !== null);
  const held = approved.filter((c) => c.startsAt <= now);
  const coming = approved.filter((c) => c.startsAt > now);
  const chosen =
    coming.length === 0
      ? approved.slice(0, coursesPerCampaign)
      : [...held.slice(-(coursesPerCampaign - 3)), ...coming.slice(0, 3)];
  // the index is the course's place in the whole campaign: the same bookings whenever it is chosen
  return chosen.map((course) => ({ course, bookings: bookingsOf(approved.indexOf(course)) }));
}

const demoPhone = (seed: number) => `042-000-${String(1000 + (seed % 9000)).padStart(4, '0')}`;

/**
 * Writes the bookings, attendance and answers of the demo's まちゼミ; returns how many bookings were
 * new. Stops between two writes when asked.
 */
export async function seedDemoMachizemi(
  db: Db,
  plan: Plan,
  options: { now?: Date; stopped?: () => boolean } = {},
): Promise<number> {
  const actors = await demoActors(db, plan);
  const organiser = actors?.byOrganisation.get('shotenkai');
  if (!actors || !organiser) return 0;
  const now = options.now ?? new Date();
  const currentYear = fiscalYearOf(new Date(`${todayInJapan(now)}T12:00:00Z`));
  const campaigns = (await listCampaigns(db, plan.municipalityCode)).filter(
    (c) =>
      c.title === `第${currentYear - 2011}回 あきる野まちゼミ（${warekiFiscalYear(currentYear)}）` ||
      c.title === `第${currentYear - 1 - 2011}回 あきる野まちゼミ（${warekiFiscalYear(currentYear - 1)}）`,
  );
  if (campaigns.length === 0) return 0;
  const shop: Actor = {
    accountId: actors.business.id,
    name: actors.business.displayName,
    municipalityCode: actors.business.municipalityCode,
    role: actors.business.role,
    organisation: actors.business.organisation,
  };
  const plans = await Promise.all(
    campaigns.map(async (campaign) => ({
      campaign,
      courses: plannedCourses((await listCoursesForStaff(db, organiser, campaign.id)).courses, now),
    })),
  );
  if (await complete(db, plans, now)) return 0;

  let written = 0;
  for (const { courses } of plans) {
    for (const { course, bookings } of courses) {
      if (options.stopped?.()) return written;
      written += await bookCourse(db, shop, course, bookings, now);
    }
  }
  // last year's participants were asked a month after the campaign, and most answered
  for (const { campaign } of plans) {
    if (options.stopped?.()) return written;
    if (followUpDue(campaign, now)) await askCourseFollowUps(db, { now: askedAt(campaign) });
  }
  for (const { campaign, courses } of plans) {
    for (const { course, bookings } of courses) {
      if (options.stopped?.()) return written;
      await answer(db, shop, campaign, course, bookings, now);
    }
  }
  return written;
}

type Planned = { campaign: CampaignRow; courses: ReturnType<typeof plannedCourses> };

/**
 * Whether a former seeding left everything due by now: each course's first booking, a mark for
 * every booking of a course held, and answers once the follow-up day has come. A start stopped
 * half-way, or a course held since, is written again by the same idempotent calls.
 */
async function complete(db: Db, plans: Planned[], now: Date): Promise<boolean> {
  const rows = await db
    .select({
      key: eventRegistrations.idempotencyKey,
      status: eventRegistrations.status,
      marked: sql<boolean>`(${eventRegistrations.absentAt} is not null or exists (select 1 from ${eventAttendance} where ${eventAttendance.registrationId} = ${eventRegistrations.id}))`,
    })
    .from(eventRegistrations)
    .where(like(eventRegistrations.idempotencyKey, `${keyPrefix}:%`));
  const keys = new Set(rows.map((r) => r.key));
  for (const { courses } of plans) {
    for (const { course } of courses) {
      if (!keys.has(`${keyPrefix}:${course.id}:0`)) return false;
      const held = course.startsAt.getTime() + 3_600_000 <= now.getTime();
      const mine = rows.filter((r) => r.key.startsWith(`${keyPrefix}:${course.id}:`));
      if (held && mine.some((r) => r.status === 'confirmed' && !r.marked)) return false;
    }
  }
  if (!plans.some((p) => followUpDue(p.campaign, now))) return true;
  const [answered] = await db
    .select({ n: count() })
    .from(courseFollowUps)
    .where(isNotNull(courseFollowUps.answeredAt));
  return (answered?.n ?? 0) > 0;
}

/** The follow-up day of a campaign, 10:00 in Japan: when its participants were asked. */
const askedAt = (campaign: CampaignRow) => atJapan(followUpDayOf(campaign), '10:00');
const followUpDue = (campaign: CampaignRow, now: Date) => askedAt(campaign) <= now;

async function bookCourse(
  db: Db,
  shop: Actor,
  course: CourseRow,
  bookings: ReturnType<typeof bookingsOf>,
  now: Date,
): Promise<number> {
  const eventId = course.eventId as number;
  const startsAt = course.startsAt;
  let written = 0;
  const registrations: { id: number; came: boolean }[] = [];
  for (const b of bookings) {
    // booked in the fortnight before the course, never later than now
    const at = new Date(Math.min(startsAt.getTime() - (14 - b.k * 2) * day, now.getTime() - 3_600_000));
    const key = `${keyPrefix}:${course.id}:${b.k}`;
    const registration = b.phone
      ? await takePhoneBooking(
          db,
          shop,
          course.id,
          {
            name: b.person.name,
            kana: b.person.kana,
            phone: demoPhone(course.id * 10 + b.k),
            email: b.withEmail ? b.person.email : '',
            seats: String(b.seats),
            note: b.seats > 1 ? 'ご家族でいらっしゃいます' : '',
            followUpConsent: b.consent ? 'on' : '',
            idempotencyKey: key,
          },
          { now: at },
        ).then(
          (r) => {
            if (r.outcome === 'booked') written++;
            return r.registration;
          },
          // a course filled by the earlier bookings: the shop said so on the phone
          (error: { code?: string }) => {
            if (error.code === 'not_enough_seats') return undefined;
            throw error;
          },
        )
      : await registerForEvent(
          db,
          eventId,
          { name: b.person.name, kana: b.person.kana, email: b.person.email, idempotencyKey: key },
          {
            now: at,
            afterRegistering: b.consent
              ? (tx, r, when) => consentToFollowUp(tx, course.id, r.id, when)
              : undefined,
          },
        ).then((r) => {
          if (r.outcome === 'registered') written++;
          return r.registration;
        });
    if (registration && registration.status === 'confirmed')
      registrations.push({ id: registration.id, came: b.came });
  }
  // the shop marks who came on the course's day, a few minutes after it began
  if (startsAt.getTime() + 3_600_000 <= now.getTime()) {
    for (const r of registrations) {
      await markAttendance(
        db,
        shop,
        course.id,
        r.id,
        { attendance: r.came ? 'came' : 'absent' },
        { now: new Date(startsAt.getTime() + 5 * 60_000) },
      );
    }
  }
  return written;
}

/** The answers of last year's participants: by mail from their link, or taken by the shop on the phone. */
async function answer(
  db: Db,
  shop: Actor,
  campaign: CampaignRow,
  course: CourseRow,
  bookings: ReturnType<typeof bookingsOf>,
  now: Date,
): Promise<void> {
  const rows = await db
    .select({ followUp: courseFollowUps, key: eventRegistrations.idempotencyKey })
    .from(courseFollowUps)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, courseFollowUps.registrationId))
    .where(and(eq(courseFollowUps.courseId, course.id), isNotNull(courseFollowUps.askedAt)));
  for (const { followUp, key } of rows) {
    if (followUp.answeredAt !== null) continue;
    const b = bookings.find((x) => key === `${keyPrefix}:${course.id}:${x.k}`);
    if (!b?.answer) continue;
    const input = { cameBack: b.answer, within: b.answer === 'yes' ? b.within : '' };
    const at = new Date(Math.min((followUp.askedAt as Date).getTime() + (2 + b.k) * day, now.getTime()));
    if (followUp.askedBy === 'shop') {
      await recordAnswerByShop(db, shop, { ...course, campaign }, followUp.registrationId, input, {
        now: at,
      });
    } else {
      await answerFollowUp(db, followUp.token, input, { now: at });
    }
  }
}
