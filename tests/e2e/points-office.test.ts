import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveShop, joinProgramme, programmeRulesOf } from '../../src/modules/points';
import { pointsShops } from '../../src/modules/points/schema';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { actorOf } from '../integration/helpers';
import { type DemoAccount, type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

const seiko = '株式会社あきがわ精工（架空）';
const plastic = '株式会社武蔵引田プラスチック（架空）';

/**
 * The るのかーど office (商工会 staff) on a phone: sets the points rate, a wrong one refused in words
 * first; enrols a business of the directory from a paper application by choosing its name from the
 * suggestions; ends a shop's participation and takes it back in. The enrolled shop awards points at
 * the new rate, then tries to stop taking るのかーど without ticking the confirmation, is told so,
 * and stops once it ticks, keeping its statement. axe checks every page at 360 px.
 */
describe('るのかーど office: the points rate, enrolling, ending and taking back a shop; a shop stops', () => {
  let journeys: Journeys;
  let office: Page;
  let municipalityCode = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    const db = journeys.server.database.db;
    const admin = await actorOf(journeys.server, 'admin');
    municipalityCode = admin.municipalityCode;
    // the demo's business account that keeps 株式会社あきがわ精工 (not among the journeys' DemoAccount names)
    const owner = await actorOf(journeys.server, 'seiko' as Parameters<typeof actorOf>[1]);
    await approveShop(db, admin, (await joinProgramme(db, owner)).shop.id);
    office = await journeys.loggedInAs('shokokai', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  /** Clicks a form's button and waits for the page it answers with; that answer's response. */
  const send = async (page: Page, button: ReturnType<Page['getByRole']>): Promise<Response> => {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await submit(page, button);
    return answer;
  };
  const shopCard = (name: string) => office.locator('[data-list="shops"] > li').filter({ hasText: name });
  const shopStatus = async (name: string) => {
    const [shop] = await journeys.server.database.db
      .select({ status: pointsShops.status })
      .from(pointsShops)
      .where(eq(pointsShops.businessName, name));
    return shop?.status;
  };

  it('the office sets the points rate: a wrong rate is refused in Japanese and changes nothing, then 200', async () => {
    await office.goto('/points/manage');
    await expectAccessible(office, 'the office page');
    const rules = office.locator('[data-field="rules"]');
    expect(await textOf(rules)).toContain('いまは100円ごとに1ポイント');
    await noBrowserChecks(office, 'form[action="/points/manage/programme"]');
    await office.locator('#yenPerPoint').fill('百');
    const refused = await send(office, office.getByRole('button', { name: 'ルールを保存する' }));
    expect(refused.status()).toBe(422);
    const programme = office.locator('section[aria-labelledby="programme-heading"]');
    expect(await textOf(programme.getByRole('alert'))).toBe(
      '付与率は「何円ごとに1ポイント」かを1〜100,000の整数で入力してください（例：100）。',
    );
    // what was typed stays, to be corrected; the rules are as they were
    expect(await office.locator('#yenPerPoint').inputValue()).toBe('百');
    expect(await textOf(rules)).toContain('いまは100円ごとに1ポイント');
    expect((await programmeRulesOf(journeys.server.database.db, municipalityCode)).yenPerPoint).toBe(100);
    await expectAccessible(office, 'the office page with a wrong rate');

    await office.locator('#yenPerPoint').fill('200');
    const saved = await send(office, office.getByRole('button', { name: 'ルールを保存する' }));
    expect(saved.status()).toBe(303);
    expect(await office.getByRole('status').textContent()).toBe('ポイントのルールを保存しました。');
    expect(await textOf(rules)).toBe(
      'いまは200円ごとに1ポイント。ポイントでの支払い：できる（商品券の残高の次に使われます）',
    );
    expect(await office.locator('#yenPerPoint').inputValue()).toBe('200');
    expect(await office.locator('#pointsPay').isChecked()).toBe(true);
    expect(await programmeRulesOf(journeys.server.database.db, municipalityCode)).toMatchObject({
      yenPerPoint: 200,
      pointsPay: true,
    });
    await expectAccessible(office, 'the office page with the rate saved');
  });

  it('the office enrols a business from a paper application by choosing its name from the suggestions', async () => {
    const business = office.locator('#business');
    const suggestions = async () =>
      office
        .locator(`datalist#${await business.getAttribute('list')} option`)
        .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
    // the directory's published businesses, without the one that already takes part
    expect(await suggestions()).toContain(plastic);
    expect(await suggestions()).not.toContain(seiko);

    // a name that is not the directory's is refused and says what to do
    await business.fill('武蔵引田プラスチック');
    const refused = await send(office, office.getByRole('button', { name: '取扱店舗として登録する' }));
    expect(refused.status()).toBe(422);
    expect(await textOf(office.getByRole('alert'))).toBe(
      '事業者名簿に公開中の事業者として見つかりません。名簿に載っている名前を候補から選んでください。',
    );
    expect(await business.inputValue()).toBe('武蔵引田プラスチック');
    expect(await shopStatus(plastic)).toBeUndefined();
    await expectAccessible(office, 'the office page with an unknown business');

    // the suggestion that matches what was typed, as the phone's list of suggestions offers it
    const typed = await business.inputValue();
    const chosen = (await suggestions()).filter((name) => name.includes(typed));
    expect(chosen).toEqual([plastic]);
    await business.fill(chosen[0] as string);
    await submit(office, office.getByRole('button', { name: '取扱店舗として登録する' }));
    expect(await office.getByRole('status').textContent()).toBe(
      '取扱店舗として登録しました。店舗コードとQRポスターは店舗のページにあります。',
    );
    expect(await textOf(shopCard(plastic).locator('.badge'))).toBe('取扱中');
    expect(await textOf(office.locator('#shops-heading'))).toBe('取扱店舗（取扱中 2店・全2店）');
    expect(await suggestions()).not.toContain(plastic);
    expect(await shopStatus(plastic)).toBe('approved');
    await expectAccessible(office, 'the office page after enrolling a shop');
  });

  it('the office ends a shop’s participation and takes it back in; the shop’s phone shows each', async () => {
    const card = shopCard(seiko);
    await card.locator('summary').filter({ hasText: '取扱を終了する' }).click();
    await card.getByLabel('理由（任意・200文字まで）').fill('店舗改装のため休業（架空）');
    await expectAccessible(office, 'the office page with a shop’s ending open');
    await submit(office, card.getByRole('button', { name: `${seiko}の取扱を終了する` }));
    expect(await office.getByRole('status').textContent()).toBe(
      '取扱を終了しました。この店舗での支払いはできなくなりました。残高は次の精算で支払われます。',
    );
    expect(await textOf(card.locator('.badge'))).toBe('取扱終了');
    expect(await textOf(card.locator('.hint'))).toMatch(/^令和\d+年\d{1,2}月\d{1,2}日に取扱終了$/);
    expect(await textOf(office.locator('#shops-heading'))).toBe('取扱店舗（取扱中 1店・全2店）');
    expect(await shopStatus(seiko)).toBe('withdrawn');
    await expectAccessible(office, 'the office page with a shop that left');

    const till = await journeys.loggedInAs('seiko' as DemoAccount, phone);
    await till.goto('/points/shop');
    expect(await textOf(till.locator('[data-field="shop-status"]'))).toBe(
      '取扱いを終了しています。再開は事務局にご相談ください。',
    );
    expect(await till.getByRole('button', { name: '送信する' }).count()).toBe(0);
    await expectAccessible(till, 'the shop’s page after the office ended its participation');

    await submit(office, card.getByRole('button', { name: `${seiko}の取扱を再開する` }));
    expect(await office.getByRole('status').textContent()).toBe(
      '取扱を再開しました。店舗コードとQRポスターは前と同じです。',
    );
    expect(await textOf(card.locator('.badge'))).toBe('取扱中');
    expect(await shopStatus(seiko)).toBe('approved');
    await expectAccessible(office, 'the office page with the shop taken back in');
    await till.goto('/points/shop');
    expect(await textOf(till.locator('h1'))).toBe(`るのかーど端末：${seiko}`);
  });

  let shop: Page;

  it('the enrolled shop awards points at the new rate: a 1,000円 purchase gives 5 points', async () => {
    const resident = await journeys.loggedInAs('resident', phone);
    await resident.goto('/points/wallet');
    await submit(resident, resident.getByRole('button', { name: '支払い用のQRコードを表示' }));
    const code = await textOf(resident.locator('[data-field="wallet-code"]'));

    shop = await journeys.loggedInAs('plastic' as DemoAccount, phone);
    await shop.goto('/points/shop');
    await expectAccessible(shop, 'the enrolled shop’s terminal');
    expect(await textOf(shop.locator('label[for="operation-award"]'))).toBe(
      'ポイントを付与する（200円ごとに1ポイント）',
    );
    await shop.locator('#operation-award').check();
    await shop.locator('#amount').fill('1000');
    // typed from under the QR code, as when the camera cannot read it
    await shop.locator('#walletCode').fill(code);
    await submit(shop, shop.getByRole('button', { name: '送信する' }));
    expect(await shop.getByRole('status').textContent()).toBe('5ポイントを付与しました。');
    await expectAccessible(shop, 'the enrolled shop’s terminal after awarding points');

    await resident.goto('/points/wallet');
    expect(await resident.locator('[data-field="points"]').textContent()).toBe('5ポイント');
    expect(await textOf(resident.locator('[data-list="history"] tbody tr').first())).toContain(plastic);
  });

  it('the shop cannot stop taking るのかーど without ticking the confirmation; ticked, it stops and keeps its statement', async () => {
    await shop.goto('/points/shop');
    const withdraw = shop.locator('section[aria-labelledby="withdraw-heading"]');
    await withdraw.locator('summary').click();
    await withdraw.getByLabel('理由（任意・200文字まで）').fill('キャッシュレス決済を見直すため（架空）');
    await expectAccessible(shop, 'the terminal with stopping open');
    const refused = await send(shop, withdraw.getByRole('button', { name: '取扱をやめる', exact: true }));
    expect(refused.status()).toBe(422);
    expect(await textOf(withdraw.getByRole('alert'))).toBe(
      '取扱をやめることを確認するチェックを入れてください。',
    );
    // the form is still open, with the reason kept, and the shop still takes payments
    expect(await withdraw.locator('details').getAttribute('open')).not.toBeNull();
    expect(await withdraw.getByLabel('理由（任意・200文字まで）').inputValue()).toBe(
      'キャッシュレス決済を見直すため（架空）',
    );
    expect(await textOf(shop.locator('h1'))).toBe(`るのかーど端末：${plastic}`);
    expect(await shopStatus(plastic)).toBe('approved');
    await expectAccessible(shop, 'the terminal refusing to stop without the tick');

    await withdraw.getByLabel(`${plastic}でのるのかーどの取扱をやめます`).check();
    await submit(shop, withdraw.getByRole('button', { name: '取扱をやめる', exact: true }));
    expect(await shop.getByRole('status').textContent()).toBe(
      '取扱をやめました。お店の残高は次の精算で支払われます。',
    );
    expect(await textOf(shop.locator('[data-field="shop-status"]'))).toBe(
      '取扱いを終了しています。再開は事務局にご相談ください。',
    );
    expect(await shopStatus(plastic)).toBe('withdrawn');
    expect(await textOf(shop.locator('#statement-heading'))).toBe('過去の月次明細');
    await expectAccessible(shop, 'the shop’s page after it stopped');

    // its statement of the month is still there, with the 5 points it awarded
    const [download] = await Promise.all([
      shop.waitForEvent('download'),
      shop.getByRole('button', { name: '明細をダウンロード（CSV）' }).click(),
    ]);
    const statement = await readFile(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe(`るのかーど明細_${plastic}_${todayInJapan().slice(0, 7)}.csv`);
    expect(statement.split('\r\n').find((line) => line.startsWith('合計'))).toBe('合計,,,0,0,5,,');

    await office.goto('/points/manage');
    expect(await textOf(shopCard(plastic).locator('.badge'))).toBe('取扱終了');
    expect(await textOf(office.locator('#shops-heading'))).toBe('取扱店舗（取扱中 1店・全2店）');
  });
});
