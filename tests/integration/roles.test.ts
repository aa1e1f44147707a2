import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishEvent, registerForEvent } from '../../src/modules/events';
import { addImprovementAction } from '../../src/modules/plan/service';
import { createAccount } from '../../src/platform/auth/accounts';
import { testDatabaseKinds } from '../support/databases';
import { handFiguresPlanFile } from '../support/hand-figures-plan';
import { TestClient, type TestInstance } from '../support/harness';
import { businessRouteRules, prepareBusinessRoutes } from './businesses-routes';
import { articleRouteRules, prepareArticleRoutes } from './community-routes';
import { listingRouteRules, prepareListingRoutes } from './consultation-listings-routes';
import { consultationRouteRules, prepareConsultationRoutes } from './consultations-routes';
import { csvRouteRules } from './csv-routes';
import { campaignRouteRules, prepareCampaignRoutes } from './events-campaigns-routes';
import { mailRouteRules, prepareMailRoutes } from './events-mail-routes';
import { prepareVendorRoutes, vendorRouteRules } from './events-vendors-routes';
import {
  actorOf,
  apiProgress,
  demoAccounts,
  everyone,
  planData,
  startInstance,
  testCsrfToken,
  type Who,
} from './helpers';
import { membershipRouteRules, prepareMembershipRoutes } from './memberships-routes';
import { pointsRouteRules, preparePointsRoutes } from './points-routes';
import { preparePropertyRoutes, propertyRouteRules } from './properties-routes';
import { prepareShopRoutes, shopRouteRules } from './shops-routes';
import { successionRouteRules } from './succession-routes';

/**
 * Who may use which route, declared once: every page and API route of the app against a visitor and
 * each demo account. The allowed get the route's success status; a visitor gets 401 and any other
 * account 403, and a refused write changes nothing.
 */

const progressReaders: Who[] = ['admin', 'shokokai', 'bista', 'shotenkai'];
const cityStaff: Who[] = ['admin'];

interface Context {
  actionId: number;
  /** an account that only the matrix uses, so that changing it disturbs no other cell */
  targetAccountId: number;
  /** a published event with one registration, and a draft */
  eventId: number;
  draftEventId: number;
  registrationId: number;
  registrationToken: string;
}

interface RouteRule {
  /** the route as the app registers it */
  route: string;
  /** the request made for it */
  path: string | ((ctx: Context) => string);
  allowed: readonly Who[];
  /** the status the allowed get; 'permitted' only asks that the permission check lets them through */
  ok: number | 'permitted';
  /** a route that other work is adding: checked when the app serves it, skipped until then */
  optional?: true;
  method?: 'POST' | 'PATCH';
  form?: (who: Who) => Record<string, string>;
  multipart?: (who: Who) => FormData;
  json?: (who: Who) => unknown;
  /** a figure that a refused write must leave as it was, read through the progress API */
  figure?: { fiscalYear: number; code: string; kind: 'projects' | 'kpis' };
  /** what the page shows, when the status alone does not say it */
  content?: (who: Who, body: string) => void;
}

const csvOf = (who: Who) =>
  `区分,コード,名称,年度,実績値,基準日,出典,備考\n実施事業,area-map,,2026,${40 + everyone.indexOf(who)},2026-07-01,roles matrix ${who},\n`;

