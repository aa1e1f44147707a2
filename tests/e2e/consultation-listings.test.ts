import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, noBrowserChecks, phone } from './support/phone';

const owner = '譲渡 三郎（架空）';
const business = '架空の三郎製麺所';

/**
 * 事業承継マッチング on phones (decision 022): a Bi@Sta counsellor publishes an anonymous listing from
 * a succession case with the owner's consent (refused first when it names the owner); a business
 * registers as a successor candidate, finds the listing and expresses interest; the counsellor
 * records the owner's approval; the candidate accepts the pledge, and only then sees who the owner
 * is. axe finds nothing on any page.
 */
describe('事業承継マッチング: a candidate finds an anonymous listing and the owner is disclosed after approval and pledge', () => {
  let journeys: Journeys;
  let counsellor: Page;
  let candidate: Page;
  let listingPage = '';
  let casePage = '';

  beforeAll(async () => {
    journeys = await openJourneys();
    counsellor = await journeys.loggedInAs('bista', phone);
    candidate = await journeys.loggedInAs('business', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the counsellor publishes an anonymous listing from a succession case, with the consent recorded', async () => {
    await counsellor.goto('/consultations/new');
    await counsellor.locator('#name').fill(owner);
    await counsellor.locator('#kana').fill('じょうと さぶろう');
    await counsellor.locator('#kind').selectOption('succession');
    await counsellor.locator('#discussed').fill('72歳。子は継がない。第三者への承継を希望。');
    await submit(counsellor, counsellor.getByRole('button', { name: '記録する', exact: true }));
    casePage = new URL(counsellor.url()).pathname;
    await submit(counsellor, counsellor.getByRole('link', { name: /事業承継の案件情報/ }));
    await expectAccessible(counsellor, 'the publish form');

    await noBrowserChecks(counsellor, `form[action$="/listing"]`);
    await counsellor.locator('#industry').selectOption('food');
    await counsellor.locator('#area').selectOption('akigawa');
    await counsellor.locator('#employeesBand').selectOption('1-4');
    await counsellor.locator('#salesBand').selectOption('10m-50m');
    await counsellor.locator('#reason').fill(`${business}を継いでくれる人がいない`);
    await counsellor.locator('#hopes').fill('常連のお客様と味を大切にしてくれる方に');
    await counsellor.locator('#consentOn').fill(daysFromNow(0));
    await counsellor.locator('#ownerBusinessName').fill(business);
    await submit(counsellor, counsellor.getByRole('button', { name: '経営者の同意を得て公開する' }));
    expect(await textOf(counsellor.getByRole('alert'))).toContain('経営者の氏名や屋号が含まれています');
    await expectAccessible(counsellor, 'the refused listing');
    await counsellor.locator('#reason').fill('高齢で、親族に後継者がいないため');
    await submit(counsellor, counsellor.getByRole('button', { name: '経営者の同意を得て公開する' }));
    expect(await textOf(counsellor.getByRole('status'))).toContain('匿名で公開しました');
    expect(await textOf(counsellor.locator('[data-status="published"]'))).toContain('確認した相談員');
    await expectAccessible(counsellor, 'the published listing');
  });

  it('a business registers as a candidate, finds the listing without the owner, and expresses interest', async () => {
    await candidate.goto('/');
    await submit(candidate, candidate.getByRole('link', { name: '事業承継の案件情報' }).first());
    await expectAccessible(candidate, 'the listings before registering');
    await candidate.locator('#profile').fill('市内で飲食店を10年経営。2店舗目を探しています（架空）。');
    await submit(candidate, candidate.getByRole('button', { name: '後継者候補として登録する' }));
    expect(await textOf(candidate.getByRole('status'))).toContain('後継者候補として登録しました');
    const listings = candidate.locator('[data-list="listings"]');
    expect(await textOf(listings)).toContain('飲食業');
    expect(await textOf(listings)).toContain('秋川駅周辺');
    await expectAccessible(candidate, 'the listings');
    await submit(candidate, listings.getByRole('link').first());
    listingPage = new URL(candidate.url()).pathname;
    expect(await textOf(candidate.locator('main'))).not.toContain(owner);
    expect(await textOf(candidate.locator('main'))).not.toContain(business);
    await candidate.locator('#message').fill('ぜひ一度お話を伺いたいです。');
    await submit(candidate, candidate.getByRole('button', { name: '関心を伝える' }));
    expect(await textOf(candidate.getByRole('status'))).toContain('関心を伝えました');
    expect(await textOf(candidate.locator('main'))).not.toContain(owner);
    await expectAccessible(candidate, 'the listing with interest sent');
  });

  it('the counsellor records the owner’s approval; the candidate still sees no owner until the pledge', async () => {
    await counsellor.goto(`${casePage}/listing`);
    expect(await textOf(counsellor.locator('[data-list="interests"]'))).toContain(
      'ぜひ一度お話を伺いたいです',
    );
    await submit(
      counsellor,
      counsellor.getByRole('button', { name: 'この候補者への開示を経営者が承認した' }),
    );
    expect(await textOf(counsellor.getByRole('status'))).toContain('経営者の承認を記録しました');
    await expectAccessible(counsellor, 'the listing with an approved candidate');

    await candidate.goto(listingPage);
    expect(await textOf(candidate.locator('main'))).not.toContain(owner);
    await expectAccessible(candidate, 'the pledge');
    await submit(candidate, candidate.getByRole('button', { name: '誓約して経営者の開示を受ける' }));
    expect(await textOf(candidate.getByRole('alert'))).toContain('チェックを入れてください');
    expect(await textOf(candidate.locator('main'))).not.toContain(owner);
    await candidate.locator('#pledge').check();
    await submit(candidate, candidate.getByRole('button', { name: '誓約して経営者の開示を受ける' }));
    expect(await textOf(candidate.getByRole('status'))).toContain('経営者を開示します');
    expect(await textOf(candidate.locator('[data-owner="name"]'))).toBe(owner);
    expect(await textOf(candidate.locator('main'))).toContain(business);
    await expectAccessible(candidate, 'the disclosed owner');
  });
});
