import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveShop,
  checkLedger,
  createGiftCertificateIssue,
  joinProgramme,
} from '../../src/modules/points';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { actorOf } from '../integration/helpers';
import { launchChromium } from './support/browser';
import { writeQrVideo } from './support/fake-camera';
import { type DemoAccount, logIn, submit } from './support/journey';
import { expectAccessible, phone } from './support/phone';
import { type RunningTsunagu, startTsunaguServer } from './support/server';

/**
 * るのかーど on phones: the 商工会 sells a resident a digital gift certificate at the counter, the
 * resident shows the QR code of their wallet, the shop's phone reads it with its camera (Chromium's
 * fake camera plays a picture of it) and takes the payment, and the wallet shows what is left.
 */
describe('るのかーど: buy a gift certificate, pay at a shop by QR, see the balance', () => {
  let server: RunningTsunagu;
  let browser: Browser;
  let cameraBrowser: Browser | undefined;
  let folder = '';
  let issueId = 0;

  beforeAll(async () => {
    server = await startTsunaguServer();
    const db = server.database.db;
    const admin = await actorOf(server, 'admin');
    const seiko = await db.query.accounts.findFirst({
      where: (a, { eq }) => eq(a.email, 'seiko@demo.tsunagu.example'),
    });
    const owner = {
      accountId: seiko?.id ?? 0,
      name: seiko?.displayName ?? '',
      municipalityCode: admin.municipalityCode,
      role: 'business' as const,
      organisation: null,
    };
    await approveShop(db, admin, (await joinProgramme(db, owner)).shop.id);
    const today = todayInJapan();
    const issue = await createGiftCertificateIssue(db, admin, {
      name: 'あきる野プレミアム商品券（架空）',
      priceYen: '10000',
      faceValueYen: '13000',
      salesFrom: today,
      salesUntil: today,
      validUntil: todayInJapan(new Date(Date.now() + 90 * 86_400_000)),
      perPersonLimit: '2',
      totalSets: '500',
    });
    issueId = issue.id;
    browser = await launchChromium();
    folder = await mkdtemp(join(tmpdir(), 'tsunagu-points-'));
  });
  afterAll(async () => {
    await cameraBrowser?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const phoneOf = async (who: string, on: Browser = browser, options = {}) => {
    const context = await on.newContext({ baseURL: server.url, locale: 'ja-JP', ...phone, ...options });
    const page = await context.newPage();
    await logIn(page, who as DemoAccount);
    return page;
  };

  let resident: Page;

  it('the 商工会 records the sale at the counter and the resident’s wallet holds 13,000円', async () => {
    const office = await phoneOf('shokokai');
    await office.goto(`/points/manage/issues/${issueId}`);
    await expectAccessible(office, 'the issue page with its sale form');
    await office.locator('#email').fill('resident@demo.tsunagu.example');
    await office.locator('#sets').fill('1');
    await submit(office, office.getByRole('button', { name: '代金を受け取り、販売を記録する' }));
    expect(await office.locator('[data-field="sold"]').textContent()).toContain('販売済み 1冊');
    for (const [path, label] of [
      ['/points/manage', 'the office page'],
      ['/points/manage/settlements', 'the settlements'],
      [`/points/manage/outstanding?date=${todayInJapan()}`, 'the unused balance'],
      ['/points/manage/statistics', 'the statistics'],
      ['/points/manage/residents?email=resident@demo.tsunagu.example', 'a resident’s history'],
    ]) {
      await office.goto(path as string);
      await expectAccessible(office, label as string);
    }

    resident = await phoneOf('resident');
    await resident.goto('/points/wallet');
    await expectAccessible(resident, 'the wallet');
    expect(await resident.locator('[data-field="gift-balance"]').textContent()).toBe('13,000円');
  });

  it('the resident shows a QR code; the shop’s camera reads it and takes 3,000円', async () => {
    await submit(resident, resident.getByRole('button', { name: '支払い用のQRコードを表示' }));
    await expectAccessible(resident, 'the wallet’s QR code');
    const code =
      (await resident.locator('[data-field="wallet-code"]').textContent())?.replaceAll('-', '') ?? '';
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    const video = join(folder, 'wallet.y4m');
    await writeQrVideo(video, code);
    cameraBrowser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    const till = await phoneOf('seiko', cameraBrowser, { permissions: ['camera'] });
    await till.goto('/points/shop');
    await expectAccessible(till, 'the shop’s terminal');
    await till.locator('#amount').fill('3000');
    const start = till.locator('[data-scanner-start]');
    expect(await start.isVisible()).toBe(true);
    await start.click();
    await till.waitForURL(/done=\d+/, { timeout: 20_000 });
    expect(await till.getByRole('status').textContent()).toContain('3,000円を受け取りました。');
    expect(await till.locator('[data-field="today-totals"]').textContent()).toContain('支払い 1件');
    await expectAccessible(till, 'the terminal after a payment');
    // the camera does not come back by itself at a till: the next amount is typed first
    expect(await till.locator('video[data-scanner-video]').isHidden()).toBe(true);
    await till.goto('/points/shop/poster');
    await expectAccessible(till, 'the shop’s QR poster');
  });

  it('the wallet shows 10,000円 left and the payment in its history; the ledger is whole', async () => {
    await resident.goto('/points/wallet');
    expect(await resident.locator('[data-field="gift-balance"]').textContent()).toBe('10,000円');
    const latest = resident.locator('[data-list="history"] tbody tr').first();
    expect(await latest.textContent()).toContain('支払い');
    expect(await latest.textContent()).toContain('−3,000円');
    await resident.goto('/points/wallet?lang=en');
    await expectAccessible(resident, 'the wallet in English');
    await resident.goto('/points/wallet/pay');
    await expectAccessible(resident, 'paying by the shop’s QR code');
    expect(await checkLedger(server.database.db)).toEqual([]);
  });
});
