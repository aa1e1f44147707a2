import type { Queryable } from '../../../db/connection';
import type { Actor } from '../../../platform/audit';
import { formatDateTime, todayInJapan } from '../../../platform/fiscal-year';
import type { EventWithCounts } from '../event-service';
import { goodsNames } from './goods';
import { listApplicationsForStaff, type StatusFilter, type VendorApplicationRow } from './service';

/** The vendor list as a table for the organisers' Excel: Japanese headers, a row per application. */
export interface VendorTable {
  event: EventWithCounts;
  headers: string[];
  rows: (string | number)[][];
}

export const statusWords: Record<string, string> = {
  applied: '審査待ち',
  accepted: '出店決定',
  declined: '見送り',
  withdrawn: '取り下げ',
};

const yes = (value: boolean) => (value ? 'あり' : '');

/**
 * The applications of an event the actor runs, in the order they came, of one status or all:
 * contact details, goods, booths, power, tent, permit and the decision. Personal data: the routes
 * send it with no-store.
 */
export async function vendorTable(
  q: Queryable,
  actor: Actor,
  eventId: number,
  filter: StatusFilter,
): Promise<VendorTable> {
  const { event, applications } = await listApplicationsForStaff(q, actor, eventId, filter);
  const headers = [
    '申込番号',
    '状態',
    '事業者名・屋号',
    'ご担当者名',
    'ふりがな',
    '電話番号',
    'メールアドレス',
    '販売するもの',
    '品目の補足',
    '区画数',
    '電源',
    'テント貸出',
    '営業許可',
    '連絡事項',
    '申込日時',
    '決定日時',
    '出店者へのメッセージ',
  ];
  const rowOf = (a: VendorApplicationRow) => [
    a.id,
    statusWords[a.status] ?? a.status,
    a.businessName,
    a.contactName,
    a.contactKana,
    a.phone,
    a.email,
    goodsNames('ja', a.goods),
    a.goodsNote,
    a.booths,
    yes(a.needsPower),
    yes(a.needsTent),
    a.foodPermit,
    a.message,
    formatDateTime('ja', a.appliedAt),
    a.decidedAt ? formatDateTime('ja', a.decidedAt) : '',
    a.staffMessage,
  ];
  return { event, headers, rows: applications.map(rowOf) };
}

/** 出店者一覧_秋のマルシェ（架空）_2026-10-10 and an ASCII name for old clients. */
export function vendorFileNames(event: EventWithCounts, extension: 'csv' | 'xlsx') {
  const day = todayInJapan(event.startsAt);
  const title = event.title.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
  return {
    utf8: `出店者一覧_${title}_${day}.${extension}`,
    ascii: `vendors-${event.id}-${day}.${extension}`,
  };
}
