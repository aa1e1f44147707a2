import ExcelJS from 'exceljs';
import { formatDate, formatFiscalYear, warekiFiscalYear } from '../../../platform/fiscal-year';
import { type Lang, localise, titleIn } from '../../../platform/i18n';
import {
  actionFacts,
  directionHeading,
  gradeText,
  indicatorText,
  measureHeading,
  type ProgressReport,
  statusText,
  summaryText,
  reportWords as w,
} from './report';

// The workbook follows the plan's own tables (実施事業 | 年間目標 …) so that staff can hand it to the
// committee as it is, or keep working on it in Excel.

const font = 'Yu Gothic';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF7F7F7F' } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fills = {
  header: 'FFD9E2EC',
  direction: 'FFE7ECF1',
  measure: 'FFF3F6F9',
} as const;
export const numberFormats = {
  integer: '#,##0',
  decimal: '#,##0.0#',
  percent: '0.0"%"',
} as const;

/** Column widths in characters (a full-width character counts two). */
const projectColumns = [28, 18, 11, 11, 9, 10, 14, 34, 34, 44] as const;
const kpiColumns = [36, 7, 14, 14, 14, 9, 10, 40] as const;

function numberFormatOf(value: number): string {
  return Number.isInteger(value) ? numberFormats.integer : numberFormats.decimal;
}

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Display width of a line: full-width characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += code <= 0xff || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return width;
}

/** Lines a wrapped text needs in a column, since Excel does not grow rows it did not lay out itself. */
function linesNeeded(text: string, columnWidth: number): number {
  return text
    .split('\n')
    .reduce(
      (sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, columnWidth - 1))),
      0,
    );
}

function fitRowHeight(row: ExcelJS.Row, widths: readonly number[], pointsPerLine = 14): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    if (typeof cell.value === 'string')
      lines = Math.max(lines, linesNeeded(cell.value, widths[col - 1] ?? 10));
  });
  row.height = Math.max(18, lines * pointsPerLine + 4);
}

/** Styles every cell of a range: merged cells keep their own borders in Excel. */
function styleRange(
  sheet: ExcelJS.Worksheet,
  row: number,
  fromCol: number,
  toCol: number,
  style: Partial<ExcelJS.Style>,
): void {
  for (let col = fromCol; col <= toCol; col++) {
    const cell = sheet.getCell(row, col);
    Object.assign(cell, { style: { ...cell.style, ...style } });
  }
}

function baseStyle(extra: Partial<ExcelJS.Style> = {}): Partial<ExcelJS.Style> {
  return {
    font: { name: font, size: 10 },
    alignment: { vertical: 'top', wrapText: true },
    border: borders,
    ...extra,
  };
}

function headerStyle(): Partial<ExcelJS.Style> {
  return {
    font: { name: font, size: 10, bold: true },
    alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
    border: borders,
    fill: fill(fills.header),
  };
}

function setNumber(cell: ExcelJS.Cell, value: number | null, format?: string): void {
  if (value === null) {
    cell.value = '—';
    cell.alignment = { ...cell.alignment, horizontal: 'center' };
    return;
  }
  cell.value = value;
  cell.numFmt = format ?? numberFormatOf(value);
  cell.alignment = { ...cell.alignment, horizontal: 'right' };
}

/** Title block shared by both sheets: plan title, fiscal year (和暦 with the Western year), 作成日. */
function writeTitle(
  sheet: ExcelJS.Worksheet,
  report: ProgressReport,
  lang: Lang,
  lastCol: number,
  sub: string,
) {
  const planTitle = titleIn(lang, report.plan);
  sheet.mergeCells(1, 1, 1, lastCol - 2);
  const title = sheet.getCell(1, 1);
  title.value = `${planTitle}　${localise(lang, w.title)}`;
  title.font = { name: font, size: 14, bold: true };
  title.alignment = { vertical: 'middle' };
  sheet.mergeCells(1, lastCol - 1, 1, lastCol);
  const created = sheet.getCell(1, lastCol - 1);
  created.value = `${localise(lang, w.createdOn)}${lang === 'en' ? ': ' : '：'}${formatDate(lang, report.createdOn)}`;
  created.font = { name: font, size: 10 };
  created.alignment = { vertical: 'middle', horizontal: 'right' };
  sheet.getRow(1).height = 24;

  sheet.mergeCells(2, 1, 2, lastCol);
  const year = sheet.getCell(2, 1);
  year.value = `${formatFiscalYear(lang, report.fiscalYear)}　${sub}`;
  year.font = { name: font, size: 12, bold: true };
  sheet.getRow(2).height = 20;
}

function pageSetup(sheet: ExcelJS.Worksheet, headerRows: string): void {
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: headerRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: '&C&P / &N' };
}

