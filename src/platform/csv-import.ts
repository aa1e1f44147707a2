/**
 * Reading a CSV file that staff exported, edited in Excel and bring back (decision 038). Every list
 * that is imported shares this: the file's encoding, RFC 4180 with line breaks inside quoted cells,
 * the header checked against the export's columns, and row-level problems with the line numbers
 * Excel shows (header = 1; a cell with a line break still counts as one row). A file with any
 * problem is refused whole: `csv_invalid` lists every problem, and nothing is written.
 */

import { CsvError, parse } from 'csv-parse/sync';
import type { CsvEncoding } from './csv';
import { type ProblemDetail, UserError } from './errors';
import type { Text } from './i18n';

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
}

/** About 20,000 rows of typical length; the lists staff keep are a few hundred rows. */
export const csvLimits: CsvLimits = { maxBytes: 2 * 1024 * 1024, maxRows: 5000 };

/** A column of an exported list, as the import reads it back. */
export interface CsvColumn<K extends string = string> {
  key: K;
  /** the header written on export */
  header: string;
  /** other headers accepted on import (compared after NFKC and lower-casing) */
  aliases?: readonly string[];
  /** the header must be in the file */
  required?: boolean;
  /** written on export for people to read (a count, a status); its cells are never imported */
  readOnly?: boolean;
}

/** What a file is read as: its columns, its limits, and what its rows are called in messages. */
export interface CsvFormat<K extends string = string> {
  columns: readonly CsvColumn<K>[];
  /** 実績 / actuals: 「見出しの下に実績の行がありません」 */
  rowsAre: Text;
  limits?: CsvLimits;
}

export interface CsvRecord<K extends string = string> {
  /** the row number Excel shows */
  line: number;
  /** each column's cell as written (not trimmed); '' for a column the file leaves out */
  cells: Record<K, string>;
  /** what is wrong with the row as CSV (a value under no header); the caller adds its own */
  problems: ProblemDetail[];
}

export interface CsvTable<K extends string = string> {
  /** the file as text, decoded */
  text: string;
  encoding: CsvEncoding;
  headerLine: number;
  /** the columns the header has */
  present: ReadonlySet<K>;
  rows: CsvRecord<K>[];
}

// ---------------------------------------------------------------------------------------------
// Problems

/** The file refused: every problem, in line order; nothing was written. */
export function csvInvalid(details: ProblemDetail[]): UserError {
  const sorted = [...details].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return new UserError(
    'csv_invalid',
    422,
    {
      ja: `CSVファイルに誤りがあるため、何も取り込みませんでした（${sorted.length}件）。次の行を直してから、もう一度取り込んでください。`,
      en: `The CSV file has errors (${sorted.length}), so nothing was imported. Correct these lines and import it again.`,
    },
    sorted,
  );
}

/** A problem of a line (or of the whole file, without a line). */
export const csvProblem = (line: number | undefined, ja: string, en: string): ProblemDetail =>
  line === undefined ? { message: { ja, en } } : { line, message: { ja, en } };

/** The problems of a service's refusal, as problems of one line of the file. */
export function problemsOfLine(line: number, error: UserError): ProblemDetail[] {
  if (error.details.length === 0) return [{ line, message: error.userMessage }];
  return error.details.map((d) => ({ line, message: d.message }));
}

