/**
 * Manual actuals as a CSV file, because city staff keep these figures in Excel.
 *
 * The format (see docs/actuals-csv.md): a header row, then one row per figure.
 *
 *   区分,コード,名称,年度,実績値,基準日,出典,備考
 *   成果目標,employees,市内事業所の従業者数（人）,2025,21600,2026-03-31,経済センサス,
 *   実施事業,succession-seminar,事業承継セミナー（参加者数・人）,2025,31,2026/3/31,受付名簿,
 *
 * - 区分: 実施事業 or 成果目標 (also `project` / `kpi`); コード: the code in the plan file.
 * - 名称: ignored on import, written on export so that a person knows which row is which.
 * - 年度: 2026, 2026年度, 令和8年度, 令和8, R8 (full-width digits too).
 * - 実績値: 0 or more, at most 2 decimals; 21,510 as Excel writes it is accepted. A row whose 実績値
 *   is empty is not imported (so a half-filled template can be imported as it is).
 * - 基準日: 2026-03-31, 2026/3/31 (as Excel writes it) or 2026年3月31日.
 * - 出典 is required, 備考 is optional.
 *
 * The file is UTF-8 (with or without BOM) or Shift_JIS, as Excel's two CSV formats are; CRLF or LF.
 * Line numbers are the row numbers Excel shows (header = 1), which differ from a text editor's only
 * when a cell holds a line break. An import is all or nothing: one bad row and nothing is written.
 */

