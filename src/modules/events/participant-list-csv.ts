/**
 * An event's participant list (参加者名簿) as CSV that comes back (decision 038). The export is the
 * organisers' list as it always was (participant-export.ts); on import the organiser corrects a
 * name, reading, e-mail or phone (correctParticipant), marks attendance from a paper sign-in sheet
 * (checkIn), or adds a row without 申込番号 for an application taken on paper or by phone
 * (registerForEvent, which mails the person their confirmation). Status, waiting place, walk-in,
 * time of registration, the count of sessions and a phone booking's seats, channel and note are for
 * reading. Personal data: only the staff
 * who see the list today (runsEvent) reach it.
 */

import type { Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { type CsvColumn, normaliseCell, unguardFormula } from '../../platform/csv-import';
import type { CellReading, ListedRow, RoundTripList } from '../../platform/csv-round-trip';
import { UserError } from '../../platform/errors';
import { checkIn, listParticipants } from './attendance-service';
import { type EventWithCounts, lockEventOf } from './event-service';
import { participantTableOf } from './participant-export';
import { correctParticipant } from './participant-service';
import { registerForEvent } from './registration-service';

const present = '出席';
/** What people write in Excel for present, beside the time of check-in the export gives. */
const presentMarks = new Set(['出席', '出席済', '済', '○', '〇', '◯', '✓', '✔', 'o', '1', '有']);
const absentMarks = new Set(['', '欠席', '×', '✕', 'x', '-', 'ー', '―', '0', '無']);

/** An attendance cell: 14:05 (the time of check-in, as exported) or a mark such as ○ is present. */
export function readAttendanceCell(cell: string): CellReading {
  const s = normaliseCell(unguardFormula(cell)).toLowerCase();
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(s) || presentMarks.has(s)) return present;
  if (absentMarks.has(s)) return '';
  return {
    problem: {
      ja: `「${cell.trim()}」は出欠として読めません。出席は「出席」か「○」、欠席は空欄にしてください。`,
      en: `"${cell.trim()}" is not an attendance. Write 出席 or ○ for present, and leave it empty for absent.`,
    },
  };
}

/**
 * A phone number as Excel may give it back: 0425581111 opened as a number loses its leading 0, so a
 * number of 9 or 10 digits that starts otherwise gets it again (Japanese numbers all start with 0).
 */
export function readPhoneCell(cell: string): CellReading {
  const s = normaliseCell(unguardFormula(cell));
  return /^[1-9]\d{8,9}$/.test(s) ? `0${s}` : s;
}

const attendanceKept = new UserError('attendance_kept', 409, {
  ja: '出席の記録は取り消せません。欠席に戻すことはできないため、その回の欄は書き出したとおりにしてください。',
  en: 'An attendance cannot be removed. Leave the session’s cell as it was exported.',
});

const noAttendanceOnNewRows = new UserError('invalid_input', 422, {
  ja: '新しく追加する方の出席は、この取り込みでは入れられません。申し込みを登録してから、書き出し直したファイルで出席を入れてください。',
  en: 'Attendance cannot be given for a person added in the same file. Add the registration, export again and mark attendance then.',
});

/** The participant list of an event the actor runs, as a RoundTripList; 403 for anyone else. */
export function participantListCsv(actor: Actor, event: EventWithCounts): RoundTripList {
  const fixed = [
    ['id', false],
    ['name', true],
    ['kana', true],
    ['email', true],
    ['phone', true],
    ['status', false],
    ['waitingRank', false],
    ['walkIn', false],
    ['registeredAt', false],
  ] as const;
  const sessionKey = (id: number) => `session-${id}`;
  // the seats, channel and note of a まちゼミ phone booking are the shop's (decision 037): read only
  const keys = [
    ...fixed.map(([key]) => key as string),
    ...event.sessions.map((s) => sessionKey(s.id)),
    'attendedCount',
    'seats',
    'channel',
    'note',
  ];
  const editable = new Set<string>([
    ...fixed.filter(([, edit]) => edit).map(([key]) => key as string),
    ...event.sessions.map((s) => sessionKey(s.id)),
  ]);
  // the headers of the organisers' list, so that the one export is the file that comes back
  const { headers } = participantTableOf(event, []);
  if (headers.length !== keys.length)
    throw new Error('the participant list has columns this file does not know');
  const columns: CsvColumn[] = headers.map((header, i) => {
    const key = keys[i] as string;
    return {
      key,
      header,
      required: key === 'id' || editable.has(key),
      readOnly: !editable.has(key) && key !== 'id',
    };
  });
  const sessionOf = new Map(event.sessions.map((s) => [sessionKey(s.id), s]));

  return {
    scope: `events/${event.id}/participants`,
    format: { columns, rowsAre: { ja: '参加者', en: 'participants' } },
    idKey: 'id',
    async rows(q: Queryable, { lock }): Promise<ListedRow[]> {
      if (lock) await lockEventOf(q, actor, event.id);
      const table = participantTableOf(event, await listParticipants(q, actor, event.id));
      return table.rows.map((row) => {
        const cells = Object.fromEntries(keys.map((key, i) => [key, String(row[i] ?? '')]));
        return { id: cells.id as string, label: cells.name as string, cells };
      });
    },
    read: {
      phone: readPhoneCell,
      ...Object.fromEntries(event.sessions.map((s) => [sessionKey(s.id), readAttendanceCell])),
    },
    async update(tx, row) {
      const registrationId = Number(row.id);
      const details = ['name', 'kana', 'email', 'phone'] as const;
      if (row.changed.some((key) => (details as readonly string[]).includes(key))) {
        await correctParticipant(tx, actor, event.id, registrationId, {
          name: row.cells.name ?? '',
          kana: row.cells.kana ?? '',
          email: row.cells.email ?? '',
          phone: row.cells.phone ?? '',
        });
      }
      for (const key of row.changed) {
        const session = sessionOf.get(key);
        if (!session) continue;
        if (row.cells[key] !== present) throw attendanceKept;
        await checkIn(tx, actor, event.id, { registrationId }, { sessionId: session.id });
      }
    },
    async create(tx, row) {
      if (event.sessions.some((s) => row.cells[sessionKey(s.id)] === present)) throw noAttendanceOnNewRows;
      const result = await registerForEvent(tx, event.id, {
        name: row.cells.name ?? '',
        kana: row.cells.kana ?? '',
        email: row.cells.email ?? '',
        phone: row.cells.phone ?? '',
        idempotencyKey: row.idempotencyKey,
      });
      if (result.outcome === 'already-registered') {
        throw new UserError('already_registered', 409, {
          ja: `メールアドレス: このアドレスでは申込番号${result.registration.id}の方がすでに申し込んでいます。`,
          en: `E-mail: registration no. ${result.registration.id} already uses this address.`,
        });
      }
    },
  };
}
