import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeSelfCheck } from '../../src/modules/consultations';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { daysFromNow, expectAccessible, noBrowserChecks, phone } from './support/phone';

const itsukaichi = '五日市（武蔵五日市駅周辺）';

/**
 * On a phone: four owners in 五日市's retail trade agreed that their self-check answers are counted;
 * the 商工会 sees 五日市 as 「5未満」 on the map and in the table, never 4. A fifth owner takes the
 * self-check on a phone, ticks the consent, and 五日市 shows 5. The 商工会 records a seminar there,
 * refused first for a missing number. axe finds nothing.
 */
describe('the succession needs map hides a group smaller than 5', () => {
  let journeys: Journeys;
  let chamber: Page;
  let owner: Page;

  const areaRow = (page: Page) => page.locator('table[data-table="by-area"] tr[data-area="itsukaichi"]');

  beforeAll(async () => {
    journeys = await openJourneys();
    const plan = journeys.server.plans.defaultPlan;
    for (let i = 0; i < 4; i++) {
      await takeSelfCheck(
        journeys.server.database.db,
        plan.municipalityCode,
        {
          age: i % 2 ? '60s' : '70-plus',
          successor: 'none',
          told: 'no-one',
          people: 'not-yet',
          finances: 'not-yet',
          organisation: 'not-yet',
          advice: 'no',
          area: 'itsukaichi',
          industry: 'retail',
          needsConsent: 'yes',
          key: `e2e-needs-owner-${i}`,
        },
        { areas: plan.file.areas },
      );
    }
    chamber = await journeys.loggedInAs('shokokai', phone);
    owner = await journeys.visitor(phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('shows four owners as 「5未満」 on the map and in the table, never the number', async () => {
    await chamber.goto('/');
    await submit(chamber, chamber.getByRole('link', { name: '事業承継ニーズマップ' }));
    expect(await textOf(areaRow(chamber).locator('td').first())).toBe('5未満');
    const marker = chamber.getByRole('button', { name: `${itsukaichi}：5未満` });
    await marker.waitFor();
    expect(await textOf(marker)).toBe('5未満');
    expect(await textOf(chamber.locator('main'))).not.toMatch(/(^|[^0-9])4人/);
    await expectAccessible(chamber, 'the needs map with a group of four');
  });

  it('a fifth owner takes the self-check on a phone and agrees to be counted', async () => {
    await owner.goto('/consultations/self-check');
    for (const id of [
      'age-60s',
      'successor-candidate',
      'told-no',
      'people-not-yet',
      'finances-not-yet',
      'organisation-not-yet',
      'advice-no',
    ])
      await owner.locator(`#${id}`).check();
    await owner.locator('#area').selectOption('itsukaichi');
    await owner.locator('#industry').selectOption('retail');
    await owner.locator('#needsConsent').check();
    await expectAccessible(owner, 'the self-check with its consent to be counted');
    await submit(owner, owner.getByRole('button', { name: '結果を見る' }));
    expect(await textOf(owner.locator('#result'))).toBe('今すぐ準備を始めましょう');
  });

  it('the 商工会 now sees 5 in 五日市', async () => {
    await chamber.goto('/succession/needs');
    expect(await textOf(areaRow(chamber).locator('td').first())).toBe('5');
    await chamber.getByRole('button', { name: `${itsukaichi}：5` }).waitFor();
    const cell = chamber.locator(
      'table[data-table="by-area-and-industry"] tr[data-area="itsukaichi"] td[data-shown="count"]',
    );
    expect(await textOf(cell.first())).toBe('5');
  });

  it('records a seminar in 五日市, refused first without the number of owners reached', async () => {
    await noBrowserChecks(chamber, 'form[data-form="outreach"]');
    await chamber.locator('#heldOn').fill(daysFromNow(-3));
    await chamber.locator('#area').selectOption('itsukaichi');
    await chamber.locator('#kind').selectOption('seminar');
    await submit(chamber, chamber.getByRole('button', { name: '記録する' }));
    expect(await textOf(chamber.getByRole('alert'))).toContain('接触した人数を0以上の整数で入力してください');
    await expectAccessible(chamber, 'the refused outreach');
    await chamber.locator('#reached').fill('9');
    await chamber.locator('#note').fill('事業承継セミナー（架空）');
    await submit(chamber, chamber.getByRole('button', { name: '記録する' }));
    await chamber.getByRole('status').filter({ hasText: '掘り起こしを記録しました' }).waitFor();
    const records = chamber.locator('[data-records="itsukaichi"]');
    expect(await textOf(records)).toContain('セミナー 9人：事業承継セミナー（架空）');
    await expectAccessible(chamber, 'the needs map with the seminar recorded');
  });
});
