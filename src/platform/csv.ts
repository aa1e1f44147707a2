import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import { UserError } from './errors';
import { encodeShiftJis } from './shift-jis';

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

/** The two encodings Excel writes and reads CSV in: 「CSV UTF-8」 and 「CSV (コンマ区切り)」. */
export type CsvEncoding = 'utf-8' | 'shift_jis';

const encodingUnknown = new UserError('invalid_query', 400, {
  ja: '文字コードは encoding=utf-8 か encoding=shift_jis にしてください。',
  en: 'Give the encoding as encoding=utf-8 or encoding=shift_jis.',
});

/**
 * The encoding a download was asked in: `?encoding=shift_jis` (also sjis, cp932) for older Excel,
 * UTF-8 with a BOM otherwise.
 */
export function csvEncodingOf(c: Context): CsvEncoding {
  const asked = (c.req.query('encoding') ?? '').trim().toLowerCase().replace('-', '_');
  if (asked === '' || asked === 'utf_8' || asked === 'utf8') return 'utf-8';
  if (asked === 'shift_jis' || asked === 'sjis' || asked === 'cp932' || asked === 'windows_31j')
    return 'shift_jis';
  throw encodingUnknown;
}

/** Text of a UTF-8 CSV file as Shift_JIS bytes: no BOM (Shift_JIS has none), 〓 for what it cannot hold. */
function shiftJisOf(text: string): Uint8Array<ArrayBuffer> {
  return encodeShiftJis(text.startsWith('\uFEFF') ? text.slice(1) : text);
}

/** A stream of UTF-8 CSV bytes re-encoded as Shift_JIS, a chunk at a time. */
function shiftJisStream(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array<ArrayBuffer>> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array<ArrayBuffer>>({
      transform(chunk, controller) {
        // stream: true keeps a character split between chunks for the next one
        controller.enqueue(encodeShiftJis(decoder.decode(chunk, { stream: true })));
      },
      flush(controller) {
        const rest = decoder.decode();
        if (rest) controller.enqueue(encodeShiftJis(rest));
      },
    }),
  );
}

/**
 * Sends a CSV download: `filename` as people read it (may be Japanese), `asciiName` for clients that
 * do not read RFC 5987 names. Lists of people and unpublished figures are never kept by a cache.
 * `?encoding=shift_jis` sends it as Shift_JIS instead of UTF-8 with a BOM (decision 038).
 */
export function csvResponse(
  c: Context,
  body: string | ReadableStream<Uint8Array>,
  filename: string,
  asciiName: string,
) {
  const encoding = csvEncodingOf(c);
  privateDownload(c, filename, asciiName);
  if (encoding === 'shift_jis') {
    c.header('content-type', 'text/csv; charset=Shift_JIS');
    return c.body(typeof body === 'string' ? shiftJisOf(body) : shiftJisStream(body));
  }
  c.header('content-type', 'text/csv; charset=utf-8');
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
