import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { csvFile, csvResponse } from '../../platform/csv';
import { todayInJapan } from '../../platform/fiscal-year';
import { type FormValues, formBody, problemOf } from '../../platform/forms';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  requirePermission,
  savedNotice,
  siteOrigin,
} from '../../platform/http';
import { qrCodeSvg } from '../../platform/qr';
import { viewOf } from '../../platform/ui/layout';
import { readLedgerRequest } from './ledger';
import { kindNames } from './pages/components';
import { ShopJoinPage, ShopPosterPage, ShopTerminalPage } from './pages/shop';
import { PayShopPage, WalletCodePage, WalletPage } from './pages/wallet';
import { withdrawShop } from './participation';
import { awardPoints, chargeAtShop } from './payments';
import { pointsPermissions as can_ } from './permissions';
import { programmeRulesOf } from './programme';
import { shopEntries, startOfJapanDay, takingsOf } from './shop-takings';
import { approvedShopOf, joinProgramme, shopByCode, shopCodeFrom, shopOfAccount } from './shops';
import { reverseRequest } from './transfers';
import { walletOf } from './wallet';
import {
  groupedWalletCode,
  issueWalletToken,
  normaliseWalletCode,
  walletTokenSeconds,
} from './wallet-tokens';

const notices = {
  paid: { ja: '支払いました。', en: 'Paid.' },
  applied: {
    ja: '参加申込を受け付けました。事務局の承認をお待ちください。',
    en: 'Your application was received. Wait for the office to approve it.',
  },
  withdrawn: {
    ja: '取扱をやめました。お店の残高は次の精算で支払われます。',
    en: 'Your shop no longer takes るのかーど. What it holds is paid at the next settlement.',
  },
} as const;

