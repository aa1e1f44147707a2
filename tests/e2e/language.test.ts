import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/modules/plan/plan';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { handFiguresPlan, type Journeys, kpiIn, openJourneys, submit, textOf } from './support/journey';

describe('English', () => {
  let journeys: Journeys;
  let plan: Plan;

  beforeAll(async () => {
    [journeys, plan] = await Promise.all([
      openJourneys({ planFiles: [handFiguresPlanFile] }),
      handFiguresPlan(),
    ]);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('switching language shows the same dashboard in English, and keeps English on the next page', async () => {
    const page = await journeys.loggedInAs('admin');
    await page.goto('/?fy=2025');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await submit(page, page.getByRole('link', { name: 'English' }));
    const url = new URL(page.url());
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('fy')).toBe('2025');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await textOf(page.locator('h1'))).toBe('Progress dashboard FY2025 (Reiwa 7)');
    expect(await textOf(page.locator('.site-header nav'))).toContain('Dashboard');
    expect(await textOf(page.locator('.site-header .who'))).toContain('City staff (administrator)');
    const kpi = kpiIn(plan, 'employees');
    expect(await textOf(page.locator(`tr[data-kpi="${kpi.code}"] th`))).toBe(kpi.titleEn);
    const statuses = await page.locator('tr[data-project] .status').allInnerTexts();
    expect(statuses).toHaveLength(14);
    // the projects measured by events and consultations have no demo figures in the journeys
    // (decisions 015 and 026): only the manual ones have
    for (const status of statuses)
      expect(['Achieved', 'Nearly achieved', 'Not achieved', 'Not entered']).toContain(status);
    const manual = plan.projects.filter((p) => p.metric.key === 'manual').length;
    expect(statuses.filter((s) => s !== 'Not entered')).toHaveLength(manual);
    expect(await textOf(page.locator('main'))).not.toMatch(/進捗|実績|達成/);

    await submit(page, page.locator('tr[data-project="succession-seminar"] th a'));
    expect(await textOf(page.locator('h1'))).toBe('Business succession seminar');
    expect(await textOf(page.locator('#check'))).toBe('CHECK (evaluation)');

    await submit(page, page.getByRole('link', { name: '日本語' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await textOf(page.locator('h1'))).toBe('事業承継セミナー');
  });

  it('a wrong input is explained in English when the page is in English', async () => {
    const page = await journeys.loggedInAs('admin');
    await page.goto('/plan/actuals?fy=2026&lang=en');
    await page.locator('#subject').selectOption('project:industry-academia');
    await page.locator('#value').fill('-5');
    await page.locator('#source').fill('Consultation register');
    await submit(page, page.getByRole('button', { name: 'Save' }));
    expect(await textOf(page.getByRole('alert').locator('p'))).toBe(
      'Some of the input is not valid. Correct the items below.',
    );
    expect(await textOf(page.getByRole('alert').locator('li'))).toMatch(/^Actual: /);
  });

  it('a visitor reads the plan tree in English', async () => {
    const page = await journeys.visitor();
    await page.goto('/plan');
    await submit(page, page.getByRole('link', { name: 'English' }));
    expect(new URL(page.url()).pathname).toBe('/plan');
    expect(await textOf(page.locator('h1'))).toBe(plan.file.titleEn);
    expect(await textOf(page.locator('#vision'))).toBe('Vision');
    expect(await page.locator('ul.tree .badge:not(.badge-new)').allInnerTexts()).toEqual([
      'Priority',
      'Priority',
      'Priority',
    ]);
  });
});
