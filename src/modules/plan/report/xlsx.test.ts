import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../../../../tests/support/hand-figures-plan';
import { buildPlan } from '../plan';
import { readPlanFile } from '../plan-file';
import { buildProgressReport, type ProgressReport } from './report';
import { progressOf } from './report.fixture';
import { contentDisposition, numberFormats, reportFileNames, reportWorkbookBuffer } from './xlsx';

const plan = buildPlan(await readPlanFile(handFiguresPlanFile));

function reportOf(fiscalYear: number, actuals: Record<string, number> = {}): ProgressReport {
  return buildProgressReport({
    plan,
    progress: progressOf(plan, fiscalYear, actuals),
    reviews: [
      {
        projectCode: 'succession-seminar',
        fiscalYear,
        grade: 'A',
        departmentComment: '参加者が目標を上回った。\n次年度も継続する。',
      },
    ],
    opinions: [{ projectCode: 'succession-seminar', fiscalYear, opinion: '周知方法を工夫されたい。' }],
    actions: [
      {
        id: 1,
        projectCode: 'succession-seminar',
        fiscalYear,
        description: '商工会報で周知する',
        ownerOrganisation: 'shokokai',
        dueDate: `${fiscalYear + 1}-03-31`,
        status: 'planned',
      },
    ],
    today: '2026-11-25',
  });
}

async function reopen(report: ProgressReport, lang: 'ja' | 'en' = 'ja'): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await reportWorkbookBuffer(report, lang)) as unknown as ArrayBuffer);
  return workbook;
}

function sheetAt(workbook: ExcelJS.Workbook, index: number): ExcelJS.Worksheet {
  const sheet = workbook.worksheets[index];
  if (!sheet) throw new Error(`no sheet ${index}`);
  return sheet;
}

function rowWhere(sheet: ExcelJS.Worksheet, firstCell: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (String(row.getCell(1).value ?? '').split('\n')[0] === firstCell) return row;
  }
  throw new Error(`no row starting with ${firstCell}`);
}

