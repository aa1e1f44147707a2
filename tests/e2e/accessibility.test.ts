import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility';
import { type Journeys, openJourneys, submit } from './support/journey';
import { expectAccessible as expectAccessibleOnScreen, phone } from './support/phone';

/** Every page a person can reach, checked by axe-core against WCAG 2.1 AA (JIS X 8341-3 AA). */
describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
  let journeys: Journeys;
  let visitor: Page;
  let admin: Page;
  let readOnly: Page;

  beforeAll(async () => {
    journeys = await openJourneys();
    visitor = await journeys.visitor();
    admin = await journeys.loggedInAs('admin');
    readOnly = await journeys.loggedInAs('shokokai');
  });
  afterAll(async () => {
    await journeys?.close();
  });

  async function expectAccessible(page: Page, path: string) {
    const response = await page.goto(path);
    expect(response, path).not.toBeNull();
    expect(await accessibilityViolations(page), `axe violations on ${path}`).toEqual([]);
  }

  it('axe itself runs on these pages and reports a problem when there is one', async () => {
    await visitor.goto('/');
    // an input without a label, added only in this browser window, must be reported
    await visitor.evaluate(`document.querySelector('main').append(document.createElement('input'))`);
    const violations = await accessibilityViolations(visitor);
    expect(violations.some((v) => v.startsWith('label '))).toBe(true);
  });

  it('the home page', async () => {
    await expectAccessible(visitor, '/');
  });

  it('the plan tree', async () => {
    await expectAccessible(visitor, '/plan');
  });

  it('the login page', async () => {
    await expectAccessible(visitor, '/login');
  });

  it('the login page after a wrong password, with its error', async () => {
    await visitor.goto('/login');
    await visitor.locator('#email').fill('admin@demo.tsunagu.example');
    await visitor.locator('#password').fill('not-the-password');
    await submit(visitor, visitor.getByRole('button', { name: 'ログイン' }));
    await expect(visitor.getByRole('alert').count()).resolves.toBe(1);
    expect(await accessibilityViolations(visitor)).toEqual([]);
  });

  it('the dashboard in Japanese and in English', async () => {
    await expectAccessible(admin, '/');
    await expectAccessible(admin, '/?fy=2025');
    await expectAccessible(admin, '/?fy=2025&lang=en');
    await expectAccessible(admin, '/?fy=2020&lang=ja');
  });

  it('the project page of city staff, with its forms, an improvement action and the change history', async () => {
    await admin.goto('/plan/projects/succession-seminar?fy=2025');
    await admin.locator('#description').fill('参加者アンケートを次回の企画に反映する');
    await submit(admin, admin.getByRole('button', { name: '追加' }));
    await expect(admin.locator('tr[data-action]').count()).resolves.toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
  });

  it('the project page of a read-only role', async () => {
    await expectAccessible(readOnly, '/plan/projects/succession-seminar?fy=2025');
  });

  it('the KPI page', async () => {
    await expectAccessible(admin, '/plan/kpis/employees');
    await expectAccessible(admin, '/plan/kpis/bista-startups?fy=2020');
  });

  it('the page for entering actuals, empty and with an error', async () => {
    await expectAccessible(admin, '/plan/actuals');
    await admin.locator('#value').fill('-5');
    await admin.locator('#source').fill('受付名簿');
    await submit(admin, admin.getByRole('button', { name: '登録' }));
    await expect(admin.getByRole('alert').count()).resolves.toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
  });

  it('the event list with its filters, its empty state, a refused condition and the month calendar', async () => {
    for (const path of [
      '/events',
      '/events?category=succession-seminar&area=akigawa&q=%E3%82%BB%E3%83%9F%E3%83%8A%E3%83%BC',
      '/events?month=2026-13',
      '/events?view=calendar',
      '/events?view=calendar&month=2027-02&lang=en',
    ]) {
      await expectAccessible(visitor, path);
    }
    await visitor.goto('/events?lang=ja');
  });

  it('the event list and the month calendar on a phone 360 px wide', async () => {
    const page = await journeys.visitor(phone);
    for (const path of ['/events?area=yozawa', '/events?view=calendar', '/events?view=calendar&lang=en']) {
      await page.goto(path);
      await expectAccessibleOnScreen(page, path);
    }
  });

  it('a page that does not exist', async () => {
    await expectAccessible(visitor, '/no-such-page');
  });
});
