import type { BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { accessibilityViolations } from './accessibility';

/** A phone 360 px wide, the narrowest screen every page must work on. */
export const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export { daysFromNow } from '../../support/dates';

/**
 * No axe violations, and on a phone nothing reaches past the right edge outside a table's own box
 * or a map's (whose tiles and markers lie around the visible part, clipped by the map).
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await accessibilityViolations(page), `axe violations on ${label}`).toEqual([]);
  const width = page.viewportSize()?.width ?? 0;
  if (width === 360) {
    const overflowing = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > ${width} + 0.5 && !e.closest('.table-wrap, .map-canvas'))
      .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className) : ''))`);
    expect(overflowing, `elements wider than the phone on ${label}`).toEqual([]);
  }
}

/** Turns off the browser's own checks of a form, so that the server's answer to wrong input is seen. */
export async function noBrowserChecks(page: Page, selector: string): Promise<void> {
  await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).setAttribute('novalidate', '')`);
}
