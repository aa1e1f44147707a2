import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, phone } from './support/phone';

/**
 * On a phone with no tile server in reach (the journeys' tiles point at a closed port): a resident
 * switches the directory to the map, sees a marker for each business the list shows, reaches one
 * with the keyboard and opens its page from the marker. The list stays beside the map, and a
 * search keeps the map. axe finds nothing.
 */
describe('the directory on a map, without tiles', () => {
  let journeys: Journeys;
  let resident: Page;

  beforeAll(async () => {
    journeys = await openJourneys();
    resident = await journeys.visitor(phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  const markers = () => resident.locator('.map-canvas .map-marker');

  it('shows a marker for every business of the list, and says the background map did not load', async () => {
    await resident.goto('/businesses');
    await submit(resident, resident.getByRole('link', { name: '地図と一覧' }));
    await resident.waitForSelector('[data-map][data-markers]');
    const listed = await resident.locator('[data-list="businesses"] > li').count();
    expect(listed).toBeGreaterThan(5);
    expect(await resident.locator('[data-map]').getAttribute('data-markers')).toBe(String(listed));
    expect(await markers().count()).toBe(listed);
    await resident.waitForSelector('[data-map][data-tiles="failed"]');
    const status = await textOf(resident.locator('[data-map-status]'));
    expect(status).toContain(`${listed}件を地図に表示しています`);
    expect(status).toContain('背景の地図を読み込めませんでした');
    // the credit the tile server asks for is on the map even so
    expect(await textOf(resident.locator('.leaflet-control-attribution'))).toContain('OpenStreetMap');
    await expectAccessible(resident, 'the directory map');
  });

  it('opens a business from its marker with the keyboard alone', async () => {
    const marker = resident.getByRole('button', { name: '和菓子処 こもれび（架空）' });
    await marker.focus();
    await resident.keyboard.press('Enter');
    const link = resident.locator('.leaflet-popup-content a');
    await link.waitFor();
    expect(await textOf(link)).toBe('和菓子処 こもれび（架空）');
    expect(await resident.evaluate<string>('document.activeElement.textContent')).toBe(
      '和菓子処 こもれび（架空）',
    );
    await expectAccessible(resident, 'the directory map with an open marker');
    await resident.keyboard.press('Enter');
    await resident.waitForLoadState('load');
    expect(await textOf(resident.locator('h1'))).toBe('和菓子処 こもれび（架空）');
  });

  it('a search keeps the map, showing only what the list finds', async () => {
    await resident.goBack();
    await resident.locator('#filter-q').fill('切削加工');
    await submit(resident, resident.getByRole('button', { name: 'さがす', exact: true }));
    await resident.waitForSelector('[data-map][data-markers]');
    const listed = await resident.locator('[data-list="businesses"] > li').allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(5);
    expect(await markers().count()).toBe(listed.length);
    const names = await markers().evaluateAll((ms) => ms.map((m) => m.getAttribute('aria-label')));
    for (const name of names) expect(listed.join('\n')).toContain(name);
    await expectAccessible(resident, 'the directory map after a search');
  });
});
