import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, numberIn, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, phone } from './support/phone';

/**
 * The demo as `npm start` shows it, with its fictional events (decision 015): the dashboard's
 * projects measured by events have actuals from attendance, with the events behind them; a resident
 * finds events to come and registers; the まちゼミ of this year lists its shops' courses.
 */
describe('the demo with its events', () => {
  let journeys: Journeys;
  let admin: Page;
  let resident: Page;

  beforeAll(async () => {
    journeys = await openJourneys({ demoEvents: true });
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
