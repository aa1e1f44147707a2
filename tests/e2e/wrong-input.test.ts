import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { type Journeys, openJourneys, textOf } from './support/journey';

/** Bad input is refused with a message that says what to do, and changes nothing (DESIGN.md, house style). */
describe('a wrong actual', () => {
  let journeys: Journeys;
  let page: Page;
  let changesBefore: number;

  const changeHistory = () => page.locator('section[aria-labelledby="audit"] tbody tr');

  beforeAll(async () => {
    journeys = await openJourneys({ planFiles: [handFiguresPlanFile] });
    page = await journeys.loggedInAs('admin');
    // a correction of last year's figure, so that the change history has something to keep
    const corrected = await page.request.post('/api/v1/plan/actuals', {
      data: {
        subjectKind: 'project',
        subjectCode: 'industry-academia',
        fiscalYear: 2025,
        value: 44,
        asOf: '2026-04-30',
        source: '産学連携 支援記録（確定値）',
      },
    });
    expect(corrected.status()).toBe(201);
    await page.goto('/plan/projects/industry-academia?fy=2026');
    changesBefore = await changeHistory().count();
  });
  afterAll(async () => {
    await journeys?.close();
  });

  const entriesOf = async (title: string) =>
    textOf(
      page.locator('table[aria-labelledby="current"] tr', { has: page.getByRole('link', { name: title }) }),
    );

  /** Submits the actuals form and returns the HTTP status of the answer. */
  async function enterActual(value: string): Promise<number> {
    await page.goto('/plan/actuals?fy=2026');
    await page.locator('#subject').selectOption('project:industry-academia');
    await page.locator('#value').fill(value);
    await page.locator('#source').fill('支援記録');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: '登録' }).click();
    const status = (await answer).status();
    await page.waitForLoadState('load');
    return status;
  }

  for (const [what, value] of [
    ['a negative number', '-5'],
    ['text instead of a number', 'たくさん'],
  ] as const) {
    it(`is refused when it is ${what}, with a Japanese message, keeping what was typed`, async () => {
      await page.goto('/plan/actuals?fy=2026');
      const before = await entriesOf('産学連携の支援');

      expect(await enterActual(value)).toBe(422);

      const alert = page.getByRole('alert');
      expect(await textOf(alert.locator('p'))).toBe('入力内容に誤りがあります。下の項目を直してください。');
      // the problem is named by the label a person sees, in Japanese; what the field takes is in its hint
      const problem = await textOf(alert.locator('li'));
      expect(problem).toMatch(/^実績値: ./);
      expect(problem).not.toMatch(/[A-Za-z]/);
      expect(await textOf(page.locator('label[for="value"] .hint'))).toContain('0以上の数値');
      expect(await page.getByRole('status').count()).toBe(0);
      // what was typed stays, so that it can be corrected
      expect(await page.locator('#value').inputValue()).toBe(value);
      expect(await page.locator('#subject').inputValue()).toBe('project:industry-academia');
      expect(await page.locator('#source').inputValue()).toBe('支援記録');

      expect(await entriesOf('産学連携の支援')).toBe(before);
    });
  }

  it('leaves the dashboard, the project page and the change history as they were', async () => {
    await page.goto('/?fy=2026');
    const row = page.locator('tr[data-project="industry-academia"]');
    expect(await textOf(row.locator('[data-field="actual"]'))).toBe('—');
    expect(await textOf(row.locator('.status'))).toBe('未入力');

    await page.goto('/plan/projects/industry-academia?fy=2026');
    expect(await textOf(page.locator('tr[data-fy="2026"] [data-field="actual"]'))).toBe('—');
    expect(changesBefore).toBeGreaterThan(0);
    expect(await changeHistory().count()).toBe(changesBefore);
  });

  it('is accepted once corrected', async () => {
    expect(await enterActual('52')).toBe(303);
    expect(await textOf(page.getByRole('status'))).toBe('実績を登録しました。');
    expect(
      await textOf(page.locator('table[aria-labelledby="current"] tr', { hasText: '産学連携の支援' })),
    ).toContain('52件');
  });
});
