import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { recordAudit } from '../../platform/audit';
import { csvFile, csvResponse } from '../../platform/csv';
import { todayInJapan } from '../../platform/fiscal-year';
import { type FormProblem, type FormValues, formBody, problemOf } from '../../platform/forms';
import { type AppContext, type AppEnv, actorOf, requirePermission, savedNotice } from '../../platform/http';
import { viewOf } from '../../platform/ui/layout';
import { bilingual, parseQuery } from '../../platform/validation';
import { emailKey, eventsAttendedBy } from '../events';
import type { PlanCatalogue } from '../plan/catalogue';
import { certifiedSupportOfCase } from './certificate-service';
import { consultationsCsv } from './export';
import { loansOf, recordLoanUse } from './loan-service';
import { fiscalYearOfDay } from './new-clients';
import {
  closeCaseAsStartup,
  milestonesOf,
  recordSuccessionStage,
  referToSuccessionCentre,
} from './outcome-service';
import { CasePage } from './pages/case';
import { CertifiedSupportSection } from './pages/certificates';
import { NewConsultationPage } from './pages/form';
import { ConsultationsHomePage } from './pages/home';
import { OutcomeSection } from './pages/outcomes';
import { SeminarLinks } from './pages/seminars';
import { consultationPermissions as can_ } from './permissions';
import { consultationKinds, supportTopics } from './schema';
import { listLeads, readLead } from './self-check';
import {
  counsellorsOf,
  findClient,
  followUpsDue,
  listConsultations,
  readCase,
  recordConsultation,
} from './service';
import { linkStartupBusiness, startupBusinessOf } from './startup-business';

/** The areas of 特定創業支援等事業 ticked on a consultation form (topic-management …), as a list. */
const withTopics = (body: FormValues) => ({
  ...body,
  supportTopics: supportTopics.filter((t) => body[`topic-${t}`]),
});

export interface ConsultationRouteDependencies {
  db: Db;
  plans: PlanCatalogue;
}

const notices = {
  new: {
    ja: '相談を記録しました。この方のこの種類の最初の相談なので、新規相談者として数えます。',
    en: "The consultation was recorded. It is this person's first of this kind, so they count as a new client.",
  },
  continuing: {
    ja: '相談を記録しました（継続相談）。',
    en: 'The consultation was recorded (continuing client).',
  },
  startup: {
    ja: '創業を記録しました。成果目標「Bi@Sta 利用者の創業件数」に数えます。',
    en: 'The start-up was recorded. It counts towards the start-up outcome target.',
  },
  stage: { ja: '事業承継の段階を記録しました。', en: 'The succession stage was recorded.' },
  referral: {
    ja: '東京都多摩地域事業承継・引継ぎ支援センターへの紹介を記録しました。',
    en: 'The referral to the succession support centre was recorded.',
  },
  loan: { ja: '融資の利用を記録しました。', en: 'The loan use was recorded.' },
  business: {
    ja: 'ディレクトリの事業者との結びつきを記録しました。',
    en: 'The link to the business in the directory was recorded.',
  },
  unchanged: {
    ja: '記録済みの内容と同じため、変更はありません。',
    en: 'Already recorded as sent; nothing changed.',
  },
} as const;

/** The forms of a case page, so that a refused one gets back what was typed and its own key. */
type CaseForm = 'consultation' | 'outcome' | 'loan';

const ListQuery = z.object({
  fy: z
    .string()
    .regex(/^\d{4}$/, bilingual('西暦4桁（例：2026）で指定してください。', 'Give four digits, e.g. 2026.'))
    .optional(),
  kind: z
    .union([
      z.literal(''),
      z.enum(consultationKinds, bilingual('一覧から選んでください。', 'Choose one from the list.')),
    ])
    .optional(),
});
const listLabels = { fy: { ja: '年度', en: 'Fiscal year' }, kind: { ja: '種類', en: 'Kind' } };