function projectSheet(workbook: ExcelJS.Workbook, report: ProgressReport, lang: Lang): void {
  const name = localise(lang, { ja: '実施事業', en: 'Projects' });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 6 }] });
  const last = projectColumns.length;
  sheet.columns = projectColumns.map((width) => ({ width }));
  writeTitle(sheet, report, lang, last, name);

  sheet.mergeCells(3, 1, 3, last);
  const total = Object.values(report.summary.projects).reduce((a, b) => a + b, 0);
  const summary = sheet.getCell(3, 1);
  summary.value =
    lang === 'en'
      ? `${localise(lang, w.summary)}: ${summaryText(lang, report.summary.projects)} (${total} ${localise(lang, w.projectsUnit)})`
      : `${localise(lang, w.summary)}：${summaryText(lang, report.summary.projects)}（全${total}事業）`;
  summary.font = { name: font, size: 10 };
  if (report.isBaselineYear) {
    sheet.mergeCells(4, 1, 4, last);
    sheet.getCell(4, 1).value = localise(lang, w.baselineYear);
    sheet.getCell(4, 1).font = { name: font, size: 10 };
  }

  // two header rows, as the plan puts 年間目標 over its year columns
  const h1 = 5;
  const h2 = 6;
  const yearLabel = lang === 'en' ? `FY${report.fiscalYear}` : warekiFiscalYear(report.fiscalYear);
  const spans: [number, number, string][] = [
    [1, 1, localise(lang, w.project)],
    [2, 2, localise(lang, w.indicator)],
    [3, 6, yearLabel],
    [7, 9, localise(lang, w.check)],
    [10, 10, localise(lang, w.improvement)],
  ];
  for (const [from, to, label] of spans) {
    if (from === to) sheet.mergeCells(h1, from, h2, to);
    else sheet.mergeCells(h1, from, h1, to);
    sheet.getCell(h1, from).value = label;
  }
  const second = [
    w.target,
    w.actual,
    w.achievement,
    w.status,
    w.grade,
    w.departmentComment,
    w.committeeOpinion,
  ];
  second.forEach((label, i) => {
    sheet.getCell(h2, 3 + i).value = localise(lang, label);
  });
  styleRange(sheet, h1, 1, last, headerStyle());
  styleRange(sheet, h2, 1, last, headerStyle());
  sheet.getRow(h1).height = 20;
  sheet.getRow(h2).height = 20;

  let r = h2 + 1;
  for (const direction of report.directions) {
    sheet.mergeCells(r, 1, r, last);
    sheet.getCell(r, 1).value = directionHeading(lang, direction);
    styleRange(sheet, r, 1, last, {
      ...baseStyle(),
      font: { name: font, size: 10, bold: true },
      alignment: { vertical: 'middle' },
      fill: fill(fills.direction),
    });
    sheet.getRow(r).height = 18;
    r++;
    for (const measure of direction.measures) {
      sheet.mergeCells(r, 1, r, last);
      const heading = sheet.getCell(r, 1);
      heading.value = measureHeading(lang, measure);
      styleRange(sheet, r, 1, last, {
        ...baseStyle(),
        font: {
          name: font,
          size: 10,
          bold: true,
          color: measure.priority ? { argb: 'FFA3161A' } : undefined,
        },
        alignment: { vertical: 'middle', indent: 1 },
        fill: fill(fills.measure),
      });
      sheet.getRow(r).height = 18;
      r++;
      for (const project of measure.projects) {
        styleRange(sheet, r, 1, last, baseStyle());
        const row = sheet.getRow(r);
        const title = titleIn(lang, project);
        row.getCell(1).value = project.isNew
          ? `${title}\n${lang === 'en' ? '[new]' : '【新規事業】'}`
          : title;
        row.getCell(2).value = indicatorText(project);
        setNumber(row.getCell(3), project.target);
        setNumber(row.getCell(4), project.actual);
        setNumber(row.getCell(5), project.achievementPercent, numberFormats.percent);
        row.getCell(6).value = statusText(lang, project.status);
        row.getCell(6).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
        row.getCell(7).value = gradeText(lang, project.grade);
        row.getCell(8).value = project.departmentComment;
        row.getCell(9).value = project.committeeOpinion;
        row.getCell(10).value = project.actions
          .map((a) => `・${a.description}\n　${actionFacts(lang, a)}`)
          .join('\n');
        fitRowHeight(row, projectColumns);
        r++;
      }
    }
  }
  pageSetup(sheet, `${h1}:${h2}`);
}

