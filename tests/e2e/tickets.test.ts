import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishEvent } from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import { decodeQrPng } from '../support/mail';
import { accessibilityViolations } from './support/accessibility';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';

const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

function daysFromNow(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** No axe violations, and on a phone nothing reaches past the right edge outside a table's box. */
async function expectAccessible(page: Page, label: string) {
  expect(await accessibilityViolations(page), `axe violations on ${label}`).toEqual([]);
  const width = page.viewportSize()?.width ?? 0;
  const overflowing = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > ${width} + 0.5 && !e.closest('.table-wrap'))
    .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className) : ''))`);
  expect(overflowing, `elements wider than the screen on ${label}`).toEqual([]);
}

/** Waits until the server's dispatcher has written a mail to `address`, and returns its text. */
async function mailTo(dir: string, address: string): Promise<string> {
  for (let tries = 0; tries < 50; tries++) {
    for (const file of await readdir(dir)) {
      if (!file.endsWith('.eml')) continue;
      const eml = await readFile(join(dir, file), 'utf8');
      if (eml.includes(`To: ${address}`)) return eml;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} in ${dir}`);
}

/**
 * A resident registers on a phone and gets the QR ticket: on the confirmation page (which a camera
 * reads back to the ticket code, and which prints without the site's menus) and by mail.
 */
describe('the QR ticket', () => {
  let journeys: Journeys;
  let resident: Page;
  let eventId = 0;

  beforeAll(async () => {
    journeys = await openJourneys();
    resident = await journeys.visitor(phone);
    const db = journeys.server.database.db;
    const staff = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'bista@demo.tsunagu.example'),
    });
    if (!staff) throw new Error('no demo account bista');
    const actor: Actor = {
      accountId: staff.id,
      name: staff.displayName,
      municipalityCode: staff.municipalityCode,
    };
    const plan = journeys.server.plans.defaultPlan.file;
    const event = await createEvent(
      db,
      actor,
      {
        category: 'succession-seminar',
        title: 'チケット確認セミナー（架空）',
        date: daysFromNow(15),
        startTime: '10:00',
        endTime: '12:00',
        place: '五日市会館（架空）',
        capacity: 5,
        organiser: 'bista',
      },
      { organisations: plan.organisations, categories: plan.eventCategories },
    );
    await publishEvent(db, actor, event.id);
    eventId = event.id;
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('shows the ticket after registering, readable by a camera, in groups, and axe finds nothing at 360 px', async () => {
    await resident.goto(`/events/${eventId}`);
    await resident.locator('#registration-name').fill('森 さくら（架空）');
    await resident.locator('#registration-kana').fill('もり さくら');
    await resident.locator('#registration-email').fill('mori@example.jp');
    await submit(resident, resident.getByRole('button', { name: '申し込む' }));
    expect(await textOf(resident.locator('h1'))).toBe('参加が確定しました');

    const ticket = resident.locator('[data-ticket]');
    expect(await textOf(ticket.locator('h2'))).toBe('QRチケット');
    const code = await textOf(ticket.locator('[data-ticket-code]'));
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    const qr = ticket.getByRole('img', { name: 'QRチケット' });
    expect(decodeQrPng(await qr.screenshot())).toBe(code.replace(/-/g, ''));
    await expectAccessible(resident, 'the confirmation with its QR ticket');

    // on paper: the ticket, without the menus and the cancel button
    await resident.emulateMedia({ media: 'print' });
    expect(await resident.locator('.site-header').isVisible()).toBe(false);
    expect(await resident.getByRole('button', { name: '申し込みを取り消す' }).isVisible()).toBe(false);
    expect(await qr.isVisible()).toBe(true);
    await resident.emulateMedia({ media: 'screen' });

    // the server's dispatcher sends the confirmation with the same ticket
    const mail = await mailTo(journeys.server.mailDir, 'mori@example.jp');
    expect(mail).toContain(code);
    expect(mail).toContain('Content-Type: image/png');
  });
});
