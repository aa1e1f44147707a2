import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import { composeMail, englishBelow } from '../../platform/mail/compose';
import { defineMailTemplate } from '../../platform/mail/outbox';
import type { EventRow } from './event-service';
import {
  factsEn,
  factsJa,
  footer,
  links,
  type RegistrationMail,
  registrationMail,
  scheduleOfMail,
  to,
  when,
} from './mails';
import { eventRegistrations } from './schema';
import type { SessionRow } from './sessions';

/**
 * What the people registered for an event are told when its staff change the date, time or place,
 * or call it off: everyone confirmed or waiting, with an address, in the transaction of the change.
 */

type Schedule = Pick<SessionRow, 'startsAt' | 'endsAt'>[];

/** The event as it was before the change, for the mail to say what moved. */
type Previous = Pick<RegistrationMail, 'startsAt' | 'endsAt' | 'sessions' | 'place'>;

export const changeMail = defineMailTemplate<RegistrationMail & { previous: Previous }>({
  name: 'event.changed',
  label: { ja: '日時・会場の変更', en: 'Date or place changed' },
  render(p, context) {
    const link = links(p, context);
    const timeMoved = when(p, 'ja') !== when(p.previous, 'ja');
    const placeMoved = p.place !== p.previous.place;
    const beforeJa = [
      timeMoved ? `日時：${when(p.previous, 'ja')}` : '',
      placeMoved ? `会場：${p.previous.place}` : '',
    ].filter(Boolean);
    const beforeEn = [
      timeMoved ? `When: ${when(p.previous, 'en')}` : '',
      placeMoved ? `Place: ${p.previous.place}` : '',
    ].filter(Boolean);
    return composeMail(`【変更】${p.eventTitle} / The event has changed`, [
      `${p.name} 様\n\nお申し込みいただいているイベントの${[timeMoved ? '日時' : '', placeMoved ? '会場' : ''].filter(Boolean).join('と')}が変わりました。お申し込みはそのまま有効です。`,
      `【変更後】\n${factsJa(p)}`,
      `【変更前】\n${beforeJa.join('\n')}`,
      `ご都合が悪くなったときは、次のページから取り消してください。\n${link.registration}`,
      englishBelow,
      `Dear ${p.name},\n\nThe ${[timeMoved ? 'date and time' : '', placeMoved ? 'place' : ''].filter(Boolean).join(' and ')} of the event you registered for changed. Your registration stays valid.`,
      `Now:\n${factsEn(p)}`,
      `Before:\n${beforeEn.join('\n')}`,
      `If you can no longer come, please cancel here:\n${link.registration}`,
      footer,
    ]);
  },
});

export const calledOffMail = defineMailTemplate<RegistrationMail>({
  name: 'event.called-off',
  label: { ja: 'イベント中止のお知らせ', en: 'Event cancelled' },
  render(p, context) {
    const link = links(p, context);
    return composeMail(`【中止】${p.eventTitle} / The event is cancelled`, [
      `${p.name} 様\n\nお申し込みいただいていた次のイベントは、中止になりました。ご予定をお空けいただいたところ、申し訳ありません。`,
      factsJa(p),
      `お申し込みの記録は次のページで確認できます。参加費をお支払い済みの方には、主催者からご連絡します。\n${link.registration}`,
      englishBelow,
      `Dear ${p.name},\n\nWe are sorry: the event below, which you registered for, is cancelled.`,
      factsEn(p),
      `Your registration remains on record here. If you paid a fee, the organiser will contact you:\n${link.registration}`,
      footer,
    ]);
  },
});

/** The people of an event who are told of its changes: confirmed or waiting, with an address. */
async function peopleToTell(q: Queryable, eventId: number) {
  return q
    .select()
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        inArray(eventRegistrations.status, ['confirmed', 'waiting']),
        isNotNull(eventRegistrations.email),
      ),
    )
    .orderBy(asc(eventRegistrations.id));
}

const timesOf = (sessions: Schedule) =>
  sessions.map((s) => `${s.startsAt.toISOString()}/${s.endsAt.toISOString()}`).join(',');

/**
 * Tells the people registered for a published event that its date, time or place changed; other
 * changes (a description, a higher capacity) are not worth a mail. Returns how many were told.
 */
export async function tellOfChange(
  tx: Queryable,
  before: { event: EventRow; sessions: Schedule },
  after: { event: EventRow; sessions: Schedule },
): Promise<number> {
  if (before.event.status !== 'published') return 0;
  const moved = timesOf(before.sessions) !== timesOf(after.sessions);
  if (!moved && before.event.place === after.event.place) return 0;
  const previous = { ...scheduleOfMail(before.event, before.sessions), place: before.event.place };
  const people = await peopleToTell(tx, after.event.id);
  for (const registration of people) {
    await changeMail.enqueue(tx, {
      ...to(after.event, registration),
      params: {
        ...registrationMail(after.event, registration, { sessions: after.sessions }),
        previous,
      },
      dedupeKey: `${changeMail.name}:${registration.id}:${after.event.updatedAt.getTime()}`,
    });
  }
  return people.length;
}

/** Tells the people registered for an event that it is called off. Returns how many were told. */
export async function tellOfCancellation(
  tx: Queryable,
  event: EventRow,
  sessions: Schedule,
): Promise<number> {
  const people = await peopleToTell(tx, event.id);
  for (const registration of people) {
    await calledOffMail.enqueue(tx, {
      ...to(event, registration),
      params: registrationMail(event, registration, { sessions }),
      dedupeKey: `${calledOffMail.name}:${registration.id}`,
    });
  }
  return people.length;
}