/** Counsellors' pages: the list and follow-ups, recording a consultation, a case and its timeline. */
export function consultationRoutes({ db, plans }: ConsultationRouteDependencies) {
  const app = new Hono<AppEnv>();
  const counsel = requirePermission(can_['consultations.counsel']);
  const organisationsOf = (c: AppContext) => plans.planFor(c.get('account')).file.organisations;
  const idOf = (c: AppContext) => Number(c.req.param('id'));
  const personal = (c: AppContext) => c.header('cache-control', 'private, no-store');

  /** The years the list offers: the plan's, and this one. */
  const yearsOf = (c: AppContext) => {
    const plan = plans.planFor(c.get('account'));
    const current = fiscalYearOfDay(todayInJapan());
    return [...new Set([...plan.fiscalYears, current])].sort((a, b) => b - a);
  };
  const listFilter = (c: AppContext) => {
    const query = parseQuery(ListQuery, c.req.query(), listLabels);
    const years = yearsOf(c);
    const asked = query.fy ? Number(query.fy) : fiscalYearOfDay(todayInJapan());
    const fiscalYear = years.includes(asked) ? asked : (years[0] ?? asked);
    return { fiscalYear, kind: query.kind || undefined, years };
  };

  // ----- counsellors (相談員): staff of the organisation holding the case, and admins -----------

  app.get('/consultations', counsel, async (c) => {
    const actor = actorOf(c);
    const filter = listFilter(c);
    const [followUps, rows, leads] = await Promise.all([
      followUpsDue(db, actor),
      listConsultations(db, actor, filter),
      listLeads(db, actor),
    ]);
    personal(c);
    return c.html(
      <ConsultationsHomePage
        view={viewOf(c)}
        today={todayInJapan()}
        followUps={followUps}
        rows={rows}
        fiscalYear={filter.fiscalYear}
        years={filter.years}
        kind={filter.kind}
        leads={leads}
      />,
    );
  });

  app.get('/consultations.csv', counsel, async (c) => {
    const actor = actorOf(c);
    const filter = listFilter(c);
    const rows = await listConsultations(db, actor, filter);
    await recordAudit(db, actor, {
      action: 'consultation.export',
      entityType: 'consultation_list',
      entityKey: `${filter.fiscalYear}${filter.kind ? `:${filter.kind}` : ''}`,
      after: { fiscalYear: filter.fiscalYear, kind: filter.kind ?? null, rows: rows.length },
    });
    return csvResponse(
      c,
      csvFile(consultationsCsv(rows, organisationsOf(c))),
      `相談記録_${filter.fiscalYear}年度.csv`,
      `consultations-${filter.fiscalYear}.csv`,
    );
  });

  const renderNew = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const actor = actorOf(c);
    const clientParam = extra.values?.clientId ?? c.req.query('client');
    const clientId = clientParam && /^\d+$/.test(clientParam) ? Number(clientParam) : undefined;
    const known = clientId !== undefined ? await findClient(db, actor, clientId) : undefined;
    const leadParam = extra.values?.leadId ?? c.req.query('lead');
    const lead =
      leadParam && /^\d+$/.test(leadParam) ? await readLead(db, actor, Number(leadParam)) : undefined;
    const fromLead: FormValues | undefined = lead
      ? {
          person: 'new',
          name: lead.name ?? '',
          kana: lead.kana ?? '',
          contact: lead.contact ?? '',
          kind: 'succession',
        }
      : undefined;
    const organisation = known?.client.organisation ?? actor.organisation ?? 'bista';
    personal(c);
    return c.html(
      <NewConsultationPage
        view={viewOf(c)}
        values={extra.values ?? fromLead ?? {}}
        problem={extra.problem}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
        lead={lead}
        counsellors={
          await counsellorsOf(db, actor, actor.role === 'admin' && !known ? 'bista' : organisation)
        }
        organisations={organisationsOf(c).filter((o) => o.code !== 'city')}
        chooseOrganisation={actor.role === 'admin'}
        today={todayInJapan()}
        known={known}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/consultations/new', counsel, (c) => renderNew(c));

  app.post('/consultations', counsel, async (c) => {
    const body = await formBody(c);
    try {
      const result = await recordConsultation(db, actorOf(c), withTopics(body) as never, {
        organisations: organisationsOf(c),
      });
      return c.redirect(
        `/consultations/cases/${result.caseRow.id}?saved=${result.isNewClient ? 'new' : 'continuing'}`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderNew(c, { values: body, problem, status });
    }
  });

  /** The events the person attended (seminars that led to the case), by account or e-mail address. */
  const attendedEvents = (municipalityCode: string, client: { accountId: number | null; contact: string }) =>
    eventsAttendedBy(db, municipalityCode, { accountId: client.accountId, email: emailKey(client.contact) });

  const renderCase = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number; form?: CaseForm } = {},
  ) => {
    const actor = actorOf(c);
    const data = await readCase(db, actor, idOf(c));
    const [milestones, loans, counsellors, seminars, business, certifiedSupport] = await Promise.all([
      milestonesOf(db, data.caseRow.id),
      loansOf(db, data.caseRow.id),
      counsellorsOf(db, actor, data.caseRow.organisation),
      attendedEvents(data.caseRow.municipalityCode, data.client),
      startupBusinessOf(db, actor, data.caseRow, c.req.query('bq')),
      certifiedSupportOfCase(db, data.caseRow),
    ]);
    const keyFor = (form: CaseForm) =>
      (extra.form === form ? extra.values?.idempotencyKey : undefined) ?? randomUUID();
    personal(c);
    return c.html(
      <CasePage
        view={viewOf(c)}
        data={data}
        organisations={organisationsOf(c)}
        counsellors={counsellors}
        today={todayInJapan()}
        idempotencyKey={keyFor('consultation')}
        values={extra.form === 'consultation' ? extra.values : undefined}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      >
        <OutcomeSection
          view={viewOf(c)}
          caseRow={data.caseRow}
          clientName={data.client.name}
          milestones={milestones}
          loans={loans}
          values={extra.form === 'consultation' ? {} : (extra.values ?? {})}
          problem={extra.problem}
          loanKey={keyFor('loan')}
          today={todayInJapan()}
          business={business}
        />
        {certifiedSupport ? (
          <CertifiedSupportSection
            view={viewOf(c)}
            caseId={data.caseRow.id}
            assessment={certifiedSupport.assessment}
            certificate={certifiedSupport.certificate}
            canIssue={actor.role === 'admin'}
          />
        ) : null}
        <SeminarLinks
          view={viewOf(c)}
          events={seminars}
          categories={plans.planFor(c.get('account')).file.eventCategories}
        />
      </CasePage>,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/consultations/cases/:id{[0-9]+}', counsel, (c) => renderCase(c));

  app.post('/consultations/cases/:id{[0-9]+}/consultations', counsel, async (c) => {
    const body = await formBody(c);
    try {
      const result = await recordConsultation(
        db,
        actorOf(c),
        { ...withTopics(body), caseId: String(idOf(c)) } as never,
        {
          organisations: organisationsOf(c),
        },
      );
      return c.redirect(
        `/consultations/cases/${result.caseRow.id}?saved=${result.isNewClient ? 'new' : 'continuing'}`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 403 || status === 404) throw error;
      return renderCase(c, { values: body, problem, status, form: 'consultation' });
    }
  });

  /** A write on a case from one of its forms: redirect with its notice, or the page with the problem. */
  const caseWrite = (
    what: string,
    form: CaseForm,
    write: (c: AppContext, body: FormValues) => Promise<{ changed: boolean }>,
  ) =>
    app.post(`/consultations/cases/:id{[0-9]+}/${what}`, counsel, async (c) => {
      const body = await formBody(c);
      try {
        const { changed } = await write(c, body);
        return c.redirect(
          `/consultations/cases/${idOf(c)}?saved=${changed ? (what === 'loans' ? 'loan' : what) : 'unchanged'}#${form === 'loan' ? 'loans' : 'outcome'}`,
          303,
        );
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 403 || status === 404) throw error;
        return renderCase(c, { values: body, problem, status, form });
      }
    });

  caseWrite('startup', 'outcome', (c, body) => closeCaseAsStartup(db, actorOf(c), idOf(c), body as never));
  caseWrite('business', 'outcome', (c, body) => linkStartupBusiness(db, actorOf(c), idOf(c), body));
  caseWrite('stage', 'outcome', (c, body) => recordSuccessionStage(db, actorOf(c), idOf(c), body as never));
  caseWrite('referral', 'outcome', (c, body) =>
    referToSuccessionCentre(db, actorOf(c), idOf(c), body as never),
  );
  caseWrite('loans', 'loan', async (c, body) => {
    const { repeated } = await recordLoanUse(db, actorOf(c), idOf(c), body as never);
    return { changed: !repeated };
  });

  return app;
}
