import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../../db/connection';
import { type Actor, recordAudit } from '../../../platform/audit';
import { UserError } from '../../../platform/errors';
import { formatDate, todayInJapan } from '../../../platform/fiscal-year';
import {
  bilingual,
  checkTogether,
  emailAddress,
  formInvalid,
  parseInput,
  requiredText,
  trimmedText,
} from '../../../platform/validation';
import { type Participant, participantsOf, sessionToCheckIn } from '../attendance-service';
import { type EventWithCounts, withCounts } from '../event-service';
import { mailCancellation, mailRegistration } from '../mails';
import { notTheOrganiser, runsEvent } from '../organiser-access';
import {
  countConfirmed,
  insertRegistration,
  kanaPattern,
  phoneText,
  promoteFromWaitingList,
  registrationNotFound,
} from '../registration-service';
import { eventAttendance, eventRegistrations, eventSessions, events } from '../schema';
import { consentToFollowUp, type FollowUpRow, followUpsOf } from './follow-ups';
import { campaignCourses, eventCampaigns } from './schema';
import { type CampaignRow, type CourseRow, courseNotFound } from './service';

/**
 * Bookings of a まちゼミ course as the shop that runs it takes them (decision 037): residents often
 * book by phone directly with the shop, so the shop enters those bookings beside the online
 * registrations of its course's event, sees them all with the seats left, and marks who came. The
 * shop's own account and the organiser's staff (and admins) do this; the names and contacts are
 * personal data, nobody else's business.
 */

/** A course as its bookings page needs it: the proposal, its campaign and its published event. */
export interface CourseInService {
  course: CourseRow;
  campaign: CampaignRow;
  event: EventWithCounts;
}

const courseNotOpen = new UserError('course_not_published', 409, {
  ja: '申し込みの受付は、講座が承認されて公開されてからです。',
  en: 'Bookings are taken once the course is approved and published.',
});

/**
 * The approved course, for the shop that proposed it (another shop: 404, as for its proposal), the
 * staff of the campaign's organiser and admins (other staff: 403). A course not approved has no
 * bookings yet (409).
 */
export async function findCourseRunBy(
  q: Queryable,
  actor: Actor,
  courseId: number,
): Promise<CourseInService> {
  const [row] = await q
    .select({ course: campaignCourses, campaign: eventCampaigns })
    .from(campaignCourses)
    .innerJoin(eventCampaigns, eq(eventCampaigns.id, campaignCourses.campaignId))
    .where(
      and(eq(campaignCourses.id, courseId), eq(eventCampaigns.municipalityCode, actor.municipalityCode)),
    );
  if (!row) throw courseNotFound;
  if (actor.role === 'business') {
    if (row.course.accountId !== actor.accountId) throw courseNotFound;
  } else if (!runsEvent(actor, row.campaign)) {
    throw notTheOrganiser;
  }
  if (row.course.status !== 'approved' || row.course.eventId === null) throw courseNotOpen;
  const [event] = await withCounts(q, await q.select().from(events).where(eq(events.id, row.course.eventId)));
  if (!event) throw courseNotOpen;
  return { ...row, event };
}

/** A booking as the shop's list shows it: the registration, its attendance and its follow-up. */
export interface Booking extends Participant {
  followUp: FollowUpRow | undefined;
}

/** Every booking of the course, online and by phone, in the order of the organisers' list. */
export async function listCourseBookings(
  q: Queryable,
  actor: Actor,
  courseId: number,
): Promise<CourseInService & { bookings: Booking[] }> {
  const found = await findCourseRunBy(q, actor, courseId);
  const participants = await participantsOf(q, found.event.id);
  const followUps = await followUpsOf(
    q,
    participants.map((p) => p.id),
  );
  return {
    ...found,
    bookings: participants.map((p) => ({ ...p, followUp: followUps.get(p.id) })),
  };
}

// ---------------------------------------------------------------------------------------------
// A booking by phone

const optionalEmail = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  emailAddress().nullable(),
);

/** 「３」 as typed on a phone's Japanese keyboard is 3. */
const seatsNumber = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').trim() : v),
  z.coerce
    .number(bilingual('人数を数字で入力してください。', 'Enter the number of people as a number.'))
    .int(bilingual('人数は整数で入力してください。', 'Enter the number of people as a whole number.'))
    .min(1, bilingual('人数は1人以上にしてください。', 'The number of people must be at least 1.'))
    .max(100, bilingual('人数は100人以下にしてください。', 'The number of people must be at most 100.')),
);

