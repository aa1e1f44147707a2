import type { Queryable } from '../../../db/connection';
import { composeMail, englishBelow } from '../../../platform/mail/compose';
import { defineMailTemplate, type MailContext } from '../../../platform/mail/outbox';
import type { EventRow } from '../event-service';
import { eventWhen, formatYen } from '../pages/components';
import { goodsNames } from './goods';
import type { vendorApplications, vendorCalls } from './schema';

type CallRow = typeof vendorCalls.$inferSelect;
type ApplicationRow = typeof vendorApplications.$inferSelect;

/** What a mail about a vendor application says, as it was when the change was made. */
export interface VendorMail {
  applicationId: number;
  businessName: string;
  contactName: string;
  eventId: number;
  eventTitle: string;
  /** ISO instants: the params are stored as JSON */
  startsAt: string;
  endsAt: string;
  place: string;
  goods: string[];
  booths: number;
  boothFeeYen: number;
  conditions: string;
  applicationsCloseOn: string;
  statusToken: string;
  staffMessage: string;
}

function vendorMail(event: EventRow, call: CallRow, application: ApplicationRow): VendorMail {
  return {
    applicationId: application.id,
    businessName: application.businessName,
    contactName: application.contactName,
    eventId: event.id,
    eventTitle: event.title,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    place: event.place,
    goods: application.goods,
    booths: application.booths,
    boothFeeYen: call.boothFeeYen,
    conditions: call.conditions,
    applicationsCloseOn: call.applicationsCloseOn,
    statusToken: application.statusToken,
    staffMessage: application.staffMessage,
  };
}

const footer = [
  'つなぐ\nこのメールは送信専用です。お問い合わせはイベントの主催者へお願いします。',
  'Tsunagu. This address does not receive replies; contact the organiser of the event.',
].join('\n');

const statusLink = (p: VendorMail, context: MailContext) =>
  `${context.baseUrl}/events/vendors/applications/${p.statusToken}`;

function when(p: VendorMail, lang: 'ja' | 'en') {
  return eventWhen(lang, { startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt) });
}

const factsJa = (p: VendorMail) =>
  [
    `イベント：${p.eventTitle}`,
    `日時：${when(p, 'ja')}`,
    `会場：${p.place}`,
    `出店者：${p.businessName}`,
    `販売するもの：${goodsNames('ja', p.goods)}`,
    `区画数：${p.booths}区画（出店料 1区画 ${formatYen('ja', p.boothFeeYen)}）`,
  ].join('\n');

const factsEn = (p: VendorMail) =>
  [
    `Event: ${p.eventTitle}`,
    `When: ${when(p, 'en')}`,
    `Place: ${p.place}`,
    `Vendor: ${p.businessName}`,
    `Goods: ${goodsNames('en', p.goods)}`,
    `Booths: ${p.booths} (fee per booth: ${formatYen('en', p.boothFeeYen)})`,
  ].join('\n');

export const applicationReceivedMail = defineMailTemplate<VendorMail>({
  name: 'event.vendor-applied',
  label: { ja: '出店申込の受付', en: 'Vendor application received' },
  render(p, context) {
    const link = statusLink(p, context);
    return composeMail(`【出店申込の受付】${p.eventTitle} / Your vendor application`, [
      `${p.businessName}\n${p.contactName} 様\n\n出店のお申し込みを受け付けました。主催者が確認し、出店の可否をメールでお知らせします。`,
      factsJa(p),
      `お申し込みの状況は次のページで確かめられます。結果が出る前なら、このページから取り下げもできます（このアドレスはお申し込みの控えです。他の人に教えないでください）。\n${link}`,
      englishBelow,
      `Dear ${p.contactName},\n\nWe have received your application for a booth. The organiser will review it and tell you the result by mail.`,
      factsEn(p),
      `See the status of your application here; until it is decided you can also withdraw it (keep this address to yourself):\n${link}`,
      footer,
    ]);
  },
});

export const applicationAcceptedMail = defineMailTemplate<VendorMail>({
  name: 'event.vendor-accepted',
  label: { ja: '出店決定のお知らせ', en: 'Vendor application accepted' },
  render(p, context) {
    const link = statusLink(p, context);
    return composeMail(
      `【出店決定】${p.eventTitle} / Your booth is confirmed`,
      [
        `${p.businessName}\n${p.contactName} 様\n\n出店が決まりました。当日はよろしくお願いいたします。`,
        factsJa(p),
        p.staffMessage ? `主催者からのメッセージ：\n${p.staffMessage}` : '',
        p.conditions ? `出店条件：\n${p.conditions}` : '',
        `お申し込みの内容：\n${link}`,
        englishBelow,
        `Dear ${p.contactName},\n\nYour application is accepted: you have a booth at the event below.`,
        factsEn(p),
        p.staffMessage ? `Message from the organiser (as they wrote it):\n${p.staffMessage}` : '',
        `Your application:\n${link}`,
        footer,
      ].filter((block) => block !== ''),
    );
  },
});

export const applicationDeclinedMail = defineMailTemplate<VendorMail>({
  name: 'event.vendor-declined',
  label: { ja: '出店見送りのお知らせ', en: 'Vendor application declined' },
  render(p, context) {
    const link = statusLink(p, context);
    return composeMail(
      `【出店申込の結果】${p.eventTitle} / About your vendor application`,
      [
        `${p.businessName}\n${p.contactName} 様\n\nお申し込みありがとうございました。残念ながら、今回は出店を見送らせていただくことになりました。`,
        factsJa(p),
        p.staffMessage ? `主催者からのメッセージ：\n${p.staffMessage}` : '',
        `お申し込みの内容：\n${link}`,
        englishBelow,
        `Dear ${p.contactName},\n\nThank you for applying. We are sorry that we cannot offer you a booth this time.`,
        factsEn(p),
        p.staffMessage ? `Message from the organiser (as they wrote it):\n${p.staffMessage}` : '',
        `Your application:\n${link}`,
        footer,
      ].filter((block) => block !== ''),
    );
  },
});

/** The receipt with the status link, in the transaction of the application. */
export async function mailApplicationReceived(
  tx: Queryable,
  event: EventRow,
  call: CallRow,
  application: ApplicationRow,
) {
  await applicationReceivedMail.enqueue(tx, {
    to: application.email,
    municipalityCode: event.municipalityCode,
    params: vendorMail(event, call, application),
    dedupeKey: `${applicationReceivedMail.name}:${application.id}`,
  });
}

/** The result, in the transaction of the decision; a revised decision is told again. */
export async function mailDecision(
  tx: Queryable,
  event: EventRow,
  call: CallRow,
  application: ApplicationRow,
) {
  const mail = application.status === 'accepted' ? applicationAcceptedMail : applicationDeclinedMail;
  await mail.enqueue(tx, {
    to: application.email,
    municipalityCode: event.municipalityCode,
    params: vendorMail(event, call, application),
    dedupeKey: `${mail.name}:${application.id}:${application.decidedAt?.getTime() ?? 0}`,
  });
}
