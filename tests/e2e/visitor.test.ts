import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/modules/plan/plan';
import { akirunoPlan, type Journeys, openJourneys, submit, textOf } from './support/journey';

describe('a visitor who has not logged in', () => {
  let journeys: Journeys;
  let plan: Plan;
  let page: Page;

  beforeAll(async () => {
    [journeys, plan] = await Promise.all([openJourneys(), akirunoPlan()]);
    page = await journeys.visitor();
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('sees the home page with the vision, a way into the plan and a way to log in, but no dashboard', async () => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(await textOf(page.locator('h1'))).toBe(plan.file.title);
    expect(await textOf(page.locator('main'))).toContain(plan.file.vision.title.replace(/\s+/g, ' '));
    expect(await page.getByRole('link', { name: '計画の体系を見る' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '職員・関係機関の方はログイン' }).count()).toBe(1);

    expect(await textOf(page.locator('main'))).not.toContain('進捗ダッシュボード');
    expect(await page.locator('[data-kpi], [data-project], [data-status-count]').count()).toBe(0);
  });

  it('gets the home page, not a dashboard, when asking for a dashboard year', async () => {
    await page.goto('/?fy=2025');
    expect(await textOf(page.locator('h1'))).toBe(plan.file.title);
    expect(await page.locator('[data-project]').count()).toBe(0);
  });

  it('reads the whole plan tree: vision, 3 directions, 7 measures (3 of them 重点施策) and 14 projects', async () => {
    await page.goto('/');
    await submit(page, page.getByRole('link', { name: '計画の体系を見る' }));
    expect(new URL(page.url()).pathname).toBe('/plan');

    const vision = page.locator('section[aria-labelledby="vision"]');
    expect(await textOf(vision.locator('h2'))).toBe('目指すべき将来像');
    expect(await textOf(vision)).toContain(plan.file.vision.title.replace(/\s+/g, ' '));

    const directions = page.locator('ul.tree > li');
    const measures = directions.locator(':scope > ul > li');
    const projects = measures.locator(':scope > ul > li');
    expect(await directions.count()).toBe(3);
    expect(await measures.count()).toBe(7);
    expect(await projects.count()).toBe(14);

    for (const [i, direction] of plan.file.directions.entries()) {
      expect(await textOf(directions.nth(i).locator(':scope > strong'))).toContain(direction.title);
    }
    const priority = measures.filter({ has: page.locator(':scope > .badge:not(.badge-new)') });
    expect(await priority.count()).toBe(3);
    const priorityTitles = plan.file.directions.flatMap((d) =>
      d.measures.filter((m) => m.priority).map((m) => `${m.code} ${m.title}`),
    );
    expect(priorityTitles).toHaveLength(3);
    for (const [i, title] of priorityTitles.entries()) {
      expect(await textOf(priority.nth(i))).toContain(title);
      expect(await textOf(priority.nth(i).locator(':scope > .badge'))).toBe('重点施策');
    }

    const projectTexts = await projects.allInnerTexts();
    for (const [i, project] of plan.projects.entries()) {
      expect(projectTexts[i]).toContain(project.title);
      expect(projectTexts[i]).toContain(project.indicator);
    }
    // progress is not public: the projects are named, not linked
    expect(await page.locator('ul.tree a').count()).toBe(0);
  });

  it('reads the outcome KPIs, the SDGs 8, 9 and 17 and the organisations with their roles', async () => {
    await page.goto('/plan');
    const kpiRows = page.locator('table[aria-labelledby="kpis"] tbody tr');
    expect(await kpiRows.count()).toBe(plan.kpis.length);
    for (const [i, kpi] of plan.kpis.entries()) {
      expect(await textOf(kpiRows.nth(i).locator('th'))).toContain(kpi.title);
    }

    const sdgs = await page.locator('ul[aria-labelledby="sdgs"] > li').allInnerTexts();
    expect(sdgs.map((goal) => goal.match(/^目標(\d+)/)?.[1])).toEqual(['8', '9', '17']);
    expect(sdgs[0]).toContain('働きがいも経済成長も');

    const organisations = page.locator('table[aria-labelledby="organisations"] tbody tr');
    expect(await organisations.count()).toBe(plan.file.organisations.length);
    for (const [i, org] of plan.file.organisations.entries()) {
      expect(await textOf(organisations.nth(i).locator('th'))).toBe(org.name);
      expect(await organisations.nth(i).locator('td li').count()).toBe(org.roles.length);
    }
  });

  it('is asked to log in, in Japanese, when opening a project page', async () => {
    const response = await page.goto('/plan/projects/succession-seminar');
    expect(response?.status()).toBe(401);
    expect(await textOf(page.getByRole('alert'))).toContain('この操作にはログインが必要です。');
    expect(await page.locator('figure.chart, [data-fy]').count()).toBe(0);

    await submit(page, page.locator('main').getByRole('link', { name: 'ログインする' }));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/plan/projects/succession-seminar');
  });
});