export const PhoneBookingSchema = z.object({
  name: requiredText(100, 'お名前を入力してください。', 'Enter the name.'),
  kana: z
    .string()
    .trim()
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
    .refine(
      (v) => v === '' || kanaPattern.test(v),
      bilingual('ひらがなかカタカナで入力してください。', 'Write the reading in hiragana or katakana.'),
    )
    .default(''),
  phone: phoneText.default(null),
  email: optionalEmail.default(null),
  seats: seatsNumber.default(1),
  note: trimmedText(200),
  followUpConsent: z.string().optional(),
  idempotencyKey: z
    .string(
      bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
    )
    .min(
      8,
      bilingual('ページを読み込み直してから送信してください。', 'Reload the page and send the form again.'),
    )
    .max(100),
});
export type PhoneBookingInput = Partial<Record<keyof z.input<typeof PhoneBookingSchema>, string>>;

export const phoneBookingLabels = {
  name: { ja: 'お名前', en: 'Name' },
  kana: { ja: 'ふりがな', en: 'Reading (kana)' },
  phone: { ja: '電話番号', en: 'Phone' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  seats: { ja: '人数', en: 'Number of people' },
  note: { ja: 'メモ', en: 'Note' },
  followUpConsent: { ja: 'その後のおたずね', en: 'Follow-up question' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
};

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

/** A phone booking's fields: name, a phone number or an e-mail address (one at least), people. */
export function validatePhoneBooking(input: PhoneBookingInput) {
  const [data] = checkTogether(
    () => parseInput(PhoneBookingSchema, input, phoneBookingLabels),
    () => {
      if (!blank(input.phone) || !blank(input.email)) return;
      throw formInvalid(
        (['phone', 'email'] as const).map((field) => ({
          field,
          message: {
            ja: `${phoneBookingLabels[field].ja}: 電話番号かメールアドレスのどちらかを入力してください。`,
            en: `${phoneBookingLabels[field].en}: Enter a phone number or an e-mail address.`,
          },
        })),
      );
    },
  );
  return { ...data, followUpConsent: data.followUpConsent === 'yes' || data.followUpConsent === 'on' };
}

function bookingClosed(
  event: EventWithCounts | typeof events.$inferSelect,
  now: Date,
): UserError | undefined {
  if (event.status === 'cancelled') {
    return new UserError('event_cancelled', 409, {
      ja: 'この講座は中止になったため、申し込みは受け付けられません。',
      en: 'This course has been cancelled; no bookings are taken.',
    });
  }
  if (event.status !== 'published') return courseNotOpen;
  if (event.startsAt <= now) {
    return new UserError('course_started', 409, {
      ja: '講座の開始時刻を過ぎたため、申し込みは受け付けられません。来られた方は一覧で「来た」にしてください。',
      en: 'The course has started, so no more bookings are taken. Mark the people who came in the list.',
    });
  }
  return undefined;
}

const seatsProblem = (ja: string, en: string) =>
  new UserError('not_enough_seats', 409, { ja, en }, [
    { field: 'seats', message: { ja: `人数: ${ja}`, en: `Number of people: ${en}` } },
  ]);

export interface PhoneBookingResult {
  outcome: 'booked' | 'repeated';
  registration: typeof eventRegistrations.$inferSelect;
}

/**
 * The shop (or the organiser's staff) enters a booking taken by phone: a confirmed registration of
 * the course's event holding `seats` places, taken under the event's row lock as online
 * registrations are (decision 009), so that online and phone bookings together never pass the
 * capacity. A booking that does not fit is refused with the seats left; the phone has no waiting
 * list. The same form sent twice records once. With an e-mail address the person gets the
 * confirmation, the reminder and the cancel link as online; with consent, the follow-up after the
 * campaign (decision 037).
 */
export async function takePhoneBooking(
  db: Db,
  actor: Actor,
  courseId: number,
  input: PhoneBookingInput,
  options: { now?: Date } = {},
): Promise<PhoneBookingResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // who may first: another shop learns nothing of this course, not even what its form wants
    const { course } = await findCourseRunBy(tx, actor, courseId);
    const data = validatePhoneBooking(input);
    const eventId = course.eventId as number;
    // the event's row first, as every registration takes it: one order of locks, exact seat counts
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (!event) throw courseNotOpen;
    const [same] = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, eventId),
          eq(eventRegistrations.idempotencyKey, data.idempotencyKey),
        ),
      );
    if (same) return { outcome: 'repeated' as const, registration: same };
    const closed = bookingClosed(event, now);
    if (closed) throw closed;
    if (data.email) {
      const [holder] = await tx
        .select()
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, eventId),
            eq(eventRegistrations.email, data.email),
            ne(eventRegistrations.status, 'cancelled'),
          ),
        );
      if (holder) {
        throw new UserError(
          'already_registered',
          409,
          {
            ja: `このメールアドレスでは${holder.name}さんがすでに申し込んでいます。一覧で確かめてください。`,
            en: `${holder.name} has already booked with this e-mail address. Check the list.`,
          },
          [
            {
              field: 'email',
              message: {
                ja: 'メールアドレス: すでに申し込みがあります。',
                en: 'E-mail: Already booked with this address.',
              },
            },
          ],
        );
      }
    }
    if (data.seats > event.capacity) {
      throw seatsProblem(
        `定員（${event.capacity}人）を超える人数は受けられません。`,
        `The course takes at most ${event.capacity} people.`,
      );
    }
    const left = event.capacity - (await countConfirmed(tx, eventId));
    if (data.seats > left) {
      throw left <= 0
        ? seatsProblem(
            '満席です。お電話の方にはお断りするか、キャンセルが出たらご連絡ください。',
            'The course is full. Decline, or call back if a place frees up.',
          )
        : seatsProblem(
            `残りは${left}席です。${left}人以下にしてください。`,
            `Only ${left} ${left === 1 ? 'place is' : 'places are'} left. Book ${left} or fewer.`,
          );
    }
    const registration = await insertRegistration(tx, {
      eventId,
      name: data.name,
      kana: data.kana,
      email: data.email,
      phone: data.phone,
      status: 'confirmed',
      seats: data.seats,
      channel: 'phone',
      note: data.note,
      idempotencyKey: data.idempotencyKey,
      registeredAt: now,
    });
    if (data.followUpConsent) await consentToFollowUp(tx, course.id, registration.id, now);
    await recordAudit(tx, actor, {
      action: 'event_registration.phone_booking',
      entityType: 'event',
      entityKey: String(eventId),
      after: {
        registrationId: registration.id,
        status: 'confirmed',
        seats: data.seats,
        followUpConsent: data.followUpConsent,
      },
    });
    await mailRegistration(tx, event, registration, null);
    return { outcome: 'booked' as const, registration };
  });
}