const matrix: RouteRule[] = [
  // ----- public ----------------------------------------------------------------------------------
  {
    route: 'GET /',
    path: '/?fy=2025',
    allowed: everyone,
    ok: 200,
    content(who, body) {
      if (progressReaders.includes(who)) {
        expect(body).toContain('進捗ダッシュボード');
        expect(body).toContain('data-project="succession-seminar"');
      } else {
        // the plan's front page, with no progress figures
        expect(body).toContain('あきる野市商工業振興プラン');
        expect(body).not.toContain('進捗ダッシュボード');
        expect(body).not.toContain('data-project=');
      }
    },
  },
  { route: 'GET /plan', path: '/plan', allowed: everyone, ok: 200 },
  { route: 'GET /api/v1/plan', path: '/api/v1/plan', allowed: everyone, ok: 200 },
  { route: 'GET /api/v1/openapi.json', path: '/api/v1/openapi.json', allowed: everyone, ok: 200 },
  { route: 'GET /login', path: '/login', allowed: everyone, ok: 200 },
  { route: 'GET /healthz', path: '/healthz', allowed: everyone, ok: 200 },
  { route: 'GET /static/app.css', path: '/static/app.css', allowed: everyone, ok: 200 },
  { route: 'GET /static/report.css', path: '/static/report.css', allowed: everyone, ok: 200 },
  { route: 'GET /static/print.js', path: '/static/print.js', allowed: everyone, ok: 200 },
  { route: 'GET /static/leaflet.js', path: '/static/leaflet.js', allowed: everyone, ok: 200 },
  { route: 'GET /static/map.js', path: '/static/map.js', allowed: everyone, ok: 200 },
  { route: 'GET /static/map.css', path: '/static/map.css', allowed: everyone, ok: 200 },

  // ----- progress: city staff, support staff and associations ------------------------------------
  {
    route: 'GET /plan/projects/:code',
    path: '/plan/projects/succession-seminar?fy=2025',
    allowed: progressReaders,
    ok: 200,
  },
  { route: 'GET /plan/kpis/:code', path: '/plan/kpis/employees?fy=2025', allowed: progressReaders, ok: 200 },
  {
    route: 'GET /api/v1/plan/progress',
    path: '/api/v1/plan/progress?fy=2025',
    allowed: progressReaders,
    ok: 200,
  },
  { route: 'GET /plan/report', path: '/plan/report?fy=2025', allowed: progressReaders, ok: 200 },
  { route: 'GET /plan/report.xlsx', path: '/plan/report.xlsx?fy=2025', allowed: progressReaders, ok: 200 },

  // ----- actuals and PDCA: city staff only --------------------------------------------------------
  { route: 'GET /plan/actuals', path: '/plan/actuals?fy=2026', allowed: cityStaff, ok: 200 },
  { route: 'GET /plan/actuals.csv', path: '/plan/actuals.csv?fy=2025', allowed: cityStaff, ok: 200 },
  {
    route: 'GET /plan/actuals-template.csv',
    path: '/plan/actuals-template.csv?fy=2026',
    allowed: cityStaff,
    ok: 200,
  },
  {
    route: 'POST /plan/actuals',
    path: '/plan/actuals?fy=2026',
    allowed: cityStaff,
    ok: 303,
    form: (who) => ({
      subject: 'project:industry-academia',
      fiscalYear: '2026',
      value: String(20 + everyone.indexOf(who)),
      asOf: '2026-06-01',
      source: `roles matrix ${who}`,
    }),
    figure: { fiscalYear: 2026, code: 'industry-academia', kind: 'projects' },
  },
  {
    route: 'POST /api/v1/plan/actuals',
    path: '/api/v1/plan/actuals',
    allowed: cityStaff,
    ok: 201,
    json: (who) => ({
      subjectKind: 'kpi',
      subjectCode: 'shotenkai-members',
      fiscalYear: 2026,
      value: 300 + everyone.indexOf(who),
      asOf: '2026-06-02',
      source: `roles matrix ${who}`,
    }),
    figure: { fiscalYear: 2026, code: 'shotenkai-members', kind: 'kpis' },
  },
  {
    route: 'POST /plan/actuals/import',
    path: '/plan/actuals/import?fy=2026',
    allowed: cityStaff,
    // kept for its preview (303): nothing is written before the confirmation
    ok: 'permitted',
    multipart: (who) => {
      const form = new FormData();
      form.set('file', new File([csvOf(who)], 'actuals.csv', { type: 'text/csv' }));
      return form;
    },
    figure: { fiscalYear: 2026, code: 'area-map', kind: 'projects' },
  },
  // the preview of an upload and its confirmation answer its uploader only: a token nobody holds is 404
  {
    route: 'GET /plan/actuals/import/:token{[A-Za-z0-9_-]{32}}',
    path: '/plan/actuals/import/rolesMatrixNoSuchUpload000000000',
    allowed: cityStaff,
    ok: 404,
  },
  {
    route: 'POST /plan/actuals/import/:token{[A-Za-z0-9_-]{32}}',
    path: '/plan/actuals/import/rolesMatrixNoSuchUpload000000000',
    allowed: cityStaff,
    ok: 'permitted',
    form: () => ({}),
    figure: { fiscalYear: 2026, code: 'area-map', kind: 'projects' },
  },
  {
    route: 'POST /api/v1/plan/actuals/import',
    path: '/api/v1/plan/actuals/import',
    allowed: cityStaff,
    ok: 200,
    json: (who) => ({ csv: csvOf(who).replace('2026-07-01', '2026-07-02') }),
    figure: { fiscalYear: 2026, code: 'area-map', kind: 'projects' },
  },
  {
    route: 'POST /plan/projects/:code/review',
    path: '/plan/projects/machizemi/review',
    allowed: cityStaff,
    ok: 303,
    form: (who) => ({
      fiscalYear: '2025',
      version: '0',
      grade: 'B',
      departmentComment: `roles matrix ${who}`,
    }),
  },
  {
    // 委員会の意見 is written by committee members only (the demo's committee@, whose reach is
    // checked in committee-opinion.test.ts): nobody of the matrix, not even the department
    route: 'POST /plan/projects/:code/committee-opinion',
    path: '/plan/projects/machizemi/committee-opinion',
    allowed: [],
    ok: 303,
    form: (who) => ({ fiscalYear: '2025', version: '0', opinion: `roles matrix ${who}` }),
  },
  {
    route: 'POST /plan/projects/:code/actions',
    path: '/plan/projects/machizemi/actions',
    allowed: cityStaff,
    ok: 303,
    form: (who) => ({
      fiscalYear: '2025',
      description: `roles matrix ${who}`,
      ownerOrganisation: 'shotenkai',
      dueDate: '',
      idempotencyKey: `roles-matrix-${who}`,
    }),
  },
  {
    route: 'POST /plan/projects/:code/actions/:id/status',
    path: (ctx) => `/plan/projects/marche/actions/${ctx.actionId}/status`,
    allowed: cityStaff,
    ok: 303,
    form: () => ({ status: 'in-progress' }),
  },
];

