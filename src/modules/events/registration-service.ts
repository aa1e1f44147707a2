import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../../db/connection';
import { recordAudit } from '../../platform/audit';
import { notFound, UserError } from '../../platform/errors';
import { formatDateTime } from '../../platform/fiscal-year';
import { bilingual, checkTogether, emailAddress, parseInput } from '../../platform/validation';
import { type EventRow, eventNotFound, type RegistrationRow } from './event-service';
import { mailCancellation, mailPromotion, mailRegistration } from './mails';
import { listQuestions, saveAnswers, validateAnswers } from './questions/question-service';
import { eventRegistrations, events } from './schema';
import { sessionsOf } from './sessions';

/**
 * A ticket code: 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L), 60 bits of
 * randomness, easy to read out or type at the door when a QR code cannot be scanned.
 */
const ticketAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newTicketCode(): string {
  return Array.from({ length: 12 }, () => ticketAlphabet[randomInt(ticketAlphabet.length)]).join('');
}

/** Inserts a registration with its own cancel secret and ticket code. */
export async function insertRegistration(
  tx: Queryable,
  values: Omit<typeof eventRegistrations.$inferInsert, 'cancelToken' | 'ticketCode'>,
): Promise<RegistrationRow> {
  const [registration] = await tx
    .insert(eventRegistrations)
    .values({ ...values, cancelToken: randomBytes(24).toString('base64url'), ticketCode: newTicketCode() })
    .returning();
  if (!registration) throw new Error('registration insert returned nothing');
  return registration;
}

export const registrationNotFound = notFound({ ja: 'お申し込み', en: 'The registration' });

export const kanaPattern = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;

/** Full-width digits and dashes are normalised; a number is 10 or 11 digits from its area code. */
export const phoneText = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[\s\-‐－―ー()]/g, '') : v),
  z.union([
    z.literal('').transform(() => null),
    z
      .string()
      .regex(
        /^0\d{9,10}$/,
        bilingual(
          '市外局番から半角数字で入力してください（例：042-558-1111）。',
          'Enter the number with its area code, e.g. 042-558-1111.',
        ),
      ),
  ]),
);