describe('the progress report workbook', () => {
  it('opens with a title row naming the plan, the fiscal year in 和暦 with the Western year, and 作成日', async () => {
    const sheet = sheetAt(await reopen(reportOf(2026, { 'succession-seminar': 70 })), 0);
    expect(sheet.name).toBe('実施事業');
    expect(sheet.getCell('A1').value).toBe('あきる野市商工業振興プラン　進捗状況報告書');
    expect(sheet.getCell('A2').value).toBe('令和8年度（2026年度）　実施事業');
    expect(sheet.getCell('I1').value).toBe('作成日：令和8年11月25日');
    expect(sheet.getCell('A3').value).toBe(
      '実施事業の状況：達成 1・概ね達成 0・未達 0・未入力 13（全14事業）',
    );
  });

  it('has two header rows as the plan does, repeated on every printed page', async () => {
    const sheet = sheetAt(await reopen(reportOf(2026)), 0);
    // a merged range shows its value once, in its first cell
    const header = (r: number) =>
      Array.from({ length: 10 }, (_, i) => sheet.getCell(r, i + 1))
        .filter((cell) => cell.master === cell)
        .map((cell) => String(cell.value ?? ''));
    expect(header(5)).toEqual(['実施事業', '指標（単位）', '令和8年度', '評価（CHECK）', '改善（ACTION）']);
    expect(header(6)).toEqual([
      '年間目標',
      '実績',
      '達成率',
      '状況',
      '評価',
      '所管課の評価コメント',
      '委員会の意見',
    ]);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '5:6',
    });
    expect(sheet.getCell('C6').border?.bottom?.style).toBe('thin');
  });

  it('groups the projects by direction and measure, marking 重点施策 and 新規事業', async () => {
    const sheet = sheetAt(await reopen(reportOf(2026)), 0);
    const column = Array.from({ length: sheet.rowCount - 6 }, (_, i) =>
      String(sheet.getCell(i + 7, 1).value ?? ''),
    );
    expect(column.slice(0, 5)).toEqual([
      '1．地域経済循環の担い手となる事業者の育成',
      '1-1 事業承継の促進【重点施策】',
      '事業承継セミナー',
      '事業承継相談',
      '1-2 充実した創業支援',
    ]);
    expect(column).toContain('経営支援セミナー\n【新規事業】');
    expect(column.filter((c) => c.endsWith('【重点施策】'))).toHaveLength(3);
    expect(column).toHaveLength(3 + 7 + 14);
  });

  it('writes figures as numbers with #,##0 and 0.0"%" and the CHECK and ACT beside them', async () => {
    const sheet = sheetAt(await reopen(reportOf(2026, { 'succession-seminar': 70, 'area-map': 29500.5 })), 0);
    const seminar = rowWhere(sheet, '事業承継セミナー');
    expect(seminar.getCell(2).value).toBe('参加者数（人）');
    expect([seminar.getCell(3).value, seminar.getCell(4).value, seminar.getCell(5).value]).toEqual([
      65, 70, 107.7,
    ]);
    expect(seminar.getCell(3).numFmt).toBe(numberFormats.integer);
    expect(seminar.getCell(5).numFmt).toBe(numberFormats.percent);
    expect(seminar.getCell(6).value).toBe('達成');
    expect(seminar.getCell(7).value).toBe('A（順調）');
    expect(seminar.getCell(8).value).toBe('参加者が目標を上回った。\n次年度も継続する。');
    expect(seminar.getCell(8).alignment?.wrapText).toBe(true);
    expect(seminar.getCell(9).value).toBe('周知方法を工夫されたい。');
    expect(seminar.getCell(10).value).toBe(
      '・商工会報で周知する\n　担当：あきる野商工会／期限：令和9年3月31日／未着手',
    );
    expect(seminar.height).toBeGreaterThan(18);
    const map = rowWhere(sheet, '地域マップの作成');
    expect(map.getCell(4).value).toBe(29500.5);
    expect(map.getCell(4).numFmt).toBe(numberFormats.decimal);
    const loans = rowWhere(sheet, '制度融資');
    expect([loans.getCell(4).value, loans.getCell(5).value, loans.getCell(6).value]).toEqual([
      '—',
      '—',
      '未入力',
    ]);
  });

  it('puts the outcome KPIs on a second sheet, with the baseline year and 維持 for keep', async () => {
    const sheet = sheetAt(await reopen(reportOf(2026, { employees: 21000, 'bista-startups': 140 })), 1);
    expect(sheet.name).toBe('成果目標');
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      '成果目標',
      '単位',
      '基準値（令和2年度）',
      '目標値（令和8年度）',
      '実績（令和8年度）',
      '達成率',
      '状況',
      '備考',
    ]);
    const rows = [6, 7, 8, 9].map((r) => (sheet.getRow(r).values as unknown[]).slice(1, 8));
    expect(rows).toEqual([
      ['市内事業所の従業者数', '人', 21510, '維持', 21000, 97.6, '概ね達成'],
      ['商店会の会員数', '人', 330, '維持', '—', '—', '未入力'],
      ['商工会の加入率', '%', 62, '維持', '—', '—', '未入力'],
      ['Bi@Sta 利用者の創業件数（開設以降の累計値）', '件', 69, 150, 140, 93.3, '概ね達成'],
    ]);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '5:5' });
  });

  it('has English headers when the UI language is English', async () => {
    const workbook = await reopen(reportOf(2026), 'en');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Projects', 'Outcome KPIs']);
    const sheet = sheetAt(workbook, 0);
    expect(sheet.getCell('A1').value).toBe(
      'Akiruno City Commerce and Industry Promotion Plan　Progress report',
    );
    expect(sheet.getCell('A2').value).toBe('FY2026 (Reiwa 8)　Projects');
    expect(sheet.getCell('C6').value).toBe('Target');
    expect(rowWhere(sheet, 'Business succession seminar').getCell(7).value).toBe('A (On track)');
  });

  it('is named 進捗状況報告書_令和8年度.xlsx, with an ASCII fallback for old clients', () => {
    const names = reportFileNames(reportOf(2026), 'ja');
    expect(names).toEqual({ utf8: '進捗状況報告書_令和8年度.xlsx', ascii: 'progress-report_FY2026.xlsx' });
    expect(contentDisposition(names)).toBe(
      `attachment; filename="progress-report_FY2026.xlsx"; filename*=UTF-8''${encodeURIComponent('進捗状況報告書_令和8年度.xlsx')}`,
    );
  });
});
