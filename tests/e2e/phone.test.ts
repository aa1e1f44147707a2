import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { type Journeys, openJourneys } from './support/journey';

/** A 360 px wide phone: the page never scrolls sideways; only a wide table scrolls inside its own box. */
describe('on a phone 360 px wide', () => {
  const width = 360;
  let journeys: Journeys;
  let page: Page;

  beforeAll(async () => {
    journeys = await openJourneys({ planFiles: [handFiguresPlanFile] });
    page = await journeys.loggedInAs('admin', {
      viewport: { width, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
  });
  afterAll(async () => {
    await journeys?.close();
  });

  /**
   * The elements that reach past the right edge of the screen, outside a table's own scrolling box.
   * Written as page script text because the project's TypeScript has no DOM types.
   */
  const overflowingElements = () =>
    page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > ${width} + 0.5 && !e.closest('.table-wrap'))
      .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className) : ''))`);
  const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');

  for (const [name, path] of [
    ['the dashboard of this year', '/'],
    ['the dashboard of a past year, with the status counts', '/?fy=2025'],
    ['the dashboard in English', '/?fy=2025&lang=en'],
    [
      'a project page with its chart, review form and change history',
      '/plan/projects/area-map?fy=2025&lang=ja',
    ],
    ['the plan tree', '/plan'],
    ['a KPI page', '/plan/kpis/bista-startups'],
  ] as const) {
    it(`${name} fits the screen`, async () => {
      await page.goto(path);
      expect(await page.evaluate<number>('window.innerWidth')).toBe(width);
      expect(await overflowingElements()).toEqual([]);
      expect(await pageWidth()).toBeLessThanOrEqual(width);
    });
  }

  it('the status counts line up with the headings instead of being pushed right like a bulleted list', async () => {
    await page.goto('/?fy=2025');
    const heading = await page.locator('h1').boundingBox();
    const firstCount = await page.locator('[data-status-count]').first().locator('xpath=..').boundingBox();
    expect(heading).not.toBeNull();
    expect(firstCount?.x).toBeCloseTo(heading?.x ?? Number.NaN, 0);
  });

  it('the chart is drawn narrow for the screen, with its figures also in the table below it', async () => {
    await page.goto('/plan/projects/area-map?fy=2025');
    const visible = page.locator('figure.chart svg:visible');
    expect(await visible.count()).toBe(1);
    const chart = await visible.boundingBox();
    expect(chart?.width).toBeLessThanOrEqual(width);
    // drawn for a phone rather than a desktop drawing scaled down, so the labels stay readable
    expect(Number(await visible.getAttribute('width'))).toBeLessThanOrEqual(width);
    expect(await page.locator('tr[data-fy]').count()).toBe(5);
  });
});
