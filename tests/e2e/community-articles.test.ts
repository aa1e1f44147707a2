import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../src/demo/seed';
import { approveBusiness, saveOwnProfile } from '../../src/modules/businesses';
import type { Actor } from '../../src/platform/audit';
import type { Role } from '../../src/platform/auth/roles';
import { type Journeys, openJourneys, submit, textOf } from './support/journey';
import { expectAccessible, noBrowserChecks, phone } from './support/phone';

/**
 * A student of 明星大学 writes an article about a shop on a phone (a date in the future refused
 * first); the shop checks the facts; the university returns it with a reason, which the student
 * reads, corrects and sends again; the shop, the university and the city approve, and the article is
 * public: in the list, in the Atom feed, with its OGP card and an SNS text to copy. axe finds nothing
 * at 360 px and on a desktop.
 */
describe('student articles: written, checked by the shop, returned, approved and published', () => {
  let journeys: Journeys;
  let student: Page;
  let shop: Page;
  let university: Page;
  let city: Page;
  let articlePath = '';
  const shopName = '記事の旅 和菓子店（架空）';
  const title = '栗どら焼きの店を訪ねて（架空）';

  beforeAll(async () => {
    journeys = await openJourneys();
    // the demo business account keeps its shop in the directory
    const db = journeys.server.database.db;
    const plan = journeys.server.plans.defaultPlan;
    const account = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, demoEmail('business')),
    });
    const admin = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, demoEmail('admin')),
    });
    const actor = (row: typeof account): Actor => ({
      accountId: row?.id ?? null,
      name: row?.displayName ?? '',
      municipalityCode: plan.municipalityCode,
      role: row?.role as Role,
      organisation: row?.organisation ?? null,
    });
    const { business } = await saveOwnProfile(db, actor(account), plan, {
      legalForm: 'sole',
      name: shopName,
      kana: 'きじのたびわがしてん',
      industryMajor: 'I',
      address: 'あきる野市秋川0-0-7（架空）',
    });
    await approveBusiness(db, actor(admin), business.id);
    student = await journeys.loggedInAs('student', phone);
    shop = await journeys.loggedInAs('business', phone);
    university = await journeys.loggedInAs('meisei');
    city = await journeys.loggedInAs('admin');
  });
  afterAll(async () => {
    await journeys?.close();
  });

  it('a student writes an article (a future interview date refused first) and sends it for approval', async () => {
    await student.goto('/articles/mine');
    await expectAccessible(student, 'the student’s articles');
    await submit(student, student.getByRole('link', { name: 'お店の記事を書く' }).first());
    await expectAccessible(student, 'the empty article form');
    await noBrowserChecks(student, 'form.stack');
    await student.locator('#businessId').selectOption({ label: shopName });
    await student.locator('#title').fill(title);
    await student.locator('#interviewDate').fill('2999-10-01');
    await student
      .locator('#body')
      .fill('地元の栗を使った栗どら焼きが評判のお店です。\n\n朝七時から焼き始めます。');
    await student.locator('#summary').fill('地元の栗の栗どら焼きが評判。朝七時から焼きたて。');
    await submit(student, student.getByRole('button', { name: '下書きを保存する' }));
    expect(await textOf(student.getByRole('alert'))).toContain('取材日は今日までの日付にしてください');
    expect(await student.locator('#interviewDate').getAttribute('aria-invalid')).toBe('true');
    expect(await student.locator('#title').inputValue()).toBe(title);
    await expectAccessible(student, 'the refused article form');
    await student.locator('#interviewDate').fill('2026-10-01');
    await submit(student, student.getByRole('button', { name: '下書きを保存する' }));
    expect(await textOf(student.getByRole('status').first())).toContain('下書きを保存しました');
    articlePath = new URL(student.url()).pathname.replace(/\/edit$/, '');
    await expectAccessible(student, 'the draft');
    await submit(student, student.getByRole('button', { name: '承認を申請する' }));
    expect(await textOf(student.locator('[data-list="my-articles"]'))).toContain('お店の確認待ち');
    // not public before every approval
    const visitor = await journeys.visitor();
    expect((await visitor.goto(articlePath))?.status()).toBe(404);
  });

  it('the shop checks the facts; the university returns it with a reason the student reads', async () => {
    await shop.goto('/articles/review');
    await expectAccessible(shop, 'the shop’s articles to check');
    await submit(shop, shop.getByRole('link', { name: title }));
    await expectAccessible(shop, 'an article to check');
    await submit(shop, shop.getByRole('button', { name: '内容に間違いありません（承認）' }));
    expect(await textOf(shop.getByRole('status').first())).toContain('承認しました');

    await university.goto('/articles/review');
    await submit(university, university.getByRole('link', { name: title }));
    await expectAccessible(university, 'an article for the university (desktop)');
    await noBrowserChecks(university, `form[action="${articlePath}/refuse"]`);
    await submit(university, university.getByRole('button', { name: '差し戻す' }));
    expect(await textOf(university.getByRole('alert'))).toContain('理由を書いてください');
    await university.locator('#reason').fill('営業時間を本文に書いてください。');
    await submit(university, university.getByRole('button', { name: '差し戻す' }));
    expect(await textOf(university.getByRole('status').first())).toContain('差し戻しました');

    await student.goto('/articles/mine');
    expect(await textOf(student.locator('[data-refusal-reason]'))).toBe('営業時間を本文に書いてください。');
    await expectAccessible(student, 'a returned article');
  });

  it('corrected and approved by the shop, the university and the city, it is published and in the feed', async () => {
    await submit(student, student.getByRole('link', { name: title }));
    await student
      .locator('#body')
      .fill('地元の栗を使った栗どら焼きが評判のお店です。\n\n営業時間は7時から18時、水曜定休。');
    await submit(student, student.getByRole('button', { name: '保存する' }));
    await submit(student, student.getByRole('button', { name: '承認を申請する' }));
    for (const [page, button] of [
      [shop, '内容に間違いありません（承認）'],
      [university, '承認する'],
      [city, '承認して公開する'],
    ] as const) {
      await page.goto(`${articlePath}/review`);
      await submit(page, page.getByRole('button', { name: button }));
    }
    expect(await textOf(city.getByRole('status').first())).toContain('記事は公開されました');

    const reader = await journeys.visitor(phone);
    await reader.goto('/articles');
    await expectAccessible(reader, 'the article list');
    await submit(reader, reader.getByRole('link', { name: title }));
    expect(await textOf(reader.locator('main'))).toContain('水曜定休');
    expect(await reader.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      `${title}｜${shopName}`,
    );
    for (const property of ['og:description', 'og:image', 'og:url']) {
      expect(await reader.locator(`meta[property="${property}"]`).getAttribute('content')).toBeTruthy();
    }
    const sns = await reader.locator('#sns-text').inputValue();
    expect(sns).toContain('#明星大学');
    expect(sns).toContain('#あきる野市');
    await reader.getByRole('button', { name: '文章をコピー' }).click();
    await expect.poll(() => textOf(reader.locator('#copy-status'))).toBe('コピーしました');
    await expectAccessible(reader, 'a published article');

    const desktop = await journeys.visitor();
    await desktop.goto(articlePath);
    await expectAccessible(desktop, 'a published article (desktop)');
    const feed = await desktop.request.get('/articles/feed.atom');
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(await feed.text()).toContain(title);
  });
});
