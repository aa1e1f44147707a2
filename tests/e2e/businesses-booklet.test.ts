import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBusinessAccounts } from '../../src/modules/businesses/demo';
import { registerForEvent } from '../../src/modules/events';
import { accounts } from '../../src/platform/schema';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, phone } from './support/phone';

/**
 * The 商工会 prints the who's who of its 事業者連携交流会 on a phone 360 px wide: it puts the meeting
 * online, the two demo businesses with accounts register for it, and the staff member opens
 * 参加事業者紹介, finds both ticked, adds a business that came without an account, and opens the A4
 * page: one block per business in kana order, nothing private, each block kept on one page when
 * printed. axe finds nothing on either page.
 */
describe("the meeting's who's who booklet, on a phone", () => {
  let journeys: Journeys;
  let staff: Page;
  let eventId = 0;

  beforeAll(async () => {
    journeys = await openJourneys();
    staff = await journeys.loggedInAs('shokokai', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the 商工会 puts its meeting online and two businesses register with their accounts', async () => {
    await staff.goto('/events/manage');
    await staff.locator('#category').selectOption('business-networking');
    await staff.locator('#title').fill('事業者連携交流会 ものづくり編（架空）');
    await staff.locator('#date').fill(daysFromNow(14));
    await staff.locator('#startTime').fill('18:00');
    await staff.locator('#endTime').fill('20:00');
    await staff.locator('#place').fill('あきる野商工会 会議室（架空）');
    await staff.locator('#capacity').fill('30');
    await staff.locator('#organiser').selectOption('shokokai');
    await submit(staff, staff.getByRole('button', { name: '下書きとして作成' }));
    await submit(staff, staff.getByRole('button', { name: '公開して申し込みを受け付ける' }));
    eventId = Number(/\/events\/manage\/(\d+)/.exec(staff.url())?.[1]);
    expect(eventId).toBeGreaterThan(0);
    const db = journeys.server.database.db;
    for (const [i, { email, business }] of demoBusinessAccounts.entries()) {
      const [account] = await db.select().from(accounts).where(eq(accounts.email, email));
      if (!account) throw new Error(`the demo has no account ${email}`);
      await registerForEvent(
        db,
        eventId,
        { name: `${business} 代表`, kana: 'だいひょう', email, idempotencyKey: `booklet-e2e-${i}` },
        { account: { id: account.id, displayName: account.displayName } },
      );
    }
  });

  it('staff find the registered businesses ticked, and add one that came without an account', async () => {
    await staff.goto('/');
    await submit(staff, staff.getByRole('link', { name: '参加事業者紹介' }));
    await expectAccessible(staff, 'the booklet chooser');
    await staff.locator('#event').selectOption(String(eventId));
    await submit(staff, staff.getByRole('button', { name: '事業者を表示' }));
    const ticked = staff.locator('[data-list="choices"] input:checked');
    expect(await ticked.count()).toBe(2);
    for (const { business } of demoBusinessAccounts) {
      expect(await staff.getByLabel(new RegExp(business)).isChecked()).toBe(true);
    }
    await staff.locator('#add').fill('ますこ板金');
    await submit(staff, staff.getByRole('button', { name: '事業者を表示' }));
    const added = staff.getByLabel('有限会社ますこ板金（架空）');
    expect(await added.isChecked()).toBe(false);
    await added.check();
    await expectAccessible(staff, 'the booklet chooser with an added business');
  });

  it('the print page has one block per business in kana order, without private fields', async () => {
    await submit(staff, staff.getByRole('button', { name: '印刷用ページを開く' }));
    expect(await textOf(staff.locator('h1'))).toBe('参加事業者紹介');
    expect(await textOf(staff.locator('.booklet-head'))).toContain('事業者連携交流会 ものづくり編（架空）');
    const names = await staff.locator('.booklet-entry h2').allTextContents();
    expect(names).toHaveLength(3);
    expect(names[0]).toContain('株式会社あきがわ精工（架空）');
    // あきがわせいこう, ますこばんきん, むさしひきだぷらすちっく
    expect(names[1]).toContain('有限会社ますこ板金（架空）');
    expect(names[2]).toContain('株式会社武蔵引田プラスチック（架空）');
    expect(await staff.locator('.booklet-entry .qr-code').count()).toBe(3);
    expect(await textOf(staff.locator('.booklet-entry').first())).toContain('切削加工');
    await expectAccessible(staff, 'the booklet');
  });

  it('prints on A4 without the site around it, no business split across two pages', async () => {
    await staff.emulateMedia({ media: 'print' });
    expect(await staff.locator('.site-header').isVisible()).toBe(false);
    expect(await staff.locator('.booklet-tools').isVisible()).toBe(false);
    const breaks = await staff.evaluate<string[]>(
      "[...document.querySelectorAll('.booklet-entry')].map((e) => getComputedStyle(e).breakInside)",
    );
    expect(breaks).toEqual(['avoid', 'avoid', 'avoid']);
    const pdf = await staff.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 portrait: 595 × 842 points
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59\d(\.\d+)? 84\d(\.\d+)?\]/);
    await staff.emulateMedia({ media: 'screen' });
  });
});
