/**
 * A list that goes out as CSV and comes back (decision 038): staff export it, edit it in Excel and
 * upload it; a preview shows each cell that will change (before → after), the new rows and how many
 * stay as they are, or every problem with its line; a confirmation applies exactly that preview in
 * one transaction, once, through the module's own services (their checks, their audit log).
 *
 * A module describes its list (RoundTripList): its columns, its rows as exported, how a cell is
 * read, and how one row is written. Rows are matched by the id the export includes; a row without
 * an id is a new record where the list allows it. A list whose records have no id of their own (the
 * plan's actuals) names instead the columns that identify a row (`keyed`): a row whose key is not in
 * the list is a new record.
 */

import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db, Queryable } from '../db/connection';
import type { Actor } from './audit';
import { type CsvEncoding, csvFile } from './csv';
import {
  type CsvFormat,
  type CsvTable,
  csvInvalid,
  csvProblem,
  normaliseCell,
  problemsOfLine,
  readCsvTable,
  textCell,
  unguardFormula,
} from './csv-import';
import { type ProblemDetail, UserError } from './errors';
import type { Text } from './i18n';
import { csvUploads } from './schema';
import { asShiftJisReadsIt, shiftJisReplacement } from './shift-jis';

/** One row of a list as its export writes it. */
export interface ListedRow {
  /** the id column's value (a keyed list: the row's key) */
  id: string;
  /** how a person recognises the row in the preview: an event's title, a person's name */
  label: string;
  /** every column's cell, as written to the file */
  cells: Record<string, string>;
}

/**
 * What identifies a row of a keyed list: its key (and the key columns' values as read, for a new
 * record), or a row that is left out (a half-filled template's empty row), or what is wrong with it.
 */
export type RowKey =
  | { key: string; cells: Record<string, string> }
  | { skip: true }
  | { problems: ProblemDetail[] };

/** A list without an id column: the columns that identify a row, and how a row's key is read. */
export interface RowKeying {
  columns: readonly string[];
  of(line: number, cells: Record<string, string>): RowKey;
  /** the problem of a row with the same key as an earlier line */
  same(line: number, first: number): ProblemDetail;
}

/** A cell read for comparison and writing; or what is wrong with it. */
export type CellReading = string | { problem: Text };

/** A changed row, for the module to write through its service. */
export interface RowUpdate {
  line: number;
  id: string;
  current: ListedRow;
  /** every editable cell as it will be: read from the file where changed, the current one elsewhere */
  cells: Record<string, string>;
  /** the keys of the columns that change */
  changed: string[];
}

/** A new row, for the module to create through its service. */
export interface RowCreation {
  line: number;
  cells: Record<string, string>;
  /** the same upload applied again carries the same key: a service that takes one creates once */
  idempotencyKey: string;
}

export interface RoundTripList {
  /** what an upload is of: `events`, `events/12/participants`; an upload applies to its own list only */
  scope: string;
  format: CsvFormat;
  /** the key of the id column; or, for a list without one, `keyed` */
  idKey?: string;
  keyed?: RowKeying;
  /** every row as exported, in order; `lock` when confirming, so that nobody changes them meanwhile */
  rows(q: Queryable, options: { lock: boolean }): Promise<ListedRow[]>;
  /** how a column's cell is read (its canonical form); text by default */
  read?: Partial<Record<string, (cell: string) => CellReading>>;
  update(db: Db, row: RowUpdate): Promise<void>;
  /** creates a record of a row without an id; absent: such a row is an error */
  create?: (db: Db, row: RowCreation) => Promise<void>;
}

export interface CellChange {
  line: number;
  id: string;
  label: string;
  /** the column's header */
  field: string;
  before: string;
  after: string;
}

export interface NewRow {
  line: number;
  cells: { field: string; value: string }[];
}

/** What a file would change: cell by cell, the new rows, and the lines that change nothing. */
export interface CsvPreview {
  encoding: CsvEncoding;
  changes: CellChange[];
  created: NewRow[];
  unchangedLines: number[];
}

export interface CsvImportSummary {
  updated: number;
  created: number;
  unchanged: number;
}

/** A preview can be confirmed for an hour; the upload is deleted after a day. */
export const csvUploadTimes = { confirmableMs: 60 * 60 * 1000, keptMs: 24 * 60 * 60 * 1000 } as const;

