import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { formatDateTime, todayInJapan } from '../../platform/fiscal-year';
import { listParticipants, type Participant } from './attendance-service';
import { type EventWithCounts, findEventRunBy } from './event-service';
import { japanTime, type SessionRow } from './sessions';

/** The participant list as a table: Japanese headers, a row per registration, a column per session. */
export interface ParticipantTable {
  event: EventWithCounts;
  headers: string[];
  rows: (string | number)[][];
}

const channelWords: Record<string, string> = { online: 'ウェブ', phone: '電話', door: '当日' };

const statusWords: Record<string, string> = {
  confirmed: '参加確定',
  waiting: 'キャンセル待ち',
  cancelled: '取り消し',
};

/** 「1回目 2026-05-10」, or 「出席 2026-05-10」 for a single event. */
function sessionHeader(session: SessionRow, course: boolean): string {
  return `${course ? `${session.number}回目` : '出席'} ${todayInJapan(session.startsAt)}`;
}

/**
 * The participants of an event the actor runs, for the organisers' Excel: status, place on the
 * waiting list, walk-in, and for each session the time the person was checked in (empty when
 * absent), then the number of sessions attended, the seats held, how it was taken and its note. Personal data: the routes send it with no-store.
 */
export async function participantTable(
  q: Queryable,
  actor: Actor,
  eventId: number,
): Promise<ParticipantTable> {
  const event = await findEventRunBy(q, actor, eventId);
  return participantTableOf(event, await listParticipants(q, actor, eventId));
}

/** The table of participants already read by a caller that may see them. */
export function participantTableOf(event: EventWithCounts, participants: Participant[]): ParticipantTable {
  const course = event.sessions.length > 1;
  const waiting = participants.filter((p) => p.status === 'waiting');
  const headers = [
    '申込番号',
    'お名前',
    'ふりがな',
    'メールアドレス',
    '電話番号',
    '状態',
    'キャンセル待ちの順番',
    '当日参加',
    '申込日時',
    ...event.sessions.map((s) => sessionHeader(s, course)),
    '出席回数',
    // a phone booking of a まちゼミ course holds several seats, with the shop's note (decision 037)
    '人数',
    '申込方法',
    'メモ',
  ];
  const rowOf = (p: Participant) => [
    p.id,
    p.name,
    p.kana,
    p.email ?? '',
    p.phone ?? '',
    statusWords[p.status] ?? p.status,
    p.status === 'waiting' ? waiting.indexOf(p) + 1 : '',
    p.walkIn ? '当日参加' : '',
    formatDateTime('ja', p.registeredAt),
    ...event.sessions.map((s) => {
      const at = p.attendance.find((a) => a.sessionId === s.id);
      return at ? japanTime(at.checkedInAt) : '';
    }),
    p.attendance.length,
    p.seats,
    channelWords[p.channel] ?? p.channel,
    p.note,
  ];
  return { event, headers, rows: participants.map(rowOf) };
}

/** 参加者名簿_創業塾（架空）_2026-05-10 and an ASCII name for old clients. */
export function participantFileNames(event: EventWithCounts, extension: 'csv' | 'xlsx') {
  const day = todayInJapan(event.startsAt);
  const title = event.title.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
  return {
    utf8: `参加者名簿_${title}_${day}.${extension}`,
    ascii: `participants-${event.id}-${day}.${extension}`,
  };
}
