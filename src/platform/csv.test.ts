import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csvFile, csvResponse } from './csv';
import { UserError } from './errors';

const rows = [
  ['名称', '備考'],
  ['𠮷野の和菓子', '10:00〜12:00'],
];

/** An app with one CSV download as text and one as a stream of UTF-8 bytes, as the audit log sends it. */
function app() {
  const app = new Hono();
  app.get('/text.csv', (c) => csvResponse(c, csvFile(rows), '一覧.csv', 'list.csv'));
  app.get('/stream.csv', (c) => {
    const bytes = new TextEncoder().encode(csvFile(rows));
    // split inside a character, as a stream may
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    return csvResponse(c, stream, '一覧.csv', 'list.csv');
  });
  app.onError((error, c) => c.text(error.message, error instanceof UserError ? error.status : 500));
  return app;
}

describe('a CSV download', () => {
  it('is UTF-8 with a BOM unless asked otherwise', async () => {
    const response = await app().request('/text.csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.for(['/text.csv', '/stream.csv'])(
    'comes as Shift_JIS without a BOM from %s, with 〓 and ～',
    async (path) => {
      const response = await app().request(`${path}?encoding=shift_jis`);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const text = new TextDecoder('shift_jis').decode(await response.arrayBuffer());
      expect(text).toBe('名称,備考\r\n〓野の和菓子,10:00～12:00\r\n');
    },
  );

  it('refuses an encoding it does not know', async () => {
    const response = await app().request('/text.csv?encoding=euc-jp');
    expect(response.status).toBe(400);
  });
});
