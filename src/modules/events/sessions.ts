import { asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/connection';
import type { ProblemDetail, UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, formInvalid } from '../../platform/validation';
import { type EventKind, eventSessions, type SessionTopic } from './schema';

export type SessionRow = typeof eventSessions.$inferSelect;

/** A course may be long (a year of monthly lectures), never endless. */
export const maxSessions = 50;

/** The four areas of 特定創業支援等事業, in the order the plan names them. */
export const sessionTopics: Record<SessionTopic, Text> = {
  management: { ja: '経営', en: 'Management' },
  finance: { ja: '財務', en: 'Finance' },
  'human-resources': { ja: '人材育成', en: 'Human resources' },
  'sales-channels': { ja: '販路開拓', en: 'Sales channels' },
};
const topicCodes = Object.keys(sessionTopics) as [SessionTopic, ...SessionTopic[]];

export const timeOfDay = (ja: string, en: string) =>
  z
    .string(bilingual(`${ja}を「14:00」の形で入力してください。`, `Enter the ${en} as 14:00.`))
    .trim()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d$/,
      bilingual(`${ja}を「14:00」の形で入力してください。`, `Enter the ${en} as 14:00.`),
    );

/** One session as a form gives it: its date, times, and optionally its own title and topic. */
export const SessionSchema = z.object({
  date: z.iso.date(bilingual('開催日を選んでください。', 'Choose the date.')),
  startTime: timeOfDay('開始時刻', 'start time'),
  endTime: timeOfDay('終了時刻', 'end time'),
  title: z
    .string()
    .trim()
    .max(200, bilingual('200文字以内にしてください。', 'Use at most 200 characters.'))
    .default(''),
  // a form's 「—（なし）」 is an empty string: no area
  topic: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z
      .enum(topicCodes, bilingual('分野を一覧から選んでください。', 'Choose an area from the list.'))
      .nullable(),
  ),
});
export type SessionInput = z.input<typeof SessionSchema>;
export type ValidSession = z.output<typeof SessionSchema>;

export const kindSchema = z
  .enum(['single', 'course'], bilingual('形式を選んでください。', 'Choose the format.'))
  .default('single');

