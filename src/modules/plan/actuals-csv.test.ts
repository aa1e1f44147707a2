import { describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../../../tests/support/hand-figures-plan';
import { encodeShiftJis } from '../../../tests/support/shift-jis';
import { UserError } from '../../platform/errors';
import {
  actualsCsvLimits,
  decodeCsvBytes,
  manualActualsTemplateCsv,
  manualSubjects,
  parseActualsCsv,
  parseAsOfCell,
  parseFiscalYearCell,
  parseValueCell,
} from './actuals-csv';
import { buildPlan } from './plan';
import { readPlanFile } from './plan-file';

const today = '2026-11-25';
const header = '区分,コード,名称,年度,実績値,基準日,出典,備考';

/** The problems of a refused file, as "line: ja message". */
function problemsOf(run: () => unknown): { line: number | undefined; ja: string; en: string }[] {
  try {
    run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.code).toBe('csv_invalid');
    expect(error.status).toBe(422);
    return error.details.map((d) => ({ line: d.line, ja: d.message.ja, en: d.message.en }));
  }
  throw new Error('the file was accepted');
}

describe('the actuals CSV format', async () => {
  const plan = buildPlan(await readPlanFile(handFiguresPlanFile));
  const parse = (file: string | Uint8Array) => parseActualsCsv(plan, file, today);

  describe('reading', () => {
    it('reads UTF-8 with a BOM and CRLF, the way Excel writes "CSV UTF-8"', () => {
      const file = `\uFEFF${header}\r\n成果目標,employees,市内事業所の従業者数,2025,21600,2026-03-31,経済センサス,\r\n`;
      const { rows } = parse(new TextEncoder().encode(file));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.line).toBe(2);
      expect(rows[0]?.actual).toMatchObject({
        subjectKind: 'kpi',
        subjectCode: 'employees',
        fiscalYear: 2025,
        value: 21600,
        asOf: '2026-03-31',
        source: '経済センサス',
        note: '',
      });
    });

    it('reads UTF-8 without a BOM and with LF line ends', () => {
      const file = `${header}\n実施事業,area-map,,2025,31,2026-03-31,受付名簿,\n`;
      expect(parse(file).rows[0]?.actual).toMatchObject({ subjectKind: 'project', value: 31 });
    });

    it('reads Shift_JIS, the way Excel writes "CSV (コンマ区切り)"', () => {
      const bytes = encodeShiftJis(
        `${header}\r\n実施事業,industry-academia,産学連携の支援,2025,2,2026/3/31,商工観光課 集計,雨天中止①回\r\n`,
      );
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      expect(decodeCsvBytes(bytes)).toContain('実施事業');
      expect(parse(bytes).rows[0]?.actual).toMatchObject({
        subjectCode: 'industry-academia',
        source: '商工観光課 集計',
        note: '雨天中止①回',
      });
    });

    it('keeps commas, quotes and line breaks inside quoted cells', () => {
      const file = `${header}\r\n実施事業,area-map,,2025,40,2026-03-31,"まちゼミ実行委員会報告書（第1回, 第2回）","""満員"" の講座あり\r\n次年度は増やす"\r\n`;
      expect(parse(file).rows[0]?.actual).toMatchObject({
        source: 'まちゼミ実行委員会報告書（第1回, 第2回）',
        note: '"満員" の講座あり\r\n次年度は増やす',
      });
    });

    it('accepts columns in any order, English headers, and files without 名称 and 備考', () => {
      const file = `code,kind,value,fiscalYear,asOf,source\r\nshotenkai-members,kpi,120,2025,2026-03-31,Bi@Sta\r\n`;
      expect(parse(file).rows[0]?.actual).toMatchObject({ subjectCode: 'shotenkai-members', value: 120 });
    });

    it('takes the fiscal year as 2026, 2026年度, 令和8年度, 令和8, R8 or full-width digits', () => {
      for (const cell of [
        '2026',
        '2026年度',
        '令和8年度',
        '令和8',
        'R8',
        'r8年度',
        '令和８年度',
        'Ｒ８',
        'FY2026',
      ])
        expect(parseFiscalYearCell(cell), cell).toBe(2026);
      expect(parseFiscalYearCell('令和元年度')).toBe(2019);
      expect(parseFiscalYearCell('平成31年度')).toBe(2019);
      for (const cell of ['26', '令和0年度', '8', 'next year', ''])
        expect(parseFiscalYearCell(cell), cell).toBeUndefined();
    });

    it('takes the as-of date as 2026-03-31, 2026/3/31 (as Excel writes it) or 2026年3月31日', () => {
      expect(parseAsOfCell('2026-03-31')).toBe('2026-03-31');
      expect(parseAsOfCell('2026/3/31')).toBe('2026-03-31');
      expect(parseAsOfCell('2026/3/1 0:00')).toBe('2026-03-01');
      expect(parseAsOfCell('2026年3月31日')).toBe('2026-03-31');
      expect(parseAsOfCell('２０２６／３／３１')).toBe('2026-03-31');
      for (const cell of ['2026/2/30', '2026-13-01', '31/3/2026', 'R8.3.31', ''])
        expect(parseAsOfCell(cell), cell).toBeUndefined();
    });

    it('takes the actual with Excel thousands separators, but no negative numbers or 3 decimals', () => {
      expect(parseValueCell('21,510')).toBe('21510');
      expect(parseValueCell('62.5')).toBe('62.5');
      expect(parseValueCell('１２３')).toBe('123');
      for (const cell of ['-1', '1.234', '12,34', 'abc', '1e3', '1234567890123'])
        expect(parseValueCell(cell), cell).toBeUndefined();
    });

    it('numbers lines as Excel shows rows: header = 1, blank rows and multi-line cells count once', () => {
      const file = [
        header,
        '実施事業,industry-academia,,2025,2,2026-03-31,"集計表\r\n（2枚目）",',
        '',
        ',,,,,,,',
        '実施事業,area-map,,2025,abc,2026-03-31,報告書,',
      ].join('\r\n');
      expect(problemsOf(() => parse(file)).map((p) => p.line)).toEqual([5]);
    });

    it('leaves out rows whose 実績値 is empty, so a half-filled template can be imported', () => {
      const file = `${header}\r\n実施事業,industry-academia,,2025,,2026-03-31,,\r\n実施事業,area-map,,2025,40,2026-03-31,報告書,\r\n`;
      const parsed = parse(file);
      expect(parsed.rows.map((r) => r.line)).toEqual([3]);
      expect(parsed.skippedLines).toEqual([2]);
    });
  });

  describe('refusing a file', () => {
    it('refuses the whole file for one bad row among good ones, naming its line', () => {
      const file = [
        header,
        '実施事業,industry-academia,,2025,2,2026-03-31,集計,',
        '実施事業,area-map,,2025,-3,2026-03-31,報告書,',
        '成果目標,employees,,2025,21600,2026-03-31,経済センサス,',
      ].join('\r\n');
      const problems = problemsOf(() => parse(file));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 3 });
      expect(problems[0]?.ja).toContain('実績値「-3」');
      expect(problems[0]?.en).toContain('Actual "-3"');
    });

    it('lists every bad row, and every problem of a row, in line order', () => {
      const file = [
        header,
        '事業,industry-academia,,2025,2,2026-03-31,集計,',
        '実施事業,no-such-project,,2025,2,2026-03-31,集計,',
        '実施事業,employees,,2025,2,2026-03-31,集計,',
        '実施事業,industry-academia,,2019,2,2026-03-31,集計,',
        '実施事業,industry-academia,,2025,2,2025-03-31,集計,',
        '実施事業,industry-academia,,2025,2,2030-03-31,集計,',
        '実施事業,industry-academia,,next,2,31/3/2026,,',
      ].join('\r\n');
      const problems = problemsOf(() => parse(file));
      expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 8, 8]);
      expect(problems.map((p) => p.ja)).toEqual([
        expect.stringContaining('区分「事業」'),
        expect.stringContaining('コード「no-such-project」の実施事業は計画にありません'),
        expect.stringContaining('コード「employees」は成果目標です'),
        expect.stringContaining('2019年度はこの計画の対象外です'),
        expect.stringContaining('基準日は2025年4月1日から今日まで'),
        expect.stringContaining('基準日は2025年4月1日から今日まで'),
        expect.stringContaining('年度「next」'),
        expect.stringContaining('基準日「31/3/2026」'),
        expect.stringContaining('出典が空欄'),
      ]);
    });

    it('refuses a figure that a module measures', async () => {
      const file = await readPlanFile(handFiguresPlanFile);
      const measured = buildPlan({
        ...file,
        kpis: file.kpis.map((k) => (k.code === 'employees' ? { ...k, metric: 'census.employees' } : k)),
      });
      const csv = `${header}\r\n成果目標,employees,,2025,21600,2026-03-31,経済センサス,\r\n`;
      const problems = problemsOf(() => parseActualsCsv(measured, csv, today));
      expect(problems).toEqual([
        expect.objectContaining({ line: 2, ja: expect.stringContaining('自動で集計') }),
      ]);
    });

    it('refuses the same item, year and as-of date twice in one file', () => {
      const file = [
        header,
        '実施事業,industry-academia,,2025,2,2026-03-31,集計,',
        '実施事業,industry-academia,,令和7年度,3,2026/3/31,集計,',
      ].join('\r\n');
      expect(problemsOf(() => parse(file))).toEqual([
        expect.objectContaining({ line: 3, ja: expect.stringContaining('2行目と同じ項目・年度・基準日') }),
      ]);
    });

    it('refuses unknown, doubled and missing columns on line 1', () => {
      const problems = problemsOf(() =>
        parse('区分,コード,年度,年度,金額,基準日\r\n実施事業,industry-academia,2025,2025,2,2026-03-31\r\n'),
      );
      expect(problems.every((p) => p.line === 1)).toBe(true);
      expect(problems.map((p) => p.ja)).toEqual([
        expect.stringContaining('見出し「年度」が2回'),
        expect.stringContaining('見出し「金額」は使えません'),
        expect.stringContaining('列「実績値」がありません'),
        expect.stringContaining('列「出典」がありません'),
      ]);
    });

    it('refuses a value in a column without a header', () => {
      const file = `${header}\r\n実施事業,industry-academia,,2025,2,2026-03-31,集計,,余分\r\n`;
      expect(problemsOf(() => parse(file))).toEqual([
        expect.objectContaining({ line: 2, ja: expect.stringContaining('見出しのない列') }),
      ]);
    });

    it('refuses an empty file, a header alone, and a file without any actual', () => {
      expect(problemsOf(() => parse(''))[0]).toMatchObject({
        line: 1,
        ja: expect.stringContaining('空です'),
      });
      expect(problemsOf(() => parse(new Uint8Array([0xef, 0xbb, 0xbf])))[0]?.line).toBe(1);
      expect(problemsOf(() => parse(`${header}\r\n\r\n`))[0]).toMatchObject({ line: 2 });
      expect(problemsOf(() => parse(manualActualsTemplateCsv(plan, 2025, today)))[0]?.ja).toContain(
        '実績値が入っている行がありません',
      );
    });

    it(`refuses more than ${actualsCsvLimits.maxRows} rows, naming the first one too many`, () => {
      const row = (i: number) => `実施事業,industry-academia,,2025,${i},2026-03-31,集計,`;
      const file = [header, ...Array.from({ length: actualsCsvLimits.maxRows + 1 }, (_, i) => row(i))].join(
        '\r\n',
      );
      expect(problemsOf(() => parse(file))).toEqual([
        expect.objectContaining({
          line: actualsCsvLimits.maxRows + 2,
          ja: expect.stringContaining('行が多すぎます'),
        }),
      ]);
    });

    it('refuses a file over 2 MB before reading it', () => {
      const problems = problemsOf(() => parse(new Uint8Array(actualsCsvLimits.maxBytes + 1)));
      expect(problems).toEqual([
        { line: undefined, ja: expect.stringContaining('大きすぎます'), en: expect.any(String) },
      ]);
    });

    it('refuses a quote that is never closed, at the row where it opens', () => {
      const file = `${header}\r\n実施事業,industry-academia,,2025,2,2026-03-31,集計,\r\n実施事業,area-map,,2025,40,2026-03-31,"報告書,\r\n`;
      expect(problemsOf(() => parse(file))).toEqual([
        expect.objectContaining({ line: 3, ja: expect.stringContaining('CSVとして読み取れません') }),
      ]);
    });
  });

  describe('the template', () => {
    it('lists every manual KPI and project of the year with an empty actual, as UTF-8 with BOM and CRLF', () => {
      const csv = manualActualsTemplateCsv(plan, 2026, today);
      expect(csv.startsWith(`\uFEFF${header}\r\n`)).toBe(true);
      const lines = csv.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + manualSubjects(plan).length);
      expect(lines[1]).toBe('成果目標,employees,市内事業所の従業者数（人）,2026,,2026-11-25,,');
      expect(lines.at(-1)).toMatch(/^実施事業,industry-academia,.*,2026,,2026-11-25,,$/);
    });

    it('proposes the end of the fiscal year as the as-of date once the year is over', () => {
      expect(manualActualsTemplateCsv(plan, 2025, today)).toContain(',2025,,2026-03-31,,');
    });
  });
});
