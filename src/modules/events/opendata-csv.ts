import { csvFile } from '../../platform/csv';
import { todayInJapan } from '../../platform/fiscal-year';
import { japanTime } from './event-service';
import { formatYen } from './pages/components';
import type { EventWithSessions } from './published-events';
import { scheduleText } from './sessions';

/**
 * The columns of デジタル庁's 自治体標準オープンデータセット「イベント一覧」, in the standard's order
 * (docs/event-publishing.md; decision 010 on the brackets of 料金(基本)).
 */
export const openDataEventColumns = [
  '都道府県コード又は市区町村コード',
  'NO',
  '都道府県名',
  '市区町村名',
  'イベント名',
  'イベント名_カナ',
  'イベント名_英語',
  '開始日',
  '終了日',
  '開始時間',
  '終了時間',
  '開始日時特記事項',
  '説明',
  '料金(基本)',
  '料金(詳細)',
  '連絡先名称',
  '連絡先電話番号',
  '連絡先内線番号',
  '主催者',
  '場所名称',
  '住所',
  '方書',
  '緯度',
  '経度',
  'アクセス方法',
  '駐車場情報',
  '定員',
  '参加申込終了日',
  '参加申込終了時間',
  '参加申込方法',
  'URL',
  '備考',
] as const;
type Column = (typeof openDataEventColumns)[number];

/** What the open data names besides the events: the municipality as its plan names it. */
export interface OpenDataSource {
  municipality: { code: string; name: string; prefecture: string };
  listUrl: string;
  organiserName: (code: string) => string;
}

function rowOf(event: EventWithSessions, source: OpenDataSource): Record<Column, string> {
  // none given: registrations are taken until the event starts
  const closes = event.registrationClosesAt ?? event.startsAt;
  return {
    都道府県コード又は市区町村コード: source.municipality.code,
    NO: String(event.id),
    都道府県名: source.municipality.prefecture,
    市区町村名: source.municipality.name,
    イベント名: event.title,
    イベント名_カナ: event.titleKana,
    イベント名_英語: event.titleEn,
    開始日: todayInJapan(event.startsAt),
    終了日: todayInJapan(event.endsAt),
    開始時間: japanTime(event.startsAt),
    終了時間: japanTime(event.endsAt),
    // a course's lectures, one by one (the dates above are its first and last)
    開始日時特記事項:
      event.sessions.length > 1 ? `全${event.sessions.length}回：${scheduleText(event.sessions)}` : '',
    説明: event.description,
    '料金(基本)': formatYen('ja', event.feeYen),
    '料金(詳細)': event.feeDetails,
    連絡先名称: event.contactName,
    連絡先電話番号: event.contactPhone,
    連絡先内線番号: '',
    主催者: source.organiserName(event.organiser),
    場所名称: event.place,
    住所: event.address,
    方書: '',
    緯度: event.latitude === null ? '' : String(event.latitude),
    経度: event.longitude === null ? '' : String(event.longitude),
    アクセス方法: event.access,
    駐車場情報: event.parking,
    定員: String(event.capacity),
    参加申込終了日: todayInJapan(closes),
    参加申込終了時間: japanTime(closes),
    参加申込方法: 'イベントのページの申込フォームから（アカウント不要）',
    URL: `${source.listUrl}/${event.id}`,
    備考: event.notes,
  };
}

/**
 * The events as the standard's CSV, written by the platform's one CSV helper: UTF-8 with a BOM (so
 * that Excel opens it as UTF-8), CRLF line ends, RFC 4180 quoting, and a leading apostrophe on a
 * value that Excel would run as a formula (text typed by people is never run by those who open it).
 */
export function eventsOpenDataCsv(events: EventWithSessions[], source: OpenDataSource): string {
  const rows = events.map((event) => {
    const row = rowOf(event, source);
    return openDataEventColumns.map((column) => row[column]);
  });
  return csvFile([openDataEventColumns, ...rows]);
}