/** Refuses a file over the size limit before anything reads it. */
export function assertCsvSize(bytes: number, limits: CsvLimits = csvLimits): void {
  if (bytes <= limits.maxBytes) return;
  const mb = limits.maxBytes / 1024 / 1024;
  throw csvInvalid([
    csvProblem(
      undefined,
      `ファイルが大きすぎます（上限 ${mb}MB）。年度ごとなどに分けて取り込んでください。`,
      `The file is too large (at most ${mb} MB). Split it, e.g. by fiscal year.`,
    ),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell as compared: NFKC (full-width digits and letters as half-width), trimmed. */
export const normaliseCell = (cell: string) => cell.normalize('NFKC').trim();

// Export guards text cells against formula injection with a leading apostrophe; take it off again.
const formulaStart = /^[=+\-@\t\r]/;

/** A cell without the apostrophe that the export put before =, +, -, @ so that Excel shows it as text. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && formulaStart.test(text.slice(1)) ? text.slice(1) : text;
}

/** A text cell as stored: without the export's formula guard, line breaks as \n, trimmed. */
export function textCell(cell: string): string {
  return unguardFormula(cell.replace(/\r\n?/g, '\n').trim());
}

/** 2026-03-31, 2026/3/31 (as Excel writes dates), 2026年3月31日 → 2026-03-31; undefined if no real date. */
export function parseDateCell(cell: string): string | undefined {
  const s = normaliseCell(cell).replace(/\s+0?0:00(:00)?$/, '');
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 1234, 1,234 (Excel's thousands separators), １２３４, ¥1,234 → "1234"; undefined for anything else. */
export function parseWholeNumberCell(cell: string): string | undefined {
  let s = normaliseCell(cell).replace(/^[¥\\]/, '');
  if (/^\d{1,3}(,\d{3})+$/.test(s)) s = s.replaceAll(',', '');
  return /^\d{1,15}$/.test(s) ? String(Number(s)) : undefined;
}

/** One of a list of choices, as the export writes it (its name) and as the import takes it. */
export interface CsvChoice {
  code: string;
  /** the name written on export */
  name: string;
  /** other names taken on import: the English name … (the code is always taken) */
  aliases?: readonly (string | undefined)[];
}

/**
 * A cell naming one of the choices, by its name or its code (NFKC, case ignored), read as the name
 * the export writes; a problem naming the choices otherwise. `optional`: an empty cell is none.
 */
export function choiceCell(
  choices: readonly CsvChoice[],
  options: { optional?: boolean } = {},
): (cell: string) => string | { problem: Text } {
  const key = (s: string) => normaliseCell(s).toLowerCase();
  return (cell) => {
    const wanted = key(unguardFormula(cell));
    if (wanted === '' && options.optional) return '';
    const found = choices.find(
      (c) =>
        key(c.code) === wanted ||
        key(c.name) === wanted ||
        (c.aliases ?? []).some((a) => a && key(a) === wanted),
    );
    if (found) return found.name;
    const names = choices.map((c) => c.name).join('・');
    return {
      problem: {
        ja: `「${cell.trim()}」は選べません。次のどれかにしてください：${names}`,
        en: `"${cell.trim()}" is not one of the choices: ${choices.map((c) => c.name).join(', ')}`,
      },
    };
  };
}

/** The code of a choice the export wrote by its name (choiceCell's reading); '' for none. */
export function codeOfChoice(choices: readonly CsvChoice[], name: string): string {
  return choices.find((c) => c.name === name)?.code ?? name;
}

/** A whole number cell: 「1,234」 as Excel writes it read as 1234; `optional` lets it be empty. */
export function wholeNumberCell(
  options: { optional?: boolean } = {},
): (cell: string) => string | { problem: Text } {
  return (cell) => {
    if (options.optional && normaliseCell(cell) === '') return '';
    return (
      parseWholeNumberCell(cell) ?? {
        problem: {
          ja: `「${cell.trim()}」は使えません。0以上の整数（半角数字、例：1200）にしてください。`,
          en: `"${cell.trim()}": give a whole number of 0 or more, e.g. 1200.`,
        },
      }
    );
  };
}

/** A date cell as Excel may rewrite it (2026/5/10), read as 2026-05-10. */
export function dateCell(options: { optional?: boolean } = {}): (cell: string) => string | { problem: Text } {
  return (cell) => {
    if (options.optional && normaliseCell(cell) === '') return '';
    return (
      parseDateCell(cell) ?? {
        problem: {
          ja: `「${cell.trim()}」は日付として読めません。2026-05-10 か 2026/5/10 の形にしてください。`,
          en: `"${cell.trim()}" is not a date. Write it as 2026-05-10 or 2026/5/10.`,
        },
      }
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Excel writes CSV as UTF-8 with a BOM ("CSV UTF-8") or as Shift_JIS ("CSV"). A file that is valid
 * UTF-8 is taken as UTF-8 (Shift_JIS Japanese text almost never is); anything else as Shift_JIS.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis' };
  }
}

export const decodeCsvBytes = (bytes: Uint8Array): string => decodeCsv(bytes).text;

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');

function columnOf<K extends string>(columns: readonly CsvColumn<K>[], header: string) {
  // NFKC on both sides: Excel keeps 「参加費（円）」, a person may type 「参加費(円)」
  const name = normaliseCell(header)
    .replace(/^\uFEFF/, '')
    .toLowerCase();
  const same = (other: string) => normaliseCell(other).toLowerCase() === name;
  return columns.find((c) => same(c.header) || (c.aliases ?? []).some(same));
}

const headersOf = (columns: readonly CsvColumn[]) => columns.map((c) => c.header);

/**
 * Reads a whole file into rows of cells by column, checking what a file must be whatever it holds:
 * its size, that it is CSV, its header (no unknown or doubled column, every required one), at least
 * one row and not too many. Problems of the file throw `csv_invalid`; a row's own problems (a value
 * under no header) come with the row, for the caller to report with its own.
 */
export function readCsvTable<K extends string>(
  file: string | Uint8Array,
  format: CsvFormat<K>,
  /** the encoding a file given as text came in (it was decoded before, e.g. when it was kept) */
  textEncoding: CsvEncoding = 'utf-8',
): CsvTable<K> {
  const limits = format.limits ?? csvLimits;
  const { columns } = format;
  assertCsvSize(typeof file === 'string' ? Buffer.byteLength(file, 'utf8') : file.byteLength, limits);
  const { text, encoding } =
    typeof file === 'string' ? { text: file, encoding: textEncoding } : decodeCsv(file);

  let records: string[][];
  try {
    // no skip_empty_lines: every record, blank or not, is one Excel row, so index + 1 is its row number
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = ((error as unknown as { records?: number }).records ?? 0) + 1;
    throw csvInvalid([
      csvProblem(
        line,
        'CSVとして読み取れません（引用符 " が閉じていない可能性があります）。Excel で開いて保存し直してください。',
        'This line cannot be read as CSV (perhaps a quote " is not closed). Open the file in Excel and save it again.',
      ),
    ]);
  }

  const headerIndex = records.findIndex((r) => !isBlank(r));
  const header = records[headerIndex];
  const headerList = headersOf(columns).join(',');
  if (!header) {
    throw csvInvalid([
      csvProblem(
        1,
        `ファイルが空です。1行目に見出し（${headerList}）を入れてください。`,
        `The file is empty. Put the header (${headerList}) on line 1.`,
      ),
    ]);
  }
  const headerLine = headerIndex + 1;

  // ----- header
  const problems: ProblemDetail[] = [];
  const positions = new Map<K, number>();
  header.forEach((cell, i) => {
    if (cell.trim() === '') return; // a column without a header is fine as long as it stays empty
    const column = columnOf(columns, cell);
    if (!column) {
      problems.push(
        csvProblem(
          headerLine,
          `見出し「${cell.trim()}」は使えません。使える列：${headersOf(columns).join('・')}`,
          `Unknown column "${cell.trim()}". Columns: ${headersOf(columns).join(', ')}`,
        ),
      );
    } else if (positions.has(column.key)) {
      problems.push(
        csvProblem(
          headerLine,
          `見出し「${column.header}」が2回あります。1つにしてください。`,
          `The column "${column.header}" appears twice. Keep one.`,
        ),
      );
    } else {
      positions.set(column.key, i);
    }
  });
  for (const column of columns) {
    if (column.required && !positions.has(column.key)) {
      problems.push(
        csvProblem(
          headerLine,
          `列「${column.header}」がありません。見出しに追加してください。`,
          `The column "${column.header}" is missing. Add it to the header.`,
        ),
      );
    }
  }
  if (problems.length > 0) throw csvInvalid(problems);

  // ----- rows
  const dataRows = records
    .map((record, index) => ({ record, line: index + 1 }))
    .filter(({ record, line }) => line > headerLine && !isBlank(record));
  if (dataRows.length === 0) {
    throw csvInvalid([
      csvProblem(
        headerLine + 1,
        `見出しの下に${format.rowsAre.ja}の行がありません。`,
        `There are no rows of ${format.rowsAre.en} below the header.`,
      ),
    ]);
  }
  if (dataRows.length > limits.maxRows) {
    const over = dataRows[limits.maxRows] as { line: number };
    throw csvInvalid([
      csvProblem(
        over.line,
        `行が多すぎます（上限 ${limits.maxRows}行）。この行から後は別のファイルに分けてください。`,
        `Too many rows (at most ${limits.maxRows}). Move this row and the ones after it to another file.`,
      ),
    ]);
  }

  const known = new Set(positions.values());
  const rows = dataRows.map(({ record, line }): CsvRecord<K> => {
    const cells = Object.fromEntries(
      columns.map((c) => {
        const i = positions.get(c.key);
        return [c.key, i === undefined ? '' : (record[i] ?? '')];
      }),
    ) as Record<K, string>;
    const rowProblems = record.some((value, i) => !known.has(i) && value.trim() !== '')
      ? [
          csvProblem(
            line,
            '見出しのない列に値があります。値を消すか、見出しのある列に移してください。',
            'A cell has a value in a column without a header. Remove it or move it to a column with a header.',
          ),
        ]
      : [];
    return { line, cells, problems: rowProblems };
  });
  return { text, encoding, headerLine, present: new Set(positions.keys()), rows };
}
