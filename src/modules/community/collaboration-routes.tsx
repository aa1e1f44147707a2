import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { type FormProblem, type FormValues, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import type { Plan } from '../plan';
import type { PlanCatalogue } from '../plan/catalogue';
import { shopNames } from './articles';
import { collaborationsOf, recordCollaboration } from './collaboration-service';
import { CollaborationsPage } from './pages/collaborations';
import { communityPermissions as can_ } from './permissions';

const notices = {
  recorded: { ja: '産学連携を記録しました。', en: 'The collaboration was recorded.' },
  unchanged: { ja: 'この記録はもう登録されています。', en: 'This collaboration was already recorded.' },
};

/** Staff's record of 産学連携, by fiscal year, with the form to add one. */
export function collaborationRoutes({ db, plans }: { db: Db; plans: PlanCatalogue }) {
  const app = new Hono<AppEnv>();
  const record = requirePermission(can_['community.collaborations.record']);
  const planOf = (c: AppContext): Plan => plans.planFor(c.get('account'));

  const yearOf = (c: AppContext, plan: Plan) => {
    const asked = Number.parseInt(c.req.query('fy') ?? '', 10);
    return plan.fiscalYears.includes(asked) ? asked : (plan.fiscalYears.at(-1) as number);
  };

  const render = async (
    c: AppContext,
    form: { values?: FormValues; partners?: string[]; problem?: FormProblem; status?: number } = {},
  ) => {
    c.header('cache-control', 'private, no-store');
    const plan = planOf(c);
    const fiscalYear = form.values?.fiscalYear
      ? Number(form.values.fiscalYear) || yearOf(c, plan)
      : yearOf(c, plan);
    const [rows, shops] = await Promise.all([
      collaborationsOf(db, plan.municipalityCode, fiscalYear),
      shopNames(db, plan.municipalityCode),
    ]);
    return c.html(
      <CollaborationsPage
        view={viewOf(c)}
        plan={plan}
        fiscalYear={fiscalYear}
        collaborations={rows}
        shops={shops}
        values={
          form.values ?? {
            fiscalYear: String(fiscalYear),
            university: 'meisei',
            idempotencyKey: randomUUID(),
          }
        }
        partners={form.partners ?? []}
        problem={form.problem}
        notice={savedNotice(c, notices)}
      />,
      (form.status ?? 200) as 200,
    );
  };

  app.get('/collaborations', record, (c) => render(c));
  app.post('/collaborations', record, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values: FormValues = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    const partners = [body.partnerBusinessIds ?? []].flat().filter((v): v is string => typeof v === 'string');
    try {
      const { collaboration, created } = await recordCollaboration(db, actorOf(c), planOf(c), {
        ...values,
        partnerBusinessIds: partners,
      });
      return c.redirect(
        `/collaborations?fy=${collaboration.fiscalYear}&saved=${created ? 'recorded' : 'unchanged'}#collaboration-${collaboration.id}`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return render(c, { values, partners, problem, status });
    }
  });
  return app;
}
