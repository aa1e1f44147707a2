import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/modules/events';
import { importManualActualsCsv } from '../../src/modules/plan/actuals-csv';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { encodeShiftJis } from '../support/shift-jis';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, phone } from './support/phone';

/**
 * On a phone (360 px), Bi@Sta's staff download their event list in Shift_JIS, change a capacity as
 * they would in Excel, upload the file and see the preview of that one cell before → after; they
 * confirm, and the event has the new capacity. A file with a wrong cell names its line and changes
 * nothing. axe finds nothing on any page (decision 038). City staff do the same with a sheet of the
 * plan's manual actuals, whose rows are matched by 区分・コード・年度・基準日.
 */
describe('a list that goes out as CSV and comes back, on a phone', () => {
  let journeys: Journeys;
  let staff: Page;
  let eventId = 0;

  beforeAll(async () => {
    journeys = await openJourneys();
    const db = journeys.server.database.db;
    const account = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'bista@demo.tsunagu.example'),
    });
    if (!account) throw new Error('no demo account bista');
    const actor = {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: account.municipalityCode,
      role: 'staff' as const,
      organisation: account.organisation,
    };
    const plan = journeys.server.plans.defaultPlan.file;
    const event = await createEvent(
      db,
      actor,
      {
        category: 'succession-seminar',
        title: 'CSVで直すセミナー（架空）',
        date: daysFromNow(30),
        startTime: '14:00',
        endTime: '16:00',
        place: '市役所 会議室',
        capacity: 20,
        feeYen: 0,
        organiser: 'bista',
      },
      { organisations: plan.organisations, categories: plan.eventCategories },
    );
    eventId = event.id;
    staff = await journeys.loggedInAs('bista', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  /** The export as Excel opens it, with the capacity of the journey's event changed. */
  async function editedExport(capacity: string): Promise<Uint8Array> {
    const response = await staff.request.get('/events/manage/events.csv?encoding=shift_jis');
    expect(response.status()).toBe(200);
    const [header = [], ...rows] = parse(
      new TextDecoder('shift_jis').decode(await response.body()),
    ) as string[][];
    const column = header.indexOf('定員');
    const edited = rows.map((row) =>
      row[0] === String(eventId) ? row.map((cell, i) => (i === column ? capacity : cell)) : row,
    );
    return encodeShiftJis(stringify([header, ...edited], { record_delimiter: 'windows' }));
  }

  async function upload(file: Uint8Array) {
    await staff.goto('/events/manage');
    const section = staff.locator('[data-csv="/events/manage/events"]');
    await section.getByLabel('編集したCSVファイル').setInputFiles({
      name: 'イベント一覧.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(file),
    });
    await submit(staff, section.getByRole('button', { name: 'プレビューする' }));
  }

  it('finds the export and the upload on the event list', async () => {
    await staff.goto('/events/manage');
    const section = staff.locator('[data-csv="/events/manage/events"]');
    expect(await section.getByRole('link', { name: 'CSVを書き出す（Shift_JIS）' }).count()).toBe(1);
    await expectAccessible(staff, 'the event list with its CSV section');
  });

  it('names the line of a wrong cell and changes nothing', async () => {
    await upload(await editedExport('二十五'));
    const alert = await textOf(staff.getByRole('alert'));
    expect(alert).toContain('何も取り込みませんでした');
    expect(alert).toMatch(/2行目: 定員: 「二十五」は使えません/);
    await expectAccessible(staff, 'a refused CSV file');
  });

  it('previews the one cell that changes, and applies it once confirmed', async () => {
    await upload(await editedExport('25'));
    const change = staff.locator(`[data-table="csv-changes"] tr[data-id="${eventId}"]`);
    expect(await change.count()).toBe(1);
    expect(await textOf(change)).toContain('定員');
    expect(await textOf(change.locator('del'))).toBe('20');
    expect(await textOf(change.locator('ins'))).toBe('25');
    expect(await textOf(staff.locator('[data-field="csv-counts"]'))).toContain('変更 1行（1項目）');
    await expectAccessible(staff, 'the preview of a CSV file');

    await submit(staff, staff.getByRole('button', { name: 'この内容で取り込む' }));
    expect(await textOf(staff.getByRole('status'))).toContain('取り込みました：変更 1行');
    await expectAccessible(staff, 'the imported CSV file');

    await staff.goto(`/events/manage/${eventId}`);
    expect(await textOf(staff.locator('main'))).toContain('25');
    const row = await journeys.server.database.db.query.events.findFirst({
      where: (e, { eq }) => eq(e.id, eventId),
    });
    expect(row?.capacity).toBe(25);
  });
});

describe('a sheet of manual actuals that goes out as CSV and comes back, on a phone', () => {
  let cityJourneys: Journeys;

  beforeAll(async () => {
    cityJourneys = await openJourneys({ planFiles: [handFiguresPlanFile] });
  });
  afterAll(async () => {
    await cityJourneys?.close();
  });

  it('previews a changed actual on the actuals page, and applies it once confirmed', async () => {
    const db = cityJourneys.server.database.db;
    const account = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'admin@demo.tsunagu.example'),
    });
    if (!account) throw new Error('no demo account admin');
    const admin = {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: account.municipalityCode,
    };
    const header = '区分,コード,名称,年度,実績値,基準日,出典,備考';
    const row = (value: number) => `実施事業,industry-academia,,2026,${value},2026-07-10,産学連携の支援記録,`;
    await importManualActualsCsv(
      db,
      cityJourneys.server.plans.defaultPlan,
      admin,
      `${header}\r\n${row(12)}\r\n`,
    );

    const city = await cityJourneys.loggedInAs('admin', phone);
    await city.goto('/plan/actuals?fy=2026');
    await city.getByLabel('CSVファイル', { exact: true }).setInputFiles({
      name: '実績.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(encodeShiftJis(`${header}\r\n${row(15)}\r\n`)),
    });
    await submit(city, city.getByRole('button', { name: 'プレビューする' }));
    const change = city.locator('[data-table="csv-changes"] tr[data-line]');
    expect(await change.count()).toBe(1);
    expect(await textOf(change)).toContain('industry-academia');
    expect(await textOf(change)).toContain('2026年度');
    expect(await textOf(change.locator('del'))).toBe('12');
    expect(await textOf(change.locator('ins'))).toBe('15');
    await expectAccessible(city, 'the preview of an actuals CSV file');

    await submit(city, city.getByRole('button', { name: 'この内容で取り込む' }));
    expect(await textOf(city.getByRole('status'))).toContain('取り込みました：変更 1行');
    const figure = await db.query.manualActuals.findFirst({
      where: (a, { and, eq }) => and(eq(a.subjectCode, 'industry-academia'), eq(a.asOf, '2026-07-10')),
    });
    expect(figure?.value).toBe(15);
  });
});
