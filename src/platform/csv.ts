import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';

/**
 * Rows as a CSV file that Excel opens as it is: UTF-8 with a BOM, CRLF line ends. A text cell that
 * would start a formula (=, +, -, @) gets a leading apostrophe, so text typed by people is never
 * run; a number stays a number, so a refund's −3000 is summed by Excel rather than shown as text.
 */
export function csvFile(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${stringify(
    rows.map((row) =>
      row.map((cell) =>
        cell === null || cell === undefined ? '' : typeof cell === 'number' ? cell : String(cell),
      ),
    ),
    { record_delimiter: 'windows', escape_formulas: true },
  )}`;
}

/**
 * Sends a CSV download: `filename` as people read it (may be Japanese), `asciiName` for clients that
 * do not read RFC 5987 names. Lists of people and unpublished figures are never kept by a cache.
 */
export function csvResponse(c: Context, body: string | ReadableStream, filename: string, asciiName: string) {
  c.header('content-type', 'text/csv; charset=utf-8');
  privateDownload(c, filename, asciiName);
  return c.body(body);
}

/** The headers of a private download (CSV, .xlsx): its names, and no cache keeps it. */
export function privateDownload(c: Context, filename: string, asciiName: string): void {
  c.header(
    'content-disposition',
    `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  );
  c.header('cache-control', 'private, no-store');
}
