import { and, asc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { can } from '../../platform/auth/roles';
import { csvFile, csvResponse } from '../../platform/csv';
import { todayInJapan } from '../../platform/fiscal-year';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { localise } from '../../platform/i18n';
import { accounts } from '../../platform/schema';
import { viewOf } from '../../platform/ui/layout';
import { parseQuery, typedDate } from '../../platform/validation';
import { ownProfile } from '../businesses';
import { businesses } from '../businesses/schema';
import { fiscalYearFrom, selectableYears } from '../plan';
import type { PlanCatalogue } from '../plan/catalogue';
import { addBody, bodiesWithCounts, bodyOf, keepsBody, keptBody } from './bodies';
import { denominatorOn, denominatorsOf, enterDenominator, membershipRate, membersOn } from './counts';
import { decideRequest, openRequests, requestsOfAccount, requestToJoin } from './join-service';
import { addMember, memberList, recordFee, recordLeaving } from './member-service';
import { BodiesPage, JoinPage } from './pages/bodies';
import { ManagePage } from './pages/manage';
import { StatisticsPage } from './pages/statistics';
import { membershipPermissions as can_ } from './permissions';

const notices = {
  requested: {
    ja: '入会を申し込みました。会の確認をお待ちください。',
    en: 'Your request was sent. The association will reply.',
  },
  accepted: { ja: '入会を承諾しました。会員に加わりました。', en: 'Accepted: the business is a member now.' },
  declined: {
    ja: '申し込みをお断りしました。理由は申込者に表示されます。',
    en: 'Declined. The applicant sees the reason.',
  },
  member: { ja: '会員を追加しました。', en: 'The member was added.' },
  fee: { ja: '会費を記録しました。', en: 'The fee was recorded.' },
  left: { ja: '退会を記録しました。', en: 'The leaving was recorded.' },
  denominator: { ja: '市内の事業所数を記録しました。', en: 'The number of businesses was recorded.' },
  body: { ja: '商店会を追加しました。', en: 'The association was added.' },
} as const;

const dayQuery = z.object({ on: typedDate().optional() });

/** The public list, joining online, each body's member list for its keepers, and staff's figures. */
export function membershipRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const keep = requirePermission(can_['memberships.keep']);
  const join = requirePermission(can_['memberships.join']);
  const oversee = requirePermission(can_['memberships.oversee']);
  const addBodies = requirePermission(can_['memberships.bodies']);
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  app.get('/memberships', async (c) => {
    const plan = planOf(c);
    const account = c.get('account');
    const actor = account ? actorOf(c) : undefined;
    const today = todayInJapan();
    const bodies = await bodiesWithCounts(db, plan.municipalityCode, today);
    const canJoin = can(account?.role, can_['memberships.join']);
    if (account) personal(c);
    return c.html(
      <BodiesPage
        view={viewOf(c)}
        today={today}
        bodies={bodies.map((b) => ({
          ...b,
          kept: actor
            ? keepsBody(actor, { ...b, municipalityCode: plan.municipalityCode, createdAt: new Date() })
            : false,
        }))}
        areaName={(code) => {
          const area = plan.file.areas.find((a) => a.code === code);
          return area ? localise(c.get('lang'), { ja: area.name, en: area.nameEn ?? area.name }) : '';
        }}
        canJoin={canJoin}
        ownRequests={canJoin && account ? await requestsOfAccount(db, account.id) : []}
        notice={savedNotice(c, notices)}
      />,
    );
  });

  // ----- a business asks to join --------------------------------------------------------------

  const renderJoin = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const body = await bodyOf(db, planOf(c).municipalityCode, idOf(c));
    const business = await ownProfile(db, actorOf(c));
    personal(c);
    return c.html(
      <JoinPage
        view={viewOf(c)}
        body={body}
        businessName={business?.name}
        values={extra.values ?? {}}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };
  app.get('/memberships/:id{[0-9]+}/join', join, (c) => renderJoin(c));
  app.post('/memberships/:id{[0-9]+}/join', join, async (c) => {
    const values = await formBody(c);
    try {
      await requestToJoin(db, actorOf(c), idOf(c), values);
      return c.redirect('/memberships?saved=requested', 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderJoin(c, { values, problem, status });
    }
  });

  // ----- a body's keepers ---------------------------------------------------------------------

  const renderManage = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const body = await keptBody(db, actorOf(c), idOf(c));
    const fiscalYear = fiscalYearFrom(c, plan);
    const requests = await openRequests(db, body.id);
    const names = requests.length
      ? await db
          .select({ id: businesses.id, name: businesses.name })
          .from(businesses)
          .where(
            inArray(
              businesses.id,
              requests.map((r) => r.businessId),
            ),
          )
      : [];
    const directory = await db
      .select({ id: businesses.id, name: businesses.name })
      .from(businesses)
      .where(and(eq(businesses.municipalityCode, plan.municipalityCode), eq(businesses.status, 'approved')))
      .orderBy(asc(businesses.kana));
    personal(c);
    return c.html(
      <ManagePage
        view={viewOf(c)}
        body={body}
        fiscalYear={fiscalYear}
        years={selectableYears(plan)}
        today={todayInJapan()}
        requests={requests.map((r) => ({
          ...r,
          businessName: names.find((n) => n.id === r.businessId)?.name ?? '',
        }))}
        members={await memberList(db, body, fiscalYear)}
        businesses={directory}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };
  app.get('/memberships/:id{[0-9]+}', keep, (c) => renderManage(c));

  /** A keeper's form: done, back to the list with a notice; refused, the list again with the problem. */
  const keeperPost =
    (
      saved: keyof typeof notices | ((c: AppContext, outcome: unknown) => string),
      run: (c: AppContext, values: FormValues) => Promise<unknown>,
    ) =>
    async (c: AppContext) => {
      const values = await formBody(c);
      try {
        const outcome = await run(c, values);
        const key = typeof saved === 'function' ? saved(c, outcome) : saved;
        const fy = c.req.query('fy');
        return c.redirect(`/memberships/${idOf(c)}?saved=${key}${fy ? `&fy=${fy}` : ''}`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 404) throw error;
        return renderManage(c, { values, problem, status });
      }
    };

  app.post(
    '/memberships/:id{[0-9]+}/requests/:requestId{[0-9]+}',
    keep,
    keeperPost(
      (_c, outcome) => String(outcome),
      (c, values) => decideRequest(db, actorOf(c), idOf(c), Number(c.req.param('requestId')), values),
    ),
  );
  app.post(
    '/memberships/:id{[0-9]+}/members',
    keep,
    keeperPost('member', (c, values) => addMember(db, actorOf(c), idOf(c), values)),
  );
  app.post(
    '/memberships/:id{[0-9]+}/members/:memberId{[0-9]+}/fee',
    keep,
    keeperPost('fee', (c, values) =>
      recordFee(db, actorOf(c), idOf(c), Number(c.req.param('memberId')), values),
    ),
  );
  app.post(
    '/memberships/:id{[0-9]+}/members/:memberId{[0-9]+}/leave',
    keep,
    keeperPost('left', (c, values) =>
      recordLeaving(db, actorOf(c), idOf(c), Number(c.req.param('memberId')), values),
    ),
  );

  app.get('/memberships/:id{[0-9]+}/members.csv', keep, async (c) => {
    const plan = planOf(c);
    const body = await keptBody(db, actorOf(c), idOf(c));
    const fiscalYear = fiscalYearFrom(c, plan);
    const rows = await memberList(db, body, fiscalYear);
    const csv = csvFile([
      ['会員名', '代表者名', '電話番号', '入会日', '退会日', `会費（${fiscalYear}年度）`, '納入日', 'メモ'],
      ...rows.map((m) => [
        m.name,
        m.representative,
        m.phone,
        m.joinedOn,
        m.leftOn,
        m.feeYen,
        m.feePaidOn,
        m.note,
      ]),
    ]);
    return csvResponse(
      c,
      csv,
      `${body.name}_会員名簿_${fiscalYear}.csv`,
      `members-${body.id}-${fiscalYear}.csv`,
    );
  });

  // ----- staff: figures, the 加入率's denominator, new 商店会 ------------------------------------

  const renderStatistics = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const plan = planOf(c);
    const code = plan.municipalityCode;
    const day = parseQuery(dayQuery, c.req.query()).on ?? todayInJapan();
    const figures = async (kind: 'shotenkai' | 'shokokai') => {
      const bodies = await membersOn(db, code, kind, day);
      return { bodies, total: bodies.reduce((s, b) => s + b.members, 0) };
    };
    const [shotenkai, shokokai, denominator] = [
      await figures('shotenkai'),
      await figures('shokokai'),
      await denominatorOn(db, code, 'shokokai', day),
    ];
    const account = c.get('account');
    const keepers = await db
      .select({ id: accounts.id, name: accounts.displayName })
      .from(accounts)
      .where(and(eq(accounts.municipalityCode, code), eq(accounts.role, 'association')))
      .orderBy(asc(accounts.displayName));
    personal(c);
    return c.html(
      <StatisticsPage
        view={viewOf(c)}
        day={day}
        shotenkai={shotenkai}
        shokokai={shokokai}
        rate={
          denominator && shokokai.total > 0
            ? { percent: membershipRate(shokokai.total, denominator.value), denominator }
            : undefined
        }
        denominators={await denominatorsOf(db, code, 'shokokai')}
        canAddBodies={can(account?.role, can_['memberships.bodies'])}
        areas={plan.file.areas.map((a) => ({
          value: a.code,
          label: localise(c.get('lang'), { ja: a.name, en: a.nameEn ?? a.name }),
        }))}
        keepers={keepers.map((k) => ({ value: String(k.id), label: k.name }))}
        values={extra.values ?? {}}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };
  app.get('/memberships/statistics', oversee, (c) => renderStatistics(c));

  const staffPost =
    (saved: keyof typeof notices, run: (c: AppContext, values: FormValues) => Promise<unknown>) =>
    async (c: AppContext) => {
      const values = await formBody(c);
      try {
        await run(c, values);
        return c.redirect(`/memberships/statistics?saved=${saved}`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        return renderStatistics(c, { values, problem, status });
      }
    };
  app.post(
    '/memberships/denominators',
    oversee,
    staffPost('denominator', (c, values) => enterDenominator(db, actorOf(c), 'shokokai', values)),
  );
  app.post(
    '/memberships/bodies',
    addBodies,
    staffPost('body', (c, values) => addBody(db, actorOf(c), planOf(c), 'shotenkai', values)),
  );

  return app;
}
