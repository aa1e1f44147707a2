import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { ownProfile } from '../businesses';
import { SelfCheckPage, SelfCheckResultPage, SelfCheckSummaryPage } from './pages/self-check';
import { consultationPermissions as can_ } from './permissions';
import type { ConsultationRouteDependencies } from './routes';
import {
  AnswersSchema,
  assessSuccession,
  consentToContact,
  summariseSelfChecks,
  takeSelfCheck,
} from './self-check';

/**
 * 事業承継診断: owners take the self-check without an account and may ask to be contacted; the city
 * and the counsellors see how many took it, by area and industry.
 */
export function selfCheckRoutes({ db, plans }: ConsultationRouteDependencies) {
  const app = new Hono<AppEnv>();
  const planOf = (c: AppContext) => plans.planFor(c.get('account'));
  const areasOf = (c: AppContext) => planOf(c).file.areas ?? [];
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  // ----- public: anyone, no account needed ---------------------------------------------------

  const renderForm = (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) =>
    c.html(
      <SelfCheckPage
        view={viewOf(c)}
        values={extra.values ?? {}}
        problem={extra.problem}
        idempotencyKey={extra.values?.key ?? randomUUID()}
        areas={areasOf(c)}
      />,
      (extra.status ?? 200) as 200,
    );

  app.get('/consultations/self-check', (c) => renderForm(c));

  // a business account's own profile, so that its answers are not counted twice (decision 034)
  const businessOf = async (c: AppContext) =>
    c.get('account')?.role === 'business' ? (await ownProfile(db, actorOf(c)))?.id : undefined;

  app.post('/consultations/self-check', async (c) => {
    const body = await formBody(c);
    try {
      const { answers, result, check } = await takeSelfCheck(db, planOf(c).municipalityCode, body, {
        areas: areasOf(c),
        businessId: await businessOf(c),
      });
      personal(c);
      return c.html(
        <SelfCheckResultPage
          view={viewOf(c)}
          result={result}
          answers={answers}
          idempotencyKey={check.idempotencyKey}
          values={{}}
          consented={Boolean(check.consentedAt)}
        />,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderForm(c, { values: body, problem, status });
    }
  });

  app.post('/consultations/self-check/consent', async (c) => {
    const body = await formBody(c);
    const answers = AnswersSchema.safeParse(body);
    // the answers travel with the form; without them there is no result to show, so start again
    if (!answers.success) return c.redirect('/consultations/self-check', 303);
    const result = assessSuccession(answers.data);
    personal(c);
    try {
      await consentToContact(db, planOf(c).municipalityCode, body);
      return c.html(
        <SelfCheckResultPage
          view={viewOf(c)}
          result={result}
          answers={answers.data}
          idempotencyKey={body.key ?? ''}
          values={{}}
          consented
        />,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return c.html(
        <SelfCheckResultPage
          view={viewOf(c)}
          result={result}
          answers={answers.data}
          idempotencyKey={body.key ?? ''}
          values={body}
          problem={problem}
        />,
        status as 422,
      );
    }
  });

  // ----- city and counsellors: counts only -----------------------------------------------------

  app.get(
    '/consultations/self-check/summary',
    requirePermission(can_['consultations.selfcheck.summary']),
    async (c) =>
      c.html(
        <SelfCheckSummaryPage
          view={viewOf(c)}
          summary={await summariseSelfChecks(db, planOf(c).municipalityCode)}
          areas={areasOf(c)}
        />,
      ),
  );

  return app;
}
