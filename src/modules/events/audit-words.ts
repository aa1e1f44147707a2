import { describeAuditEntries } from '../../platform/audit-text';
import type { Text } from '../../platform/i18n';
import { eventDetailsLabels } from './event-details-input';

/** How this module's entries read in the audit log; the kinds of event come from the plans loaded. */
export function describeEventAuditEntries(
  categories: { code: string; title: string; titleEn?: string | undefined }[],
): void {
  const kinds: Record<string, Text> = Object.fromEntries(
    categories
      // `other` is a word too common to turn into a name everywhere
      .filter((c) => c.code !== 'other')
      .map((c) => [c.code, { ja: c.title, en: c.titleEn ?? c.title }]),
  );
  describeAuditEntries({
    actions: {
      'event.create': { ja: 'イベントの作成', en: 'Event created' },
      'event.publish': { ja: 'イベントの公開', en: 'Event published' },
      'event.update': { ja: 'イベントの変更', en: 'Event changed' },
      'event.cancel': { ja: 'イベントの中止', en: 'Event cancelled' },
      'event.copy': { ja: '前年度のイベントからコピーして作成', en: "Event created from last year's" },
      'event.details': { ja: 'イベントの公開情報の変更', en: 'Public details of an event changed' },
      'event_registration.create': { ja: 'イベントへの申し込み', en: 'Registered for an event' },
      'event_registration.cancel': { ja: '申し込みの取り消し', en: 'Registration cancelled' },
      'event_registration.promote': {
        ja: 'キャンセル待ちからの繰り上げ',
        en: 'Promoted from the waiting list',
      },
      'event_registration.check_in': { ja: '当日の受付', en: 'Checked in' },
      'event_registration.walk_in': { ja: '当日参加の受付', en: 'Walk-in added at the door' },
      'event_registration.correct': { ja: '参加者の登録内容の訂正', en: 'Participant details corrected' },
      'event.message': { ja: '参加者へのお知らせ', en: 'Message to participants' },
    },
    entities: {
      event: { ja: 'イベント', en: 'Event' },
    },
    fields: {
      title: { ja: '題名', en: 'Title' },
      category: { ja: '種類', en: 'Kind' },
      kind: { ja: '形式', en: 'Format' },
      sessions: { ja: '日程', en: 'Schedule' },
      date: { ja: '開催日', en: 'Date' },
      startTime: { ja: '開始時刻', en: 'Start time' },
      endTime: { ja: '終了時刻', en: 'End time' },
      place: { ja: '会場', en: 'Place' },
      capacity: { ja: '定員', en: 'Capacity' },
      feeYen: { ja: '参加費（円）', en: 'Fee (yen)' },
      organiser: { ja: '主催', en: 'Organiser' },
      description: { ja: '内容', en: 'Description' },
      status: { ja: '状態', en: 'Status' },
      copiedFrom: { ja: 'コピー元のイベント番号', en: 'Copied from event no.' },
      registrationId: { ja: '申込番号', en: 'Registration no.' },
      waitingPosition: { ja: 'キャンセル待ちの順番', en: 'Waiting list position' },
      session: { ja: '回', en: 'Session' },
      attended: { ja: '出席', en: 'Attended' },
      walkIn: { ja: '当日参加', en: 'Walk-in' },
      corrected: { ja: '訂正した項目', en: 'Fields corrected' },
      promoted: { ja: 'キャンセル待ちから繰り上げ', en: 'Promoted from the waiting list' },
      audience: { ja: '送り先', en: 'Recipients' },
      subject: { ja: '件名', en: 'Subject' },
      recipients: { ja: '送信数', en: 'Mails' },
      ...eventDetailsLabels,
    },
    values: {
      ...kinds,
      draft: { ja: '下書き', en: 'Draft' },
      published: { ja: '公開中', en: 'Published' },
      cancelled: { ja: '取り消し・中止', en: 'Cancelled' },
      confirmed: { ja: '参加確定', en: 'Confirmed' },
      waiting: { ja: 'キャンセル待ち', en: 'Waiting list' },
      single: { ja: '1回だけのイベント', en: 'Single event' },
      course: { ja: '連続講座', en: 'Course' },
    },
  });
}
