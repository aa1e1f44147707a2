import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * 期中の進捗 on a phone, on 25 November 2026 (the server's clock is pinned): city staff enter a figure
 * of 令和8年度 and the dashboard sets it beside the part of the annual target due by that day, with
 * the in-year grade and the year-end projection; a member of the committee writes its opinion on the
 * project, apart from the department's evaluation, and the progress report shows both. axe finds
 * nothing at 360 px.
 */
describe('in-year judging: pro-rata progress on 25 November 2026', () => {
  let journeys: Journeys;
  let city: Page;
  let committee: Page;

  beforeAll(async () => {
    journeys = await openJourneys({
      planFiles: [handFiguresPlanFile],
      clock: () => new Date('2026-11-25T10:00:00+09:00'),
    });
    city = await journeys.loggedInAs('admin', phone);
    committee = await journeys.loggedInAs('committee', phone);
  });
  afterAll(async () => {
    await journeys?.close();
  });

  const row = (page: Page, code: string) => page.locator(`tr[data-project="${code}"]`);
  const cell = (page: Page, code: string, field: string) =>
    textOf(row(page, code).locator(`[data-field="${field}"]`));

  it('the dashboard opens on 令和8年度 and says it judges the year as of 25 November 2026, day 239 of 365', async () => {
    await city.goto('/');
    expect(await textOf(city.locator('h1'))).toBe('進捗ダッシュボード 令和8年度（2026年度）');
    expect(await textOf(city.locator('#in-year'))).toBe('期中の進捗 2026年11月25日時点');
    expect(await textOf(city.locator('section.in-year .hint'))).toContain(
      '日割りの按分：年度の239日目／365日（年間目標の65.5%）',
    );
    // nothing of 産学連携の支援 yet: 5 a year, so 3.3 are due by today
    expect(await cell(city, 'industry-academia', 'expected')).toBe('3.3件');
    expect(await cell(city, 'industry-academia', 'in-year-grade')).toBe('未入力');
    await expectAccessible(city, 'the dashboard with in-year progress');
  });

  it('city staff enter a figure of the year, refused first for a wrong number, then recorded', async () => {
    await city.goto('/plan/actuals?fy=2026');
    await city.locator('#subject').selectOption('project:industry-academia');
    await noBrowserChecks(city, 'form[action^="/plan/actuals"]');
    await city.locator('#value').fill('-2');
    await city.locator('#asOf').fill('2026-11-20');
    await city.locator('#source').fill('産学連携の支援記録');
    await submit(city, city.getByRole('button', { name: '登録' }));
    expect(await textOf(city.getByRole('alert'))).toContain('0以上の数値を半角で入力してください');
    await city.locator('#value').fill('2');
    await submit(city, city.getByRole('button', { name: '登録' }));
    expect(await textOf(city.getByRole('status'))).toBe('実績を登録しました。');
  });

  it('the dashboard sets the actual beside what is due by today, grades it and projects the year-end', async () => {
    await city.goto('/');
    expect(await cell(city, 'industry-academia', 'actual')).toBe('2件');
    expect(await cell(city, 'industry-academia', 'expected')).toBe('3.3件');
    expect(await cell(city, 'industry-academia', 'in-year-progress')).toBe('60.6%');
    expect(await cell(city, 'industry-academia', 'in-year-grade')).toBe('未達');
    expect(await cell(city, 'industry-academia', 'projected')).toBe('3.1件');
    // the year's own status still reads the actual against the whole target
    expect(await cell(city, 'industry-academia', 'achievement')).toBe('40%');
    expect(await textOf(row(city, 'industry-academia').locator('.status'))).toBe('未達');
    // 商店会の会員数 is kept (維持) at 330 all year
    const members = city.locator('tr[data-kpi="shotenkai-members"]');
    expect(await textOf(members.locator('[data-field="expected"]'))).toBe('330人');
    expect(
      Number(await textOf(city.locator('[data-in-year-count="missed"]')).then((t) => t.replace(/\D/g, ''))),
    ).toBeGreaterThanOrEqual(1);
    await expectAccessible(city, 'the dashboard with a figure judged in-year');

    await submit(city, row(city, 'industry-academia').getByRole('link', { name: '産学連携の支援' }));
    expect(await textOf(city.locator('[data-in-year]'))).toContain(
      '2026年11月25日時点の目安：3.3件（進捗率 60.6%）',
    );
  });

  it('the department writes its evaluation; it has no field for the committee’s opinion', async () => {
    expect(await city.locator('#opinion').count()).toBe(0);
    await city.locator('#grade').selectOption('C');
    await city.locator('#departmentComment').fill('年度後半に商品開発の相談会を開く。');
    await submit(city, city.getByRole('button', { name: '評価を保存' }));
    expect(await textOf(city.getByRole('status'))).toBe('評価を保存しました。');
  });

  it('a committee member reads the dashboard and writes the committee’s opinion on a phone', async () => {
    await committee.goto('/');
    expect(await textOf(committee.locator('.site-header .who'))).toContain('委員会委員（識見者）');
    expect(await cell(committee, 'industry-academia', 'expected')).toBe('3.3件');
    await submit(
      committee,
      row(committee, 'industry-academia').getByRole('link', { name: '産学連携の支援' }),
    );
    expect(await textOf(committee.locator('[data-field="department-comment"]'))).toBe(
      '年度後半に商品開発の相談会を開く。',
    );
    expect(await committee.locator('#departmentComment').count()).toBe(0);
    await expectAccessible(committee, 'a project page for the committee');

    await noBrowserChecks(committee, 'form[action$="/committee-opinion"]');
    await submit(committee, committee.getByRole('button', { name: '意見を保存' }));
    expect(await textOf(committee.getByRole('alert'))).toContain('意見を入力してください。');
    await expectAccessible(committee, 'a refused opinion');
    await committee.locator('#opinion').fill('大学の研究室との連携を早めに打診されたい。');
    await submit(committee, committee.getByRole('button', { name: '意見を保存' }));
    expect(await textOf(committee.getByRole('status'))).toBe('委員会の意見を保存しました。');
    expect(await textOf(committee.locator('section[aria-labelledby="committee"]'))).toContain(
      '策定委員会 委員 小林（架空）',
    );
  });

  it('the department and the progress report show the opinion apart from the department’s comment', async () => {
    await city.reload();
    expect(await textOf(city.locator('[data-field="committee-opinion"]'))).toBe(
      '大学の研究室との連携を早めに打診されたい。',
    );
    await city.goto('/plan/report?fy=2026');
    const report = city.locator('tr[data-project="industry-academia"]');
    expect(await textOf(report.locator('[data-field="department-comment"]'))).toBe(
      '年度後半に商品開発の相談会を開く。',
    );
    expect(await textOf(report.locator('[data-field="committee-opinion"]'))).toBe(
      '大学の研究室との連携を早めに打診されたい。',
    );
    await expectAccessible(city, 'the progress report with the committee’s opinion');
  });
});