/** The instant of a date and a time of day in Japan, e.g. 2026-12-01 and 14:00. */
export function japanInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+09:00`);
}

/** The time of day of an instant in Japan, as 14:00. */
export function japanTime(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

const sessionFields = {
  date: { ja: '開催日', en: 'date' },
  startTime: { ja: '開始時刻', en: 'start time' },
  endTime: { ja: '終了時刻', en: 'end time' },
  title: { ja: 'この回のテーマ', en: 'title' },
  topic: { ja: '分野', en: 'area' },
} as const;

/** The label of a session's field as a person reads it: 「開催日」 for a seminar, 「2回目の開催日」 in a course. */
export function sessionFieldLabel(kind: EventKind, index: number, field: keyof typeof sessionFields): Text {
  const f = sessionFields[field];
  if (kind === 'single') return { ja: f.ja, en: f.en.charAt(0).toUpperCase() + f.en.slice(1) };
  return { ja: `${index + 1}回目の${f.ja}`, en: `Session ${index + 1} ${f.en}` };
}

/** Labels of every session field, as parseInput wants them (`sessions.1.date` …). */
export function sessionLabels(kind: EventKind, count: number): Record<string, Text> {
  const labels: Record<string, Text> = { sessions: { ja: '日程', en: 'Schedule' } };
  for (let i = 0; i < Math.min(count, maxSessions); i++) {
    for (const field of Object.keys(sessionFields) as (keyof typeof sessionFields)[]) {
      labels[`sessions.${i}.${field}`] = sessionFieldLabel(kind, i, field);
    }
  }
  return labels;
}

export interface TimedSession extends ValidSession {
  number: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Checks a schedule as a whole: a single event has one session, a course two or more, held one
 * after another without overlapping; no session ends before it starts or lies in the past (unless
 * it is `unchanged`: a lecture already held may stay as it was when a course is edited).
 */
export function scheduleProblems(
  kind: EventKind,
  sessions: ValidSession[],
  options: { now?: Date | undefined; unchanged?: (s: TimedSession) => boolean } = {},
): { sessions: TimedSession[]; problems: ProblemDetail[] } {
  const problems: ProblemDetail[] = [];
  const problem = (
    index: number | null,
    field: keyof typeof sessionFields | null,
    ja: string,
    en: string,
  ) => {
    const label =
      index === null || field === null
        ? { ja: '日程', en: 'Schedule' }
        : sessionFieldLabel(kind, index, field);
    problems.push({
      ...(index === null || field === null ? { field: 'sessions' } : { field: `sessions.${index}.${field}` }),
      message: { ja: `${label.ja}: ${ja}`, en: `${label.en}: ${en}` },
    });
  };
  const timed = sessions.map((s, i) => ({
    ...s,
    number: i + 1,
    startsAt: japanInstant(s.date, s.startTime),
    endsAt: japanInstant(s.date, s.endTime),
  }));
  if (kind === 'single' && timed.length !== 1) {
    problem(
      null,
      null,
      '1回だけのイベントの日程は1つです。連続講座を選ぶか、2回目以降の日程を空にしてください。',
      'A single event has one date. Choose “course”, or clear the sessions after the first.',
    );
  }
  if (kind === 'course' && timed.length < 2) {
    problem(
      null,
      null,
      '連続講座には2回以上の日程を入力してください。',
      'A course needs two or more sessions. Enter their dates.',
    );
  }
  const today = todayInJapan(options.now);
  timed.forEach((s, i) => {
    if (s.date < today && !options.unchanged?.(s)) {
      problem(
        i,
        'date',
        '過ぎた日付は選べません。今日以降の日付にしてください。',
        'The date has passed. Choose today or later.',
      );
    }
    if (s.endTime <= s.startTime) {
      problem(i, 'endTime', '開始時刻より後の時刻にしてください。', 'Choose a time after the start.');
    }
    const previous = timed[i - 1];
    if (!previous) return;
    if (s.startsAt < previous.startsAt) {
      problem(
        i,
        'date',
        `${i}回目より後の日時にしてください。回は開催する順に入力してください。`,
        `Choose a time after session ${i}. Enter the sessions in the order they are held.`,
      );
    } else if (s.startsAt < previous.endsAt) {
      problem(
        i,
        'startTime',
        `${i}回目（${japanTime(previous.startsAt)}–${japanTime(previous.endsAt)}）と時間が重なっています。`,
        `It overlaps session ${i} (${japanTime(previous.startsAt)}–${japanTime(previous.endsAt)}).`,
      );
    }
  });
  return { sessions: timed, problems };
}

/** A refused schedule: every problem, labelled, and nothing written. */
export function scheduleInvalid(problems: ProblemDetail[]): UserError {
  return formInvalid(problems);
}

/** The sessions of some events, in the order they are held, by event. */
export async function sessionsOf(q: Queryable, eventIds: number[]): Promise<Map<number, SessionRow[]>> {
  const byEvent = new Map<number, SessionRow[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return byEvent;
  const rows = await q
    .select()
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, eventIds))
    .orderBy(asc(eventSessions.eventId), asc(eventSessions.number));
  for (const row of rows) byEvent.get(row.eventId)?.push(row);
  return byEvent;
}

/** A session as the form shows it again: date and times in Japan. */
export function sessionInputOf(s: Pick<SessionRow, 'startsAt' | 'endsAt' | 'title' | 'topic'>): SessionInput {
  return {
    date: todayInJapan(s.startsAt),
    startTime: japanTime(s.startsAt),
    endTime: japanTime(s.endsAt),
    title: s.title,
    topic: s.topic ?? '',
  };
}

/** The schedule on one line, for the audit log: 「1回目 2026-05-10 14:00–16:00 経営; 2回目 …」 */
export function scheduleText(
  sessions: Pick<SessionRow, 'number' | 'startsAt' | 'endsAt' | 'title' | 'topic'>[],
): string {
  return sessions
    .map((s) =>
      [
        sessions.length > 1 ? `${s.number}回目` : '',
        `${todayInJapan(s.startsAt)} ${japanTime(s.startsAt)}–${japanTime(s.endsAt)}`,
        s.title,
        s.topic ? sessionTopics[s.topic].ja : '',
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join('; ');
}