function kpiSheet(workbook: ExcelJS.Workbook, report: ProgressReport, lang: Lang): void {
  const sheet = workbook.addWorksheet(localise(lang, w.kpis), { views: [{ state: 'frozen', ySplit: 5 }] });
  const last = kpiColumns.length;
  sheet.columns = kpiColumns.map((width) => ({ width }));
  writeTitle(sheet, report, lang, last, localise(lang, w.kpis));

  sheet.mergeCells(3, 1, 3, last);
  sheet.getCell(3, 1).value =
    `${localise(lang, w.kpis)}${lang === 'en' ? ': ' : '：'}${summaryText(lang, report.summary.kpis)}`;
  sheet.getCell(3, 1).font = { name: font, size: 10 };

  const header = 5;
  const baselineYear = report.kpis[0]?.baseline.fiscalYear;
  const targetYear = report.kpis[0]?.targetYear;
  const yearOf = (fy: number | undefined) =>
    fy === undefined ? '' : lang === 'en' ? ` (FY${fy})` : `（${warekiFiscalYear(fy)}）`;
  const labels = [
    localise(lang, w.kpis),
    localise(lang, w.unit),
    `${localise(lang, w.baseline)}${yearOf(baselineYear)}`,
    `${localise(lang, w.kpiTarget)}${yearOf(targetYear)}`,
    `${localise(lang, w.actual)}${yearOf(report.fiscalYear)}`,
    localise(lang, w.achievement),
    localise(lang, w.status),
    lang === 'en' ? 'Note' : '備考',
  ];
  labels.forEach((label, i) => {
    sheet.getCell(header, i + 1).value = label;
  });
  styleRange(sheet, header, 1, last, headerStyle());
  sheet.getRow(header).height = 32;

  let r = header + 1;
  for (const kpi of report.kpis) {
    styleRange(sheet, r, 1, last, baseStyle());
    const row = sheet.getRow(r);
    row.getCell(1).value = titleIn(lang, kpi);
    row.getCell(2).value = kpi.unit;
    row.getCell(2).alignment = { vertical: 'top', horizontal: 'center' };
    setNumber(row.getCell(3), kpi.baseline.value);
    if (kpi.targetKind === 'keep') {
      row.getCell(4).value = localise(lang, w.keep);
      row.getCell(4).alignment = { vertical: 'top', horizontal: 'center' };
    } else if (kpi.targetKind === 'lower') {
      const fmt = numberFormatOf(kpi.target);
      setNumber(row.getCell(4), kpi.target, lang === 'en' ? `"≤ "${fmt}` : `${fmt}"以下"`);
    } else {
      setNumber(row.getCell(4), kpi.target);
    }
    setNumber(row.getCell(5), kpi.actual);
    setNumber(row.getCell(6), kpi.achievementPercent, numberFormats.percent);
    row.getCell(7).value = statusText(lang, kpi.status);
    row.getCell(7).alignment = { vertical: 'top', horizontal: 'center' };
    const notes = [
      kpi.cumulative && !kpi.title.includes('累計') ? localise(lang, { ja: '累計値', en: 'Cumulative' }) : '',
      kpi.targetKind === 'keep'
        ? localise(lang, { ja: '基準値の維持を目標とする', en: 'The target is to keep the baseline' })
        : '',
      kpi.baseline.note
        ? `${localise(lang, w.baseline)}${lang === 'en' ? ': ' : '：'}${kpi.baseline.note}`
        : '',
    ].filter(Boolean);
    row.getCell(8).value = notes.join('\n');
    fitRowHeight(row, kpiColumns);
    r++;
  }
  pageSetup(sheet, `${header}:${header}`);
}

/** The progress report as an Excel workbook: 実施事業 on the first sheet, 成果目標 on the second. */
export function buildReportWorkbook(report: ProgressReport, lang: Lang): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tsunagu';
  workbook.title = `${titleIn(lang, report.plan)} ${localise(lang, w.title)} ${formatFiscalYear(lang, report.fiscalYear)}`;
  workbook.created = new Date(`${report.createdOn}T00:00:00+09:00`);
  projectSheet(workbook, report, lang);
  kpiSheet(workbook, report, lang);
  return workbook;
}

export async function reportWorkbookBuffer(report: ProgressReport, lang: Lang): Promise<Buffer> {
  const data = await buildReportWorkbook(report, lang).xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

/** 進捗状況報告書_令和8年度.xlsx, with an ASCII name for clients that cannot read RFC 5987. */
export function reportFileNames(report: ProgressReport, lang: Lang): { utf8: string; ascii: string } {
  const ascii = `progress-report_FY${report.fiscalYear}.xlsx`;
  return {
    utf8: lang === 'en' ? ascii : `${w.title.ja}_${warekiFiscalYear(report.fiscalYear)}.xlsx`,
    ascii,
  };
}

export function contentDisposition(names: { utf8: string; ascii: string }): string {
  const encoded = encodeURIComponent(names.utf8).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encoded}`;
}
