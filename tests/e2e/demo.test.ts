import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, numberIn, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, phone } from './support/phone';

/**
 * The demo as `npm start` shows it, with its fictional events and consultations (decisions 015 and
 * 026): the dashboard's projects measured by events have actuals from attendance, with the events
 * behind them, and those measured by consultations have actuals from Bi@Sta's and the 商工会's
 * records; a resident finds events to come and registers; the まちゼミ of this year lists its shops'
 * courses.
 */
describe('the demo with its events and consultations', () => {
  let journeys: Journeys;
  let admin: Page;
  let resident: Page;

  beforeAll(async () => {
    journeys = await openJourneys({ demoActivity: true });
    admin = await journeys.loggedInAs('admin');
    resident = await journeys.visitor(phone);
  }, 240_000);
  afterAll(async () => {
    await journeys?.close();
  });

  it('city staff see 創業塾 measured from attendance and open the course behind the figure', async () => {
    await admin.goto('/?fy=2025');
    const row = admin.locator('tr[data-project="startup-school"]');
    const actual = numberIn(await textOf(row.locator('[data-field="actual"]')));
    expect(actual).toBeGreaterThan(0);
    await expectAccessible(admin, 'the dashboard with actuals from events');

    await submit(admin, row.getByRole('link', { name: '創業塾' }));
    const course = admin.getByRole('link', { name: '創業塾（全5回）（令和7年度）' });
    expect(await course.count()).toBe(1);
    expect(await textOf(admin.locator('main'))).toContain('5回目');
    await expectAccessible(admin, 'the project page with the events behind its actual');

    await submit(admin, course);
    expect(new URL(admin.url()).pathname).toMatch(/^\/events\/manage\/\d+$/);
    expect(await textOf(admin.locator('main'))).toContain('販路開拓：お客様に届ける');
    await expectAccessible(admin, "the course's staff page with its attendance");
  });

  it('city staff see 創業相談 and 創業件数 counted from consultation records and open a case behind them', async () => {
    await admin.goto('/?fy=2025');
    const row = admin.locator('tr[data-project="startup-consultation"]');
    const actual = numberIn(await textOf(row.locator('[data-field="actual"]')));
    expect(actual).toBeGreaterThan(50);

    await submit(admin, row.getByRole('link', { name: '創業相談' }));
    const records = admin.locator('table[aria-labelledby="records"] tbody tr');
    // one record per new client, as many as the figure
    expect(await records.count()).toBe(actual);
    await expectAccessible(admin, 'the project page with the consultations behind its actual');

    await submit(admin, records.first().getByRole('link'));
    expect(new URL(admin.url()).pathname).toMatch(/^\/consultations\/cases\/\d+$/);
    expect(await textOf(admin.locator('main'))).toContain('架空のサンプルデータ');
    await expectAccessible(admin, 'a demo consultation case');

    await admin.goto('/plan/kpis/bista-startups?fy=2025');
    const kpi = numberIn(await textOf(admin.locator('tr[data-fy="2025"] [data-field="actual"]'))) ?? 0;
    expect(kpi).toBeGreaterThan(69);
    // the plan's 69 of 令和2年度 is the first record, then one per 創業 since
    expect(await admin.locator('table[aria-labelledby="records"] tbody tr').count()).toBe(kpi - 69 + 1);
  });

  it('a resident finds a seminar to come among the demo events and registers on a phone', async () => {
    await resident.goto('/events');
    await expectAccessible(resident, 'the list of the demo events');
    // this month is full of まちゼミ courses: the resident picks the kind of event
    await resident.locator('#filter-category').selectOption('succession-seminar');
    await submit(resident, resident.getByRole('button', { name: '絞り込む' }));
    const seminar = resident.getByRole('link', { name: /^事業承継セミナー/ });
    await submit(resident, seminar.first());
    await expectAccessible(resident, 'a demo event');
    await resident.locator('#registration-name').fill('田中 一郎（架空）');
    await resident.locator('#registration-kana').fill('たなか いちろう');
    await resident.locator('#registration-email').fill('tanaka@example.jp');
    await submit(resident, resident.getByRole('button', { name: '申し込む' }));
    expect(await textOf(resident.locator('h1'))).toBe('参加が確定しました');
  });

  it('a resident reads this year’s まちゼミ with its shops’ courses', async () => {
    await resident.goto('/events/campaigns');
    await submit(resident, resident.getByRole('link', { name: /あきる野まちゼミ（令和8年度）/ }).first());
    expect(await textOf(resident.locator('main'))).toContain('（架空）');
    await expectAccessible(resident, "this year's まちゼミ");
  });
});
