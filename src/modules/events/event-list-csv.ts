/**
 * The organisers' event list as CSV that comes back (decision 038): each event the actor runs, one
 * row, with its id; staff change titles, places, capacities, fees or dates in Excel, or add rows
 * (each a new draft), and the import writes them through updateEvent and createEvent.
 *
 *   ID,題名,種類,日程,会場,定員,参加費（円）,主催,内容,状態,参加確定,キャンセル待ち,出席
 *
 * 日程 holds one line per session, 「2026-05-10 14:00-16:00」: two lines or more make a course, whose
 * sessions keep their themes and areas by number. 状態 and the counts are for reading only.
 */

import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import {
  type CsvChoice,
  type CsvColumn,
  choiceCell,
  codeOfChoice,
  normaliseCell,
  parseDateCell,
  wholeNumberCell,
} from '../../platform/csv-import';
import type { CellReading, ListedRow, RoundTripList } from '../../platform/csv-round-trip';
import { todayInJapan } from '../../platform/fiscal-year';
import {
  createEvent,
  type EventChoices,
  type EventInput,
  type EventWithCounts,
  findEventRunBy,
  listEventsForStaff,
} from './event-service';
import { updateEvent } from './lifecycle-service';
import { runsEvent } from './organiser-access';
import type { Category, Organiser } from './pages/components';
import { events } from './schema';
import { japanTime, type SessionInput } from './sessions';

type Key =
  | 'id'
  | 'title'
  | 'category'
  | 'schedule'
  | 'place'
  | 'capacity'
  | 'feeYen'
  | 'organiser'
  | 'description'
  | 'status'
  | 'confirmed'
  | 'waiting'
  | 'attended';

export const eventCsvColumns: readonly CsvColumn<Key>[] = [
  { key: 'id', header: 'ID', required: true },
  { key: 'title', header: '題名', required: true },
  { key: 'category', header: '種類', required: true },
  { key: 'schedule', header: '日程', required: true },
  { key: 'place', header: '会場', required: true },
  { key: 'capacity', header: '定員', required: true },
  { key: 'feeYen', header: '参加費（円）', required: true, aliases: ['参加費'] },
  { key: 'organiser', header: '主催', required: true },
  { key: 'description', header: '内容', required: true },
  { key: 'status', header: '状態', readOnly: true },
  { key: 'confirmed', header: '参加確定', readOnly: true },
  { key: 'waiting', header: 'キャンセル待ち', readOnly: true },
  { key: 'attended', header: '出席', readOnly: true },
];

const statusWords: Record<string, string> = { draft: '下書き', published: '公開中', cancelled: '中止' };

/** 「2026-05-10 14:00-16:00」, one line per session. */
export function scheduleCellOf(event: Pick<EventWithCounts, 'sessions'>): string {
  return event.sessions
    .map((s) => `${todayInJapan(s.startsAt)} ${japanTime(s.startsAt)}-${japanTime(s.endsAt)}`)
    .join('\n');
}

const scheduleLine = /^(\S+)\s+(\d{1,2}):(\d{2})\s*[-~〜–—ー－]\s*(\d{1,2}):(\d{2})$/;

/**
 * A schedule cell as people write it in Excel: a line per session, the date as 2026-05-10 or
 * 2026/5/10 (as Excel rewrites it), the times as 14:00-16:00 or 14:00〜16:00.
 */
export function readScheduleCell(cell: string): CellReading {
  const lines = cell
    .split(/\r\n|\r|\n|;|；/)
    .map((l) => normaliseCell(l))
    .filter(Boolean);
  const problem = {
    problem: {
      ja: '1回ごとに1行で、「2026-05-10 14:00-16:00」の形で書いてください（連続講座は2行以上）。',
      en: 'Write one line per session, as 2026-05-10 14:00-16:00 (a course has two lines or more).',
    },
  };
  if (lines.length === 0) return problem;
  const read: string[] = [];
  for (const line of lines) {
    const m = scheduleLine.exec(line);
    const date = m ? parseDateCell(m[1] as string) : undefined;
    if (!m || !date) return problem;
    const time = (h: string | undefined, min: string | undefined) => `${(h ?? '').padStart(2, '0')}:${min}`;
    read.push(`${date} ${time(m[2], m[3])}-${time(m[4], m[5])}`);
  }
  return read.join('\n');
}