// ----- accounts and the audit log (src/modules/accounts, being added): who may reach each route.
// What the allowed may do there is that module's own tests' business, so for writes the matrix
// only checks that the permission check lets them through.
const withAccount = everyone.filter((who) => who !== 'visitor');
const target = (ctx: Context) => `/admin/accounts/${ctx.targetAccountId}`;
matrix.push(
  { route: 'GET /admin/accounts', path: '/admin/accounts', allowed: cityStaff, ok: 200, optional: true },
  {
    route: 'GET /admin/accounts/new',
    path: '/admin/accounts/new',
    allowed: cityStaff,
    ok: 200,
    optional: true,
  },
  { route: 'GET /admin/accounts/:id{[0-9]+}', path: target, allowed: cityStaff, ok: 200, optional: true },
  { route: 'GET /admin/audit', path: '/admin/audit', allowed: cityStaff, ok: 200, optional: true },
  { route: 'GET /admin/audit.csv', path: '/admin/audit.csv', allowed: cityStaff, ok: 200, optional: true },
  { route: 'GET /api/v1/accounts', path: '/api/v1/accounts', allowed: cityStaff, ok: 200, optional: true },
  {
    route: 'GET /account/password',
    path: '/account/password',
    allowed: withAccount,
    ok: 200,
    optional: true,
  },
  {
    route: 'POST /admin/accounts',
    path: '/admin/accounts',
    allowed: cityStaff,
    ok: 'permitted',
    optional: true,
    form: (who) => ({ email: `matrix-${who}@example.test`, displayName: '', role: 'resident' }),
  },
  {
    route: 'POST /admin/accounts/:id{[0-9]+}',
    path: target,
    allowed: cityStaff,
    ok: 'permitted',
    optional: true,
    form: (who) => ({ displayName: `roles matrix ${who}`, role: 'resident' }),
  },
  ...(['disable', 'enable', 'password'] as const).map(
    (action): RouteRule => ({
      route: `POST /admin/accounts/:id{[0-9]+}/${action}`,
      path: (ctx) => `${target(ctx)}/${action}`,
      allowed: cityStaff,
      ok: 'permitted',
      optional: true,
      form: () => ({}),
    }),
  ),
  {
    route: 'POST /api/v1/accounts',
    path: '/api/v1/accounts',
    allowed: cityStaff,
    ok: 'permitted',
    optional: true,
    json: (who) => ({ email: `matrix-${who}@example.test`, displayName: '', role: 'resident' }),
  },
  {
    route: 'PATCH /api/v1/accounts/:id{[0-9]+}',
    path: (ctx) => `/api/v1/accounts/${ctx.targetAccountId}`,
    method: 'PATCH',
    allowed: cityStaff,
    ok: 'permitted',
    optional: true,
    json: (who) => ({ displayName: `roles matrix ${who}` }),
  },
  {
    route: 'POST /account/password',
    path: '/account/password',
    allowed: withAccount,
    ok: 'permitted',
    optional: true,
    form: () => ({ currentPassword: 'not-my-password', newPassword: 'x', newPasswordAgain: 'y' }),
  },
);

