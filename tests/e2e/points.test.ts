import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveShop,
  checkLedger,
  createGiftCertificateIssue,
  joinProgramme,
} from '../../src/modules/points';
import {
  ledgerAccounts,
  ledgerRequests,
  ledgerTransfers,
  ledgerUnits,
} from '../../src/modules/points/schema';
import { todayInJapan } from '../../src/platform/fiscal-year';
import { actorOf } from '../integration/helpers';
import { launchChromium } from './support/browser';
import { writeQrVideo } from './support/fake-camera';
import { type DemoAccount, logIn, submit, textOf } from './support/journey';
import { expectAccessible, phone } from './support/phone';
import { type RunningTsunagu, startTsunaguServer } from './support/server';

/**
 * るのかーど on phones: the 商工会 sells a resident a digital gift certificate at the counter, the
 * resident shows the QR code of their wallet, the shop's phone reads it with its camera (Chromium's
 * fake camera plays a picture of it) and takes the payment, and the wallet shows what is left. The
 * shop then awards points on a purchase by a new QR code, refunds the payment from today's takings,
 * and downloads its monthly statement, whose lines are what the journal moved; the office's unused
 * balance and statistics agree. axe checks every page at 360 px.
 */
describe('るのかーど: buy a gift certificate, pay at a shop by QR, collect points, refund, statement', () => {
  let server: RunningTsunagu;
  let browser: Browser;
  let cameraBrowser: Browser | undefined;
  let folder = '';
  let issueId = 0;
  let shopId = 0;

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
    shopId = (await approveShop(db, admin, (await joinProgramme(db, owner)).shop.id)).id;
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
  let till: Page;
  let video = '';
  /** the 3,000円 payment, which the shop refunds later */
  let paymentId = 0;

  /** The resident shows a new QR code of the wallet; its code, as the camera reads it. */
  const walletCode = async () => {
    await resident.goto('/points/wallet');
    await submit(resident, resident.getByRole('button', { name: '支払い用のQRコードを表示' }));
    const code =
      (await resident.locator('[data-field="wallet-code"]').textContent())?.replaceAll('-', '') ?? '';
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    return code;
  };

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
    video = join(folder, 'wallet.y4m');
    await writeQrVideo(video, code);
    cameraBrowser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    till = await phoneOf('seiko', cameraBrowser, { permissions: ['camera'] });
    await till.goto('/points/shop');
    await expectAccessible(till, 'the shop’s terminal');
    await till.locator('#amount').fill('3000');
    const start = till.locator('[data-scanner-start]');
    expect(await start.isVisible()).toBe(true);
    await start.click();
    await till.waitForURL(/done=\d+/, { timeout: 20_000 });
    paymentId = Number(new URL(till.url()).searchParams.get('done'));
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
    // back to Japanese, which the resident's cookie now remembers
    await resident.goto('/points/wallet?lang=ja');
    expect(await checkLedger(server.database.db)).toEqual([]);
  });

  it('the shop awards points on a 3,000円 purchase by the resident’s QR: the wallet shows 30 points', async () => {
    const code = await walletCode();
    // Chromium's fake camera reads its file again when the till starts it: it now films the new code
    await writeQrVideo(video, code);
    await till.goto('/points/shop');
    expect(await textOf(till.locator('label[for="operation-award"]'))).toContain('100円ごとに1ポイント');
    await till.locator('#operation-award').check();
    await till.locator('#amount').fill('3000');
    await till.locator('[data-scanner-start]').click();
    await till.waitForURL(/done=\d+/, { timeout: 20_000 });
    expect(await till.getByRole('status').textContent()).toContain('30ポイントを付与しました。');
    expect(await textOf(till.locator('[data-field="today-totals"]'))).toContain('付与 30ポイント');
    await expectAccessible(till, 'the terminal after awarding points');

    await resident.goto('/points/wallet');
    expect(await resident.locator('[data-field="points"]').textContent()).toBe('30ポイント');
    expect(await resident.locator('[data-field="gift-balance"]').textContent()).toBe('10,000円');
    const latest = resident.locator('[data-list="history"] tbody tr').first();
    expect(await textOf(latest)).toContain('ポイント付与');
    expect(await textOf(latest)).toContain('+30ポイント');
    await expectAccessible(resident, 'the wallet with points');
  });

  it('the shop refunds the payment from today’s takings: the wallet has its 13,000円 back', async () => {
    await till.goto('/points/shop');
    const payment = till.locator(`[data-list="today"] li[data-request="${paymentId}"]`);
    await submit(till, payment.getByRole('button', { name: `#${paymentId}を返金・取消する` }));
    expect(await till.getByRole('status').textContent()).toContain('3,000円を返金しました。');
    expect(await textOf(payment)).toContain('返金済み');
    expect(await payment.getByRole('button').count()).toBe(0);
    expect(await textOf(till.locator('[data-field="today-totals"]'))).toBe(
      '支払い 1件・受取 0円（商品券 0円、ポイント 0円）・返金 1件・付与 30ポイント',
    );
    await expectAccessible(till, 'the terminal after a refund');

    await resident.goto('/points/wallet');
    expect(await resident.locator('[data-field="gift-balance"]').textContent()).toBe('13,000円');
    expect(await resident.locator('[data-field="points"]').textContent()).toBe('30ポイント');
    const latest = resident.locator('[data-list="history"] tbody tr').first();
    expect(await textOf(latest)).toContain('返金・取消');
    expect(await textOf(latest)).toContain('+3,000円');
    expect(await textOf(resident.locator(`[data-list="history"] tr[data-request="${paymentId}"]`))).toContain(
      '返金済み',
    );
    await expectAccessible(resident, 'the wallet after a refund');
  });

  it('the shop’s monthly statement (CSV) says what the journal says: paid, refunded, points awarded', async () => {
    await till.goto('/points/shop');
    const [download] = await Promise.all([
      till.waitForEvent('download'),
      till.getByRole('button', { name: '明細をダウンロード（CSV）' }).click(),
    ]);
    const month = todayInJapan().slice(0, 7);
    expect(download.suggestedFilename()).toBe(`るのかーど明細_株式会社あきがわ精工（架空）_${month}.csv`);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    expect(header).toEqual([
      '取引番号',
      '日時',
      '内容',
      '商品券（円）',
      'ポイント支払（円）',
      'ポイント付与',
      '返金済み',
      '返金元の取引番号',
    ]);
    const total = rows.pop();
    // what happened at the till: 3,000円 paid, 30 points awarded, the 3,000円 refunded
    const lines = rows.map(([id, , kind, gift, pointsPaid, awarded, refunded, reverses]) => ({
      id: Number(id),
      kind,
      gift: Number(gift),
      pointsPaid: Number(pointsPaid),
      awarded: Number(awarded),
      refunded,
      reverses,
    }));
    expect(lines.map((l) => l.kind)).toEqual(['支払い', 'ポイント付与', '返金・取消']);
    expect(lines[0]).toMatchObject({ id: paymentId, gift: 3000, awarded: 0, refunded: '返金済み' });
    expect(lines[1]).toMatchObject({ gift: 0, pointsPaid: 0, awarded: 30, refunded: '' });
    expect(lines[2]).toMatchObject({ gift: -3000, pointsPaid: 0, reverses: String(paymentId) });
    expect(total).toEqual(['合計', '', '', '0', '0', '30', '', '']);

    // the journal, read here without the statement's own query: each request of the shop and what
    // its transfers moved into (+) or out of (−) the shop's accounts, or gave the resident as points
    const debit = alias(ledgerAccounts, 'debit');
    const credit = alias(ledgerAccounts, 'credit');
    const db = server.database.db;
    const transfers = await db
      .select({
        requestId: ledgerRequests.id,
        kind: ledgerRequests.kind,
        unit: ledgerUnits.kind,
        amount: ledgerTransfers.amount,
        from: debit.holder,
        to: credit.holder,
      })
      .from(ledgerTransfers)
      .innerJoin(ledgerRequests, eq(ledgerRequests.id, ledgerTransfers.requestId))
      .innerJoin(ledgerUnits, eq(ledgerUnits.id, ledgerTransfers.unitId))
      .innerJoin(debit, eq(debit.id, ledgerTransfers.debitAccountId))
      .innerJoin(credit, eq(credit.id, ledgerTransfers.creditAccountId))
      .where(eq(ledgerRequests.shopId, shopId));
    const journal = new Map<number, { gift: number; pointsPaid: number; awarded: number }>();
    for (const t of transfers) {
      const line = journal.get(t.requestId) ?? { gift: 0, pointsPaid: 0, awarded: 0 };
      const toShop = (t.to === 'shop' ? t.amount : 0) - (t.from === 'shop' ? t.amount : 0);
      if (t.unit === 'gift') line.gift += toShop;
      else if (t.kind === 'award') line.awarded += t.amount;
      else line.pointsPaid += toShop;
      journal.set(t.requestId, line);
    }
    expect(
      Object.fromEntries(
        lines.map((l) => [l.id, { gift: l.gift, pointsPaid: l.pointsPaid, awarded: l.awarded }]),
      ),
    ).toEqual(Object.fromEntries(journal));

    // the resident's history names the same requests
    await resident.goto('/points/wallet');
    const history = await resident
      .locator('[data-list="history"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-request'))));
    for (const l of lines) expect(history).toContain(l.id);
    expect(await checkLedger(db)).toEqual([]);
  });

  it('the office’s unused balance and statistics agree: 13,000円 unused, nothing left at the shop', async () => {
    const office = await phoneOf('shokokai');
    await office.goto(`/points/manage/outstanding?date=${todayInJapan()}`);
    const line = office.locator(`[data-list="outstanding"] tr[data-issue="${issueId}"]`);
    expect(await textOf(line.locator('[data-field="unused"]'))).toBe('13,000円');
    expect(await textOf(line.locator('td').nth(3))).toBe('0円');
    await expectAccessible(office, 'the unused balance after the refund');
    await office.goto('/points/manage/statistics');
    const statistics = office.locator('[data-list="statistics"]');
    const terms = await statistics.locator('dt').allTextContents();
    const figures = await statistics.locator('dd').allTextContents();
    expect(Object.fromEntries(terms.map((term, i) => [term, figures[i]]))).toEqual({
      支払い件数: '1',
      支払い金額: '3,000円',
      ポイント付与件数: '1',
      返金件数: '1',
      利用者数: '1',
    });
    await expectAccessible(office, 'the statistics after a payment, an award and a refund');
  });
});
