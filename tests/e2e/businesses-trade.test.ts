import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * 受発注 on phones: the plastics maker posts a need (an empty one refused first), reads the suggested
 * businesses with the reasons, and contacts the machining shop; the shop replies and records the deal
 * with its amount; the maker confirms it; the 商工会 sees it in the statistics. A resident cannot open
 * the thread. axe finds nothing on any page.
 */
describe('受発注: a need, explained suggestions, a private thread and a confirmed deal', () => {
  let journeys: Journeys;
  let buyer: Page;
  let seller: Page;
  let threadUrl = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    buyer = await journeys.loggedInAs('plastic' as DemoAccount, phone);
    seller = await journeys.loggedInAs('seiko' as DemoAccount, phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('an empty need is refused with a message for each missing item', async () => {
    await buyer.goto('/');
    await submit(buyer, buyer.getByRole('link', { name: '発注・受注' }).first());
    await expectAccessible(buyer, 'the board of needs and offers');
    await submit(buyer, buyer.getByRole('link', { name: '発注したいことを掲載' }));
    await expectAccessible(buyer, 'the form for a need');
    await noBrowserChecks(buyer, 'form.stack');
    await submit(buyer, buyer.getByRole('button', { name: '掲載する' }));
    const alert = await textOf(buyer.getByRole('alert'));
    expect(alert).toContain('件名: 件名を入力してください。');
    expect(alert).toContain('技術・品目（タグ）');
    await expectAccessible(buyer, 'the refused need');
  });

  it('the posted need suggests the machining shop first, saying why', async () => {
    await buyer.locator('#title').fill('金型部品（アルミ）の切削加工をお願いしたい');
    await buyer.locator('#body').fill('射出成形用の金型部品。アルミ A7075、5個。図面あり。');
    await buyer.locator('#tags').fill('切削加工、アルミ');
    await buyer.locator('#budgetMinYen').fill('100000');
    await buyer.locator('#budgetMaxYen').fill('300000');
    await submit(buyer, buyer.getByRole('button', { name: '掲載する' }));
    expect(await textOf(buyer.getByRole('status'))).toContain('掲載しました');
    const first = buyer.locator('[data-list="suggestions"] > li').first();
    expect(await textOf(first.locator('h3'))).toBe('株式会社あきがわ精工（架空）');
    expect(await textOf(first.locator('[data-field="reasons"]'))).toContain('「切削加工」「アルミ」が一致');
    await expectAccessible(buyer, 'the need with its suggestions');
  });

  it('the maker contacts the shop in a private thread', async () => {
    const first = buyer.locator('[data-list="suggestions"] > li').first();
    await first.locator('textarea').fill('図面をお送りします。5個の見積もりをお願いできますか。');
    await submit(buyer, first.getByRole('button', { name: '株式会社あきがわ精工（架空）に連絡する' }));
    threadUrl = new URL(buyer.url()).pathname;
    expect(threadUrl).toMatch(/^\/businesses\/threads\/\d+$/);
    expect(await textOf(buyer.locator('[data-list="messages"]'))).toContain('5個の見積もり');
    await expectAccessible(buyer, 'the thread');
  });

  it('the shop replies and records the deal with its amount; a wrong amount is refused first', async () => {
    await seller.goto('/businesses/threads');
    await expectAccessible(seller, "the shop's threads");
    await submit(seller, seller.getByRole('link', { name: '株式会社武蔵引田プラスチック（架空）' }));
    expect(await textOf(seller.locator('[data-list="messages"]'))).toContain('5個の見積もり');
    await seller.locator('#body').fill('お見積もりは25万円です。来週納品できます。');
    await submit(seller, seller.getByRole('button', { name: '送信する' }));
    await noBrowserChecks(seller, 'form.card');
    await seller.locator('#amountYen').fill('25万');
    await submit(seller, seller.getByRole('button', { name: '取引を記録する' }));
    expect(await textOf(seller.getByRole('alert'))).toContain('金額は円単位の整数で入力してください');
    await seller.locator('#amountYen').fill('250000');
    await submit(seller, seller.getByRole('button', { name: '取引を記録する' }));
    expect(await textOf(seller.getByRole('status'))).toContain('確認を待っています');
    expect(await seller.locator('[data-deal]').getAttribute('data-confirmed')).toBe('false');
    await expectAccessible(seller, 'the thread with a recorded deal');
  });

  it('the maker confirms the deal, and a resident cannot open the thread', async () => {
    await buyer.goto(threadUrl);
    expect(await textOf(buyer.locator('[data-list="messages"]'))).toContain('25万円');
    await submit(buyer, buyer.getByRole('button', { name: 'この取引を確認する' }));
    expect(await textOf(buyer.getByRole('status'))).toContain('市内の受発注として数えられます');
    expect(await buyer.locator('[data-deal]').getAttribute('data-confirmed')).toBe('true');
    await expectAccessible(buyer, 'the thread with a confirmed deal');
    const resident = await journeys.loggedInAs('resident', phone);
    const response = await resident.goto(threadUrl);
    expect(response?.status()).toBe(403);
    expect(await resident.content()).not.toContain('5個の見積もり');
  });

  it('the 商工会 sees the local deal in the statistics by industry', async () => {
    const staff = await journeys.loggedInAs('shokokai', phone);
    await staff.goto('/businesses/statistics');
    expect(await textOf(staff.locator('[data-field="deals"]'))).toBe('1');
    expect(await textOf(staff.locator('[data-field="amount"]'))).toBe('250,000円');
    expect(await textOf(staff.locator('tr[data-industry="E"]'))).toContain('250,000');
    await expectAccessible(staff, 'the statistics');
  });
});