interface Step {
  line: number;
  run(db: Db): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Export

/** The list as a CSV file: its columns' headers, then its rows, as Excel opens it. */
export async function exportListCsv(q: Queryable, list: RoundTripList): Promise<string> {
  const { columns } = list.format;
  const rows = await list.rows(q, { lock: false });
  return csvFile([
    columns.map((c) => c.header),
    ...rows.map((r) => columns.map((c) => r.cells[c.key] ?? '')),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Reading a file against the list

const replacementProblem = (line: number, header: string): ProblemDetail =>
  csvProblem(
    line,
    `${header}: 「${shiftJisReplacement}」は、Shift_JIS で表せない文字の置き換えです。この列を変更するときは、UTF-8（BOM付き）で書き出したファイルを使ってください。`,
    `${header}: "${shiftJisReplacement}" stands for a character Shift_JIS cannot hold. To change this column, use a file exported as UTF-8 (with BOM).`,
  );

const idProblem = (line: number, header: string, id: string): ProblemDetail =>
  csvProblem(
    line,
    `${header}「${id}」の行は、この一覧にありません。書き出したファイルの${header}は変えずに使ってください（新しい行は${header}を空欄にします）。`,
    `There is no row with ${header} "${id}" in this list. Keep the ${header} of the exported file as it is (a new row leaves it empty).`,
  );

/**
 * Compares a file with the list as it is now: what each row would change, the steps that write it,
 * and every problem of every row (a row with a problem has no step).
 */
async function planImport(
  q: Queryable,
  list: RoundTripList,
  table: CsvTable,
  token: string,
  options: { lock: boolean },
): Promise<{ preview: CsvPreview; steps: Step[]; problems: ProblemDetail[] }> {
  const { columns } = list.format;
  const keyColumns: readonly string[] = list.keyed?.columns ?? (list.idKey ? [list.idKey] : []);
  const idColumn = columns.find((c) => c.key === list.idKey);
  if (!list.keyed && !idColumn) throw new Error(`the list ${list.scope} has no column ${list.idKey}`);
  const idHeader = idColumn?.header ?? 'ID';
  const editable = columns.filter(
    (c) => !c.readOnly && !keyColumns.includes(c.key) && table.present.has(c.key),
  );
  const readerOf = (key: string) => list.read?.[key] ?? textCell;
  const current = new Map((await list.rows(q, options)).map((r) => [r.id, r]));

  const problems: ProblemDetail[] = [];
  const preview: CsvPreview = { encoding: table.encoding, changes: [], created: [], unchangedLines: [] };
  const steps: Step[] = [];
  const seen = new Map<string, number>();

  for (const { line, cells, problems: formatProblems } of table.rows) {
    const rowProblems: ProblemDetail[] = [...formatProblems];
    let id: string;
    let keyCells: Record<string, string> = {};
    if (list.keyed) {
      const key = list.keyed.of(line, cells);
      if ('skip' in key && formatProblems.length === 0) {
        preview.unchangedLines.push(line);
        continue;
      }
      if ('problems' in key || 'skip' in key) {
        problems.push(...rowProblems, ...('problems' in key ? key.problems : []));
        continue;
      }
      const first = seen.get(key.key);
      if (first !== undefined) {
        problems.push(...rowProblems, list.keyed.same(line, first));
        continue;
      }
      seen.set(key.key, line);
      // a key the list does not hold yet is a new record
      id = current.has(key.key) ? key.key : '';
      keyCells = key.cells;
    } else id = normaliseCell(unguardFormula(cells[list.idKey ?? ''] ?? ''));

    if (id === '' && !list.create) {
      rowProblems.push(
        csvProblem(
          line,
          `${idHeader}が空欄です。この一覧には行を追加できません。書き出したファイルの${idHeader}を入れてください。`,
          `${idHeader} is empty. Rows cannot be added to this list; keep the ${idHeader} of the exported file.`,
        ),
      );
      problems.push(...rowProblems);
      continue;
    }
    if (id === '' && list.create) {
      const values: Record<string, string> = { ...keyCells };
      for (const column of editable) {
        const reading = readerOf(column.key)(cells[column.key] ?? '');
        if (typeof reading === 'string') values[column.key] = reading;
        else rowProblems.push({ line, message: prefixed(column.header, reading.problem) });
        if (typeof reading === 'string' && reading.includes(shiftJisReplacement))
          rowProblems.push(replacementProblem(line, column.header));
      }
      problems.push(...rowProblems);
      if (rowProblems.length > 0) continue;
      preview.created.push({
        line,
        // a keyed list's new row shows its key too: which subject, which year
        cells: columns
          .filter((c) => editable.includes(c) || (list.keyed !== undefined && keyColumns.includes(c.key)))
          .map((c) => ({ field: c.header, value: values[c.key] ?? '' })),
      });
      const create = list.create;
      const idempotencyKey = `csv-${token}-${line}`;
      steps.push({ line, run: (db) => create(db, { line, cells: values, idempotencyKey }) });
      continue;
    }

    const row = current.get(id);
    const first = list.keyed ? undefined : seen.get(id);
    if (!row) rowProblems.push(idProblem(line, idHeader, id));
    else if (first !== undefined)
      rowProblems.push(
        csvProblem(
          line,
          `${first}行目と同じ${idHeader}（${id}）です。1つの行にまとめてください。`,
          `Same ${idHeader} (${id}) as line ${first}. Keep one row for it.`,
        ),
      );
    else if (!list.keyed) seen.set(id, line);
    if (!row || first !== undefined) {
      problems.push(...rowProblems);
      continue;
    }

    const values: Record<string, string> = {};
    const changed: string[] = [];
    for (const column of columns.filter((c) => !c.readOnly && !keyColumns.includes(c.key))) {
      const reader = readerOf(column.key);
      const now = row.cells[column.key] ?? '';
      const readNow = reader(now);
      const before = typeof readNow === 'string' ? readNow : textCell(now);
      const sent = cells[column.key] ?? '';
      // a column the file leaves out, and a cell as the export wrote it (in Shift_JIS: with its
      // look-alikes and 〓), keep what is stored
      if (
        !table.present.has(column.key) ||
        textCell(sent) === textCell(now) ||
        (table.encoding === 'shift_jis' && textCell(sent) === textCell(asShiftJisReadsIt(now)))
      ) {
        values[column.key] = before;
        continue;
      }
      const reading = reader(sent);
      if (typeof reading !== 'string') {
        rowProblems.push({ line, message: prefixed(column.header, reading.problem) });
        continue;
      }
      values[column.key] = reading;
      if (reading === before) continue;
      if (reading.includes(shiftJisReplacement) && !before.includes(shiftJisReplacement)) {
        rowProblems.push(replacementProblem(line, column.header));
        continue;
      }
      changed.push(column.key);
      preview.changes.push({ line, id, label: row.label, field: column.header, before, after: reading });
    }
    problems.push(...rowProblems);
    if (rowProblems.length > 0) continue;
    if (changed.length === 0) {
      preview.unchangedLines.push(line);
      continue;
    }
    const update: RowUpdate = { line, id, current: row, cells: values, changed };
    steps.push({ line, run: (db) => list.update(db, update) });
  }
  return { preview, steps, problems };
}

const prefixed = (header: string, problem: Text): Text => ({
  ja: `${header}: ${problem.ja}`,
  en: `${header}: ${problem.en}`,
});

/**
 * Runs every step as the confirmation would, each in its own savepoint, and rolls everything back:
 * what the services refuse (a capacity below the people confirmed, a date in the past) is known in
 * the preview, with its line, and nothing is written.
 */
async function dryRun(db: Db, steps: Step[]): Promise<ProblemDetail[]> {
  const problems: ProblemDetail[] = [];
  const rollback = new Error('csv dry run');
  await db
    .transaction(async (tx) => {
      for (const step of steps) {
        try {
          await tx.transaction((savepoint) => step.run(savepoint as unknown as Db));
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          problems.push(...problemsOfLine(step.line, error));
        }
      }
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return problems;
}

const hashOf = (preview: CsvPreview) => createHash('sha256').update(JSON.stringify(preview)).digest('hex');

// ---------------------------------------------------------------------------------------------
// Upload, preview, confirm

export interface StartedImport {
  /** the upload to confirm; null when the file changes nothing */
  token: string | null;
  preview: CsvPreview;
}

/**
 * Reads an uploaded file, compares it with the list and tries it without keeping anything. A file
 * with problems is refused (`csv_invalid`, every line named); a good one that changes something is
 * kept for its confirmation, under a token only its uploader can use.
 */
export async function startCsvImport(
  db: Db,
  actor: Actor,
  list: RoundTripList,
  file: { name: string; bytes: Uint8Array },
): Promise<StartedImport> {
  if (actor.accountId === null) throw new Error('an upload needs an account');
  const accountId = actor.accountId;
  const table = readCsvTable(file.bytes, list.format);
  const token = randomBytes(24).toString('base64url');
  const { preview, steps, problems } = await planImport(db, list, table, token, { lock: false });
  // the rows that read well are tried too, so that one refusal lists every wrong line
  problems.push(...(await dryRun(db, steps)));
  if (problems.length > 0) throw csvInvalid(problems);
  if (steps.length === 0) return { token: null, preview };
  await forgetOldCsvUploads(db);
  await db.transaction(async (tx) => {
    await tx.insert(csvUploads).values({
      token,
      municipalityCode: actor.municipalityCode,
      accountId,
      list: list.scope,
      fileName: file.name.slice(0, 200),
      encoding: table.encoding,
      content: table.text,
      preview,
      previewHash: hashOf(preview),
    });
  });
  return { token, preview };
}

/**
 * A kept file, and a preview, may hold personal data (a participant list): none stays longer than
 * a day. Run on every upload and by the server every hour.
 */
export async function forgetOldCsvUploads(db: Queryable, now: Date = new Date()): Promise<void> {
  await db
    .delete(csvUploads)
    .where(lt(csvUploads.createdAt, new Date(now.getTime() - csvUploadTimes.keptMs)));
}

export const uploadNotFound = new UserError('not_found', 404, {
  ja: 'この取り込みは見つかりません。期限（1日）が過ぎたか、別の方のものです。CSVファイルをもう一度選んでください。',
  en: 'This import was not found: it is more than a day old or someone else’s. Choose the CSV file again.',
});

const previewExpired = new UserError('csv_preview_expired', 409, {
  ja: 'プレビューから1時間以上たったため、取り込みませんでした。CSVファイルをもう一度選んで、プレビューを確かめてください。',
  en: 'The preview is more than an hour old, so nothing was imported. Choose the CSV file again and check the new preview.',
});

/** The list changed after the preview: applying the file now would do something else than it showed. */
function previewStale(details: ProblemDetail[] = []): UserError {
  return new UserError(
    'csv_preview_stale',
    409,
    {
      ja: 'プレビューの後に一覧が変更されたため、何も取り込みませんでした。最新の一覧を書き出して編集し直すか、同じファイルをもう一度選んで、新しいプレビューを確かめてください。',
      en: 'The list changed after the preview, so nothing was imported. Export the current list and edit it again, or choose the file again and check the new preview.',
    },
    details,
  );
}

export interface KeptUpload {
  token: string;
  fileName: string;
  preview: CsvPreview;
  createdAt: Date;
  appliedAt: Date | null;
  summary: CsvImportSummary | null;
}

async function keptUpload(q: Queryable, actor: Actor, list: RoundTripList, token: string, lock: boolean) {
  const query = q
    .select()
    .from(csvUploads)
    .where(
      and(
        eq(csvUploads.token, token),
        eq(csvUploads.accountId, actor.accountId ?? -1),
        eq(csvUploads.municipalityCode, actor.municipalityCode),
        eq(csvUploads.list, list.scope),
      ),
    );
  const [upload] = lock ? await query.for('update') : await query;
  if (!upload) throw uploadNotFound;
  return upload;
}

/** An upload of the actor's, to show its preview again, or what it did once confirmed. */
export async function findCsvUpload(
  q: Queryable,
  actor: Actor,
  list: RoundTripList,
  token: string,
): Promise<KeptUpload> {
  const upload = await keptUpload(q, actor, list, token, false);
  return {
    token: upload.token,
    fileName: upload.fileName,
    preview: upload.preview as CsvPreview,
    createdAt: upload.createdAt,
    appliedAt: upload.appliedAt,
    summary: (upload.summary as CsvImportSummary | null) ?? null,
  };
}

/**
 * Applies an upload exactly as previewed, all rows in one transaction: the list is read again
 * (locked) and compared with the file; if that gives another preview than the one shown, nothing is
 * written (`csv_preview_stale`). Confirming an applied upload again writes nothing and answers with
 * what it did the first time.
 */
export async function confirmCsvImport(
  db: Db,
  actor: Actor,
  list: RoundTripList,
  token: string,
  now: Date = new Date(),
): Promise<{ summary: CsvImportSummary; again: boolean }> {
  return db.transaction(async (tx) => {
    const upload = await keptUpload(tx, actor, list, token, true);
    if (upload.appliedAt) return { summary: upload.summary as CsvImportSummary, again: true };
    if (now.getTime() - upload.createdAt.getTime() > csvUploadTimes.confirmableMs) throw previewExpired;
    const table = readCsvTable(upload.content, list.format, upload.encoding as CsvEncoding);
    const planned = await planImport(tx, list, table, token, { lock: true });
    // a row that was fine at the preview and is not now (its record removed meanwhile)
    if (planned.problems.length > 0) throw previewStale(planned.problems);
    if (hashOf(planned.preview) !== upload.previewHash) throw previewStale();
    for (const step of planned.steps) {
      try {
        await step.run(tx as unknown as Db);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        throw csvInvalid(problemsOfLine(step.line, error));
      }
    }
    const summary: CsvImportSummary = {
      updated: new Set(planned.preview.changes.map((c) => c.line)).size,
      created: planned.preview.created.length,
      unchanged: planned.preview.unchangedLines.length,
    };
    await tx
      .update(csvUploads)
      .set({ appliedAt: now, summary, content: '' })
      .where(eq(csvUploads.id, upload.id));
    return { summary, again: false };
  });
}
