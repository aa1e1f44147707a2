import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, textOf } from './support/journey';

/** Progress is shared with the organisations of 第5章, read-only; only city staff change it. */
describe('who sees what', () => {
  let journeys: Journeys;

  beforeAll(async () => {
    journeys = await openJourneys();
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the chamber of commerce (read-only) sees the dashboard but nothing to enter or change', async () => {
    const page = await journeys.loggedInAs('shokokai');
    await page.goto('/');
    expect(await textOf(page.locator('.site-header .who'))).toContain('支援機関職員');
    expect(await textOf(page.locator('h1'))).toMatch(/^進捗ダッシュボード 令和\d+年度/);
    expect(await page.locator('tr[data-kpi]').count()).toBe(4);
    expect(await page.locator('tr[data-project]').count()).toBe(14);
    expect(await page.locator('main form').count()).toBe(0);
    // a link to a page it may not open would only lead to a refusal
    expect(await page.locator('a[href^="/plan/actuals"]').count()).toBe(0);

    await page.goto('/plan/projects/succession-seminar?fy=2025');
    expect(await textOf(page.locator('h1'))).toBe('事業承継セミナー');
    expect(await page.locator('figure.chart svg:visible').count()).toBe(1);
    expect(await page.locator('main form, main input, main select, main textarea, main button').count()).toBe(
      0,
    );
    expect(await textOf(page.locator('section[aria-labelledby="check"] dl'))).toContain('評価');
    expect(await page.locator('section[aria-labelledby="audit"]').count()).toBe(0);

    const refused = await page.goto('/plan/actuals');
    expect(refused?.status()).toBe(403);
    expect(await textOf(page.getByRole('alert'))).toContain('この操作を行う権限がありません。');
    expect(await page.locator('#value').count()).toBe(0);
  });

  it('a resident gets the home page, not the dashboard, and is refused progress pages', async () => {
    const page = await journeys.loggedInAs('resident');
    await page.goto('/');
    expect(await textOf(page.locator('.site-header .who'))).toContain('地域生活者');
    expect(await textOf(page.locator('main'))).not.toContain('進捗ダッシュボード');
    expect(await page.locator('[data-kpi], [data-project]').count()).toBe(0);
    expect(await page.getByRole('link', { name: '計画の体系を見る' }).count()).toBe(1);

    for (const path of ['/plan/projects/succession-seminar', '/plan/kpis/employees', '/plan/actuals']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      expect(await textOf(page.getByRole('alert')), path).toContain('この操作を行う権限がありません。');
    }
  });
});
