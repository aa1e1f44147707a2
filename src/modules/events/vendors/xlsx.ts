import ExcelJS from 'exceljs';
import type { VendorTable } from './export';

/** Column widths in characters, as Excel counts them (a full-width character is two). */
const widths = [10, 10, 24, 16, 16, 14, 28, 28, 24, 8, 6, 10, 24, 30, 18, 18, 30];

/** The vendor list as a workbook: one sheet, its header row bold and frozen, a filter on it. */
export async function vendorWorkbook(table: VendorTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'つなぐ';
  const sheet = workbook.addWorksheet('出店者', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers);
  for (const row of table.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  table.headers.forEach((_, i) => {
    sheet.getColumn(i + 1).width = widths[i] ?? 16;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}
