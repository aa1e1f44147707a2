import type { Queryable } from '../../db/connection';
import { composeMail, englishBelow, type MailBlock } from '../../platform/mail/compose';
import { defineMailTemplate, type MailContext } from '../../platform/mail/outbox';
import type { EventRow, RegistrationRow } from './event-service';
import { eventWhen } from './pages/components';
import { type SessionRow, sessionsOf } from './sessions';
import { ticketCodeInGroups, ticketQrImage } from './ticket';

/** What a mail about a registration says, as it was when the change was made. */
export interface RegistrationMail {
  registrationId: number;
  name: string;
  eventId: number;
  eventTitle: string;
  /** ISO instants: the params are stored as JSON */
  startsAt: string;
  endsAt: string;
  /** the sessions of a course (two or more), to say when it starts and how many there are */
  sessions?: { startsAt: string; endsAt: string }[];
  /** the lecture a reminder is for, in a course */
  sessionNumber?: number | null;
  place: string;
  ticketCode: string;
  cancelToken: string;
  /** the place on the waiting list, 1 for the next to be moved up */
  position?: number | null;
}

/** When an event is held, as a mail stores it: its span, and its sessions when it is a course. */
export function scheduleOfMail(
  event: Pick<EventRow, 'startsAt' | 'endsAt'>,
  sessions: Pick<SessionRow, 'startsAt' | 'endsAt'>[],
): Pick<RegistrationMail, 'startsAt' | 'endsAt' | 'sessions'> {
  return {
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    ...(sessions.length > 1
      ? {
          sessions: sessions.map((s) => ({
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
          })),
        }
      : {}),
  };
}

export function registrationMail(
  event: EventRow,
  registration: RegistrationRow,
  options: { position?: number | null; sessions?: Pick<SessionRow, 'startsAt' | 'endsAt'>[] } = {},
): RegistrationMail {
  return {
    registrationId: registration.id,
    name: registration.name,
    eventId: event.id,
    eventTitle: event.title,
    ...scheduleOfMail(event, options.sessions ?? []),
    place: event.place,
    ticketCode: registration.ticketCode,
    cancelToken: registration.cancelToken,
    position: options.position ?? null,
  };
}

/** The mail's params for a registration, with its event's sessions when it is a course. */
export async function registrationMailWithSessions(
  q: Queryable,
  event: EventRow,
  registration: RegistrationRow,
  position: number | null = null,
) {
  const sessions = (await sessionsOf(q, [event.id])).get(event.id) ?? [];
  return registrationMail(event, registration, { position, sessions });
}

export const footer = [
  'つなぐ\nこのメールは送信専用です。お問い合わせはイベントの主催者へお願いします。',
  'Tsunagu. This address does not receive replies; contact the organiser of the event.',
].join('\n');

export function when(p: Pick<RegistrationMail, 'startsAt' | 'endsAt' | 'sessions'>, lang: 'ja' | 'en') {
  const dates = (s: { startsAt: string; endsAt: string }) => ({
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
  });
  return eventWhen(lang, { ...dates(p), sessions: p.sessions?.map(dates) });
}

export const links = (p: RegistrationMail, context: MailContext) => ({
  registration: `${context.baseUrl}/events/registrations/${p.cancelToken}`,
  event: `${context.baseUrl}/events/${p.eventId}`,
});

export const factsJa = (p: RegistrationMail) =>
  `イベント：${p.eventTitle}${p.sessionNumber ? `（第${p.sessionNumber}回）` : ''}\n日時：${when(p, 'ja')}\n会場：${p.place}`;
export const factsEn = (p: RegistrationMail) =>
  `Event: ${p.eventTitle}${p.sessionNumber ? ` (session ${p.sessionNumber})` : ''}\nWhen: ${when(p, 'en')}\nPlace: ${p.place}`;

/** The ticket: its code in readable groups in the text, the QR code inline in the HTML part. */
async function ticketBlocks(p: RegistrationMail): Promise<{ ja: MailBlock[]; en: MailBlock }> {
  const code = ticketCodeInGroups(p.ticketCode);
  return {
    ja: [
      `受付番号（QRチケット）：${code}\n当日は受付でこのQRコードをお見せください。読み取れないときは受付番号をお伝えください。`,
      { image: await ticketQrImage(p.ticketCode), alt: `QRチケット ${code} / QR ticket ${code}` },
    ],
    en: `Ticket: ${code}\nShow the QR code at the door, or tell the code if it cannot be scanned.`,
  };
}

export const confirmationMail = defineMailTemplate<RegistrationMail>({
  name: 'event.confirmation',
  label: { ja: '参加確定のお知らせ', en: 'Registration confirmed' },
  async render(p, context) {
    const link = links(p, context);
    const ticket = await ticketBlocks(p);
    return composeMail(`【参加確定】${p.eventTitle} / Your place is confirmed`, [
      `${p.name} 様\n\nお申し込みありがとうございます。参加が確定しました。`,
      factsJa(p),
      ...ticket.ja,
      `お申し込みの確認・取り消しは、次のページからできます（このアドレスはお申し込みの控えです。他の人に教えないでください）。\n${link.registration}`,
      englishBelow,
      `Dear ${p.name},\n\nThank you for registering. Your place is confirmed.`,
      factsEn(p),
      ticket.en,
      `See or cancel your registration here (keep this address to yourself):\n${link.registration}`,
      footer,
    ]);
  },
});

