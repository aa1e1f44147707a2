import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishEvent } from '../../src/modules/events';
import type { Actor } from '../../src/platform/audit';
import type { Role } from '../../src/platform/auth/roles';
import { readMailFolder } from '../support/mail';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, noBrowserChecks, phone } from './support/phone';

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
 * The 商店会 opens a call for vendors on its マルシェ from a phone; a farmer without an account
 * applies on a phone and keeps the status link of the receipt; a shop applies with its account;
 * the 商店会 accepts the farmer with a message, and the farmer reads it on the status page. Every
 * page passes axe on a phone 360 px wide.
 */
describe('マルシェ: open a call, apply as a guest, accept', () => {
  let journeys: Journeys;
  let staff: Page;
  let farmer: Page;
  let shop: Page;
  let eventId = 0;
  let statusLink = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    const db = journeys.server.database.db;
    const account = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'shotenkai@demo.tsunagu.example'),
    });
    if (!account) throw new Error('no demo account shotenkai');
    const actor: Actor = {
      accountId: account.id,
      name: account.displayName,
      municipalityCode: account.municipalityCode,
      role: account.role as Role,
      organisation: account.organisation,
    };
    const plan = journeys.server.plans.defaultPlan.file;
    const event = await createEvent(
      db,
      actor,
      {
        category: 'marche',
        title: '秋のあきる野マルシェ（架空）',
        date: daysFromNow(30),
        startTime: '10:00',
        endTime: '15:00',
        place: '秋川駅北口広場（架空）',
        capacity: 500,
        organiser: 'shotenkai',
      },
      { organisations: plan.organisations, categories: plan.eventCategories },
    );
    await publishEvent(db, actor, event.id);
    eventId = event.id;
    staff = await journeys.loggedInAs('shotenkai', phone);
    farmer = await journeys.visitor(phone);
    shop = await journeys.loggedInAs('business', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the 商店会 opens the call from its event, told first what is wrong', async () => {
    await staff.goto(`/events/manage/${eventId}`);
    await submit(staff, staff.getByRole('link', { name: '出店募集・出店申込' }));
    await expectAccessible(staff, 'the call for vendors, not yet open');
    await staff.locator('#booths').fill('0');
    await staff.locator('#applicationsCloseOn').fill(daysFromNow(-1));
    await noBrowserChecks(staff, `form[action="/events/manage/${eventId}/vendors"]`);
    await submit(staff, staff.getByRole('button', { name: '出店募集を始める' }));
    const alert = await textOf(staff.getByRole('alert'));
    expect(alert).toContain('区画数は1区画以上にしてください');
    expect(alert).toContain('過ぎた日付は選べません');
    expect(await staff.locator('#booths').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(staff, 'the call form with its errors');

    await staff.locator('#booths').fill('2');
    await staff.locator('#applicationsCloseOn').fill(daysFromNow(14));
    await staff.locator('#boothFeeYen').fill('1000');
    await staff.locator('#conditions').fill('1区画 3m×3m。搬入は8時から9時半まで。');
    await submit(staff, staff.getByRole('button', { name: '出店募集を始める' }));
    expect(await textOf(staff.getByRole('status'))).toContain('出店募集を始めました');
    expect(await staff.locator('[data-call-window]').getAttribute('data-call-window')).toBe('open');
    await expectAccessible(staff, 'an open call without applications');
  });

  it('a farmer without an account applies on a phone and gets the status link by mail', async () => {
    await farmer.goto(`/events/${eventId}`);
    expect(await textOf(farmer.locator('#vendors-heading'))).toBe('出店者募集');
    await expectAccessible(farmer, 'the event page with its call for vendors');
    await submit(farmer, farmer.getByRole('link', { name: '出店を申し込む' }));
    await expectAccessible(farmer, 'the vendor application form');
    await farmer.locator('#businessName').fill('架空の山田農園');
    await farmer.locator('#contactName').fill('山田 太郎（架空）');
    await farmer.locator('#contactKana').fill('Yamada Taro');
    await farmer.locator('#phone').fill('090-1234-5678');
    await farmer.locator('#email').fill('yamada-farm@example.jp');
    await farmer.getByLabel('野菜・果物').check();
    await farmer.getByLabel('飲食（調理販売）').check();
    await farmer.getByLabel('テントを借りたい').check();
    await noBrowserChecks(farmer, 'form[action$="/vendors/applications"]');
    await submit(farmer, farmer.getByRole('button', { name: '出店を申し込む' }));
    const alert = await textOf(farmer.getByRole('alert'));
    expect(alert).toContain('ふりがな: ひらがなかカタカナで入力してください');
    expect(alert).toContain('営業許可: 飲食（調理販売）をするときは');
    expect(await farmer.locator('#businessName').inputValue()).toBe('架空の山田農園');
    expect(await farmer.getByLabel('テントを借りたい').isChecked()).toBe(true);
    await expectAccessible(farmer, 'the application form with its errors');

    await farmer.locator('#contactKana').fill('やまだ たろう');
    await farmer.getByLabel('飲食（調理販売）').uncheck();
    await farmer.locator('#goodsNote').fill('朝採りの野菜、季節の果物');
    await submit(farmer, farmer.getByRole('button', { name: '出店を申し込む' }));
    expect(await textOf(farmer.locator('h1'))).toBe('出店のお申し込みを受け付けました');
    expect(await textOf(farmer.getByRole('status'))).toContain('確認のメールをお送りしました');
    await expectAccessible(farmer, 'the receipt of an application');

    const mail = await mailTo(journeys.server.mailDir, 'yamada-farm@example.jp', '【出店申込の受付】');
    statusLink = /https?:\/\/\S+\/events\/vendors\/applications\/[\w-]+/.exec(mail.text ?? '')?.[0] ?? '';
    // the link of the mail is the page the farmer was shown (the server's public address aside)
    statusLink = new URL(statusLink).pathname;
    expect(statusLink).toBe(new URL(farmer.url()).pathname);
  });

  it('a shop applies with its account and finds the application on its page', async () => {
    await shop.goto('/');
    await submit(shop, shop.locator('.site-header').getByRole('link', { name: '出店の申し込み' }));
    expect(await shop.locator('li[data-application]').count()).toBe(0);
    await expectAccessible(shop, 'the own vendor applications, with an open call');
    await submit(shop, shop.getByRole('link', { name: '秋のあきる野マルシェ（架空）に出店を申し込む' }));
    expect(await shop.locator('#businessName').inputValue()).toBe('架空の和菓子店');
    await shop.locator('#contactName').fill('和菓子 一郎（架空）');
    await shop.locator('#contactKana').fill('わがし いちろう');
    await shop.locator('#phone').fill('042-558-1111');
    await shop.getByLabel('菓子・パン').check();
    await shop.getByLabel('2区画').check();
    await shop.getByLabel('電源を使いたい').check();
    await submit(shop, shop.getByRole('button', { name: '出店を申し込む' }));
    expect(await textOf(shop.locator('h1'))).toBe('出店のお申し込みを受け付けました');
    await shop.goto('/events/vendors/my');
    expect(await shop.locator('li[data-application]').count()).toBe(1);
    await expectAccessible(shop, 'the own vendor applications');
    await submit(shop, shop.getByRole('link', { name: '秋のあきる野マルシェ（架空）', exact: true }));
    await expectAccessible(shop, 'an own vendor application');
    await shop.goto('/events/vendors/my?lang=en');
    await expectAccessible(shop, 'the own vendor applications in English');
  });

  it('the 商店会 accepts the farmer with a message; the shop does not fit any more', async () => {
    await staff.goto(`/events/manage/${eventId}/vendors`);
    expect(await textOf(staff.locator('[data-field="applied"]'))).toBe('2件（3区画）');
    expect(await textOf(staff.locator('[data-field="tents"]'))).toBe('出店決定 0件・審査待ち 1件');
    await expectAccessible(staff, 'a call with two applications');
    const farm = staff.locator('article[data-application]', { hasText: '架空の山田農園' });
    await farm.locator('textarea[name="message"]').fill('区画はA-1です。テントはこちらで用意します。');
    await submit(staff, farm.getByRole('button', { name: '出店を決定する' }));
    expect(await textOf(staff.getByRole('status'))).toContain('出店を決定し');
    expect(await textOf(staff.locator('[data-field="accepted-booths"]'))).toBe('1 / 2区画');
    await expectAccessible(staff, 'a call with an accepted vendor');

    const wagashi = staff.locator('article[data-application]', { hasText: '架空の和菓子店' });
    await submit(staff, wagashi.getByRole('button', { name: '出店を決定する' }));
    expect(await textOf(staff.getByRole('alert'))).toContain('区画が足りません');
    await expectAccessible(staff, 'a refused accept');

    await staff.goto(`/events/manage/${eventId}/vendors?status=accepted`);
    expect(await staff.locator('article[data-application]').count()).toBe(1);
    await staff.goto(`/events/manage/${eventId}/vendors?lang=en`);
    await expectAccessible(staff, 'the call for vendors in English');
  });

  it('the farmer reads the decision and the message on the status page', async () => {
    await farmer.goto(statusLink);
    expect(await textOf(farmer.locator('h1'))).toBe('出店が決まりました');
    expect(await textOf(farmer.locator('[data-field="staff-message"]'))).toContain('区画はA-1です');
    // a decided application can no longer be withdrawn here
    expect(await farmer.getByRole('button', { name: '申し込みを取り下げる' }).count()).toBe(0);
    await expectAccessible(farmer, 'an accepted application');
    await mailTo(journeys.server.mailDir, 'yamada-farm@example.jp', '【出店決定】');
    await farmer.goto(`${statusLink}?lang=en`);
    await expectAccessible(farmer, 'an accepted application in English');
  });
});