function sessionsOfCell(cell: string): Pick<SessionInput, 'date' | 'startTime' | 'endTime'>[] {
  return cell.split('\n').map((line) => {
    const [date = '', times = ''] = line.split(' ');
    const [startTime = '', endTime = ''] = times.split('-');
    return { date, startTime, endTime };
  });
}

export interface EventCsvContext {
  actor: Actor;
  organisers: Organiser[];
  categories: Category[];
  choices: EventChoices;
}

/** The event list of an organiser as a RoundTripList. */
export function eventListCsv(ctx: EventCsvContext): RoundTripList {
  const { actor } = ctx;
  const categoryChoices: CsvChoice[] = ctx.categories.map((c) => ({
    code: c.code,
    name: c.title,
    aliases: [c.titleEn],
  }));
  const organiserChoices: CsvChoice[] = ctx.organisers.map((o) => ({
    code: o.code,
    name: o.name,
    aliases: [o.nameEn],
  }));
  // a plan that names no kinds or organisers takes any code (validateEvent)
  const categoryName = (code: string) => ctx.categories.find((c) => c.code === code)?.title ?? code;
  const organiserName = (code: string) => ctx.organisers.find((o) => o.code === code)?.name ?? code;

  const inputOf = (cells: Record<string, string>, current?: EventWithCounts): EventInput => {
    const sessions = sessionsOfCell(cells.schedule ?? '');
    return {
      category: codeOfChoice(categoryChoices, cells.category ?? ''),
      title: cells.title ?? '',
      description: cells.description ?? '',
      kind: sessions.length > 1 ? 'course' : 'single',
      // each session keeps its theme and area by number, as the edit form does
      sessions: sessions.map((s, i) => ({
        ...s,
        title: current?.sessions[i]?.title ?? '',
        topic: current?.sessions[i]?.topic ?? '',
      })),
      place: cells.place ?? '',
      capacity: cells.capacity as unknown as number,
      feeYen: cells.feeYen as unknown as number,
      organiser: codeOfChoice(organiserChoices, cells.organiser ?? ''),
    };
  };

  return {
    scope: 'events',
    format: { columns: eventCsvColumns, rowsAre: { ja: 'イベント', en: 'events' } },
    idKey: 'id',
    async rows(q: Queryable, { lock }): Promise<ListedRow[]> {
      if (lock) {
        await q
          .select({ id: events.id })
          .from(events)
          .where(eq(events.municipalityCode, actor.municipalityCode))
          .for('update');
      }
      const listed = (await listEventsForStaff(q, actor)).filter((e) => runsEvent(actor, e));
      return listed.map((e) => ({
        id: String(e.id),
        label: e.title,
        cells: {
          id: String(e.id),
          title: e.title,
          category: categoryName(e.category),
          schedule: scheduleCellOf(e),
          place: e.place,
          capacity: String(e.capacity),
          feeYen: String(e.feeYen),
          organiser: organiserName(e.organiser),
          description: e.description,
          status: statusWords[e.status] ?? e.status,
          confirmed: String(e.confirmed),
          waiting: String(e.waiting),
          attended: String(e.attended),
        },
      }));
    },
    read: {
      category: categoryChoices.length > 0 ? choiceCell(categoryChoices) : undefined,
      organiser: organiserChoices.length > 0 ? choiceCell(organiserChoices) : undefined,
      schedule: readScheduleCell,
      capacity: wholeNumberCell(),
      // an empty fee is free, as on the form
      feeYen: (cell) => (normaliseCell(cell) === '' ? '0' : wholeNumberCell()(cell)),
    },
    async update(db, row) {
      const current = await findEventRunBy(db, actor, Number(row.id));
      await updateEvent(db, actor, current.id, inputOf(row.cells, current), ctx.choices);
    },
    async create(db, row) {
      await createEvent(db, actor, inputOf(row.cells), ctx.choices);
    },
  };
}