export const waitingListMail = defineMailTemplate<RegistrationMail>({
  name: 'event.waiting',
  label: { ja: 'キャンセル待ちの受付', en: 'On the waiting list' },
  render(p, context) {
    const link = links(p, context);
    return composeMail(`【キャンセル待ち】${p.eventTitle} / You are on the waiting list`, [
      `${p.name} 様\n\nお申し込みありがとうございます。定員に達しているため、キャンセル待ち（${p.position ?? '—'}番目）で受け付けました。`,
      factsJa(p),
      '空きが出ると順番に繰り上がり、参加が確定したときにメールでお知らせします。',
      `お申し込みの確認・取り消し：\n${link.registration}`,
      englishBelow,
      `Dear ${p.name},\n\nThe event is full, so you are on the waiting list (number ${p.position ?? '—'}).`,
      factsEn(p),
      'When a seat frees, people move up in order; we will write to you when your place is confirmed.',
      `See or cancel your registration:\n${link.registration}`,
      footer,
    ]);
  },
});

export const promotionMail = defineMailTemplate<RegistrationMail>({
  name: 'event.promotion',
  label: { ja: 'キャンセル待ちからの繰り上げ', en: 'Promoted from the waiting list' },
  async render(p, context) {
    const link = links(p, context);
    const ticket = await ticketBlocks(p);
    return composeMail(`【繰り上げ参加確定】${p.eventTitle} / Your place is now confirmed`, [
      `${p.name} 様\n\n空きが出たため、キャンセル待ちから繰り上がり、参加が確定しました。`,
      factsJa(p),
      ...ticket.ja,
      `ご都合が悪くなったときは、次のページから取り消してください。次の方に席をお譲りします。\n${link.registration}`,
      englishBelow,
      `Dear ${p.name},\n\nA seat has freed and your place is now confirmed.`,
      factsEn(p),
      ticket.en,
      `If you cannot come, please cancel here so that the next person gets the seat:\n${link.registration}`,
      footer,
    ]);
  },
});

export const cancellationMail = defineMailTemplate<RegistrationMail>({
  name: 'event.cancellation',
  label: { ja: '取り消しの控え', en: 'Cancellation receipt' },
  render(p, context) {
    const link = links(p, context);
    return composeMail(`【取り消し】${p.eventTitle} / Your registration is cancelled`, [
      `${p.name} 様\n\n次のイベントへのお申し込みを取り消しました。`,
      factsJa(p),
      `またのお申し込みをお待ちしています。イベントのページ：\n${link.event}`,
      englishBelow,
      `Dear ${p.name},\n\nYour registration for this event is cancelled.`,
      factsEn(p),
      `You are welcome to register again:\n${link.event}`,
      footer,
    ]);
  },
});

export const reminderMail = defineMailTemplate<RegistrationMail>({
  name: 'event.reminder',
  label: { ja: '前日のお知らせ', en: 'Reminder the day before' },
  async render(p, context) {
    const link = links(p, context);
    const ticket = await ticketBlocks(p);
    return composeMail(`【明日開催】${p.eventTitle} / Tomorrow: ${p.eventTitle}`, [
      `${p.name} 様\n\n明日は次のイベントの開催日です。お気をつけてお越しください。`,
      factsJa(p),
      ...ticket.ja,
      `ご都合が悪くなったときは、次のページから取り消してください。\n${link.registration}`,
      englishBelow,
      `Dear ${p.name},\n\nThis is a reminder that the event is tomorrow.`,
      factsEn(p),
      ticket.en,
      `If you cannot come, please cancel here:\n${link.registration}`,
      footer,
    ]);
  },
});

// ----- hooks of the registration service: each in the transaction of its change ----------------

export const to = (event: EventRow, registration: RegistrationRow) => ({
  to: registration.email,
  municipalityCode: event.municipalityCode,
});

/** The confirmation with the ticket, or the acknowledgement of a place on the waiting list. */
export async function mailRegistration(
  tx: Queryable,
  event: EventRow,
  registration: RegistrationRow,
  position: number | null,
) {
  const mail = registration.status === 'waiting' ? waitingListMail : confirmationMail;
  await mail.enqueue(tx, {
    ...to(event, registration),
    params: await registrationMailWithSessions(tx, event, registration, position),
    dedupeKey: `${mail.name}:${registration.id}`,
  });
}

export async function mailPromotion(tx: Queryable, event: EventRow, registration: RegistrationRow) {
  await promotionMail.enqueue(tx, {
    ...to(event, registration),
    params: await registrationMailWithSessions(tx, event, registration),
    dedupeKey: `${promotionMail.name}:${registration.id}`,
  });
}

export async function mailCancellation(tx: Queryable, event: EventRow, registration: RegistrationRow) {
  await cancellationMail.enqueue(tx, {
    ...to(event, registration),
    params: await registrationMailWithSessions(tx, event, registration),
    dedupeKey: `${cancellationMail.name}:${registration.id}`,
  });
}

/** A message from the event's staff, as they wrote it, with the event and the person's own link. */
export const messageMail = defineMailTemplate<RegistrationMail & { subject: string; body: string }>({
  name: 'event.message',
  label: { ja: '主催者からのお知らせ', en: 'Message from the organiser' },
  render(p, context) {
    const link = links(p, context);
    return composeMail(`${p.subject}（${p.eventTitle}）`, [
      `${p.name} 様`,
      p.body,
      factsJa(p),
      `お申し込みの確認・取り消し：\n${link.registration}`,
      englishBelow,
      `This is a message from the organiser of the event below, to the participants. The text above is as they wrote it.`,
      factsEn(p),
      `See or cancel your registration:\n${link.registration}`,
      footer,
    ]);
  },
});
