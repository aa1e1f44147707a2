import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { csvFile, csvResponse, privateDownload } from '../../../platform/csv';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  requirePermission,
  savedNotice,
} from '../../../platform/http';
import { viewOf } from '../../../platform/ui/layout';
import { findPublishedEvent } from '../event-service';
import { formBody, problemOf } from '../forms';
import type { FormProblem, FormValues } from '../pages/components';
import { eventPermissions as can_ } from '../permissions';
import { eventPlanData } from '../plan-data';
import type { EventRouteDependencies } from '../routes';
import { vendorFileNames, vendorTable } from './export';
import { vendorGoodsCodes } from './goods';
import {
  ApplicationFormPage,
  ApplicationPage,
  callValues,
  ManageVendorsPage,
  MyApplicationsPage,
} from './pages';
import {
  type ApplicationInput,
  applyAsVendor,
  changeVendorCall,
  decideApplication,
  findApplicationByToken,
  findOwnApplication,
  findVendorCall,
  listApplicationsForStaff,
  listOpenVendorCalls,
  listOwnApplications,
  openVendorCall,
  StatusFilterSchema,
  vendorCallNotFound,
  vendorCallWindow,
  withdrawApplication,
  withdrawOwnApplication,
} from './service';

const notices = {
  applied: {
    ja: '出店のお申し込みを受け付けました。確認のメールをお送りしました。',
    en: 'Your application is in. We have mailed you a receipt.',
  },
  withdrawn: { ja: 'お申し込みを取り下げました。', en: 'The application was withdrawn.' },
  opened: {
    ja: '出店募集を始めました。イベントの公開ページから申し込めます。',
    en: 'The call is open: vendors apply from the public event page.',
  },
  changed: { ja: '募集内容を保存しました。', en: 'The call was saved.' },
  unchanged: { ja: '変更はありませんでした。', en: 'Nothing was changed.' },
  accepted: {
    ja: '出店を決定し、出店者にメールでお知らせしました。',
    en: 'The application was accepted and the vendor is told by mail.',
  },
  declined: {
    ja: '出店を見送り、出店者にメールでお知らせしました。',
    en: 'The application was declined and the vendor is told by mail.',
  },
} as const;

const idOf = (c: AppContext, name = 'id') => Number(c.req.param(name));

/** The application form's fields as the service takes them: the goods ticked, power and tent as yes/no. */
export function applicationInputOf(body: FormValues): ApplicationInput {
  return {
    businessName: body.businessName ?? '',
    contactName: body.contactName ?? '',
    contactKana: body.contactKana ?? '',
    phone: body.phone ?? '',
    email: body.email ?? '',
    goods: vendorGoodsCodes.filter((code) => body[`goods-${code}`] === 'on'),
    goodsNote: body.goodsNote ?? '',
    needsPower: body.needsPower === 'yes',
    needsTent: body.needsTent === 'yes',
    booths: body.booths ?? '1',
    foodPermit: body.foodPermit ?? '',
    message: body.message ?? '',
    idempotencyKey: body.idempotencyKey ?? '',
  };
}

/**
 * Vendor applications (出店申込): the form on a public event, the status link of a guest, a
 * business's own applications, and the organisers' call with its decisions and vendor list.
 */