// ----- events (src/modules/events): anyone browses and registers; the organisers' pages, with the
// participant lists (personal data), are for city staff, support staff and associations; of the
// matrix's event (held by Bi@Sta), only Bi@Sta's staff and the admin see who comes and run it.
const eventManagers: Who[] = ['admin', 'shokokai', 'bista', 'shotenkai'];
const eventRunners: Who[] = ['admin', 'bista'];
/** Each organisation creates its own events; the admin any. */
const organisationOf: Partial<Record<Who, string>> = { shokokai: 'shokokai', shotenkai: 'shotenkai' };
const matrixParticipant = 'roles-matrix-participant@example.jp';
const inAMonth = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + 30 * 86_400_000));
const eventForm = (title: string, organiser = 'bista') => ({
  category: 'succession-seminar',
  title,
  date: inAMonth(),
  startTime: '14:00',
  endTime: '16:00',
  place: '市役所 会議室',
  capacity: '20',
  feeYen: '0',
  organiser,
});
matrix.push(
  { route: 'GET /events', path: '/events', allowed: everyone, ok: 200 },
  { route: 'GET /events/calendar.ics', path: '/events/calendar.ics', allowed: everyone, ok: 200 },
  {
    route: 'GET /events/calendar/:file{[A-Za-z0-9][A-Za-z0-9._-]*\\.ics}',
    path: '/events/calendar/succession-seminar.ics',
    allowed: everyone,
    ok: 200,
  },
  { route: 'GET /events/opendata.csv', path: '/events/opendata.csv', allowed: everyone, ok: 200 },
  {
    route: 'GET /api/v1/events',
    path: '/api/v1/events',
    allowed: everyone,
    ok: 200,
    // drafts and participants are nobody's business here, whoever asks
    content: (_who, body) => {
      expect(body).not.toContain('行列テストの下書き');
      expect(body).not.toContain(matrixParticipant);
    },
  },
  {
    route: 'GET /events/:id{[0-9]+}',
    path: (ctx) => `/events/${ctx.eventId}`,
    allowed: everyone,
    ok: 200,
    content: (_who, body) => expect(body).not.toContain(matrixParticipant),
  },
  {
    route: 'POST /events/:id{[0-9]+}/registrations',
    path: (ctx) => `/events/${ctx.eventId}/registrations`,
    allowed: everyone,
    ok: 303,
    form: (who) => ({
      name: `行列テスト ${who}`,
      kana: 'ぎょうれつてすと',
      email: `matrix-${who}@example.jp`,
      phone: '',
      idempotencyKey: `roles-matrix-registration-${who}`,
    }),
  },
  {
    route: 'GET /events/registrations/:token',
    path: (ctx) => `/events/registrations/${ctx.registrationToken}`,
    allowed: everyone,
    ok: 200,
  },
  {
    route: 'POST /events/registrations/:token/cancel',
    path: (ctx) => `/events/registrations/${ctx.registrationToken}/cancel`,
    allowed: everyone,
    ok: 'permitted',
    form: () => ({}),
  },
  {
    route: 'GET /events/manage',
    path: '/events/manage',
    allowed: eventManagers,
    ok: 200,
  },
  {
    route: 'POST /events/manage',
    path: '/events/manage',
    allowed: eventManagers,
    ok: 303,
    form: (who) => eventForm(`roles matrix ${who}`, organisationOf[who]),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}',
    path: (ctx) => `/events/manage/${ctx.eventId}`,
    allowed: eventManagers,
    ok: 200,
    content: (who, body) =>
      eventRunners.includes(who)
        ? expect(body).toContain(matrixParticipant)
        : expect(body).not.toContain(matrixParticipant),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/publish',
    path: (ctx) => `/events/manage/${ctx.draftEventId}/publish`,
    allowed: eventRunners,
    ok: 'permitted',
    form: () => ({}),
  },
  // check-in at the door: the organiser's staff and admins; the scripts of the page are public files
  { route: 'GET /static/check-in.js', path: '/static/check-in.js', allowed: everyone, ok: 200 },
  { route: 'GET /static/jsqr.js', path: '/static/jsqr.js', allowed: everyone, ok: 200 },
  {
    route: 'GET /events/manage/:id{[0-9]+}/check-in',
    path: (ctx) => `/events/manage/${ctx.eventId}/check-in`,
    allowed: eventRunners,
    ok: 200,
    content: (_who, body) => expect(body).toContain('行列テスト 参加者（架空）'),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/check-in',
    path: (ctx) => `/events/manage/${ctx.eventId}/check-in`,
    allowed: eventRunners,
    ok: 'permitted',
    form: () => ({ ticketCode: 'ROLESMATRIX2' }),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/walk-ins',
    path: (ctx) => `/events/manage/${ctx.eventId}/walk-ins`,
    allowed: eventRunners,
    ok: 'permitted',
    form: (who) => ({ name: `当日 ${who}`, kana: 'とうじつ', idempotencyKey: `roles-matrix-walk-in-${who}` }),
  },
  // changing, cancelling and copying: the organiser's staff and admins
  {
    route: 'GET /events/manage/:id{[0-9]+}/edit',
    path: (ctx) => `/events/manage/${ctx.eventId}/edit`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/edit',
    path: (ctx) => `/events/manage/${ctx.eventId}/edit`,
    allowed: eventRunners,
    ok: 'permitted',
    form: () => ({}),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/cancel',
    path: (ctx) => `/events/manage/${ctx.eventId}/cancel`,
    allowed: eventRunners,
    ok: 'permitted',
    // without the confirmation nothing is cancelled, so the other cells keep their event
    form: () => ({}),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/copy',
    path: (ctx) => `/events/manage/${ctx.eventId}/copy`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/copy',
    path: (ctx) => `/events/manage/${ctx.eventId}/copy`,
    allowed: eventRunners,
    ok: 303,
    form: () => ({ firstDate: inAMonth() }),
  },
  // the participant list as a file: personal data, the organiser's staff and admins only
  {
    route: 'GET /events/manage/:id{[0-9]+}/participants.csv',
    path: (ctx) => `/events/manage/${ctx.eventId}/participants.csv`,
    allowed: eventRunners,
    ok: 200,
    content: (_who, body) => expect(body).toContain(matrixParticipant),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/participants.xlsx',
    path: (ctx) => `/events/manage/${ctx.eventId}/participants.xlsx`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/details',
    path: (ctx) => `/events/manage/${ctx.eventId}/details`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/details',
    path: (ctx) => `/events/manage/${ctx.eventId}/details`,
    allowed: eventRunners,
    ok: 303,
    form: (who) => ({ notes: `roles matrix ${who}`, area: 'akigawa' }),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/registrations/:registrationId{[0-9]+}/check-in',
    path: (ctx) => `/events/manage/${ctx.eventId}/registrations/${ctx.registrationId}/check-in`,
    allowed: eventRunners,
    ok: 'permitted',
    form: () => ({}),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/questions',
    path: (ctx) => `/events/manage/${ctx.eventId}/questions`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/questions',
    path: (ctx) => `/events/manage/${ctx.eventId}/questions`,
    allowed: eventRunners,
    ok: 303,
    form: (who) => ({ label: `行列テストの質問 ${who}`, kind: 'text' }),
  },
  {
    route: 'POST /events/manage/:id{[0-9]+}/questions/:questionId{[0-9]+}/remove',
    path: (ctx) => `/events/manage/${ctx.eventId}/questions/999999/remove`,
    allowed: eventRunners,
    ok: 'permitted',
    form: () => ({}),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/answers.csv',
    path: (ctx) => `/events/manage/${ctx.eventId}/answers.csv`,
    allowed: eventRunners,
    ok: 200,
    content: (_who, body) => expect(body).toContain('申込番号,お名前,ふりがな,状態'),
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/feedback',
    path: (ctx) => `/events/manage/${ctx.eventId}/feedback`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'GET /events/manage/:id{[0-9]+}/feedback.csv',
    path: (ctx) => `/events/manage/${ctx.eventId}/feedback.csv`,
    allowed: eventRunners,
    ok: 200,
  },
  {
    route: 'POST /events/registrations/:token/feedback',
    path: (ctx) => `/events/registrations/${ctx.registrationToken}/feedback`,
    allowed: everyone,
    ok: 'permitted',
    form: () => ({ satisfaction: '5' }),
  },
);

