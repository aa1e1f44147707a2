import { Hono } from 'hono';
import { csvFile, csvResponse } from '../../platform/csv';
import { type AppContext, type AppEnv, requirePermission } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { fiscalYearFrom } from '../plan';
import { SeminarSummaryPage, seminarSummaryRows } from './pages/seminar-summary';
import { consultationPermissions as can_ } from './permissions';
import type { ConsultationRouteDependencies } from './routes';
import { seminarsLeadingToConsultations } from './seminar-summary';

/** Which seminars lead to consultations, for the city and the counsellors: counts only. */
export function seminarRoutes({ db, plans }: ConsultationRouteDependencies) {
  const app = new Hono<AppEnv>();
  const summary = async (c: AppContext) => {
    const plan = plans.planFor(c.get('account'));
    const fiscalYear = fiscalYearFrom(c, plan);
    return {
      plan,
      fiscalYear,
      rows: await seminarsLeadingToConsultations(db, plan.municipalityCode, fiscalYear),
    };
  };
  const counsel = requirePermission(can_['consultations.seminars.summary']);

  app.get('/consultations/seminars', counsel, async (c) =>
    c.html(<SeminarSummaryPage view={viewOf(c)} {...(await summary(c))} />),
  );
  app.get('/consultations/seminars.csv', counsel, async (c) => {
    const { plan, fiscalYear, rows } = await summary(c);
    return csvResponse(
      c,
      csvFile(seminarSummaryRows(plan, rows)),
      `セミナーから相談へ_${fiscalYear}年度.csv`,
      `seminars-to-consultations_FY${fiscalYear}.csv`,
    );
  });
  return app;
}
