import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { can } from '../../platform/auth/roles';
import type { Clock } from '../../platform/clock';
import { UserError } from '../../platform/errors';
import { todayInJapan } from '../../platform/fiscal-year';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { localise } from '../../platform/i18n';
import { tr, viewOf } from '../../platform/ui/layout';
import type { PlanCatalogue } from './catalogue';
import { progressFor } from './drill-down';
import { isRunning, judgeProjectInYear, judgingAt, measureInYear } from './in-year-progress';
import type { MetricRegistry } from './metric-registry';
import { type ActualsFormValues, ActualsPage } from './pages/actuals';
import { currentPlanYear } from './pages/components';
import { DashboardPage } from './pages/dashboard';
import { KpiPage } from './pages/kpi';
import { ProjectPage, type ReviewDraft } from './pages/project';
import { HomePage, PlanTreePage } from './pages/tree';
import { planPermissions as can_ } from './permissions';
import { findKpi, findProject, type Plan, selectableYears } from './plan';
import {
  addImprovementAction,
  assertSelectableYear,
  auditTrail,
  changeImprovementActionStatus,
  findCommitteeOpinion,
  findReview,
  kpiHistory,
  listImprovementActions,
  listReviews,
  measureYear,
  projectHistory,
  recordManualActual,
  saveCommitteeOpinion,
  saveReview,
} from './service';

export interface PlanRouteDependencies {
  db: Db;
  plans: PlanCatalogue;
  metrics: MetricRegistry;
  demo: boolean;
  /** today's date for the current year and its in-year judging; tests pin it */
  clock: Clock;
}

const fiscalYearQuery = z.string().regex(/^\d{4}$/);

/** `?fy=2026`, checked against the plan; the current plan year (at `now`) when absent. */
export function fiscalYearFrom(c: AppContext, plan: Plan, now = new Date()): number {
  const raw = c.req.query('fy');
  if (raw === undefined || raw === '') return currentPlanYear(plan, now);
  if (!fiscalYearQuery.safeParse(raw).success) {
    throw new UserError('invalid_fiscal_year', 422, {
      ja: '年度は西暦4桁（例：2026）で指定してください。',
      en: 'Give the fiscal year as four digits, e.g. 2026.',
    });
  }
  const fy = Number(raw);
  assertSelectableYear(plan, fy);
  return fy;
}

function formError(c: AppContext, error: unknown) {
  if (!(error instanceof UserError)) throw error;
  const lang = c.get('lang');
  return {
    status: error.status,
    error: {
      message: localise(lang, error.userMessage),
      details: error.details.map((d) => localise(lang, d.message)),
    },
  };
}

const notices = {
  review: { ja: '評価を保存しました。', en: 'The evaluation was saved.' },
  opinion: { ja: '委員会の意見を保存しました。', en: "The committee's opinion was saved." },
  action: { ja: '改善項目を追加しました。', en: 'The improvement action was added.' },
  status: { ja: '改善項目の状況を更新しました。', en: 'The status was updated.' },
  actual: { ja: '実績を登録しました。', en: 'The actual was saved.' },
} as const;

function noticeOf(c: AppContext): string | undefined {
  return savedNotice(c, notices);
}

