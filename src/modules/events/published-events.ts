import { type AnyColumn, and, asc, count, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../db/connection';
import { todayInJapan } from '../../platform/fiscal-year';
import type { Text } from '../../platform/i18n';
import { bilingual, fieldProblem, parseQuery } from '../../platform/validation';
import { searchableName } from './attendance-service';
import { type EventRow, type EventWithCounts, japanInstant, japanTime, withCounts } from './event-service';
import { eventSessions, events } from './schema';
import { type SessionRow, sessionsOf } from './sessions';

/**
 * What the public finds: published events of a municipality, filtered by kind, area, month or dates
 * and words of the title. The list page, its calendar, the JSON API, the iCalendar feeds and the
 * open-data CSV all read events through here, so they never disagree about what is public.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const codeText = (ja: string, en: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, bilingual(`${ja}を一覧から選んでください。`, en));

export const EventFilterSchema = z.object({
  q: optional(
    z
      .string()
      .trim()
      .max(100, bilingual('100文字以内にしてください。', 'Use at most 100 characters.'))
      .describe('words of the title, its katakana reading or its English title; all must be found'),
  ),
  category: optional(
    codeText('種類', 'Choose a kind from the list.').describe('an eventCategories code of the plan'),
  ),
  area: optional(codeText('地区', 'Choose one of the listed areas.').describe('an areas code of the plan')),
  month: optional(
    z
      .string()
      .regex(
        /^\d{4}-(0[1-9]|1[0-2])$/,
        bilingual('月は「2026-12」の形で指定してください。', 'Give the month as 2026-12.'),
      )
      .describe('events starting in this month (Japan time), e.g. 2026-12; not with from/to'),
  ),
  from: optional(
    z.iso
      .date(bilingual('日付は「2026-12-01」の形で指定してください。', 'Give the date as 2026-12-01.'))
      .describe('events starting on or after this day (Japan time)'),
  ),
  to: optional(
    z.iso
      .date(bilingual('日付は「2026-12-31」の形で指定してください。', 'Give the date as 2026-12-31.'))
      .describe('events starting on or before this day (Japan time)'),
  ),
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number(bilingual('ページは数字で指定してください。', 'Give the page as a number.'))
      .int(bilingual('ページは整数で指定してください。', 'Give the page as a whole number.'))
      .min(1, bilingual('ページは1以上にしてください。', 'The page starts at 1.'))
      .max(10000)
      .default(1),
  ),
  perPage: z.preprocess(
    blankToUndefined,
    z.coerce
      .number(bilingual('件数は数字で指定してください。', 'Give the number per page as a number.'))
      .int(bilingual('件数は整数で指定してください。', 'Give a whole number per page.'))
      .min(1, bilingual('件数は1以上にしてください。', 'Give at least 1 per page.'))
      .max(100, bilingual('件数は100以下にしてください。', 'Give at most 100 per page.'))
      .default(20),
  ),
});
export type EventFilter = z.output<typeof EventFilterSchema>;

export const eventFilterLabels: Record<keyof EventFilter, Text> = {
  q: { ja: 'キーワード', en: 'Keywords' },
  category: { ja: '種類', en: 'Kind' },
  area: { ja: '地区', en: 'Area' },
  month: { ja: '月', en: 'Month' },
  from: { ja: '開始日', en: 'From' },
  to: { ja: '終了日', en: 'To' },
  page: { ja: 'ページ', en: 'Page' },
  perPage: { ja: '1ページの件数', en: 'Per page' },
};

const badFilter = (field: keyof EventFilter, ja: string, en: string) =>
  fieldProblem(field, eventFilterLabels[field], { ja, en }, 400);

/**
 * Reads the filters of a request (the list page's GET form, the API's query). A kind or area the
 * plan does not name, a month together with dates, or dates the wrong way round are the request's
 * fault: a 400 that names the parameter.
 */
export function parseEventFilter(
  query: Record<string, string | undefined>,
  plan: { categories: readonly { code: string }[]; areas: readonly { code: string }[] },
): EventFilter {
  const filter = parseQuery(EventFilterSchema, query, eventFilterLabels);
  if (filter.category && !plan.categories.some((c) => c.code === filter.category)) {
    throw badFilter('category', '種類を一覧から選んでください。', 'Choose a kind from the list.');
  }
  if (filter.area && !plan.areas.some((a) => a.code === filter.area)) {
    throw badFilter('area', '地区を一覧から選んでください。', 'Choose one of the listed areas.');
  }
  if (filter.month && (filter.from || filter.to)) {
    throw badFilter(
      'month',
      '月か期間（開始日・終了日）のどちらかで指定してください。',
      'Give either a month or dates (from, to), not both.',
    );
  }
  if (filter.from && filter.to && filter.to < filter.from) {
    throw badFilter('to', '開始日以降の日付にしてください。', 'Give a day on or after the start.');
  }
  return filter;
}

/** Whether any condition narrows the list (the page then offers to clear them). */
export const isFiltered = (filter: EventFilter) =>
  Boolean(filter.q || filter.category || filter.area || filter.month || filter.from || filter.to);

/** The first instant of the day after a date, in Japan. */
const dayAfter = (date: string) => new Date(japanInstant(date, '00:00').getTime() + 86_400_000);

/** The instants a filter asks for: its month, its dates, or from now on. */
export function timeWindowOf(filter: EventFilter, now: Date): { from: Date; until: Date | null } {
  if (filter.month) {
    const [year, month] = filter.month.split('-').map(Number) as [number, number];
    const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    return { from: japanInstant(`${filter.month}-01`, '00:00'), until: japanInstant(`${next}-01`, '00:00') };
  }
  return {
    from: filter.from ? japanInstant(filter.from, '00:00') : now,
    until: filter.to ? dayAfter(filter.to) : null,
  };
}

const katakana = String.fromCharCode(...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x30a1 + i));
const hiragana = String.fromCharCode(...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x3041 + i));

