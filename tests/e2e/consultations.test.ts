import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * A Bi@Sta counsellor, on a phone, records a start-up consultation with a person who has no account
 * (a wrong follow-up date first, refused with nothing written), sees the person counted as a new
 * client, records the follow-up consultation on the case, and finds the follow-up due this week.
 * The 商工会's counsellor cannot open Bi@Sta's case; an association has no consultations at all.
 * axe finds nothing on any page.
 */
describe('consultations: a counsellor records a consultation and its follow-up', () => {
  let journeys: Journeys;
  let counsellor: Page;
  let caseUrl = '';
  const today = todayInJapan();

  beforeAll(async () => {
    journeys = await openJourneys();
    counsellor = await journeys.loggedInAs('bista', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('the counsellor opens the consultations page from the menu', async () => {
    await counsellor.goto('/');
    await submit(counsellor, counsellor.getByRole('link', { name: '相談記録' }).first());
    expect(await textOf(counsellor.locator('h1'))).toBe('相談記録');
    await expectAccessible(counsellor, 'the consultations page, empty');
  });

  it('a follow-up date before the consultation is refused with the typed text kept', async () => {
    await submit(counsellor, counsellor.getByRole('link', { name: '相談を記録する' }));
    await expectAccessible(counsellor, 'the form for a new consultation');
    await noBrowserChecks(counsellor, 'form.stack');
    await counsellor.locator('#name').fill('創業 花子（架空）');
    await counsellor.locator('#kana').fill('そうぎょう はなこ');
    await counsellor.locator('#contact').fill('042-000-1234');
    await counsellor.locator('#kind').selectOption('startup');
    await counsellor.locator('#discussed').fill('カフェの開業について。資金計画と物件探し。');
    await counsellor.locator('#nextStep').fill('事業計画書の下書きを持参してもらう');
    await counsellor.locator('#followUpOn').fill('2020-01-01');
    await submit(counsellor, counsellor.getByRole('button', { name: '記録する' }));
    const alert = await textOf(counsellor.getByRole('alert'));
    expect(alert).toContain('フォローアップ予定日: 相談日と同じか、それより後の日にしてください。');
    expect(await counsellor.locator('#followUpOn').getAttribute('aria-invalid')).toBe('true');
    expect(await counsellor.locator('#name').inputValue()).toBe('創業 花子（架空）');
    await expectAccessible(counsellor, 'the refused form');
  });

  it('a corrected form records the consultation and counts the person as a new client', async () => {
    await counsellor.locator('#followUpOn').fill(today);
    await submit(counsellor, counsellor.getByRole('button', { name: '記録する' }));
    caseUrl = new URL(counsellor.url()).pathname;
    expect(caseUrl).toMatch(/^\/consultations\/cases\/\d+$/);
    expect(await textOf(counsellor.getByRole('status'))).toContain('新規相談者として数えます');
    expect(await textOf(counsellor.locator('[data-list="timeline"]'))).toContain('新規相談者');
    expect(await textOf(counsellor.locator('[data-rule="new-client"]').first())).toContain(
      '最初の相談を、その相談日の年度',
    );
    await expectAccessible(counsellor, 'the case page');
  });

  it("the follow-up due this week is on the counsellor's page", async () => {
    await counsellor.goto('/consultations');
    const followUps = counsellor.locator('[data-list="follow-ups"]');
    expect(await textOf(followUps)).toContain('創業 花子（架空）');
    expect(await textOf(counsellor.locator('main table'))).toContain('新規相談者');
    await expectAccessible(counsellor, 'the consultations page with a follow-up');
  });

  it('recording the follow-up consultation settles it, as a continuing client', async () => {
    await counsellor.goto(caseUrl);
    await counsellor.locator('#discussed').fill('電話で進み具合を確認。計画書は来週完成予定。');
    await submit(counsellor, counsellor.getByRole('button', { name: '記録する' }));
    expect(await textOf(counsellor.getByRole('status'))).toContain('継続相談');
    expect(await counsellor.locator('[data-list="timeline"] > li').count()).toBe(2);
    await counsellor.goto('/consultations');
    expect(await counsellor.locator('[data-empty="follow-ups"]').count()).toBe(1);
  });

  it('the page works in English', async () => {
    await counsellor.goto(`${caseUrl}?lang=en`);
    expect(await textOf(counsellor.locator('#timeline'))).toContain('Timeline');
    await expectAccessible(counsellor, 'the case page in English');
    await counsellor.goto('/consultations?lang=ja');
  });

  it("the 商工会's counsellor cannot open Bi@Sta's case, and an association sees no consultations", async () => {
    const other = await journeys.loggedInAs('shokokai');
    const response = await other.goto(caseUrl);
    expect(response?.status()).toBe(403);
    expect(await textOf(other.locator('main'))).not.toContain('創業 花子');
    await expectAccessible(other, 'the refusal');
    const association = await journeys.loggedInAs('shotenkai');
    await association.goto('/');
    expect(await association.getByRole('link', { name: '相談記録' }).count()).toBe(0);
    expect((await association.goto('/consultations'))?.status()).toBe(403);
  });
});