// ---------------------------------------------------------------------------------------------
// Cancel, mark attendance

/** The course's registration, locked after the event's row (the module's one order of locks). */
async function lockBooking(tx: Queryable, eventId: number, registrationId: number) {
  const [registration] = await tx
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, registrationId))
    .for('update');
  if (!registration || registration.eventId !== eventId) throw registrationNotFound;
  return registration;
}

/**
 * The shop cancels a booking (a caller phones to say they cannot come), before the course starts:
 * its seats go to the online waiting list in the same transaction, and a person with an e-mail
 * address gets the receipt. Cancelling again changes nothing.
 */
export async function cancelBooking(
  db: Db,
  actor: Actor,
  courseId: number,
  registrationId: number,
  options: { now?: Date } = {},
) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { course } = await findCourseRunBy(tx, actor, courseId);
    const [event] = await tx
      .select()
      .from(events)
      .where(eq(events.id, course.eventId as number))
      .for('update');
    if (!event) throw courseNotOpen;
    const before = await lockBooking(tx, event.id, registrationId);
    if (before.status === 'cancelled') return { registration: before, changed: false };
    if (event.startsAt <= now) {
      throw new UserError('course_started', 409, {
        ja: '講座の開始後は取り消せません。来られなかった方は「来なかった」にしてください。',
        en: 'A booking cannot be cancelled once the course has started. Mark the person as not come.',
      });
    }
    const [after] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(eq(eventRegistrations.id, before.id))
      .returning();
    if (!after) throw registrationNotFound;
    await recordAudit(tx, actor, {
      action: 'event_registration.cancel',
      entityType: 'event',
      entityKey: String(event.id),
      before: { registrationId: before.id, status: before.status },
      after: { registrationId: before.id, status: 'cancelled' },
    });
    await mailCancellation(tx, event, after);
    if (before.status === 'confirmed') await promoteFromWaitingList(tx, event);
    return { registration: after, changed: true };
  });
}

