import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicBusinesses, registerUnclaimedBusiness } from '../../src/modules/businesses';
import { registerShopForBusiness } from '../../src/modules/shops';
import type { Actor } from '../../src/platform/audit';
import type { Role } from '../../src/platform/auth/roles';
import { accounts } from '../../src/platform/schema';
import { hoursAround, shopForm } from '../integration/shop-fixtures';
import { type DemoAccount, type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, phone } from './support/phone';

/**
 * A resident on a phone (no tile server in reach) filters the shop map by category, station area and
 * 「いま営業中」, finds the one shop that is all three, beside its marker, and opens its page. Staff of
 * the 商工会 on a desktop make an edition of the paper map, tick its shops, open the print page with
 * its numbered map, legend and QR codes, and record the print run. axe finds nothing, at 360 px and
 * on a desktop.
 */
describe('the shop map and the paper map', () => {
  let journeys: Journeys;
  let resident: Page;
  const now = new Date();

  beforeAll(async () => {
    journeys = await openJourneys();
    const db = journeys.server.database.db;
    const plan = journeys.server.plans.defaultPlan;
    const [row] = await db.select().from(accounts).where(eq(accounts.email, 'shokokai@demo.tsunagu.example'));
    if (!row) throw new Error('no 商工会 account');
    const staff: Actor = {
      accountId: row.id,
      name: row.displayName,
      municipalityCode: row.municipalityCode,
      role: row.role as Role,
      organisation: row.organisation,
    };
    // a food shop of 秋川 that is closed now, beside the demo's café that is open
    await registerUnclaimedBusiness(db, staff, plan, {
      legalForm: 'sole',
      name: '夜の食堂 あきがわ（架空）',
      kana: 'よるのしょくどう あきがわ',
      industryMajor: 'M',
      address: 'あきる野市秋川0-0-77（架空）',
      area: 'akigawa',
      latitude: '35.7280',
      longitude: '139.2870',
    });
    const idOf = async (name: string) =>
      (await publicBusinesses(db, plan.municipalityCode)).find((b) => b.name === name)?.id ?? 0;
    const open = hoursAround(now, true);
    const register = async (name: string, category: 'food' | 'retail', hours: [string, string]) =>
      registerShopForBusiness(db, staff, await idOf(name), shopForm(category, [hours]));
    await register('カフェ 秋川テラス（架空）', 'food', open);
    await register('和菓子処 こもれび（架空）', 'retail', open);
    await register('養沢やまめ園（架空）', 'food', open);
    await register('夜の食堂 あきがわ（架空）', 'food', hoursAround(now, false));
    resident = await journeys.visitor(phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('a resident filters by category, station area and open now, and sees the one shop on the map and the list', async () => {
    await resident.goto('/shops');
    await resident.waitForSelector('[data-map][data-markers]');
    expect(await resident.locator('[data-list="shops"] > li').count()).toBe(4);
    await expectAccessible(resident, 'the shop map');
    await resident.locator('#filter-category').selectOption('food');
    await resident.locator('#filter-area').selectOption('akigawa');
    await resident.locator('#filter-open').check();
    await submit(resident, resident.getByRole('button', { name: 'さがす', exact: true }));
    await resident.waitForSelector('[data-map][data-markers]');
    const listed = await resident.locator('[data-list="shops"] > li h3').allTextContents();
    expect(listed).toEqual(['カフェ 秋川テラス（架空）']);
    expect(await resident.locator('[data-map]').getAttribute('data-markers')).toBe('1');
    expect(await textOf(resident.locator('[data-list="shops"] [data-field="state"]'))).toContain('営業中');
    expect(await resident.locator('#filter-open').isChecked()).toBe(true);
    await expectAccessible(resident, 'the shop map, filtered');
  });

  it('opens the shop from its marker and reads its hours and state now', async () => {
    const marker = resident.getByRole('button', { name: 'カフェ 秋川テラス（架空）' });
    await marker.focus();
    await resident.keyboard.press('Enter');
    const popup = resident.locator('.leaflet-popup-content');
    await popup.waitFor();
    expect(await textOf(popup)).toContain('営業中');
    await resident.keyboard.press('Enter');
    await resident.waitForLoadState('load');
    expect(await textOf(resident.locator('h1'))).toBe('カフェ 秋川テラス（架空）');
    expect(await textOf(resident.locator('[data-field="state"]'))).toContain('営業中');
    expect(await resident.locator('[data-table="hours"] tr').count()).toBe(8);
    await expectAccessible(resident, 'a shop page');
  });

  it('reads the same on a desktop, the list beside the map', async () => {
    const desktop = await journeys.visitor();
    await desktop.goto('/shops?category=food');
    await desktop.waitForSelector('[data-map][data-markers]');
    const map = await desktop.locator('[data-map]').boundingBox();
    const list = await desktop.locator('#shop-list').boundingBox();
    expect(list?.x ?? 0).toBeGreaterThan((map?.x ?? 0) + (map?.width ?? 0) - 1);
    await expectAccessible(desktop, 'the shop map on a desktop');
  });

  it('a business sets its hours on a phone, and a period without its closing time is refused in words', async () => {
    const business = await journeys.loggedInAs('plastic' as DemoAccount, phone);
    await business.goto('/shops/mine');
    await expectAccessible(business, 'the shop form on a phone');
    await business.locator('#category').selectOption('retail');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      await business.locator(`#${day}-1-opens`).fill('09:00');
      await business.locator(`#${day}-1-closes`).fill('17:00');
    }
    await business.locator('#sat-1-opens').fill('10:00');
    await business.locator('#sun-closed').check();
    await submit(business, business.getByRole('button', { name: '保存する' }));
    const problem = await textOf(business.locator('.error-summary'));
    expect(problem).toContain('土曜日の営業時間');
    expect(problem).toContain('開店と閉店の両方の時刻を入力してください');
    expect(await business.locator('#sat-1-closes').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(business, 'the refused shop form');
    await business.locator('#sat-1-closes').fill('15:00');
    await submit(business, business.getByRole('button', { name: '保存する' }));
    expect(await textOf(business.locator('[role="status"]'))).toContain('お店の情報を登録しました');
    await submit(business, business.getByRole('link', { name: 'お店のページを見る' }));
    expect(await textOf(business.locator('[data-table="hours"]'))).toContain('定休日');
  });

  it('staff make an edition of the paper map, print it with its legend and QR codes, and record the print run', async () => {
    const staff = await journeys.loggedInAs('shokokai');
    await staff.goto('/shops/editions');
    await staff.locator('#title').fill('五日市線沿線グルメマップ（試験）');
    await staff.locator('#fiscalYear').fill('2026');
    await staff.locator('#paper').selectOption('A3');
    await submit(staff, staff.getByRole('button', { name: '版をつくる' }));
    expect(await textOf(staff.locator('h1'))).toBe('五日市線沿線グルメマップ（試験）');
    const candidate = (name: string) => staff.locator('[data-list="candidates"] > li', { hasText: name });
    await candidate('カフェ 秋川テラス（架空）').locator('input[type="checkbox"]').check();
    await candidate('和菓子処 こもれび（架空）').locator('input[type="checkbox"]').check();
    await candidate('カフェ 秋川テラス（架空）').locator('input[name^="blurb-"]').fill('川を眺めるテラス席');
    await submit(staff, staff.getByRole('button', { name: '保存する' }));
    expect(await textOf(staff.locator('[role="status"]'))).toContain('版を保存しました');
    await expectAccessible(staff, 'an edition of the paper map');

    await submit(staff, staff.getByRole('link', { name: '印刷用ページを開く' }));
    const legend = staff.locator('[data-list="legend"] > li');
    expect(await legend.count()).toBe(2);
    expect(await legend.first().getAttribute('data-number')).toBe('1');
    expect(await staff.locator('.paper-map-pin').count()).toBe(2);
    expect(await staff.locator('[data-list="legend"] svg.qr-code').count()).toBe(2);
    expect(await textOf(staff.locator('[data-list="legend"]'))).toContain('川を眺めるテラス席');
    expect(await staff.locator('[data-print]').isVisible()).toBe(true);
    await expectAccessible(staff, 'the paper map print page');

    await staff.goBack();
    await staff.locator('#printRun').fill('30000');
    await staff.locator('#issuedOn').fill('2026-07-01');
    await submit(staff, staff.getByRole('button', { name: '記録する' }));
    expect(await textOf(staff.locator('[data-field="issued"]'))).toContain('30,000部');
  });
});