matrix.push(...campaignRouteRules);
matrix.push(...mailRouteRules);
matrix.push(...consultationRouteRules);
matrix.push(...listingRouteRules);
matrix.push(...vendorRouteRules);
matrix.push(...businessRouteRules);
matrix.push(...pointsRouteRules);
matrix.push(...propertyRouteRules);
matrix.push(...membershipRouteRules);
matrix.push(...shopRouteRules);
matrix.push(...articleRouteRules);
matrix.push(...successionRouteRules);
matrix.push(...csvRouteRules);

/** Routes that open or close a session: anyone may call them; security.test.ts covers what they do. */
const sessionRoutes = ['POST /login', 'POST /logout', 'POST /api/v1/session', 'DELETE /api/v1/session'];

const expectedStatus = (rule: RouteRule, who: Who) =>
  rule.allowed.includes(who) ? rule.ok : who === 'visitor' ? 401 : 403;

describe.each(testDatabaseKinds())('who may use which route (%s)', (kind) => {
  let t: TestInstance;
  const clients = new Map<Who, TestClient>();
  const ctx: Context = {
    actionId: 0,
    targetAccountId: 0,
    eventId: 0,
    draftEventId: 0,
    registrationId: 0,
    registrationToken: '',
  };

  beforeAll(async () => {
    t = await startInstance(kind, { planFiles: [handFiguresPlanFile] });
    clients.set('visitor', new TestClient(t.app));
    for (const name of Object.keys(demoAccounts) as (keyof typeof demoAccounts)[])
      clients.set(name, await new TestClient(t.app).logInAs(name));
    const action = await addImprovementAction(t.database.db, t.plans.defaultPlan, await actorOf(t, 'admin'), {
      projectCode: 'marche',
      fiscalYear: 2025,
      description: '出店者の募集時期を早める',
      ownerOrganisation: 'city',
      idempotencyKey: 'roles-matrix-status-target',
    });
    ctx.actionId = action?.id ?? 0;
    const targetAccount = await createAccount(t.database.db, {
      municipalityCode: t.plans.defaultPlan.municipalityCode,
      email: 'roles-matrix-target@example.test',
      displayName: '行列テスト用（架空）',
      role: 'resident',
      password: 'roles-matrix-2026',
    });
    ctx.targetAccountId = targetAccount.id;
    const organiser = await actorOf(t, 'bista');
    const choices = {
      organisations: t.plans.defaultPlan.file.organisations,
      categories: t.plans.defaultPlan.file.eventCategories,
    };
    const event = await createEvent(
      t.database.db,
      organiser,
      eventForm('行列テストのセミナー（架空）'),
      choices,
    );
    await publishEvent(t.database.db, organiser, event.id);
    ctx.eventId = event.id;
    const draft = await createEvent(
      t.database.db,
      organiser,
      eventForm('行列テストの下書き（架空）'),
      choices,
    );
    ctx.draftEventId = draft.id;
    const registration = await registerForEvent(t.database.db, event.id, {
      name: '行列テスト 参加者（架空）',
      kana: 'ぎょうれつてすと',
      email: matrixParticipant,
      idempotencyKey: 'roles-matrix-participant',
    });
    ctx.registrationId = registration.registration.id;
    ctx.registrationToken = registration.registration.cancelToken;
    await prepareCampaignRoutes(t);
    await prepareMailRoutes(t, event.id);
    await prepareConsultationRoutes(t);
    await prepareListingRoutes(t);
    await prepareVendorRoutes(t);
    await prepareBusinessRoutes(t);
    await preparePointsRoutes(t);
    await preparePropertyRoutes(t);
    await prepareMembershipRoutes(t);
    await prepareShopRoutes(t);
    await prepareArticleRoutes(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const client = (who: Who) => clients.get(who) as TestClient;

  it('declares every route the app serves', () => {
    const served = new Set(
      t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    );
    const declared = new Set([...matrix.map((r) => r.route), ...sessionRoutes]);
    const undeclared = [...served].filter((route) => !declared.has(route));
    expect(undeclared, 'add these routes to the matrix in roles.test.ts').toEqual([]);
  });

  describe.each(matrix)('$route', (rule) => {
    const cases = everyone.map((who) => ({ who, expected: expectedStatus(rule, who) }));

    it.for(cases)('answers $who with $expected', async ({ who, expected }, test) => {
      const served = t.app.routes.some((r) => `${r.method} ${r.path}` === rule.route);
      if (!served && rule.optional) return test.skip();
      expect(served, `${rule.route} is not served`).toBe(true);
      const path = typeof rule.path === 'function' ? rule.path(ctx) : rule.path;
      const isWrite = Boolean(rule.form || rule.json || rule.multipart);
      const before = isWrite ? await planData(t) : undefined;
      const figureBefore = rule.figure
        ? await apiProgress(client('admin'), rule.figure.fiscalYear, rule.figure.code, rule.figure.kind)
        : undefined;

      const response = rule.form
        ? await client(who).postForm(path, rule.form(who))
        : rule.json && rule.method === 'PATCH'
          ? await client(who).request(path, {
              method: 'PATCH',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(rule.json(who)),
            })
          : rule.json
            ? await client(who).postJson(path, rule.json(who))
            : rule.multipart
              ? await multipartPost(client(who), path, rule.multipart(who))
              : await client(who).get(path);
      const body = await response.text();

      if (expected === 'permitted') {
        expect(response.status, body.slice(0, 300)).not.toBe(401);
        expect(response.status, body.slice(0, 300)).not.toBe(403);
        expect(response.status, body.slice(0, 300)).toBeLessThan(500);
      } else expect(response.status, body.slice(0, 300)).toBe(expected);
      if (expected === 401 || expected === 403) {
        const code = expected === 401 ? 'login_required' : 'forbidden';
        if (path.startsWith('/api/')) expect(JSON.parse(body).error.code).toBe(code);
        else expect(body).toContain(expected === 401 ? 'ログインが必要です' : '権限がありません');
      }
      if (rule.content && expected === 200) rule.content(who, body);

      if (before) {
        const after = await planData(t);
        if (rule.allowed.includes(who)) {
          if (rule.ok !== 'permitted') expect(after).not.toEqual(before);
        } else expect(after, 'a refused write changed the database').toEqual(before);
      }
      if (rule.figure && figureBefore && !rule.allowed.includes(who)) {
        const figureAfter = await apiProgress(
          client('admin'),
          rule.figure.fiscalYear,
          rule.figure.code,
          rule.figure.kind,
        );
        expect(figureAfter).toEqual(figureBefore);
      }
    });
  });
});

/** A form with a file, as a browser sends it: multipart, with the CSRF token among the fields. */
async function multipartPost(client: TestClient, path: string, form: FormData) {
  form.set('_csrf', testCsrfToken);
  return client.request(path, { method: 'POST', body: form });
}