export const AttendanceSchema = z.object({
  attendance: z.enum(
    ['came', 'absent'],
    bilingual('「来た」か「来なかった」を選んでください。', 'Choose came or did not come.'),
  ),
});
export const attendanceLabels = { attendance: { ja: '出欠', en: 'Attendance' } };
export type AttendanceMark = z.output<typeof AttendanceSchema>['attendance'];

/**
 * The shop marks a confirmed booking as came (an attendance row of the course's session, which
 * `events.participants` counts, seats and all) or did not come (`absent_at`), from the course's day
 * on. A second tap changes nothing; the other answer corrects the first (a wrong tap), both audited.
 */
export async function markAttendance(
  db: Db,
  actor: Actor,
  courseId: number,
  registrationId: number,
  input: { attendance?: string },
  options: { now?: Date } = {},
): Promise<{ changed: boolean; mark: AttendanceMark }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { event } = await findCourseRunBy(tx, actor, courseId);
    const { attendance: mark } = parseInput(AttendanceSchema, input, attendanceLabels);
    if (event.status !== 'published') {
      throw new UserError('event_not_open', 409, {
        ja: 'この講座は中止されたため、出欠はつけられません。',
        en: 'This course was cancelled; attendance cannot be marked.',
      });
    }
    const chosen = sessionToCheckIn(event, undefined, now);
    if (todayInJapan(now) < todayInJapan(chosen.startsAt)) {
      throw new UserError('course_not_yet', 409, {
        ja: `出欠は講座の当日（${formatDate('ja', todayInJapan(chosen.startsAt))}）からつけられます。`,
        en: `Attendance can be marked from the day of the course (${formatDate('en', todayInJapan(chosen.startsAt))}).`,
      });
    }
    // event, session (shared), registration: the order every write of the module keeps
    const [session] = await tx
      .select()
      .from(eventSessions)
      .where(eq(eventSessions.id, chosen.id))
      .for('share');
    if (!session) throw courseNotOpen;
    const registration = await lockBooking(tx, event.id, registrationId);
    if (registration.status !== 'confirmed') {
      throw new UserError('not_confirmed', 409, {
        ja:
          registration.status === 'waiting'
            ? `${registration.name}さんはキャンセル待ちの方です。出欠はつけられません。`
            : `${registration.name}さんの申し込みは取り消されています。出欠はつけられません。`,
        en:
          registration.status === 'waiting'
            ? `${registration.name} is on the waiting list; attendance cannot be marked.`
            : `${registration.name}'s booking was cancelled; attendance cannot be marked.`,
      });
    }
    const [present] = await tx
      .select()
      .from(eventAttendance)
      .where(
        and(eq(eventAttendance.registrationId, registration.id), eq(eventAttendance.sessionId, session.id)),
      );
    const unchanged = mark === 'came' ? present !== undefined : !present && registration.absentAt !== null;
    if (unchanged) return { changed: false, mark };
    if (mark === 'came') {
      await tx.insert(eventAttendance).values({
        registrationId: registration.id,
        sessionId: session.id,
        checkedInAt: now,
        checkedInBy: actor.accountId,
        checkedInByName: actor.name,
      });
      await tx
        .update(eventRegistrations)
        .set({ absentAt: null })
        .where(eq(eventRegistrations.id, registration.id));
    } else {
      if (present) await tx.delete(eventAttendance).where(eq(eventAttendance.id, present.id));
      await tx
        .update(eventRegistrations)
        .set({ absentAt: registration.absentAt ?? now })
        .where(eq(eventRegistrations.id, registration.id));
    }
    await recordAudit(tx, actor, {
      action: mark === 'came' ? 'event_registration.check_in' : 'event_registration.mark_absent',
      entityType: 'event',
      entityKey: String(event.id),
      before: { registrationId: registration.id, attended: present !== undefined },
      after: { registrationId: registration.id, attended: mark === 'came' },
    });
    return { changed: true, mark };
  });
}
