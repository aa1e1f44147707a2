import ExcelJS from 'exceljs';

/**
 * A table as a workbook of one sheet, its header row bold and frozen and a filter on it, as city
 * staff expect to open a list. Widths are in characters as Excel counts them (full width is two).
 */
export async function tableWorkbook(table: {
  sheet: string;
  headers: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
  widths?: readonly number[];
}): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'つなぐ';
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...table.headers]);
  for (const row of table.rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  table.headers.forEach((_, i) => {
    sheet.getColumn(i + 1).width = table.widths?.[i] ?? 16;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}
