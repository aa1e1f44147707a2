import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { expect } from 'vitest';
import type { TestClient } from '../support/harness';
import { encodeShiftJis } from '../support/shift-jis';
import { testCsrfToken } from './helpers';

/**
 * What the round-trip tests of every list share (decision 038): download an export, change cells
 * as a person does in Excel, save it as 「CSV UTF-8」 or 「CSV」 (Shift_JIS), upload it, read the
 * preview, confirm it.
 */

export type CsvEncoding = 'utf-8' | 'shift_jis';

/** An export as text, and its header and rows; the encoding is checked against what was asked. */
export async function downloadCsv(client: TestClient, path: string, encoding: CsvEncoding = 'utf-8') {
  const response = await client.get(encoding === 'shift_jis' ? `${path}?encoding=shift_jis` : path);
  expect(response.status, await response.clone().text()).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let text: string;
  if (encoding === 'utf-8') {
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
  } else {
    expect(response.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    text = new TextDecoder('shift_jis').decode(bytes);
  }
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const [header = [], ...rows] = parse(text, { relax_column_count: true }) as string[][];
  return { text, header, rows };
}

/**
 * A file as Excel saves it after a person changed some cells: `edits` maps a row's id (its first
 * cell) to the new values by header; `added` rows go at the end. CRLF, quotes where needed.
 */
export function editedCsv(
  exported: { header: string[]; rows: string[][] },
  edits: Record<string, Record<string, string>>,
  added: Record<string, string>[] = [],
): string {
  const column = (name: string) => {
    const i = exported.header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name} in ${exported.header.join(',')}`);
    return i;
  };
  const rows = exported.rows.map((row) => {
    const edit = edits[row[0] ?? ''];
    if (!edit) return row;
    const changed = [...row];
    for (const [name, value] of Object.entries(edit)) changed[column(name)] = value;
    return changed;
  });
  for (const values of added) {
    const row = exported.header.map(() => '');
    for (const [name, value] of Object.entries(values)) row[column(name)] = value;
    rows.push(row);
  }
  return stringify([exported.header, ...rows], { record_delimiter: 'windows' });
}

/** The bytes Excel writes: 「CSV UTF-8」 with its BOM, or 「CSV」 in Shift_JIS. */
export function savedAs(text: string, encoding: CsvEncoding): Uint8Array {
  return encoding === 'utf-8' ? new TextEncoder().encode(`\uFEFF${text}`) : encodeShiftJis(text);
}

/** Uploads a file to `${base}/import` as the page's form does. */
export function uploadCsv(client: TestClient, base: string, content: Uint8Array | string, name = 'list.csv') {
  const form = new FormData();
  form.set('_csrf', testCsrfToken);
  form.set('file', new File([content], name, { type: 'text/csv' }));
  return client.request(`${base}/import`, { method: 'POST', body: form });
}

export interface PreviewChange {
  line: number;
  id: string;
  column: string;
  before: string;
  after: string;
}

const textOfHtml = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

/** The cells a preview page says will change, as its table lists them. */
export function previewChanges(html: string): PreviewChange[] {
  const rows = [
    ...html.matchAll(/<tr data-line="(\d+)" data-id="([^"]*)" data-column="([^"]*)">([\s\S]*?)<\/tr>/g),
  ];
  // the page writes an empty cell as （空欄）
  const cell = (html: string) => {
    const text = textOfHtml(html);
    return text === '（空欄）' ? '' : text;
  };
  return rows.map((m) => ({
    line: Number(m[1]),
    id: m[2] as string,
    column: textOfHtml(m[3] as string),
    before: cell(/<del>([\s\S]*?)<\/del>/.exec(m[4] as string)?.[1] ?? ''),
    after: cell(/<ins>([\s\S]*?)<\/ins>/.exec(m[4] as string)?.[1] ?? ''),
  }));
}

/** The lines of the rows a preview adds. */
export const previewNewLines = (html: string) =>
  [...html.matchAll(/data-new-line="(\d+)"/g)].map((m) => Number(m[1]));

/**
 * Uploads a file and follows to its preview: the page, the confirmation's address, the changes.
 * Fails the test when the upload is refused.
 */
export async function previewUpload(client: TestClient, base: string, content: Uint8Array | string) {
  const response = await uploadCsv(client, base, content);
  const body = await response.clone().text();
  expect(response.status, listedProblems(body).join('\n') || body.slice(0, 2000)).toBe(303);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(
    new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/import/[A-Za-z0-9_-]{32}$`),
  );
  const page = await client.get(location);
  expect(page.status).toBe(200);
  const html = await page.text();
  return { location, html, changes: previewChanges(html), added: previewNewLines(html) };
}

/** Presses 「この内容で取り込む」. */
export function confirmUpload(client: TestClient, location: string) {
  return client.postForm(location, {});
}

/** The problems a refused upload lists, 「3行目: …」 each. */
export function listedProblems(html: string): string[] {
  const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOfHtml(m[1] as string));
}
