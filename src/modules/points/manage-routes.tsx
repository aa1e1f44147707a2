import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../../db/connection';
import { csvFile, csvResponse, privateDownload } from '../../platform/csv';
import { UserError } from '../../platform/errors';
import { fiscalYearOf, todayInJapan } from '../../platform/fiscal-year';
import { type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { localise } from '../../platform/i18n';
import { accounts } from '../../platform/schema';
import { viewOf } from '../../platform/ui/layout';
import { tableWorkbook } from '../../platform/xlsx';
import { publicBusinesses } from '../businesses';
import type { PlanCatalogue } from '../plan/catalogue';
import { isIssuerStaff } from './issuer';
import {
  createGiftCertificateIssue,
  expireGiftCertificates,
  listIssues,
  readIssue,
  recordPurchase,
} from './issues';
import { IssuePage, type ManageForm, ManagePage, ResidentPage } from './pages/manage';
import { OutstandingPage, SettlementsPage, StatisticsPage } from './pages/reports';
import { approveShop, enrolShop, withdrawShop } from './participation';
import { pointsPermissions as can_ } from './permissions';
import { programmeRulesOf, setProgrammeRules } from './programme';
import { baseDatesOf, outstandingAt, pointsStatistics } from './reports';
import { listSettlements, settlementLines, settlementTable, settleShops } from './settlement';
import { startOfJapanDay } from './shop-takings';
import { listShops, notIssuerStaff } from './shops';
import { walletOf } from './wallet';

const notices = {
  approved: { ja: '店舗を承認しました。', en: 'The shop was approved.' },
  resumed: {
    ja: '取扱を再開しました。店舗コードとQRポスターは前と同じです。',
    en: 'The shop takes part again, with the same code and QR poster.',
  },
  enrolled: {
    ja: '取扱店舗として登録しました。店舗コードとQRポスターは店舗のページにあります。',
    en: 'The shop was enrolled. Its code and QR poster are on its page.',
  },
  alreadyEnrolled: { ja: 'この事業者はすでに取扱店舗です。', en: 'This business already takes part.' },
  withdrawn: {
    ja: '取扱を終了しました。この店舗での支払いはできなくなりました。残高は次の精算で支払われます。',
    en: 'The shop no longer takes part: payments there are refused. What it holds is paid at the next settlement.',
  },
  programme: { ja: 'ポイントのルールを保存しました。', en: 'The points rules were saved.' },
  issued: { ja: '商品券を発行しました。', en: 'The issue was set up.' },
  sold: {
    ja: '販売を記録しました。購入者のウォレットに入りました。',
    en: 'The sale was recorded and credited.',
  },
  settled: { ja: '精算しました。', en: 'Settled.' },
  expired: { ja: '有効期限の過ぎた残高を失効させました。', en: 'Balances past their last day were expired.' },
} as const;

/** The issuer's pages: the city's admins and the staff of the organisation running the programme. */
export function pointsManageRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const issuer = [
    requirePermission(can_['points.manage']),
    createMiddleware<AppEnv>(async (c, next) => {
      if (!(await isIssuerStaff(db, actorOf(c)))) throw notIssuerStaff();
      c.header('cache-control', 'private, no-store');
      await next();
    }),
  ] as const;
  const idOf = (c: AppContext) => Number(c.req.param('id'));

  const renderManage = async (
    c: AppContext,
    values: FormValues = {},
    problem?: ReturnType<typeof problemOf>,
    form: ManageForm = 'issue',
  ) => {
    const code = actorOf(c).municipalityCode;
    const shops = await listShops(db, code);
    const enrolled = new Set(shops.map((s) => s.businessId));
    return c.html(
      <ManagePage
        view={viewOf(c)}
        rules={await programmeRulesOf(db, code)}
        shops={shops}
        candidates={(await publicBusinesses(db, code)).filter((b) => !enrolled.has(b.id)).map((b) => b.name)}
        issues={await listIssues(db, code)}
        notice={savedNotice(c, notices)}
        values={values}
        problem={problem?.problem}
        form={form}
      />,
      (problem?.status ?? 200) as 200,
    );
  };

  app.get('/points/manage', ...issuer, (c) => renderManage(c));

  /** A form of the office page: done, back to the page with its notice; refused, the page with the form's problem. */
  const officeForm =
    (form: ManageForm, act: (c: AppContext, body: FormValues) => Promise<keyof typeof notices>) =>
    async (c: AppContext) => {
      const body = await formBody(c);
      try {
        return c.redirect(`/points/manage?saved=${await act(c, body)}`, 303);
      } catch (error) {
        return renderManage(c, body, problemOf(c, error), form);
      }
    };

  app.post(
    '/points/manage/programme',
    ...issuer,
    officeForm('programme', async (c, body) => {
      await setProgrammeRules(db, actorOf(c), body);
      return 'programme';
    }),
  );

  app.post(
    '/points/manage/shops',
    ...issuer,
    officeForm('shops', async (c, body) => {
      const { outcome } = await enrolShop(db, actorOf(c), body);
      return outcome === 'enrolled' ? 'enrolled' : 'alreadyEnrolled';
    }),
  );

  app.post('/points/manage/shops/:id{[0-9]+}/approve', ...issuer, async (c) => {
    const actor = actorOf(c);
    const before = (await listShops(db, actor.municipalityCode)).find((s) => s.id === idOf(c));
    await approveShop(db, actor, idOf(c));
    return c.redirect(`/points/manage?saved=${before?.status === 'withdrawn' ? 'resumed' : 'approved'}`, 303);
  });

  app.post(
    '/points/manage/shops/:id{[0-9]+}/withdraw',
    ...issuer,
    officeForm('shops', async (c, body) => {
      await withdrawShop(db, actorOf(c), idOf(c), body);
      return 'withdrawn';
    }),
  );

  app.post('/points/manage/issues', ...issuer, async (c) => {
    const body = await formBody(c);
    try {
      const issue = await createGiftCertificateIssue(db, actorOf(c), body);
      return c.redirect(`/points/manage/issues/${issue.id}?saved=issued`, 303);
    } catch (error) {
      return renderManage(c, body, problemOf(c, error));
    }
  });

  const renderIssue = async (
    c: AppContext,
    values: FormValues = {},
    problem?: ReturnType<typeof problemOf>,
  ) =>
    c.html(
      <IssuePage
        view={viewOf(c)}
        issue={await readIssue(db, actorOf(c).municipalityCode, idOf(c))}
        notice={savedNotice(c, notices)}
        values={values}
        problem={problem?.problem}
        idempotencyKey={values.idempotencyKey || randomUUID()}
      />,
      (problem?.status ?? 200) as 200,
    );

  app.get('/points/manage/issues/:id{[0-9]+}', ...issuer, (c) => renderIssue(c));

  app.post('/points/manage/issues/:id{[0-9]+}/sales', ...issuer, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      const buyer = await residentByEmail(db, actor.municipalityCode, body.email ?? '');
      if (!buyer) {
        throw new UserError('unknown_resident', 422, {
          ja: 'このメールアドレスのるのかーど利用者（地域生活者のアカウント）はありません。',
          en: 'No resident account has this e-mail address.',
        });
      }
      await recordPurchase(db, actor, {
        issueId: idOf(c),
        residentAccountId: buyer.id,
        sets: body.sets,
        paymentMethod: body.paymentMethod ?? 'cash',
        idempotencyKey: body.idempotencyKey ?? '',
      });
      return c.redirect(`/points/manage/issues/${idOf(c)}?saved=sold`, 303);
    } catch (error) {
      return renderIssue(c, body, problemOf(c, error));
    }
  });

  app.post('/points/manage/expiry', ...issuer, async (c) => {
    await expireGiftCertificates(db);
    return c.redirect('/points/manage?saved=expired', 303);
  });

  app.get('/points/manage/residents', ...issuer, async (c) => {
    const actor = actorOf(c);
    const email = (c.req.query('email') ?? '').trim().toLowerCase();
    const resident = email ? await residentByEmail(db, actor.municipalityCode, email) : undefined;
    const wallet = resident ? await walletOf(db, actor.municipalityCode, resident.id) : undefined;
    return c.html(<ResidentPage view={viewOf(c)} email={email} resident={resident} wallet={wallet} />);
  });

  // ----- settlements and reports ------------------------------------------------------------------

  const renderSettlements = async (
    c: AppContext,
    values: FormValues = {},
    problem?: ReturnType<typeof problemOf>,
  ) => {
    const code = actorOf(c).municipalityCode;
    const settlements = await listSettlements(db, code);
    const shown = Number(c.req.query('settlement'));
    const latest =
      Number.isSafeInteger(shown) && shown > 0 ? await settlementLines(db, code, shown) : undefined;
    return c.html(
      <SettlementsPage
        view={viewOf(c)}
        settlements={settlements}
        latest={latest ? { id: latest.settlement.id, lines: latest.lines } : undefined}
        notice={savedNotice(c, notices)}
        values={values}
        problem={problem?.problem}
        idempotencyKey={values.idempotencyKey || randomUUID()}
      />,
      (problem?.status ?? 200) as 200,
    );
  };

  app.get('/points/manage/settlements', ...issuer, (c) => renderSettlements(c));

  app.post('/points/manage/settlements', ...issuer, async (c) => {
    const body = await formBody(c);
    try {
      const result = await settleShops(db, actorOf(c), {
        periodFrom: body.periodFrom ?? '',
        periodUntil: body.periodUntil ?? '',
        idempotencyKey: body.idempotencyKey ?? '',
      });
      return c.redirect(`/points/manage/settlements?saved=settled&settlement=${result.settlementId}`, 303);
    } catch (error) {
      return renderSettlements(c, body, problemOf(c, error));
    }
  });

  app.get('/points/manage/settlements/:id{[0-9]+}/transfers.csv', ...issuer, async (c) => {
    const { settlement, lines } = await settlementLines(db, actorOf(c).municipalityCode, idOf(c));
    const table = settlementTable(lines);
    const name = `るのかーど精算_${settlement.periodFrom}_${settlement.periodUntil}`;
    return csvResponse(
      c,
      csvFile([table.headers, ...table.rows]),
      `${name}.csv`,
      `points-settlement-${settlement.id}.csv`,
    );
  });

  app.get('/points/manage/settlements/:id{[0-9]+}/transfers.xlsx', ...issuer, async (c) => {
    const { settlement, lines } = await settlementLines(db, actorOf(c).municipalityCode, idOf(c));
    const workbook = await tableWorkbook(settlementTable(lines));
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    privateDownload(
      c,
      `るのかーど精算_${settlement.periodFrom}_${settlement.periodUntil}.xlsx`,
      `points-settlement-${settlement.id}.xlsx`,
    );
    return c.body(workbook);
  });

  app.get('/points/manage/outstanding', ...issuer, async (c) => {
    const today = todayInJapan();
    const fiscalYear = fiscalYearOf(new Date());
    const baseDates = [...baseDatesOf(fiscalYear - 1), ...baseDatesOf(fiscalYear)].filter((d) => d < today);
    const asked = c.req.query('date') ?? '';
    const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : (baseDates.at(-1) ?? today);
    const report = await outstandingAt(db, actorOf(c).municipalityCode, date);
    return c.html(<OutstandingPage view={viewOf(c)} baseDates={baseDates} report={report} />);
  });

  app.get('/points/manage/statistics', ...issuer, async (c) => {
    const actor = actorOf(c);
    const asked = Number(c.req.query('fy'));
    const fiscalYear =
      Number.isSafeInteger(asked) && asked > 2000 && asked < 2100 ? asked : fiscalYearOf(new Date());
    const statistics = await pointsStatistics(
      db,
      actor.municipalityCode,
      startOfJapanDay(`${fiscalYear}-04-01`),
      startOfJapanDay(`${fiscalYear + 1}-04-01`),
    );
    const view = viewOf(c);
    const areas = plans.planFor(c.get('account')).file.areas;
    const areaName = (code: string | null) => {
      const area = areas.find((a) => a.code === code);
      return area
        ? localise(view.lang, { ja: area.name, en: area.nameEn ?? area.name })
        : view.lang === 'en'
          ? 'No area'
          : '地区なし';
    };
    return c.html(
      <StatisticsPage view={view} fiscalYear={fiscalYear} statistics={statistics} areaName={areaName} />,
    );
  });

  return app;
}

/** A resident's account by e-mail, in the staff member's municipality. */
async function residentByEmail(db: Db, municipalityCode: string, email: string) {
  const [row] = await db
    .select({ id: accounts.id, displayName: accounts.displayName })
    .from(accounts)
    .where(
      and(
        eq(accounts.email, email.trim().toLowerCase()),
        eq(accounts.municipalityCode, municipalityCode),
        eq(accounts.role, 'resident'),
      ),
    );
  return row;
}
