import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * The 商店会 opens a まちゼミ; a shop proposes its course on a phone; the 商店会 approves it; the
 * course is on the public campaign page and a resident registers for it. Every new page passes axe
 * on a phone 360 px wide.
 */
describe('まちゼミ: propose, approve, register', () => {
  let journeys: Journeys;
  let staff: Page;
  let shop: Page;
  let resident: Page;
  let campaignPath = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    staff = await journeys.loggedInAs('shotenkai', phone);
    shop = await journeys.loggedInAs('business', phone);
    resident = await journeys.visitor(phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the 商店会 creates a campaign', async () => {
    await staff.goto('/events/campaigns');
    await expectAccessible(staff, 'the campaign list of the staff');
    await submit(staff, staff.getByRole('link', { name: 'まちゼミの管理' }));
    await expectAccessible(staff, 'the campaigns of the staff, empty');
    await staff.locator('#title').fill('秋のまちゼミ（架空）');
    await staff.locator('#startsOn').fill(daysFromNow(20));
    await staff.locator('#endsOn').fill(daysFromNow(10));
    await staff.locator('#proposalsCloseOn').fill(daysFromNow(5));
    await submit(staff, staff.getByRole('button', { name: '作成する' }));
    expect(await textOf(staff.getByRole('alert'))).toContain('初日と同じか、それより後の日');
    expect(await staff.locator('#endsOn').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(staff, 'the campaign form with its error');
    await staff.locator('#endsOn').fill(daysFromNow(50));
    await submit(staff, staff.getByRole('button', { name: '作成する' }));
    expect(await textOf(staff.getByRole('status'))).toContain('まちゼミを作成しました');
    await expectAccessible(staff, 'a campaign without proposals');
    campaignPath = new URL(staff.url()).pathname.replace('/manage', '');
  });

  it('a shop proposes its course on a phone, and is told what is wrong first', async () => {
    await shop.goto('/');
    await submit(shop, shop.locator('.site-header').getByRole('link', { name: 'まちゼミ' }));
    await expectAccessible(shop, 'the campaign list of a shop');
    await submit(shop, shop.getByRole('link', { name: /講座を提案する/ }));
    await expectAccessible(shop, 'the proposal form');
    expect(await shop.locator('#shopName').inputValue()).toBe('架空の和菓子店');
    await shop.locator('#title').fill('季節の練り切りをつくろう');
    await shop.locator('#teacher').fill('和菓子職人 山本（架空）');
    await shop.locator('#date').fill(daysFromNow(70));
    await shop.locator('#place').fill('架空の和菓子店 店内');
    await shop.locator('#capacity').fill('0');
    await noBrowserChecks(shop, 'form[action$="/proposals"]');
    await submit(shop, shop.getByRole('button', { name: '提案する' }));
    const alert = await textOf(shop.getByRole('alert'));
    expect(alert).toContain('まちゼミの開催期間');
    expect(alert).toContain('定員は1人以上にしてください');
    expect(await shop.locator('#title').inputValue()).toBe('季節の練り切りをつくろう');
    await expectAccessible(shop, 'the proposal form with its errors');

    await shop.locator('#date').fill(daysFromNow(30));
    await shop.locator('#capacity').fill('6');
    await shop.locator('#feeYen').fill('500');
    await shop.locator('#bring').fill('エプロン');
    await submit(shop, shop.getByRole('button', { name: '提案する' }));
    expect(await textOf(shop.getByRole('status'))).toContain('講座を提案しました');
    expect(await shop.locator('[data-course-status]').getAttribute('data-course-status')).toBe('proposed');
    await expectAccessible(shop, 'the own proposal');
    await shop.goto('/events/courses');
    expect(await shop.locator('li[data-course]').count()).toBe(1);
    await expectAccessible(shop, 'the own proposals');
  });

  it('the 商店会 approves it, and it is published as an event', async () => {
    await staff.goto(`/events/campaigns/manage/${campaignPath.split('/').pop()}`);
    await expectAccessible(staff, 'a campaign with a proposal');
    await staff.locator('textarea[name="comment"]').fill('ご協力ありがとうございます');
    await submit(staff, staff.getByRole('button', { name: '承認して公開する' }));
    expect(await textOf(staff.getByRole('status'))).toContain('イベントとして公開しました');
    expect(await staff.locator('[data-course-status]').getAttribute('data-course-status')).toBe('approved');
    await expectAccessible(staff, 'a campaign with an approved course');

    await shop.goto('/events/courses');
    await submit(shop, shop.getByRole('link', { name: '季節の練り切りをつくろう' }));
    expect(await textOf(shop.locator('[data-field="comment"]'))).toContain('ご協力ありがとうございます');
    // a decided proposal can no longer be changed
    expect(await shop.getByRole('button', { name: '変更を送る' }).count()).toBe(0);
    await expectAccessible(shop, 'an approved proposal');
  });

  it('a resident finds the course on the campaign page and registers', async () => {
    await resident.goto('/events/campaigns');
    await expectAccessible(resident, 'the public campaign list');
    await submit(resident, resident.getByRole('link', { name: '秋のまちゼミ（架空）' }));
    expect(new URL(resident.url()).pathname).toBe(campaignPath);
    expect(await textOf(resident.locator('[data-field="courses"]'))).toBe('1講座');
    await expectAccessible(resident, 'the public campaign page by date');
    await submit(resident, resident.getByRole('link', { name: 'お店ごと' }));
    expect(await textOf(resident.locator('main h2').first())).toBe('架空の和菓子店');
    await expectAccessible(resident, 'the public campaign page by shop');
    await resident.goto(`${campaignPath}?lang=en`);
    await expectAccessible(resident, 'the public campaign page in English');
    await resident.goto(`${campaignPath}?lang=ja`);

    await submit(resident, resident.getByRole('link', { name: '季節の練り切りをつくろう' }));
    expect(await textOf(resident.locator('h1'))).toBe('季節の練り切りをつくろう（架空の和菓子店）');
    expect(await textOf(resident.locator('[data-field="remaining"]'))).toBe('6人');
    await resident.locator('#registration-name').fill('田中 一郎（架空）');
    await resident.locator('#registration-kana').fill('たなか いちろう');
    await resident.locator('#registration-email').fill('tanaka@example.jp');
    await submit(resident, resident.getByRole('button', { name: '申し込む' }));
    expect(await textOf(resident.locator('h1'))).toBe('参加が確定しました');
    await resident.goto(campaignPath);
    expect(await textOf(resident.locator('li[data-course]'))).toContain('残り5席');
  });

  it('the shop sees who registered for its course, to receive them', async () => {
    await shop.goto('/events/courses');
    await submit(shop, shop.getByRole('link', { name: '季節の練り切りをつくろう' }));
    await submit(shop, shop.getByRole('link', { name: '申し込んだ方の一覧' }));
    expect(await textOf(shop.locator('tr[data-status="confirmed"] th'))).toBe('田中 一郎（架空）');
    expect(await textOf(shop.locator('[data-counts]'))).toContain('参加確定 1人（定員 6人）');
    await expectAccessible(shop, 'the people registered for the own course');
  });

  it('the English pages of the staff and the shop pass too', async () => {
    await staff.goto('/events/campaigns/manage?lang=en');
    await expectAccessible(staff, 'the campaigns of the staff in English');
    await shop.goto('/events/courses?lang=en');
    await expectAccessible(shop, 'the own proposals in English');
  });
});