export function vendorRoutes({ db, plans }: EventRouteDependencies) {
  const app = new Hono<AppEnv>();
  const { organisersOf } = eventPlanData(plans);

  // ----- public: apply, and the status link ------------------------------------------------------

  const renderForm = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const event = await findPublishedEvent(db, idOf(c));
    const call = await findVendorCall(db, event.id);
    if (!call) throw vendorCallNotFound;
    const account = c.get('account');
    const prefilled: FormValues =
      account?.role === 'business' ? { businessName: account.displayName, email: account.email } : {};
    return c.html(
      <ApplicationFormPage
        view={viewOf(c)}
        event={event}
        call={call}
        window={vendorCallWindow(call, event)}
        organisers={organisersOf(event.municipalityCode)}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
        values={extra.values ?? prefilled}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/:id{[0-9]+}/vendors/apply', (c) => renderForm(c));

  app.post('/events/:id{[0-9]+}/vendors/applications', async (c) => {
    const body = await formBody(c);
    try {
      const { application } = await applyAsVendor(db, idOf(c), applicationInputOf(body), {
        account: c.get('account'),
      });
      c.header('cache-control', 'no-store');
      return c.redirect(`/events/vendors/applications/${application.statusToken}?saved=applied`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderForm(c, { values: body, problem, status });
    }
  });

  const renderByToken = async (c: AppContext, extra: { problem?: FormProblem; status?: number } = {}) => {
    const token = c.req.param('token') ?? '';
    const found = await findApplicationByToken(db, token);
    // the link is the key to the application: it must not end up in a shared cache
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(
      <ApplicationPage
        view={viewOf(c)}
        found={found}
        organisers={organisersOf(found.event.municipalityCode)}
        withdrawAction={`/events/vendors/applications/${token}/withdraw`}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/vendors/applications/:token', (c) => renderByToken(c));

  app.post('/events/vendors/applications/:token/withdraw', async (c) => {
    const token = c.req.param('token');
    try {
      await withdrawApplication(db, token);
      return c.redirect(`/events/vendors/applications/${token}?saved=withdrawn`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderByToken(c, { problem, status });
    }
  });

  // ----- businesses: their own applications -------------------------------------------------------

  const own = requirePermission(can_['events.vendors.own']);
  const account = (c: AppContext) => {
    const a = c.get('account');
    if (!a) throw new Error('requirePermission lets no visitor through');
    return a;
  };

  app.get('/events/vendors/my', own, async (c) => {
    c.header('cache-control', 'no-store');
    const [applications, open] = await Promise.all([
      listOwnApplications(db, account(c)),
      listOpenVendorCalls(db, account(c).municipalityCode),
    ]);
    return c.html(<MyApplicationsPage view={viewOf(c)} applications={applications} open={open} />);
  });

  const renderOwn = async (c: AppContext, extra: { problem?: FormProblem; status?: number } = {}) => {
    const found = await findOwnApplication(db, account(c), idOf(c));
    c.header('cache-control', 'no-store');
    return c.html(
      <ApplicationPage
        view={viewOf(c)}
        found={found}
        organisers={organisersOf(found.event.municipalityCode)}
        withdrawAction={`/events/vendors/my/${found.application.id}/withdraw`}
        backToList
        notice={savedNotice(c, notices)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/vendors/my/:id{[0-9]+}', own, (c) => renderOwn(c));

  app.post('/events/vendors/my/:id{[0-9]+}/withdraw', own, async (c) => {
    try {
      await withdrawOwnApplication(db, account(c), idOf(c));
      return c.redirect(`/events/vendors/my/${idOf(c)}?saved=withdrawn`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderOwn(c, { problem, status });
    }
  });

  // ----- staff (管理): the call and its applications ----------------------------------------------

  const manage = requirePermission(can_['events.manage']);
  const filterOf = (c: AppContext) => StatusFilterSchema.parse(c.req.query('status'));

  const renderManage = async (
    c: AppContext,
    extra: {
      values?: FormValues;
      problem?: FormProblem;
      decisionProblem?: FormProblem;
      status?: number;
    } = {},
  ) => {
    const filter = filterOf(c);
    const found = await listApplicationsForStaff(db, actorOf(c), idOf(c), filter);
    // the applications are personal data
    c.header('cache-control', 'no-store');
    return c.html(
      <ManageVendorsPage
        view={viewOf(c)}
        {...found}
        window={found.call ? vendorCallWindow(found.call, found.event) : null}
        filter={filter}
        values={extra.values ?? callValues(found.call)}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
        decisionProblem={extra.decisionProblem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}/vendors', manage, (c) => renderManage(c));

  app.post('/events/manage/:id{[0-9]+}/vendors', manage, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      // the one form opens the call, and changes it once open (a second click changes nothing)
      const existing = await findVendorCall(db, idOf(c));
      let saved: keyof typeof notices = 'opened';
      if (existing) {
        const { changed } = await changeVendorCall(db, actor, idOf(c), body as never);
        saved = changed ? 'changed' : 'unchanged';
      } else await openVendorCall(db, actor, idOf(c), body as never);
      return c.redirect(`/events/manage/${idOf(c)}/vendors?saved=${saved}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404 || status === 403) throw error;
      return renderManage(c, { values: body, problem, status });
    }
  });

  app.post('/events/manage/:id{[0-9]+}/vendors/:applicationId{[0-9]+}/decision', manage, async (c) => {
    const body = await formBody(c);
    try {
      const { application } = await decideApplication(
        db,
        actorOf(c),
        { eventId: idOf(c), applicationId: idOf(c, 'applicationId') },
        body,
      );
      return c.redirect(
        `/events/manage/${idOf(c)}/vendors?saved=${application.status}#application-${application.id}`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404 || status === 403) throw error;
      return renderManage(c, { decisionProblem: problem, status });
    }
  });

  app.get('/events/manage/:id{[0-9]+}/vendors.csv', manage, async (c) => {
    const table = await vendorTable(db, actorOf(c), idOf(c), filterOf(c));
    const names = vendorFileNames(table.event, 'csv');
    return csvResponse(c, csvFile([table.headers, ...table.rows]), names.utf8, names.ascii);
  });

  app.get('/events/manage/:id{[0-9]+}/vendors.xlsx', manage, async (c) => {
    const table = await vendorTable(db, actorOf(c), idOf(c), filterOf(c));
    // exceljs is loaded on the first download, not on every start
    const { vendorWorkbook } = await import('./xlsx');
    const body = await vendorWorkbook(table);
    const names = vendorFileNames(table.event, 'xlsx');
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    privateDownload(c, names.utf8, names.ascii);
    return c.body(body);
  });

  return app;
}