export function planRoutes({ db, plans, metrics, demo, clock }: PlanRouteDependencies) {
  const app = new Hono<AppEnv>();
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));

  // ----- public ------------------------------------------------------------------------------

  app.get('/', async (c) => {
    const plan = planOf(c);
    const view = viewOf(c);
    if (!can(view.account?.role, can_['plan.progress.read']))
      return c.html(<HomePage view={view} plan={plan} />);
    const now = clock();
    const fy = fiscalYearFrom(c, plan, now);
    const [progress, reviews] = await Promise.all([
      measureYear(db, plan, metrics, fy),
      listReviews(db, plan, fy),
    ]);
    const inYear = await measureInYear(db, plan, metrics, progress, todayInJapan(now));
    const grades = new Map(reviews.filter((r) => r.grade).map((r) => [r.projectCode, r.grade as string]));
    return c.html(
      <DashboardPage
        view={view}
        plan={plan}
        progress={progress}
        inYear={inYear}
        grades={grades}
        demo={demo}
      />,
    );
  });

  app.get('/plan', (c) => {
    const view = viewOf(c);
    return c.html(
      <PlanTreePage
        view={view}
        plan={planOf(c)}
        canReadProgress={can(view.account?.role, can_['plan.progress.read'])}
      />,
    );
  });

  // ----- staff: progress, PDCA and actuals ---------------------------------------------------

  const renderProject = async (
    c: AppContext,
    code: string,
    extra: {
      status?: number;
      error?: { message: string; details: string[] };
      /** the year of a refused form, shown again instead of the URL's */
      fiscalYear?: unknown;
      /** what the person typed into a refused review, so that nothing typed is lost */
      reviewDraft?: ReviewDraft;
      /** what a committee member typed into a refused opinion */
      opinionDraft?: string;
    } = {},
  ) => {
    const plan = planOf(c);
    const project = findProject(plan, code);
    if (!project)
      throw new UserError('not_found', 404, {
        ja: `実施事業「${code}」は計画にありません。`,
        en: `The plan has no project "${code}".`,
      });
    const now = clock();
    const posted = Number(extra.fiscalYear);
    const fy = selectableYears(plan).includes(posted) ? posted : fiscalYearFrom(c, plan, now);
    const view = viewOf(c);
    const [history, review, opinion, actions, audit] = await Promise.all([
      projectHistory(db, plan, metrics, code).then((years) =>
        years.map((y) => ({
          ...y,
          progress: progressFor(y.progress, project.metric.key, metrics, view.account?.role),
        })),
      ),
      findReview(db, plan, code, fy),
      findCommitteeOpinion(db, plan, code, fy),
      listImprovementActions(db, plan, code),
      can(view.account?.role, can_['plan.audit.read'])
        ? auditTrail(db, plan, 'project', code)
        : Promise.resolve(undefined),
    ]);
    const today = todayInJapan(now);
    const selected = history.find((h) => h.fiscalYear === fy)?.progress;
    const previous = history.find((h) => h.fiscalYear === fy - 1)?.progress;
    const at = judgingAt(plan, fy, today);
    const inYear =
      selected && isRunning(plan, fy, today)
        ? { judgement: judgeProjectInYear(selected, previous?.actual ?? null, at), scale: at.scale }
        : undefined;
    const page = (
      <ProjectPage
        view={view}
        plan={plan}
        project={project}
        fiscalYear={fy}
        history={history}
        review={review}
        opinion={opinion}
        actions={actions}
        audit={audit}
        canWrite={can(view.account?.role, can_['plan.review.write'])}
        canWriteOpinion={can(view.account?.role, can_['plan.committee.write'])}
        inYear={inYear}
        idempotencyKey={randomUUID()}
        notice={noticeOf(c)}
        error={extra.error}
        reviewDraft={extra.reviewDraft}
        opinionDraft={extra.opinionDraft}
      />
    );
    return c.html(page, (extra.status ?? 200) as 200);
  };

  app.get('/plan/projects/:code', requirePermission(can_['plan.progress.read']), (c) =>
    renderProject(c, c.req.param('code')),
  );

  app.post('/plan/projects/:code/review', requirePermission(can_['plan.review.write']), async (c) => {
    const code = c.req.param('code');
    const body = await c.req.parseBody();
    try {
      await saveReview(db, planOf(c), actorOf(c), { ...body, projectCode: code } as never);
      return c.redirect(`/plan/projects/${code}?fy=${body.fiscalYear}&saved=review#check`, 303);
    } catch (error) {
      const reviewDraft = {
        grade: String(body.grade ?? ''),
        departmentComment: String(body.departmentComment ?? ''),
      };
      return renderProject(c, code, { ...formError(c, error), fiscalYear: body.fiscalYear, reviewDraft });
    }
  });

  // the committee's opinion: committee members only, never the department's evaluation
  app.post(
    '/plan/projects/:code/committee-opinion',
    requirePermission(can_['plan.committee.write']),
    async (c) => {
      const code = c.req.param('code');
      const body = await c.req.parseBody();
      try {
        await saveCommitteeOpinion(db, planOf(c), actorOf(c), { ...body, projectCode: code } as never);
        return c.redirect(`/plan/projects/${code}?fy=${body.fiscalYear}&saved=opinion#committee`, 303);
      } catch (error) {
        return renderProject(c, code, {
          ...formError(c, error),
          fiscalYear: body.fiscalYear,
          opinionDraft: String(body.opinion ?? ''),
        });
      }
    },
  );

  app.post('/plan/projects/:code/actions', requirePermission(can_['plan.review.write']), async (c) => {
    const code = c.req.param('code');
    const body = await c.req.parseBody();
    try {
      await addImprovementAction(db, planOf(c), actorOf(c), { ...body, projectCode: code } as never);
      return c.redirect(`/plan/projects/${code}?fy=${body.fiscalYear}&saved=action#act`, 303);
    } catch (error) {
      return renderProject(c, code, { ...formError(c, error), fiscalYear: body.fiscalYear });
    }
  });

  app.post(
    '/plan/projects/:code/actions/:id/status',
    requirePermission(can_['plan.review.write']),
    async (c) => {
      const code = c.req.param('code');
      const body = await c.req.parseBody();
      try {
        const action = await changeImprovementActionStatus(db, planOf(c), actorOf(c), {
          id: c.req.param('id'),
          status: body.status as never,
        });
        return c.redirect(`/plan/projects/${code}?fy=${action?.fiscalYear ?? ''}&saved=status#act`, 303);
      } catch (error) {
        return renderProject(c, code, formError(c, error));
      }
    },
  );

  app.get('/plan/kpis/:code', requirePermission(can_['plan.progress.read']), async (c) => {
    const plan = planOf(c);
    const code = c.req.param('code');
    const kpi = findKpi(plan, code);
    if (!kpi)
      throw new UserError('not_found', 404, {
        ja: `成果目標「${code}」は計画にありません。`,
        en: `The plan has no KPI "${code}".`,
      });
    const fy = fiscalYearFrom(c, plan, clock());
    const view = viewOf(c);
    const metricKey = typeof kpi.metric === 'string' ? kpi.metric : kpi.metric.key;
    const history = (await kpiHistory(db, plan, metrics, code)).map((y) => ({
      ...y,
      progress: progressFor(y.progress, metricKey, metrics, view.account?.role),
    }));
    return c.html(<KpiPage view={view} plan={plan} kpi={kpi} fiscalYear={fy} history={history} />);
  });

  const renderActuals = async (
    c: AppContext,
    extra: {
      status?: number;
      values?: ActualsFormValues;
      error?: { message: string; details: string[] };
    } = {},
  ) => {
    const plan = planOf(c);
    const progress = await measureYear(db, plan, metrics, fiscalYearFrom(c, plan, clock()));
    return c.html(
      <ActualsPage
        view={viewOf(c)}
        plan={plan}
        progress={progress}
        values={extra.values}
        notice={noticeOf(c)}
        error={extra.error}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/plan/actuals', requirePermission(can_['plan.actuals.write']), (c) => renderActuals(c));

  app.post('/plan/actuals', requirePermission(can_['plan.actuals.write']), async (c) => {
    const body = (await c.req.parseBody()) as Record<string, string>;
    const [subjectKind, subjectCode] = String(body.subject ?? '').split(':');
    try {
      await recordManualActual(db, planOf(c), actorOf(c), {
        ...body,
        subjectKind: subjectKind as never,
        subjectCode: subjectCode ?? '',
      } as never);
      return c.redirect(`/plan/actuals?fy=${body.fiscalYear}&saved=actual`, 303);
    } catch (error) {
      const view = viewOf(c);
      const problem = formError(c, error);
      if (problem.status === 404)
        problem.error.message = tr(
          view,
          '実施事業・成果目標を一覧から選んでください。',
          'Choose a project or KPI from the list.',
        );
      return renderActuals(c, { ...problem, values: body });
    }
  });

  return app;
}
