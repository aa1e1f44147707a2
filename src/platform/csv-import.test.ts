import { describe, expect, it } from 'vitest';
import {
  type CsvColumn,
  choiceCell,
  dateCell,
  parseWholeNumberCell,
  readCsvTable,
  textCell,
  wholeNumberCell,
} from './csv-import';
import { UserError } from './errors';
import { encodeShiftJis } from './shift-jis';

const columns: CsvColumn[] = [
  { key: 'id', header: 'ID', required: true },
  { key: 'fee', header: '参加費（円）', required: true },
  { key: 'note', header: '備考', required: true },
  { key: 'count', header: '人数', readOnly: true },
];
const format = { columns, rowsAre: { ja: 'テスト', en: 'tests' } };

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.details.map((d) => `${d.line ?? '-'}: ${d.message.ja}`);
  }
  throw new Error('the file was accepted');
}

describe('reading a CSV file that comes back', () => {
  it('reads UTF-8 with a BOM and Shift_JIS, quoted line breaks counting as one row of Excel', () => {
    const text = 'ID,参加費(円),備考\r\n1,"1,000","一行目\r\n二行目"\r\n\r\n2,０,\r\n';
    const utf8 = readCsvTable(new TextEncoder().encode(`\uFEFF${text}`), format);
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, { id: '1', fee: '1,000', note: '一行目\r\n二行目', count: '' }],
      [4, { id: '2', fee: '０', note: '', count: '' }],
    ]);
    const sjis = readCsvTable(encodeShiftJis(text), format);
    expect(sjis.encoding).toBe('shift_jis');
    expect(sjis.rows.map((r) => r.cells)).toEqual(utf8.rows.map((r) => r.cells));
    // a read-only column may be left out
    expect(utf8.present.has('count')).toBe(false);
  });

  it('refuses a header that is not the export’s, on line 1', () => {
    expect(problemsOf(() => readCsvTable('ID,参加費,備考,備考\r\n1,0,,\r\n', format))).toEqual([
      '1: 見出し「参加費」は使えません。使える列：ID・参加費（円）・備考・人数',
      '1: 見出し「備考」が2回あります。1つにしてください。',
      '1: 列「参加費（円）」がありません。見出しに追加してください。',
    ]);
  });

  it('keeps a row’s own problem (a value under no header) with its line', () => {
    const table = readCsvTable('ID,参加費（円）,備考\r\n1,0,,余分\r\n', format);
    expect(table.rows[0]?.problems.map((p) => p.line)).toEqual([2]);
  });

  it('reads cells as Excel gives them back', () => {
    expect(textCell("'=SUM(A1)\r\n次の行 ")).toBe('=SUM(A1)\n次の行');
    expect(parseWholeNumberCell('１，２００')).toBe('1200');
    expect(wholeNumberCell()('¥1,200')).toBe('1200');
    expect(wholeNumberCell()('千円')).toEqual({
      problem: expect.objectContaining({ ja: expect.stringContaining('「千円」は使えません') }),
    });
    expect(dateCell()('2026/5/1')).toBe('2026-05-01');
    expect(dateCell({ optional: true })('')).toBe('');
    const kinds = choiceCell([{ code: 'marche', name: 'マルシェ', aliases: ['Marché'] }]);
    expect(kinds('marche')).toBe('マルシェ');
    expect(kinds(' MARCHÉ ')).toBe('マルシェ');
    expect(kinds('朝市')).toEqual({
      problem: expect.objectContaining({ ja: '「朝市」は選べません。次のどれかにしてください：マルシェ' }),
    });
  });
});
