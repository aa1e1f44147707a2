import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * On a phone: a 商店会 posts a vacant shop (a position outside the city and rent as text refused
 * first, with what was typed kept) and adds a photo; it stays off the list until Bi@Sta's staff
 * approve it; a resident starting a bakery finds it by kind, area and rent, opens it from its marker on
 * the map (no tiles in reach: the markers work alone) and sends an inquiry; the
 * 商店会 reads it and marks the shop 成約 by a start-up. axe finds nothing on any page.
 */
describe('vacant properties: a 商店会 posts, staff approve, an applicant inquires, the poster marks 成約', () => {
  let journeys: Journeys;
  let association: Page;
  let staff: Page;
  let applicant: Page;
  let listingUrl = '';
  const title = 'つなぐ通り 1階の空き店舗（架空）';
  const startupsOfShops = async () => {
    await staff.goto('/properties/statistics');
    const shops = staff.locator('[data-table="by-kind"] tr[data-row="shop"]');
    return Number(await textOf(shops.locator('[data-field="startups"]')));
  };
  let startupsBefore = 0;

  beforeAll(async () => {
    journeys = await openJourneys();
    association = await journeys.loggedInAs('shotenkai', phone);
    staff = await journeys.loggedInAs('bista', phone);
    applicant = await journeys.loggedInAs('resident', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('refuses a position outside the city and rent as text, keeping what was typed', async () => {
    await association.goto('/properties/mine');
    await expectAccessible(association, 'the poster’s listings');
    await submit(association, association.getByRole('link', { name: '空き物件を掲載する' }).first());
    await expectAccessible(association, 'the empty listing form');
    await noBrowserChecks(association, 'form.stack');
    await association.locator('#kind').selectOption('shop');
    await association.locator('#title').fill(title);
    await association.locator('#floorAreaM2').fill('38.5');
    await association.locator('#deal').selectOption('rent');
    await association.locator('#priceYen').fill('月7万円');
    await association.locator('#uses').fill('飲食可、パン屋向き');
    await association.locator('#address').fill('あきる野市秋川0-0-88（架空）');
    await association.locator('#area').selectOption('akigawa');
    await association.locator('#latitude').fill('35.6812');
    await association.locator('#longitude').fill('139.7671');
    await association.locator('#ownerContact').fill('042-000-8888（架空）');
    await submit(association, association.getByRole('button', { name: '掲載を申請する' }));
    const alert = await textOf(association.getByRole('alert'));
    expect(alert).toContain('経度: あきる野市の中の位置にしてください');
    expect(alert).toContain('円単位の整数');
    expect(await association.locator('#priceYen').getAttribute('aria-invalid')).toBe('true');
    expect(await association.locator('#title').inputValue()).toBe(title);
    await expectAccessible(association, 'the refused listing form');
  });

  it('the corrected listing waits for approval, and its poster adds a photo', async () => {
    await association.locator('#priceYen').fill('72000');
    await association.locator('#latitude').fill('35.7288');
    await association.locator('#longitude').fill('139.2866');
    await submit(association, association.getByRole('button', { name: '掲載を申請する' }));
    expect(await textOf(association.getByRole('status').first())).toContain('職員が確認してから公開されます');
    listingUrl = new URL(association.url()).pathname;
    expect(await association.locator('[data-approval="pending"]').count()).toBe(1);
    await expectAccessible(association, 'the pending listing');
    await submit(association, association.getByRole('link', { name: '変更・状況・写真・問い合わせ' }));
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#d9a066' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 43/1 44/1' } })
      .toBuffer();
    await association
      .locator('#photo')
      .setInputFiles({ name: 'storefront.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submit(association, association.getByRole('button', { name: '写真を追加する' }));
    expect(await association.locator('#photos img').count()).toBe(1);
    await expectAccessible(association, 'the manage page');
  });

  it('a visitor does not find it before Bi@Sta approves it', async () => {
    const visitor = await journeys.visitor(phone);
    await visitor.goto('/properties?kind=shop');
    expect(await visitor.locator(`text=${title}`).count()).toBe(0);
    startupsBefore = await startupsOfShops();
    await staff.goto('/properties/review');
    await expectAccessible(staff, 'the approval list');
    await submit(staff, staff.getByRole('button', { name: `${title}を承認して公開する` }));
    expect(await textOf(staff.getByRole('status').first())).toContain('承認しました');
  });

  it('the applicant finds it by kind, area and rent, and sends an inquiry', async () => {
    await applicant.goto('/');
    await submit(applicant, applicant.getByRole('link', { name: '空き物件をさがす' }).first());
    await expectAccessible(applicant, 'the property list');
    await applicant.locator('#filter-kind').selectOption('shop');
    await applicant.locator('#filter-area').selectOption('akigawa');
    await applicant.locator('#filter-maxYen').fill('80000');
    await submit(applicant, applicant.getByRole('button', { name: 'さがす', exact: true }));
    const card = applicant.locator('[data-list="properties"] > li', { hasText: title });
    expect(await card.count()).toBe(1);
    // the map beside the list has a marker for each listing found, and opens it from the keyboard
    await applicant.waitForSelector('[data-map][data-markers]');
    const listed = await applicant.locator('[data-list="properties"] > li').count();
    expect(await applicant.locator('.map-canvas .map-marker').count()).toBe(listed);
    await expectAccessible(applicant, 'the list and map with results');
    await applicant.getByRole('button', { name: title }).focus();
    await applicant.keyboard.press('Enter');
    const link = applicant.locator('.leaflet-popup-content a');
    await link.waitFor();
    expect(await textOf(link)).toBe(title);
    await submit(applicant, link);
    expect(await textOf(applicant.locator('[data-field="price"]'))).toContain('月額 72,000円');
    expect(await applicant.content()).not.toContain('042-000-8888');
    expect(await applicant.locator('img[src*="/photos/"]').count()).toBe(1);
    await expectAccessible(applicant, 'the property page');
    await applicant.locator('#businessPlan').fill('天然酵母のパン屋（架空）');
    await applicant.locator('#startingWhen').fill('2027年春');
    await applicant.locator('#budgetYen').fill('75000');
    await applicant.locator('#shareWithCounsellor').check();
    await submit(applicant, applicant.getByRole('button', { name: '問い合わせを送る' }));
    expect(await textOf(applicant.getByRole('status').first())).toContain('問い合わせを送りました');
    await expectAccessible(applicant, 'the inquiry sent');
  });

  it('the 商店会 reads the inquiry and marks the shop 成約 by a start-up', async () => {
    await association.goto(`${listingUrl}/manage`);
    const inquiry = association.locator('[data-list="inquiries"] > li').first();
    expect(await textOf(inquiry)).toContain('天然酵母のパン屋（架空）');
    expect(await textOf(inquiry)).toContain('resident@demo.tsunagu.example');
    await association.locator('#stage-select').selectOption('contracted');
    await association.locator('#startup').check();
    await submit(association, association.getByRole('button', { name: '状況を変更する' }));
    expect(await association.locator('[data-stage="contracted"]').count()).toBeGreaterThan(0);
    await expectAccessible(association, 'the contracted listing');
    const visitor = await journeys.visitor(phone);
    await visitor.goto('/properties');
    expect(await visitor.locator(`text=${title}`).count()).toBe(0);
  });

  it('staff read the 成約 by a start-up on the statistics page', async () => {
    expect(await startupsOfShops()).toBe(startupsBefore + 1);
    await expectAccessible(staff, 'the statistics');
  });
});
