import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * An owner takes the 事業承継診断 on a phone without an account, reads the result and agrees to be
 * contacted (refused first without the box ticked); a Bi@Sta counsellor finds the lead, records a
 * consultation from it; the city sees the counts by area and industry and no name. axe finds nothing.
 */
describe('事業承継診断: an owner takes the self-check and a counsellor takes up the lead', () => {
  let journeys: Journeys;
  let owner: Page;
  let counsellor: Page;

  beforeAll(async () => {
    journeys = await openJourneys();
    owner = await journeys.visitor(phone);
    counsellor = await journeys.loggedInAs('bista');
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the owner answers the questions and reads the result', async () => {
    await owner.goto('/');
    await submit(owner, owner.getByRole('link', { name: '事業承継診断' }));
    await expectAccessible(owner, 'the self-check');
    for (const id of [
      'age-70-plus',
      'successor-candidate',
      'told-no',
      'people-not-yet',
      'finances-not-yet',
      'organisation-started',
      'advice-no',
    ])
      await owner.locator(`#${id}`).check();
    await owner.locator('#area').selectOption('itsukaichi');
    await owner.locator('#industry').selectOption('manufacturing');
    await submit(owner, owner.getByRole('button', { name: '結果を見る' }));
    expect(await textOf(owner.locator('#result'))).toBe('今すぐ準備を始めましょう');
    await expectAccessible(owner, 'the result');
  });

  it('asking to be contacted without ticking the consent is refused; with it, accepted', async () => {
    await noBrowserChecks(owner, 'form[action$="/consent"]');
    await owner.locator('#name').fill('診断 花子（架空）');
    await owner.locator('#kana').fill('しんだん はなこ');
    await owner.locator('#contact').fill('042-000-9999');
    await submit(owner, owner.getByRole('button', { name: '同意して連絡を希望する' }));
    expect(await textOf(owner.getByRole('alert'))).toContain('チェックを入れてください');
    await expectAccessible(owner, 'the refused consent');
    await owner.locator('#consent').check();
    await submit(owner, owner.getByRole('button', { name: '同意して連絡を希望する' }));
    expect(await textOf(owner.getByRole('status'))).toContain('Bi@Sta の相談員から');
  });

  it('the counsellor finds the lead and records a consultation from it', async () => {
    await counsellor.goto('/consultations');
    const leads = counsellor.locator('[data-list="leads"]');
    expect(await textOf(leads)).toContain('診断 花子（架空）');
    await expectAccessible(counsellor, 'the consultations page with a lead');
    await submit(counsellor, leads.getByRole('link', { name: /相談を記録する/ }).first());
    expect(await counsellor.locator('#name').inputValue()).toBe('診断 花子（架空）');
    expect(await counsellor.locator('#kind').inputValue()).toBe('succession');
    await expectAccessible(counsellor, 'the form from a lead');
    await counsellor.locator('#discussed').fill('診断結果を受けて来所。後継者候補の長男とまだ話していない。');
    await submit(counsellor, counsellor.getByRole('button', { name: '記録する', exact: true }));
    expect(await textOf(counsellor.getByRole('status'))).toContain('新規相談者');
    await counsellor.goto('/consultations');
    expect(await textOf(counsellor.locator('[data-list="leads"]'))).toContain('相談案件あり');
  });

  it('the city sees how many took it and became leads, by area and industry, without names', async () => {
    const city = await journeys.loggedInAs('admin');
    await city.goto('/consultations/self-check/summary');
    expect(await textOf(city.locator('[data-field="taken"]'))).toBe('1');
    expect(await textOf(city.locator('[data-field="leads"]'))).toBe('1');
    expect(await textOf(city.locator('main'))).not.toContain('診断 花子');
    expect(await textOf(city.locator('main'))).toContain('製造業');
    await expectAccessible(city, 'the self-check summary');
  });
});
