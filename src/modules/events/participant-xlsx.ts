import ExcelJS from 'exceljs';
import type { ParticipantTable } from './participant-export';

/** Column widths in characters, as Excel counts them (a full-width character is two). */
const widths = [10, 20, 20, 30, 14, 14, 10, 10, 18];

/** The participant list as a workbook: one sheet, its header row bold and frozen, a filter on it. */
export async function participantWorkbook(table: ParticipantTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'つなぐ';
  const sheet = workbook.addWorksheet('参加者', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers);
  for (const row of table.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  table.headers.forEach((_, i) => {
    sheet.getColumn(i + 1).width = widths[i] ?? 16;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}