/** A column read as searchableName reads a word: NFKC, lower case, no spaces, katakana as hiragana. */
const searchable = (column: AnyColumn) =>
  sql`translate(regexp_replace(lower(normalize(${column}, NFKC)), '[[:space:]・]+', '', 'g'), ${katakana}, ${hiragana})`;

/**
 * Every word must be found in the title, its reading or its English title: 「セミナー」 finds
 * 「事業承継セミナー」, 「じぎょうしょうけい」 finds it by its reading, 「seminar」 by its English title.
 */
function titleHasWords(q: string | undefined): SQL | undefined {
  const words = (q ?? '').split(/\s+/).map(searchableName).filter(Boolean);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) =>
      or(
        ...[events.title, events.titleKana, events.titleEn].map(
          (column) => sql`strpos(${searchable(column)}, ${word}) > 0`,
        ),
      ),
    ),
  );
}

/**
 * An event is in a time window when one of its sessions starts in it: a course whose lectures run
 * from November into December is found in December too, and stays listed while lectures are to come.
 */
function heldWithin(window: { from: Date; until: Date | null }): SQL {
  return sql`exists (select 1 from ${eventSessions} where ${eventSessions.eventId} = ${events.id} and ${eventSessions.startsAt} >= ${window.from}${window.until ? sql` and ${eventSessions.startsAt} < ${window.until}` : sql``})`;
}

/**
 * What the public lists: published events, and those called off (中止) so that a person who planned
 * to go finds them marked as such rather than gone.
 */
function publishedWhere(municipalityCode: string, filter: EventFilter, now: Date): SQL | undefined {
  return and(
    eq(events.municipalityCode, municipalityCode),
    inArray(events.status, ['published', 'cancelled']),
    heldWithin(timeWindowOf(filter, now)),
    filter.category ? eq(events.category, filter.category) : undefined,
    filter.area ? eq(events.area, filter.area) : undefined,
    titleHasWords(filter.q),
  );
}

