import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishEvent } from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import type { Role } from '../../src/platform/auth/roles';
import { mailOutbox } from '../../src/platform/mail/schema';
import { decodeQrPng, readMailFolder } from '../support/mail';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, phone } from './support/phone';

/** Waits until the server's dispatcher has written a mail to `address` with `subject` (its start). */
async function mailTo(dir: string, address: string, subject: string) {
  for (let tries = 0; tries < 50; tries++) {
    const mail = (await readMailFolder(dir)).find(
      (m) => m.subject?.startsWith(subject) && m.to && 'value' in m.to && m.to.value[0]?.address === address,
    );
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} about ${subject} in ${dir}`);
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
      role: staff.role as Role,
      organisation: staff.organisation,
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
    const mail = await mailTo(journeys.server.mailDir, 'mori@example.jp', '【参加確定】');
    expect(mail.text).toContain(`受付番号（QRチケット）：${code}`);
    const image = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(decodeQrPng(image?.content as Buffer)).toBe(code.replace(/-/g, ''));
  });

  it('a resident who registered while logged in finds the event and its ticket under their registrations', async () => {
    const page = await journeys.loggedInAs('resident', phone);
    await page.goto(`/events/${eventId}`);
    await page.locator('#registration-kana').fill('じゅうみん');
    await submit(page, page.getByRole('button', { name: '申し込む' }));
    expect(await textOf(page.locator('h1'))).toBe('参加が確定しました');
    const ticketPage = new URL(page.url()).pathname;
    await submit(page, page.locator('.site-header').getByRole('link', { name: '申し込んだイベント' }));
    const card = page.locator('#upcoming').locator('..').locator('[data-own-registration]');
    expect(await card.count()).toBe(1);
    expect(await textOf(card)).toContain('チケット確認セミナー（架空）');
    expect(await card.locator('[data-ticket-link]').getAttribute('href')).toBe(ticketPage);
    await expectAccessible(page, 'my registrations on a phone');
    await submit(page, card.locator('[data-ticket-link]'));
    expect(await page.locator('[data-ticket]').count()).toBe(1);
  });

  it('the organiser’s staff message the confirmed participants: the form, the preview with the count, sent once', async () => {
    const staff = await journeys.loggedInAs('bista', phone);
    await staff.goto(`/events/manage/${eventId}`);
    await submit(staff, staff.locator('[data-message-link]'));
    expect(await textOf(staff.locator('label[for="audience-confirmed"]'))).toBe(
      '参加が確定している方（2人）',
    );
    await expectAccessible(staff, 'the message form on a phone');
    await staff.locator('#message-subject').fill('持ち物のお知らせ');
    await staff.locator('#message-body').fill('筆記用具をお持ちください。');
    await submit(staff, staff.getByRole('button', { name: '確認する' }));
    expect(await staff.locator('[data-recipients]').getAttribute('data-recipients')).toBe('2');
    await expectAccessible(staff, 'the preview of a message');
    await submit(staff, staff.getByRole('button', { name: '2人に送信する' }));
    expect(await textOf(staff.getByRole('status'))).toContain('送信の列に入れました');
    expect(await staff.locator('[data-message]').count()).toBe(1);
    await expectAccessible(staff, 'the message page after sending');
    const mail = await mailTo(journeys.server.mailDir, 'mori@example.jp', '持ち物のお知らせ');
    expect(mail.text).toContain('筆記用具をお持ちください。');
  });

  it('city staff see a mail that could not be sent and send it again', async () => {
    const db = journeys.server.database.db;
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, 'mori@example.jp'))
      .limit(1);
    if (!mail) throw new Error('no mail to mori@example.jp');
    await db
      .update(mailOutbox)
      .set({ status: 'failed', attempts: 8, lastError: 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25' })
      .where(eq(mailOutbox.id, mail.id));
    const admin = await journeys.loggedInAs('admin', phone);
    await admin.goto('/');
    await submit(admin, admin.locator('.site-header').getByRole('link', { name: 'メール送信状況' }));
    const row = admin.locator(`tr[data-mail="${mail.id}"]`);
    expect(await textOf(row)).toContain('ECONNREFUSED');
    await expectAccessible(admin, 'the failed mails on a phone');
    await submit(admin, row.getByRole('button', { name: 'mori@example.jp へ再送する' }));
    expect(await textOf(admin.getByRole('status'))).toContain('再送の列に戻しました');
    expect(await admin.locator(`tr[data-mail="${mail.id}"]`).count()).toBe(0);
    await admin.goto('/admin/mail?lang=en');
    await expectAccessible(admin, 'the mail page in English');
  });
});