/** The month after `YYYY-MM`, as `YYYY-MM`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The resident's wallet (points.wallet.own) and the shop's terminal (points.shop). */
export function pointsRoutes({ db }: { db: Db }) {
  const app = new Hono<AppEnv>();
  const resident = requirePermission(can_['points.wallet.own']);
  const shopAccount = requirePermission(can_['points.shop']);
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  // ----- a resident: wallet, QR code, paying by the shop's QR ------------------------------------

  app.get('/points/wallet', resident, async (c) => {
    const actor = actorOf(c);
    personal(c);
    const wallet = await walletOf(db, actor.municipalityCode, actor.accountId as number);
    return c.html(<WalletPage view={viewOf(c)} wallet={wallet} notice={savedNotice(c, notices)} />);
  });

  app.post('/points/wallet/code', resident, async (c) => {
    const { code, expiresAt } = await issueWalletToken(db, actorOf(c));
    const view = viewOf(c);
    personal(c);
    const label = view.lang === 'en' ? 'Your QR code to pay' : '支払い用QRコード';
    return c.html(
      <WalletCodePage
        view={view}
        qrSvg={await qrCodeSvg(code, label)}
        groupedCode={groupedWalletCode(code)}
        expiresAt={expiresAt}
        seconds={walletTokenSeconds}
      />,
    );
  });

  const renderPay = (c: AppContext, values: FormValues = {}, problem?: ReturnType<typeof problemOf>) =>
    c.html(
      <PayShopPage
        view={viewOf(c)}
        values={values}
        problem={problem?.problem}
        idempotencyKey={values.idempotencyKey || randomUUID()}
      />,
      (problem?.status ?? 200) as 200,
    );

  app.get('/points/wallet/pay', resident, (c) =>
    renderPay(c, { shopCode: shopCodeFrom(c.req.query('shop') ?? '') }),
  );

  app.post('/points/wallet/pay', resident, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      const shop = await shopByCode(db, actor.municipalityCode, body.shopCode ?? '');
      await chargeAtShop(db, {
        shop,
        payer: { residentAccountId: actor.accountId as number },
        amount: body.amount,
        idempotencyKey: body.idempotencyKey ?? '',
        actor,
      });
      return c.redirect('/points/wallet?saved=paid', 303);
    } catch (error) {
      return renderPay(c, body, problemOf(c, error));
    }
  });

  // ----- a business: joining, the terminal, refunds, the statement --------------------------------

  app.get('/points/shop', shopAccount, async (c) => renderShop(c));

  const renderShop = async (
    c: AppContext,
    values: FormValues = {},
    problem?: ReturnType<typeof problemOf>,
    form: 'terminal' | 'withdraw' = 'terminal',
  ) => {
    const actor = actorOf(c);
    const shop = await shopOfAccount(db, actor);
    personal(c);
    const today = todayInJapan();
    if (shop?.status !== 'approved') {
      return c.html(
        <ShopJoinPage
          view={viewOf(c)}
          shop={shop}
          month={today.slice(0, 7)}
          notice={savedNotice(c, notices)}
          problem={problem?.problem}
        />,
        (problem?.status ?? 200) as 200,
      );
    }
    const done = Number(c.req.query('done'));
    const result = Number.isSafeInteger(done) && done > 0 ? await readLedgerRequest(db, done) : undefined;
    const entries = await shopEntries(db, shop, startOfJapanDay(today), new Date(Date.now() + 60_000));
    const rules = await programmeRulesOf(db, shop.municipalityCode);
    return c.html(
      <ShopTerminalPage
        view={viewOf(c)}
        shop={shop}
        yenPerPoint={rules.yenPerPoint}
        result={result?.shopId === shop.id ? result : undefined}
        today={entries}
        totals={takingsOf(entries)}
        values={form === 'terminal' ? values : {}}
        problem={form === 'terminal' ? problem?.problem : undefined}
        withdrawValues={form === 'withdraw' ? values : {}}
        withdrawProblem={form === 'withdraw' ? problem?.problem : undefined}
        idempotencyKey={randomUUID()}
        month={today.slice(0, 7)}
      />,
      (problem?.status ?? 200) as 200,
    );
  };

  app.post('/points/shop/join', shopAccount, async (c) => {
    try {
      await joinProgramme(db, actorOf(c));
      return c.redirect('/points/shop?saved=applied', 303);
    } catch (error) {
      return renderShop(c, {}, problemOf(c, error));
    }
  });

  app.post('/points/shop/terminal', shopAccount, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    const shop = await approvedShopOf(db, actor);
    try {
      const request = {
        shop,
        payer: { walletCode: normaliseWalletCode(body.walletCode ?? '') },
        amount: body.amount,
        idempotencyKey: body.idempotencyKey ?? '',
        actor,
      };
      const result =
        body.operation === 'award' ? await awardPoints(db, request) : await chargeAtShop(db, request);
      return c.redirect(`/points/shop?done=${result.requestId}`, 303);
    } catch (error) {
      return renderShop(c, body, problemOf(c, error));
    }
  });

  app.post('/points/shop/refunds', shopAccount, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    const shop = await approvedShopOf(db, actor);
    try {
      const result = await reverseRequest(db, {
        municipalityCode: shop.municipalityCode,
        idempotencyKey: body.idempotencyKey ?? '',
        requestId: Number(body.requestId),
        actorAccountId: actor.accountId,
        shopId: shop.id,
      });
      return c.redirect(`/points/shop?done=${result.requestId}`, 303);
    } catch (error) {
      return renderShop(c, {}, problemOf(c, error));
    }
  });

  app.post('/points/shop/withdraw', shopAccount, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    const shop = await approvedShopOf(db, actor);
    try {
      await withdrawShop(db, actor, shop.id, body);
      return c.redirect('/points/shop?saved=withdrawn', 303);
    } catch (error) {
      return renderShop(c, body, problemOf(c, error), 'withdraw');
    }
  });

  app.get('/points/shop/statement.csv', shopAccount, async (c) => {
    // a shop that has left keeps its past statements
    const shop = await shopOfAccount(db, actorOf(c));
    if (!shop || shop.status === 'applied') await approvedShopOf(db, actorOf(c));
    if (!shop) return c.notFound();
    const asked = c.req.query('month') ?? '';
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : todayInJapan().slice(0, 7);
    const entries = await shopEntries(
      db,
      shop,
      startOfJapanDay(`${month}-01`),
      startOfJapanDay(`${nextMonth(month)}-01`),
    );
    const totals = takingsOf(entries);
    const rows = [
      [
        '取引番号',
        '日時',
        '内容',
        '商品券（円）',
        'ポイント支払（円）',
        'ポイント付与',
        '返金済み',
        '返金元の取引番号',
      ],
      ...entries.map((e) => [
        e.requestId,
        e.at.toISOString(),
        kindNames[e.kind].ja,
        e.giftYen,
        e.pointsPaid,
        e.pointsAwarded,
        e.refunded ? '返金済み' : '',
        e.reversesRequestId ?? '',
      ]),
      ['合計', '', '', totals.giftYen, totals.pointsPaid, totals.pointsAwarded, '', ''],
    ];
    return csvResponse(
      c,
      csvFile(rows),
      `るのかーど明細_${shop.businessName}_${month}.csv`,
      `points-statement-${shop.id}-${month}.csv`,
    );
  });

  app.get('/points/shop/poster', shopAccount, async (c) => {
    const shop = await approvedShopOf(db, actorOf(c));
    // a link, so that a phone's own camera opens the payment page with the shop filled in
    const link = `${siteOrigin(c)}/points/wallet/pay?shop=${shop.shopCode}`;
    return c.html(
      <ShopPosterPage view={viewOf(c)} shop={shop} qrSvg={await qrCodeSvg(link, shop.businessName)} />,
    );
  });

  return app;
}