/** One page of the published (or called-off) events a filter finds, soonest first, with the number of all found. */
export async function findPublishedEvents(
  q: Queryable,
  municipalityCode: string,
  filter: EventFilter,
  now: Date = new Date(),
): Promise<{ events: EventWithCounts[]; total: number }> {
  const where = publishedWhere(municipalityCode, filter, now);
  const [rows, [found]] = await Promise.all([
    q
      .select()
      .from(events)
      .where(where)
      .orderBy(asc(events.startsAt), asc(events.id))
      .limit(filter.perPage)
      .offset((filter.page - 1) * filter.perPage),
    q.select({ n: count() }).from(events).where(where),
  ]);
  return { events: await withCounts(q, rows), total: found?.n ?? 0 };
}

/** A month has at most this many events on its calendar; a city holds far fewer. */
const calendarLimit = 1000;

/** All published events a filter finds in one month, for its calendar. */
export async function publishedEventsOfMonth(
  q: Queryable,
  municipalityCode: string,
  filter: EventFilter,
  month: string,
): Promise<EventWithCounts[]> {
  const rows = await q
    .select()
    .from(events)
    .where(publishedWhere(municipalityCode, { ...filter, month, from: undefined, to: undefined }, new Date()))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(calendarLimit);
  return withCounts(q, rows);
}

/** How far back a calendar feed reaches: a subscriber still sees the events of the past year. */
const feedHistoryDays = 365;

/**
 * The events of a calendar feed: published ones, and cancelled ones so that a subscriber's calendar
 * learns of the cancellation, from a year ago on; of one kind, or of every kind.
 */
export async function eventsForFeed(
  q: Queryable,
  municipalityCode: string,
  category: string | undefined,
  now: Date = new Date(),
): Promise<EventWithSessions[]> {
  const rows = await q
    .select()
    .from(events)
    .where(
      and(
        eq(events.municipalityCode, municipalityCode),
        inArray(events.status, ['published', 'cancelled']),
        gte(events.startsAt, new Date(now.getTime() - feedHistoryDays * 86_400_000)),
        category ? eq(events.category, category) : undefined,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
  return withSessions(q, rows);
}

/** Every published event of a municipality, past ones too: the open-data list of its events. */
export async function eventsForOpenData(
  q: Queryable,
  municipalityCode: string,
): Promise<EventWithSessions[]> {
  const rows = await q
    .select()
    .from(events)
    .where(and(eq(events.municipalityCode, municipalityCode), eq(events.status, 'published')))
    .orderBy(asc(events.startsAt), asc(events.id));
  return withSessions(q, rows);
}

/** An event with its sessions in the order they are held (one for a single event). */
export type EventWithSessions = EventRow & { sessions: SessionRow[] };

async function withSessions(q: Queryable, rows: EventRow[]): Promise<EventWithSessions[]> {
  const sessions = await sessionsOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, sessions: sessions.get(row.id) ?? [] }));
}

/** An instant in Japan time as ISO 8601 with its offset, as schema.org and the API give it. */
export function japanIsoDateTime(instant: Date): string {
  return `${todayInJapan(instant)}T${japanTime(instant)}:00+09:00`;
}

/** The month (2026-12) an instant falls in, in Japan. */
export const japanMonthOf = (instant: Date) => todayInJapan(instant).slice(0, 7);

/** Whether registrations are taken now: published, not started, and before its deadline if any. */
export function isOpenForRegistration(event: EventRow, now: Date = new Date()): boolean {
  if (event.status !== 'published' || event.startsAt <= now) return false;
  return !event.registrationClosesAt || now < event.registrationClosesAt;
}

/** When an event is held: its sessions, or its own span for a row read without them. */
export function sessionsHeld(
  event: Pick<EventRow, 'startsAt' | 'endsAt'> & { sessions?: SessionRow[] },
): Pick<SessionRow, 'number' | 'title' | 'startsAt' | 'endsAt'>[] {
  if (event.sessions && event.sessions.length > 0) return event.sessions;
  return [{ number: 1, title: '', startsAt: event.startsAt, endsAt: event.endsAt }];
}

/** A lecture of a course as feeds and structured data name it: 創業塾（第2回：財務）. */
export function lectureName(eventTitle: string, session: Pick<SessionRow, 'number' | 'title'>): string {
  return `${eventTitle}（第${session.number}回${session.title ? `：${session.title}` : ''}）`;
}