export const RegistrationSchema = z.object({
  name: z
    .string(bilingual('お名前を入力してください。', 'Enter your name.'))
    .trim()
    .min(1, bilingual('お名前を入力してください。', 'Enter your name.'))
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.')),
  kana: z
    .string(bilingual('ふりがなを入力してください。', 'Enter the reading of your name.'))
    .trim()
    .min(1, bilingual('ふりがなを入力してください。', 'Enter the reading of your name.'))
    .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
    .regex(
      kanaPattern,
      bilingual('ひらがなかカタカナで入力してください。', 'Write the reading in hiragana or katakana.'),
    ),
  email: emailAddress(),
  phone: phoneText.default(null),
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
export type RegistrationInput = z.input<typeof RegistrationSchema>;

export const registrationLabels = {
  name: { ja: 'お名前', en: 'Name' },
  kana: { ja: 'ふりがな', en: 'Reading (kana)' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Phone' },
  idempotencyKey: { ja: 'フォーム', en: 'Form' },
};

/**
 * 'registered': a new registration; 'repeated': the same form sent again (double click, retry);
 * 'already-registered': this e-mail address already holds a registration for the event, made
 * with another form, whose cancel link is therefore not shown again.
 */
export type RegistrationOutcome = 'registered' | 'repeated' | 'already-registered';

export interface RegistrationResult {
  outcome: RegistrationOutcome;
  registration: RegistrationRow;
  event: EventRow;
  /** the place on the waiting list, 1 for the next to be promoted; null unless waiting */
  position: number | null;
}

/** The place on the waiting list, 1 for the next to be moved up; null unless waiting. */
export async function waitingPositionOf(q: Queryable, registration: RegistrationRow): Promise<number | null> {
  if (registration.status !== 'waiting' || registration.waitingPosition === null) return null;
  const [row] = await q
    .select({ ahead: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, registration.eventId),
        eq(eventRegistrations.status, 'waiting'),
        lte(eventRegistrations.waitingPosition, registration.waitingPosition),
      ),
    );
  return row?.ahead ?? null;
}

/** The seats taken: confirmed registrations' seats, walk-ins and phone bookings included. */
export async function countConfirmed(q: Queryable, eventId: number): Promise<number> {
  const [row] = await q
    .select({ n: sql<number>`coalesce(sum(${eventRegistrations.seats}), 0)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')));
  return row?.n ?? 0;
}

const registrationClosed = new UserError('registration_closed', 409, {
  ja: 'このイベントは開始時刻を過ぎたため、申し込みを締め切りました。',
  en: 'This event has started, so registration is closed.',
});

/** The organiser's registration deadline (申込締切) has passed, though the event has not started. */
const deadlinePassed = (closedAt: Date) =>
  new UserError('registration_deadline_passed', 409, {
    ja: `申し込みの受付は${formatDateTime('ja', closedAt)}に締め切りました。参加を希望される場合は主催者に直接お問い合わせください。`,
    en: `Registration closed on ${formatDateTime('en', closedAt)} (Japan time). If you would like to take part, contact the organiser directly.`,
  });

/**
 * Registers a person (as a guest, or with their account) for a published event that has not
 * started and whose registration deadline (申込締切), if it has one, has not passed. The event's row
 * is locked for the transaction, so registrations for one event are taken one after another and the
 * capacity is never exceeded: once it is full, people join the waiting list in the order they
 * came. The same form sent twice, or the same e-mail address again, gives the registration that
 * exists.
 */
export async function registerForEvent(
  db: Db,
  eventId: number,
  input: RegistrationInput,
  options: {
    account?: { id: number; displayName: string } | undefined;
    /** answers to the organiser's questions, by form field (`answer-12`) */
    answers?: Record<string, string>;
    /**
     * What else a new registration brings, written in its transaction (a まちゼミ participant's
     * consent to the follow-up question, decision 037); not called for one that existed.
     */
    afterRegistering?: (tx: Queryable, registration: RegistrationRow, now: Date) => Promise<void>;
    now?: Date;
  } = {},
): Promise<RegistrationResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (!event || event.status === 'draft') throw eventNotFound;
    if (event.status === 'cancelled') {
      throw new UserError('event_cancelled', 409, {
        ja: 'このイベントは中止になりました。',
        en: 'This event has been cancelled.',
      });
    }
    if (event.startsAt <= now) throw registrationClosed;
    if (event.registrationClosesAt && event.registrationClosesAt <= now) {
      throw deadlinePassed(event.registrationClosesAt);
    }
    // the person's fields and the organiser's questions are refused together, in one round
    const questions = await listQuestions(tx, eventId);
    const [data, answers] = checkTogether(
      () => parseInput(RegistrationSchema, input, registrationLabels),
      () => validateAnswers(questions, options.answers ?? {}),
    );

    const existing = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, eventId),
          or(
            eq(eventRegistrations.idempotencyKey, data.idempotencyKey),
            and(eq(eventRegistrations.email, data.email), ne(eventRegistrations.status, 'cancelled')),
          ),
        ),
      );
    const sameForm = existing.find((r) => r.idempotencyKey === data.idempotencyKey);
    const found = sameForm ?? existing[0];
    if (found) {
      return {
        outcome: sameForm ? 'repeated' : 'already-registered',
        registration: found,
        event,
        position: await waitingPositionOf(tx, found),
      };
    }

    const confirmed = await countConfirmed(tx, eventId);
    const status = confirmed < event.capacity ? 'confirmed' : 'waiting';
    let waitingPosition: number | null = null;
    if (status === 'waiting') {
      const [last] = await tx
        .select({ max: sql<number | null>`max(${eventRegistrations.waitingPosition})` })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId));
      waitingPosition = Number(last?.max ?? 0) + 1;
    }
    const registration = await insertRegistration(tx, {
      eventId,
      name: data.name,
      kana: data.kana,
      email: data.email,
      phone: data.phone,
      accountId: options.account?.id ?? null,
      status,
      waitingPosition,
      idempotencyKey: data.idempotencyKey,
      registeredAt: now,
    });
    await saveAnswers(tx, registration.id, answers);
    await options.afterRegistering?.(tx, registration, now);
    await recordAudit(
      tx,
      {
        accountId: options.account?.id ?? null,
        name: options.account?.displayName ?? data.name,
        municipalityCode: event.municipalityCode,
      },
      {
        action: 'event_registration.create',
        entityType: 'event',
        entityKey: String(eventId),
        after: { registrationId: registration.id, status, waitingPosition },
      },
    );
    const position = await waitingPositionOf(tx, registration);
    await mailRegistration(tx, event, registration, position);
    return { outcome: 'registered', registration, event, position };
  });
}

/** A registration by the secret of its cancel link, with its event and place on the waiting list. */
export async function findRegistrationByToken(q: Queryable, token: string) {
  const [registration] = await q
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.cancelToken, token));
  if (!registration) throw registrationNotFound;
  const [event] = await q.select().from(events).where(eq(events.id, registration.eventId));
  if (!event) throw registrationNotFound;
  const sessions = (await sessionsOf(q, [event.id])).get(event.id) ?? [];
  return { registration, event: { ...event, sessions }, position: await waitingPositionOf(q, registration) };
}

/**
 * Moves the first people of the waiting list up while seats are free. Called in the transaction
 * that freed the seat, with the event's row locked, so that two cancellations cannot give one seat
 * to two people.
 */
export async function promoteFromWaitingList(tx: Queryable, event: EventRow): Promise<RegistrationRow[]> {
  const free = event.capacity - (await countConfirmed(tx, event.id));
  if (free <= 0) return [];
  const next = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waiting')))
    .orderBy(asc(eventRegistrations.waitingPosition), asc(eventRegistrations.id))
    .limit(free);
  if (next.length === 0) return [];
  const promoted = await tx
    .update(eventRegistrations)
    .set({ status: 'confirmed' })
    .where(
      inArray(
        eventRegistrations.id,
        next.map((r) => r.id),
      ),
    )
    .returning();
  for (const registration of promoted) {
    await recordAudit(
      tx,
      { accountId: null, name: 'つなぐ（自動）', municipalityCode: event.municipalityCode },
      {
        action: 'event_registration.promote',
        entityType: 'event',
        entityKey: String(event.id),
        before: { registrationId: registration.id, status: 'waiting' },
        after: { registrationId: registration.id, status: 'confirmed' },
      },
    );
    await mailPromotion(tx, event, registration);
  }
  return promoted;
}

/**
 * Cancels a registration from its link. Cancelling again changes nothing. A confirmed seat that is
 * freed goes to the first person waiting, in the same transaction.
 */
export async function cancelRegistration(db: Db, token: string, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ eventId: eventRegistrations.eventId })
      .from(eventRegistrations)
      .where(eq(eventRegistrations.cancelToken, token));
    if (!found) throw registrationNotFound;
    // the event first, as registering does: one order of locks, so no deadlock between the two
    const [event] = await tx.select().from(events).where(eq(events.id, found.eventId)).for('update');
    const [before] = await tx
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.cancelToken, token))
      .for('update');
    if (!event || !before) throw registrationNotFound;
    if (before.status === 'cancelled')
      return { registration: before, changed: false, promoted: [] as RegistrationRow[] };
    if (event.startsAt <= now) {
      throw new UserError('event_started', 409, {
        ja: 'イベントの開始後は取り消せません。主催者に直接ご連絡ください。',
        en: 'The event has started and can no longer be cancelled here. Contact the organiser.',
      });
    }
    const [after] = await tx
      .update(eventRegistrations)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(eq(eventRegistrations.id, before.id))
      .returning();
    if (!after) throw registrationNotFound;
    await recordAudit(
      tx,
      { accountId: before.accountId, name: before.name, municipalityCode: event.municipalityCode },
      {
        action: 'event_registration.cancel',
        entityType: 'event',
        entityKey: String(event.id),
        before: { registrationId: before.id, status: before.status },
        after: { registrationId: before.id, status: 'cancelled' },
      },
    );
    await mailCancellation(tx, event, after);
    const promoted = before.status === 'confirmed' ? await promoteFromWaitingList(tx, event) : [];
    return { registration: after, changed: true, promoted };
  });
}
