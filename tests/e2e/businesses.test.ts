import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * On a phone: a resident searches the directory in katakana and opens a business's page. A business
 * registers its profile (a wrong 法人番号 and a position outside the city refused first, with what was
 * typed kept) and a photo of its shop, which stay off the directory until the 商工会's staff approve it; then anyone finds it.
 * axe finds nothing on any page.
 */
describe('business directory: a resident finds a business, a business registers and staff approve', () => {
  let journeys: Journeys;
  let resident: Page;
  let business: Page;
  let staff: Page;
  let profileUrl = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    resident = await journeys.loggedInAs('resident', phone);
    business = await journeys.loggedInAs('business', phone);
    staff = await journeys.loggedInAs('shokokai', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('a resident searches ワガシ and finds the 和菓子 shop first', async () => {
    await resident.goto('/');
    await submit(resident, resident.getByRole('link', { name: '事業者をさがす' }).first());
    await expectAccessible(resident, 'the directory');
    await resident.locator('#filter-q').fill('ワガシ');
    await submit(resident, resident.getByRole('button', { name: 'さがす', exact: true }));
    const first = resident.locator('[data-list="businesses"] > li').first();
    expect(await textOf(first)).toContain('和菓子処 こもれび（架空）');
    await expectAccessible(resident, 'the directory with results');
  });

  it("the business's page shows what it makes, with its LocalBusiness data", async () => {
    await submit(resident, resident.getByRole('link', { name: '和菓子処 こもれび（架空）' }));
    expect(await textOf(resident.locator('h1'))).toBe('和菓子処 こもれび（架空）');
    expect(await textOf(resident.locator('[data-field="products"]'))).toContain('上生菓子');
    const jsonLd = await resident.locator('script[type="application/ld+json"]').textContent();
    expect(JSON.parse(jsonLd ?? '{}')['@type']).toBe('LocalBusiness');
    await expectAccessible(resident, "a business's page");
  });

  it('a wrong 法人番号 and a position outside the city are refused, with the typed text kept', async () => {
    await business.goto('/businesses/mine');
    await expectAccessible(business, 'the empty profile form');
    await noBrowserChecks(business, 'form.stack');
    await business.locator('#legalForm').selectOption('corporation');
    await business.locator('#name').fill('株式会社つなぐ和菓子工房（架空）');
    await business.locator('#kana').fill('つなぐわがしこうぼう');
    await business.locator('#corporateNumber').fill('8123456789012');
    await business.locator('#industryMajor').selectOption('E');
    await business.locator('#industryMiddle').selectOption('09');
    await business.locator('#address').fill('あきる野市秋川0-0-77（架空）');
    await business.locator('#area').selectOption('akigawa');
    await business.locator('#latitude').fill('35.6812');
    await business.locator('#longitude').fill('139.7671');
    await business.locator('#tags').fill('和菓子、OEM、焼き菓子');
    await business.locator('#contactPhone').fill('042-000-7777');
    await submit(business, business.getByRole('button', { name: '登録を申請する' }));
    const alert = await textOf(business.getByRole('alert'));
    expect(alert).toContain('法人番号: 法人番号が正しくありません');
    expect(alert).toContain('経度: あきる野市の中の位置にしてください');
    expect(await business.locator('#corporateNumber').getAttribute('aria-invalid')).toBe('true');
    expect(await business.locator('#name').inputValue()).toBe('株式会社つなぐ和菓子工房（架空）');
    await expectAccessible(business, 'the refused profile form');
  });

  it('the corrected profile is received and waits for approval', async () => {
    await business.locator('#corporateNumber').fill('7123456789012');
    await business.locator('#latitude').fill('35.7285');
    await business.locator('#longitude').fill('139.2870');
    await submit(business, business.getByRole('button', { name: '登録を申請する' }));
    expect(await textOf(business.getByRole('status'))).toContain('職員が確認してから公開されます');
    expect(await business.locator('[data-status]').first().getAttribute('data-status')).toBe('pending');
    await expectAccessible(business, 'the saved profile');
    await resident.goto(`/businesses?q=${encodeURIComponent('つなぐ和菓子')}`);
    expect(await resident.locator('[data-empty="businesses"]').count()).toBe(1);
  });

  it('the business adds a photo of its shop to the profile', async () => {
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#c08850' } })
      .jpeg()
      .toBuffer();
    await business
      .locator('#photo')
      .setInputFiles({ name: 'shop.jpg', mimeType: 'image/jpeg', buffer: photo });
    await business.locator('#caption').fill('店先の和菓子');
    await submit(business, business.getByRole('button', { name: '写真を追加する' }));
    expect(await textOf(business.getByRole('status'))).toContain('写真を追加しました');
    expect(await business.locator('#photos img[alt="店先の和菓子"]').count()).toBe(1);
    await expectAccessible(business, 'the profile with its photo');
  });

  it('the 商工会 approves it and anyone finds it, without its private phone', async () => {
    await staff.goto('/businesses/review');
    await expectAccessible(staff, 'the approval list');
    await submit(staff, staff.getByRole('button', { name: /株式会社つなぐ和菓子工房（架空）を承認/ }));
    expect(await textOf(staff.getByRole('status'))).toContain('承認しました');
    profileUrl = new URL(staff.url()).pathname;
    await resident.goto(`/businesses?q=${encodeURIComponent('ﾂﾅｸﾞ')}`);
    expect(await textOf(resident.locator('[data-list="businesses"]'))).toContain(
      '株式会社つなぐ和菓子工房（架空）',
    );
    await resident.goto(profileUrl);
    expect(await resident.content()).not.toContain('042-000-7777');
    const shown = resident.locator('[data-list="photos"] img[alt="店先の和菓子"]');
    await shown.scrollIntoViewIfNeeded();
    expect(await shown.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
      1600,
    );
    await expectAccessible(resident, 'the approved business page');
  });
});
