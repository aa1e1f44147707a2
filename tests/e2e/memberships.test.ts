import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

const association = '試験駅前商店会（架空）';
const shopName = '入会テスト食堂（架空）';

/**
 * On a phone: the city adds a 商店会 kept by the association's account; a business with a profile asks
 * to join it online; the 商店会 accepts, and the member count on the public list and the city's figures
 * move. The 商工会's 加入率 needs the number of businesses, entered with its source. axe finds nothing.
 */
describe('memberships: a 商店会 accepts a join request and its members go up', () => {
  let journeys: Journeys;
  let city: Page;
  let shop: Page;
  let keeper: Page;
  let bodyPath = '';

  const membersShown = async (page: Page) => {
    await page.goto('/memberships');
    const card = page.locator('[data-body]', { hasText: association });
    return Number(await card.locator('[data-members]').getAttribute('data-members'));
  };

  beforeAll(async () => {
    journeys = await openJourneys();
    city = await journeys.loggedInAs('admin', phone);
    shop = await journeys.loggedInAs('business', phone);
    keeper = await journeys.loggedInAs('shotenkai', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the city adds a 商店会 and names the association account that keeps its list', async () => {
    await city.goto('/memberships/statistics');
    await expectAccessible(city, 'the figures with no member yet');
    await noBrowserChecks(city, 'form[action="/memberships/bodies"]');
    await submit(city, city.getByRole('button', { name: '商店会を追加する' }));
    expect(await textOf(city.getByRole('alert'))).toContain('商店会の名前を入力してください');
    await city.locator('#bodyName').fill(association);
    await city.locator('#area').selectOption('akigawa');
    await city.locator('#keeper').selectOption({ label: '商店会 高橋（架空）' });
    await submit(city, city.getByRole('button', { name: '商店会を追加する' }));
    expect(await textOf(city.getByRole('status'))).toContain('商店会を追加しました');
  });

  it('a business registers its profile and asks to join', async () => {
    await shop.goto('/businesses/mine');
    await shop.locator('#legalForm').selectOption('sole');
    await shop.locator('#name').fill(shopName);
    await shop.locator('#kana').fill('にゅうかいてすとしょくどう');
    await shop.locator('#industryMajor').selectOption('M');
    await shop.locator('#address').fill('あきる野市秋川0-0-88（架空）');
    await shop.locator('#area').selectOption('akigawa');
    await shop.locator('#latitude').fill('35.7285');
    await shop.locator('#longitude').fill('139.2870');
    await submit(shop, shop.getByRole('button', { name: '登録を申請する' }));
    expect(await membersShown(shop)).toBe(0);
    await expectAccessible(shop, 'the list of associations');
    await submit(shop, shop.getByRole('link', { name: `${association}に入会を申し込む` }));
    await noBrowserChecks(shop, 'form.stack');
    await submit(shop, shop.getByRole('button', { name: '入会を申し込む' }));
    expect(await textOf(shop.getByRole('alert'))).toContain('代表者名を入力してください');
    await expectAccessible(shop, 'the refused request');
    await shop.locator('#representative').fill('入会 花子');
    await shop.locator('#phone').fill('042-000-5678');
    await submit(shop, shop.getByRole('button', { name: '入会を申し込む' }));
    expect(await textOf(shop.getByRole('status'))).toContain('入会を申し込みました');
    expect(await shop.locator('[data-list="own-requests"] [data-status="pending"]').count()).toBe(1);
  });

  it('the 商店会 accepts the request, and the count goes up for everyone', async () => {
    await keeper.goto('/memberships');
    await submit(keeper, keeper.getByRole('link', { name: `${association}の名簿` }));
    bodyPath = new URL(keeper.url()).pathname;
    expect(await textOf(keeper.locator('[data-list="requests"]'))).toContain('042-000-5678');
    await expectAccessible(keeper, 'the list with a request');
    await submit(keeper, keeper.getByRole('button', { name: `${shopName}の入会を承諾する` }));
    expect(await textOf(keeper.getByRole('status'))).toContain('入会を承諾しました');
    expect(await keeper.locator('[data-current]').getAttribute('data-current')).toBe('1');
    expect(await textOf(keeper.locator('[data-table="members"]'))).toContain(shopName);
    expect(await keeper.locator('[data-fee="unpaid"]').count()).toBe(1);
    await expectAccessible(keeper, 'the list with its member');

    const visitor = await journeys.visitor(phone);
    expect(await membersShown(visitor)).toBe(1);
    expect(await visitor.content(), 'the phone stays with the association').not.toContain('042-000-5678');
    expect((await visitor.goto(bodyPath))?.status()).toBe(401);
    await city.goto('/memberships/statistics');
    expect(await city.locator('[data-table="shotenkai"] [data-total]').getAttribute('data-total')).toBe('1');
  });

  it('the 商工会 rate waits for the number of businesses, entered with its source', async () => {
    await city.goto('/memberships/statistics');
    expect(await city.locator('[data-empty="rate"]').count()).toBe(1);
    await city.locator('#value').fill('１，２００');
    await city.locator('#asOf').fill('2026-04-01');
    await city.locator('#source').fill('試験用の事業所数（架空）');
    await submit(city, city.getByRole('button', { name: '事業所数を記録する' }));
    expect(await textOf(city.getByRole('status'))).toContain('市内の事業所数を記録しました');
    expect(await textOf(city.locator('[data-list="denominators"]'))).toContain(
      '1,200（試験用の事業所数（架空））',
    );
    await expectAccessible(city, 'the figures with a denominator');
  });
});