import { and, eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';
import type { Actor } from '../../platform/audit';
import { csvFile } from '../../platform/csv';
import {
  assertCsvSize,
  type CsvColumn,
  type CsvFormat,
  csvInvalid,
  csvLimits,
  normaliseCell as normalise,
  parseDateCell,
  csvProblem as problem,
  problemsOfLine,
  readCsvTable,
  unguardFormula,
} from '../../platform/csv-import';
import { type CellReading, exportListCsv, type RoundTripList } from '../../platform/csv-round-trip';
import type { ProblemDetail } from '../../platform/errors';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { bindingOf, findKpi, findProject, type Kpi, type Plan, type Project } from './plan';
import { ofPlan } from './plan-scope';
import { manualActuals } from './schema';
import { type ManualActualInput, validateManualActual, writeManualActual } from './service';

// reading a CSV file is the platform's (decision 038); these names stay where they were imported from
export { decodeCsvBytes } from '../../platform/csv-import';
export { parseDateCell as parseAsOfCell };

/** A city's manual figures are a few dozen a year. */
export const actualsCsvLimits = csvLimits;

type ColumnKey = 'subjectKind' | 'subjectCode' | 'name' | 'fiscalYear' | 'value' | 'asOf' | 'source' | 'note';

export const actualsCsvColumns: readonly CsvColumn<ColumnKey>[] = [
  { key: 'subjectKind', header: '区分', required: true, aliases: ['kind', 'subjectkind'] },
  { key: 'subjectCode', header: 'コード', required: true, aliases: ['code', 'subjectcode'] },
  // ignored on import: written so that a person knows which row is which
  { key: 'name', header: '名称', readOnly: true, aliases: ['name', 'title'] },
  { key: 'fiscalYear', header: '年度', required: true, aliases: ['fiscalyear', 'fy', 'year'] },
  { key: 'value', header: '実績値', required: true, aliases: ['value', 'actual'] },
  { key: 'asOf', header: '基準日', required: true, aliases: ['asof', 'as_of', 'as-of'] },
  { key: 'source', header: '出典', required: true, aliases: ['source'] },
  { key: 'note', header: '備考', aliases: ['note'] },
];

const kindNames = { project: '実施事業', kpi: '成果目標' } as const;
type Kind = keyof typeof kindNames;

export interface ImportSummary {
  /** rows written or confirmed: created + updated + unchanged */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  /** rows left out because their 実績値 was empty */
  skipped: number;
}

type ValidatedActual = ReturnType<typeof validateManualActual>;

export interface ParsedActualsCsv {
  rows: { line: number; actual: ValidatedActual }[];
  /** lines whose 実績値 was empty */
  skippedLines: number[];
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Refuses a file over the size limit before anything reads it. */
export const assertActualsCsvSize = (bytes: number): void => assertCsvSize(bytes, actualsCsvLimits);

export function parseSubjectKind(cell: string): Kind | undefined {
  const s = normalise(cell).toLowerCase();
  if (s === '実施事業' || s === 'project') return 'project';
  if (s === '成果目標' || s === 'kpi') return 'kpi';
  return undefined;
}

const eraFirstYears: Record<string, number> = { 令和: 2019, r: 2019, 平成: 1989, h: 1989 };

/** 2026, 2026年度, FY2026, 令和8年度, 令和8, R8, 令和元年度 → the Western year the fiscal year starts in. */
export function parseFiscalYearCell(cell: string): number | undefined {
  const s = normalise(cell).replace(/\s/g, '').toLowerCase();
  const western = /^(?:fy)?(\d{4})(?:年度|年)?$/.exec(s);
  if (western) return Number(western[1]);
  const wareki = /^(令和|平成|r|h)(元|\d{1,2})(?:年度|年)?$/.exec(s);
  if (wareki) {
    const first = eraFirstYears[wareki[1] as string] as number;
    const n = wareki[2] === '元' ? 1 : Number(wareki[2]);
    return n >= 1 ? first + n - 1 : undefined;
  }
  return undefined;
}

/** 21510, 21,510 (Excel's thousands separators), ２１５１０, 62.5 → the number as text, or undefined. */
export function parseValueCell(cell: string): string | undefined {
  let s = normalise(cell);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(',', '');
  // numeric(14, 2) holds less than 10^12
  return /^\d{1,12}(\.\d{1,2})?$/.test(s) ? s : undefined;
}

function subjectOfCode(plan: Plan, kind: Kind, code: string): Project | Kpi | undefined {
  return kind === 'project' ? findProject(plan, code) : findKpi(plan, code);
}

const sameFigure = (line: number, first: number): ProblemDetail =>
  problem(
    line,
    `${first}行目と同じ項目・年度・基準日です。どちらか1行にしてください。`,
    `Same item, fiscal year and as-of date as line ${first}. Keep one of them.`,
  );

/** What identifies a figure: its subject, fiscal year and as-of date (one figure a day). */
const figureKey = (kind: string, code: string, fiscalYear: number, asOf: string) =>
  `${kind}/${code}/${fiscalYear}/${asOf}`;

interface CheckedRow {
  /** the 実績値 is empty: the row is left out */
  skip: boolean;
  problems: ProblemDetail[];
  /** the figure's key, when its subject, year and date read well */
  key?: string;
  actual?: ValidatedActual;
}

/** Reads and checks one row against the plan: every problem of it, or the figure it gives. */
function checkActualRow(
  plan: Plan,
  line: number,
  cell: Record<ColumnKey, string>,
  today: string,
): CheckedRow {
  const rowProblems: ProblemDetail[] = [];
  const add = (ja: string, en: string) => rowProblems.push(problem(line, ja, en));

  const rawValue = cell.value;
  if (normalise(rawValue) === '') return { skip: true, problems: [] };
  const value = parseValueCell(rawValue);
  if (value === undefined)
    add(
      `実績値「${rawValue.trim()}」は使えません。0以上の数値（小数は2桁まで、例：1234、62.5）にしてください。`,
      `Actual "${rawValue.trim()}": give a number of 0 or more with at most 2 decimals, e.g. 1234 or 62.5.`,
    );

  const rawKind = cell.subjectKind;
  const kind = parseSubjectKind(rawKind);
  if (!kind)
    add(
      `区分「${rawKind.trim()}」は使えません。「実施事業」か「成果目標」にしてください。`,
      `Kind "${rawKind.trim()}": use 実施事業 (project) or 成果目標 (KPI).`,
    );

  const code = cell.subjectCode.trim();
  if (code === '')
    add('コードが空欄です。計画の実施事業・成果目標のコードを入れてください。', 'The code is empty.');
  else if (kind && !subjectOfCode(plan, kind, code)) {
    const other: Kind = kind === 'project' ? 'kpi' : 'project';
    add(
      subjectOfCode(plan, other, code)
        ? `コード「${code}」は${kindNames[other]}です。区分を「${kindNames[other]}」にしてください。`
        : `コード「${code}」の${kindNames[kind]}は計画にありません。テンプレートのコードを使ってください。`,
      subjectOfCode(plan, other, code)
        ? `"${code}" is a ${other === 'kpi' ? 'KPI' : 'project'}: set 区分 to ${kindNames[other]}.`
        : `The plan has no ${kind === 'kpi' ? 'KPI' : 'project'} "${code}". Use the codes of the template.`,
    );
  }

  const rawYear = cell.fiscalYear;
  const fiscalYear = parseFiscalYearCell(rawYear);
  if (fiscalYear === undefined)
    add(
      `年度「${rawYear.trim()}」は使えません。西暦4桁（例：2026）か「令和8年度」の形にしてください。`,
      `Fiscal year "${rawYear.trim()}": write it as 4 digits (e.g. 2026) or as 令和8年度.`,
    );

  const rawAsOf = cell.asOf;
  const asOf = parseDateCell(rawAsOf);
  if (asOf === undefined)
    add(
      `基準日「${rawAsOf.trim()}」は使えません。2026-03-31 か 2026/3/31 の形の日付にしてください。`,
      `As-of date "${rawAsOf.trim()}": give a date such as 2026-03-31 or 2026/3/31.`,
    );

  const source = unguardFormula(cell.source.trim());
  if (source === '')
    add('出典が空欄です。数値の出所（例：経済センサス、受付名簿）を入れてください。', 'The source is empty.');

  const input: ManualActualInput = {
    subjectKind: kind ?? 'project',
    subjectCode: code,
    fiscalYear: fiscalYear ?? 0,
    value: value ?? '0',
    asOf: asOf ?? '',
    source,
    note: unguardFormula(cell.note.trim()),
  };

  const key =
    kind && code && fiscalYear !== undefined && asOf !== undefined
      ? figureKey(kind, code, fiscalYear, asOf)
      : undefined;
  if (rowProblems.length > 0) return { skip: false, problems: rowProblems, key };
  try {
    return { skip: false, problems: [], key, actual: validateManualActual(plan, input, today) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { skip: false, problems: problemsOfLine(line, error), key };
  }
}

/**
 * Reads and checks a whole file against the plan without writing anything. Every problem of every
 * row is collected; if there is any, a `csv_invalid` UserError lists them with their line numbers.
 */
export function parseActualsCsv(
  plan: Plan,
  file: string | Uint8Array,
  today = todayInJapan(),
): ParsedActualsCsv {
  const table = readCsvTable(file, actualsCsvFormat);

  const problems: ProblemDetail[] = [];
  const seen = new Map<string, number>();
  const parsed: ParsedActualsCsv = { rows: [], skippedLines: [] };
  for (const { line, cells, problems: formatProblems } of table.rows) {
    const checked = checkActualRow(plan, line, cells, today);
    if (checked.skip && formatProblems.length === 0) {
      parsed.skippedLines.push(line);
      continue;
    }
    const rowProblems: ProblemDetail[] = [...formatProblems, ...checked.problems];
    if (checked.key !== undefined) {
      const first = seen.get(checked.key);
      if (first !== undefined) rowProblems.push(sameFigure(line, first));
      else seen.set(checked.key, line);
    }
    if (rowProblems.length === 0 && checked.actual) parsed.rows.push({ line, actual: checked.actual });
    problems.push(...rowProblems);
  }
  if (problems.length > 0) throw csvInvalid(problems);
  if (parsed.rows.length === 0) {
    throw csvInvalid([
      problem(
        undefined,
        '実績値が入っている行がありません。実績値を入れてから取り込んでください。',
        'No row has an actual. Fill in 実績値 and import again.',
      ),
    ]);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Importing

/**
 * Imports a CSV file of manual actuals: all rows in one transaction, or none when any row is wrong.
 * Each new or changed figure goes through writeManualActual (and so into the audit log); a figure
 * identical to the stored one is left alone, so importing the same file again changes nothing.
 */
export async function importManualActualsCsv(
  db: Db,
  plan: Plan,
  actor: Actor,
  file: string | Uint8Array,
  today = todayInJapan(),
): Promise<ImportSummary> {
  const { rows, skippedLines } = parseActualsCsv(plan, file, today);
  return db.transaction(async (tx) => {
    const summary: ImportSummary = {
      imported: rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: skippedLines.length,
    };
    for (const { actual } of rows) {
      const { change } = await writeManualActual(tx, plan, actor, actual);
      summary[change]++;
    }
    return summary;
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The `manual` subjects of the plan in the order of the actuals page: KPIs, then projects. */
export function manualSubjects(plan: Plan): { kind: Kind; code: string; name: string }[] {
  return [
    ...plan.kpis
      .filter((k) => bindingOf(k.metric).key === 'manual')
      .map((k) => ({ kind: 'kpi' as const, code: k.code, name: `${k.title}（${k.unit}）` })),
    ...plan.projects
      .filter((p) => p.metric.key === 'manual')
      .map((p) => ({
        kind: 'project' as const,
        code: p.code,
        name: `${p.title}（${p.indicator}・${p.unit}）`,
      })),
  ];
}

type CsvRow = Record<ColumnKey, string>;

/** UTF-8 with a BOM (so that Excel reads it as UTF-8) and CRLF, the columns in import order. */
const actualsCsvOf = (rows: CsvRow[]): string =>
  csvFile([
    actualsCsvColumns.map((c) => c.header),
    ...rows.map((row) => actualsCsvColumns.map((c) => row[c.key])),
  ]);

const formatValueCell = (value: number) => String(Number(value.toFixed(2)));

const actualsCsvFormat: CsvFormat<ColumnKey> = {
  columns: actualsCsvColumns,
  rowsAre: { ja: '実績', en: 'actuals' },
  limits: actualsCsvLimits,
};

/** A 実績値 as it compares and is written: 21,510 and 21510.00 are 21510. */
function readValueCell(cell: string): CellReading {
  const value = parseValueCell(cell);
  if (value === undefined)
    return {
      problem: {
        ja: `「${cell.trim()}」は使えません。0以上の数値（小数は2桁まで）にしてください。`,
        en: `"${cell.trim()}": give a number of 0 or more with at most 2 decimals.`,
      },
    };
  return formatValueCell(Number(value));
}

/**
 * The stored manual figures as a list that goes out as CSV and comes back (decision 038). A figure
 * has no id of its own: a row is identified by its subject (区分・コード), fiscal year and 基準日, as
 * the export writes them. A row whose 実績値 is empty is left out; a new key is a new figure. Every
 * figure is written by writeManualActual (its checks, its audit log). Without `fiscalYear` every
 * year, so that one file holds the whole history; figures of subjects the plan no longer has as
 * `manual` are left out, since they could not be imported back.
 */
export function actualsListCsv(
  plan: Plan,
  actor: Actor | null,
  options: { fiscalYear?: number | undefined; today?: string } = {},
): RoundTripList {
  const today = options.today ?? todayInJapan();
  const subjects = manualSubjects(plan);
  const order = new Map(subjects.map((s, i) => [`${s.kind}\u0000${s.code}`, i]));

  const write = async (db: Db, line: number, cells: Record<string, string>) => {
    if (!actor) throw new Error('writing actuals needs an actor');
    const checked = checkActualRow(plan, line, cells as CsvRow, today);
    // the preview read the row already; a problem now is the plan's (changed meanwhile)
    if (!checked.actual) throw csvInvalid(checked.problems);
    await writeManualActual(db, plan, actor, checked.actual);
  };

  return {
    scope: 'plan/actuals',
    format: actualsCsvFormat,
    keyed: {
      columns: ['subjectKind', 'subjectCode', 'fiscalYear', 'asOf'],
      of(line, cells) {
        const checked = checkActualRow(plan, line, cells as CsvRow, today);
        if (checked.skip) return { skip: true };
        if (checked.problems.length > 0 || !checked.key || !checked.actual)
          return { problems: checked.problems };
        const a = checked.actual;
        return {
          key: checked.key,
          cells: {
            subjectKind: kindNames[a.subjectKind as Kind],
            subjectCode: a.subjectCode,
            fiscalYear: String(a.fiscalYear),
            asOf: a.asOf,
          },
        };
      },
      same: sameFigure,
    },
    read: { value: readValueCell },
    async rows(q, { lock }) {
      const query = q
        .select()
        .from(manualActuals)
        .where(
          and(
            ofPlan(manualActuals, plan),
            options.fiscalYear === undefined ? undefined : eq(manualActuals.fiscalYear, options.fiscalYear),
          ),
        );
      const stored = lock ? await query.for('update') : await query;
      const rank = (r: (typeof stored)[number]) => order.get(`${r.subjectKind}\u0000${r.subjectCode}`);
      return stored
        .filter((r) => rank(r) !== undefined)
        .sort(
          (a, b) =>
            a.fiscalYear - b.fiscalYear ||
            (rank(a) as number) - (rank(b) as number) ||
            a.asOf.localeCompare(b.asOf),
        )
        .map((r) => {
          const subject = subjects[rank(r) as number] as (typeof subjects)[number];
          return {
            id: figureKey(r.subjectKind, r.subjectCode, r.fiscalYear, r.asOf),
            label: `${kindNames[subject.kind]} ${r.subjectCode}（${subject.name}）・${r.fiscalYear}年度・基準日 ${r.asOf}`,
            cells: {
              subjectKind: kindNames[subject.kind],
              subjectCode: r.subjectCode,
              name: subject.name,
              fiscalYear: String(r.fiscalYear),
              value: formatValueCell(r.value),
              asOf: r.asOf,
              source: r.source,
              note: r.note,
            },
          };
        });
    },
    update: (db, row) => write(db, row.line, { ...row.current.cells, ...row.cells }),
    create: (db, row) => write(db, row.line, row.cells),
  };
}

/** Every stored manual figure (all years, or one), one row each, in the format the import reads. */
export async function exportManualActualsCsv(q: Queryable, plan: Plan, fiscalYear?: number): Promise<string> {
  return exportListCsv(q, actualsListCsv(plan, null, { fiscalYear }));
}

/**
 * A file to fill in: every `manual` subject of a fiscal year with an empty 実績値, and as 基準日 the
 * end of the fiscal year (or today while the year is running). Rows left empty are not imported.
 */
export function manualActualsTemplateCsv(plan: Plan, fiscalYear: number, today = todayInJapan()): string {
  const end = `${fiscalYear + 1}-03-31`;
  const asOf = today < `${fiscalYear}-04-01` ? '' : today < end ? today : end;
  return actualsCsvOf(
    manualSubjects(plan).map((s) => ({
      subjectKind: kindNames[s.kind],
      subjectCode: s.code,
      name: s.name,
      fiscalYear: String(fiscalYear),
      value: '',
      asOf,
      source: '',
      note: '',
    })),
  );
}
