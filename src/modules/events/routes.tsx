import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../../db/connection';
import { privateDownload } from '../../platform/csv';
import { UserError } from '../../platform/errors';
import { fiscalYearOf, todayInJapan } from '../../platform/fiscal-year';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  requirePermission,
  savedNotice,
  siteOrigin,
} from '../../platform/http';
import { tr, viewOf } from '../../platform/ui/layout';
import { appFile, packageFile, serveStaticText } from '../../platform/ui/static-assets';
import type { PlanCatalogue } from '../plan/catalogue';
import { addWalkIn, checkIn, listParticipants, matchesName, sessionAtTheDoor } from './attendance-service';
import { consentToFollowUp, courseOfEvent } from './campaigns/follow-ups';
import { FollowUpConsentField } from './campaigns/returns-page';
import {
  createEvent,
  findEventForStaff,
  findEventRunBy,
  findPublishedEvent,
  listEventsForStaff,
  publishEvent,
} from './event-service';
import { formBody, problemOf } from './forms';
import { eventStructuredData } from './json-ld';
import { cancelEvent, copyEvent, copyInputOf, listEventsOfYear, updateEvent } from './lifecycle-service';
import { runsEvent } from './organiser-access';
import { CheckInPage, checkInScriptPath, qrDecoderScriptPath } from './pages/check-in';
import { type FormProblem, type FormValues, organiserName } from './pages/components';
import { eventInputOf, formValuesAgain, formValuesOfEvent, sessionRowsOf } from './pages/event-form';
import { CopyEventPage, EditEventPage } from './pages/lifecycle';
import { ManageEventPage, ManageEventsPage } from './pages/manage';
import { EventListPage, EventPage } from './pages/public';
import { RegistrationPage } from './pages/registration';
import { participantFileNames, participantTable } from './participant-export';
import { eventPermissions as can_ } from './permissions';
import { eventPlanData } from './plan-data';
import {
  type EventFilter,
  findPublishedEvents,
  isFiltered,
  japanMonthOf,
  parseEventFilter,
  publishedEventsOfMonth,
} from './published-events';
import { findFeedback, questionnaireOpen, submitFeedback } from './questions/feedback-service';
import { QuestionnaireSection } from './questions/pages';
import { answersOf, listQuestions } from './questions/question-service';
import { cancelRegistration, findRegistrationByToken, registerForEvent } from './registration-service';
import { ticketQrSvg } from './ticket';
import { VendorCallSection } from './vendors/pages';
import { findVendorCall, vendorCallWindow } from './vendors/service';

export interface EventRouteDependencies {
  db: Db;
  plans: PlanCatalogue;
}

const notices = {
  created: {
    ja: 'イベントを作成しました（下書き）。内容を確かめてから公開してください。',
    en: 'The event was created as a draft. Check it, then publish it.',
  },
  published: {
    ja: 'イベントを公開しました。申し込みを受け付けています。',
    en: 'The event is published and open for registration.',
  },
  'checked-in': { ja: '受付しました。', en: 'Checked in.' },
  updated: { ja: 'イベントを変更しました。', en: 'The event was changed.' },
  'updated-promoted': {
    ja: 'イベントを変更しました。定員が増えたため、キャンセル待ちの方が繰り上がりました。',
    en: 'The event was changed. With the higher capacity, people on the waiting list were moved up.',
  },
  'updated-told': {
    ja: 'イベントを変更しました。日時・会場の変更を、申し込んだ方にメールでお知らせします。',
    en: 'The event was changed. The people registered are told of the new date or place by mail.',
  },
  'updated-promoted-told': {
    ja: 'イベントを変更しました。キャンセル待ちの方が繰り上がり、日時・会場の変更は申し込んだ方にメールでお知らせします。',
    en: 'The event was changed. People on the waiting list were moved up, and everyone registered is told of the new date or place by mail.',
  },
  copied: {
    ja: 'コピーして下書きを作成しました。日程と内容を確かめてから公開してください。',
    en: 'A copy was created as a draft. Check its dates and details, then publish it.',
  },
  'event-cancelled': {
    ja: 'イベントを中止しました。公開ページに「中止」と表示され、申し込んだ方にはメールでお知らせします。',
    en: 'The event is cancelled; its public page says so, and the people registered are told by mail.',
  },
  cancelled: { ja: 'お申し込みを取り消しました。', en: 'Your registration was cancelled.' },
  feedback: {
    ja: 'アンケートにご回答いただき、ありがとうございました。',
    en: 'Thank you for answering the questionnaire.',
  },
  details: {
    ja: '公開情報を保存しました。イベントのページ、カレンダー配信、オープンデータに反映されます。',
    en: 'The public details were saved. The event page, the calendar feeds and the open data show them.',
  },
  'details-unchanged': { ja: '変更はありませんでした。', en: 'Nothing was changed.' },
} as const;

const noticeOf = (c: AppContext) => savedNotice(c, notices);

export const eventIdOf = (c: AppContext) => Number(c.req.param('id'));

/** Browsing and registering (anyone), and the organisers' pages (staff roles). */
export function eventRoutes({ db, plans }: EventRouteDependencies) {
  const app = new Hono<AppEnv>();
  const {
    organisersOf,
    categoriesOf,
    areasOf,
    municipalityOf: planMunicipalityOf,
    projectsCountingOf,
    municipalityCodeOf: municipalityOf,
  } = eventPlanData(plans);

  // ----- public -------------------------------------------------------------------------------

  // the door page's scanner (progressive enhancement) and the QR decoder it loads where the
  // browser has none: served by the app itself, as the CSP allows scripts from here only
  serveStaticText(app, checkInScriptPath, 'js', appFile(new URL('./check-in.js', import.meta.url)));
  serveStaticText(app, qrDecoderScriptPath, 'js', packageFile('jsqr'));

  app.get('/events', async (c) => {
    const code = municipalityOf(c);
    const query = c.req.query();
    const mode = query.view === 'calendar' ? 'calendar' : 'list';
    const choices = { categories: categoriesOf(code), areas: areasOf(code) };
    const page = {
      view: viewOf(c),
      mode,
      values: query,
      organisers: organisersOf(code),
      ...choices,
    } as const;
    let filter: EventFilter;
    try {
      filter = parseEventFilter(query, choices);
    } catch (error) {
      // a condition typed into the address by hand: the form shows it, to be corrected
      const { status, problem } = problemOf(c, error);
      return c.html(
        <EventListPage
          {...page}
          filter={undefined}
          filtered
          events={[]}
          total={0}
          month={japanMonthOf(new Date())}
          problem={problem}
        />,
        status as 400,
      );
    }
    const month = filter.month ?? (filter.from ?? todayInJapan()).slice(0, 7);
    const found =
      mode === 'calendar'
        ? await publishedEventsOfMonth(db, code, filter, month).then((rows) => ({
            events: rows,
            total: rows.length,
          }))
        : await findPublishedEvents(db, code, filter);
    return c.html(
      <EventListPage {...page} filter={filter} filtered={isFiltered(filter)} month={month} {...found} />,
    );
  });

  const renderEvent = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const event = await findPublishedEvent(db, eventIdOf(c));
    const account = c.get('account');
    const organisers = organisersOf(event.municipalityCode);
    const [vendorCall, course] = await Promise.all([
      findVendorCall(db, event.id),
      courseOfEvent(db, event.id),
    ]);
    return c.html(
      <EventPage
        view={viewOf(c)}
        event={event}
        questions={await listQuestions(db, event.id)}
        organisers={organisers}
        categories={categoriesOf(event.municipalityCode)}
        areas={areasOf(event.municipalityCode)}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
        values={extra.values ?? (account ? { name: account.displayName, email: account.email } : {})}
        problem={extra.problem}
        structuredData={eventStructuredData(event, {
          url: `${siteOrigin(c)}/events/${event.id}`,
          organiserName: organiserName('ja', event.organiser, organisers),
          municipality: planMunicipalityOf(event.municipalityCode),
        })}
        formExtra={
          course ? (
            <FollowUpConsentField view={viewOf(c)} values={extra.values ?? {}} shopName={course.shopName} />
          ) : undefined
        }
      >
        {vendorCall ? (
          <VendorCallSection
            view={viewOf(c)}
            event={event}
            call={vendorCall}
            window={vendorCallWindow(vendorCall, event)}
          />
        ) : null}
      </EventPage>,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/:id{[0-9]+}', (c) => renderEvent(c));

  app.post('/events/:id{[0-9]+}/registrations', async (c) => {
    const body = await formBody(c);
    try {
      // a まちゼミ course's participant may agree to be asked afterwards whether they came back
      const course = body.followUpConsent ? await courseOfEvent(db, eventIdOf(c)) : undefined;
      const result = await registerForEvent(db, eventIdOf(c), body as never, {
        account: c.get('account'),
        answers: answersOf(body),
        afterRegistering: course
          ? (tx, registration, now) => consentToFollowUp(tx, course.id, registration.id, now)
          : undefined,
      });
      if (result.outcome === 'already-registered') {
        return c.html(
          <RegistrationPage
            view={viewOf(c)}
            event={result.event}
            registration={result.registration}
            position={result.position}
            organisers={organisersOf(result.event.municipalityCode)}
            showLink={false}
          />,
        );
      }
      c.header('cache-control', 'no-store');
      return c.redirect(`/events/registrations/${result.registration.cancelToken}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderEvent(c, { values: body, problem, status });
    }
  });

  const renderRegistration = async (
    c: AppContext,
    extra: { problem?: FormProblem; questionnaireProblem?: FormProblem; status?: number } = {},
  ) => {
    const token = c.req.param('token') ?? '';
    const { registration, event, position } = await findRegistrationByToken(db, token);
    const ticketSvg =
      registration.status === 'confirmed'
        ? await ticketQrSvg(registration.ticketCode, tr(viewOf(c), 'QRチケット', 'QR ticket'))
        : undefined;
    // the link is the key to the registration: it must not end up in a shared cache
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(
      <RegistrationPage
        view={viewOf(c)}
        event={event}
        registration={registration}
        position={position}
        organisers={organisersOf(event.municipalityCode)}
        showLink
        ticketSvg={ticketSvg}
        notice={noticeOf(c)}
        problem={extra.problem}
      >
        {questionnaireOpen(registration, event) ? (
          <QuestionnaireSection
            view={viewOf(c)}
            action={`/events/registrations/${token}/feedback`}
            feedback={await findFeedback(db, registration.id)}
            problem={extra.questionnaireProblem}
          />
        ) : null}
      </RegistrationPage>,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/registrations/:token', (c) => renderRegistration(c));

  app.post('/events/registrations/:token/feedback', async (c) => {
    const token = c.req.param('token');
    try {
      await submitFeedback(db, token, (await formBody(c)) as never);
      return c.redirect(`/events/registrations/${token}?saved=feedback#questionnaire`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderRegistration(c, { questionnaireProblem: problem, status });
    }
  });

  app.post('/events/registrations/:token/cancel', async (c) => {
    const token = c.req.param('token');
    try {
      await cancelRegistration(db, token);
      return c.redirect(`/events/registrations/${token}?saved=cancelled`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderRegistration(c, { problem, status });
    }
  });

  // ----- staff (管理): the organisers' pages ----------------------------------------------------

  const renderManage = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number; moreRows?: boolean } = {},
  ) => {
    const actor = actorOf(c);
    const lastFiscalYear = fiscalYearOf(new Date()) - 1;
    const [rows, lastYear] = await Promise.all([
      listEventsForStaff(db, actor),
      listEventsOfYear(db, actor, lastFiscalYear),
    ]);
    const values = extra.values ?? { organiser: c.get('account')?.organisation ?? '' };
    return c.html(
      <ManageEventsPage
        view={viewOf(c)}
        events={rows}
        lastYear={lastYear.filter((e) => runsEvent(actor, e))}
        lastFiscalYear={lastFiscalYear}
        organisers={organisersOf(actor.municipalityCode)}
        categories={categoriesOf(actor.municipalityCode)}
        areas={areasOf(actor.municipalityCode)}
        values={values}
        problem={extra.problem}
        notice={noticeOf(c)}
        rows={sessionRowsOf(values, extra.moreRows)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage', requirePermission(can_['events.manage']), (c) => renderManage(c));

  app.post('/events/manage', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    // 「回の入力欄を増やす」: the same form again with more session rows, nothing saved
    if (body.moreSessions) return renderManage(c, { values: body, moreRows: true });
    try {
      const event = await createEvent(db, actor, eventInputOf(body), {
        organisations: organisersOf(actor.municipalityCode),
        categories: categoriesOf(actor.municipalityCode),
        areas: areasOf(actor.municipalityCode),
      });
      return c.redirect(`/events/manage/${event.id}?saved=created`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderManage(c, { values: formValuesAgain(body), problem, status });
    }
  });

  const renderManageEvent = async (c: AppContext, extra: { problem?: FormProblem; status?: number } = {}) => {
    const actor = actorOf(c);
    const search = (c.req.query('q') ?? '').slice(0, 100);
    const event = await findEventForStaff(db, actor, eventIdOf(c));
    const participants = runsEvent(actor, event) ? await listParticipants(db, actor, event.id, search) : null;
    // the participant list is personal data
    c.header('cache-control', 'no-store');
    return c.html(
      <ManageEventPage
        view={viewOf(c)}
        event={event}
        organisers={organisersOf(actor.municipalityCode)}
        categories={categoriesOf(actor.municipalityCode)}
        areas={areasOf(actor.municipalityCode)}
        participants={participants}
        countsFor={projectsCountingOf(actor.municipalityCode, event.category)}
        search={search}
        notice={noticeOf(c)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}', requirePermission(can_['events.manage']), (c) =>
    renderManageEvent(c),
  );

  app.post('/events/manage/:id{[0-9]+}/publish', requirePermission(can_['events.manage']), async (c) => {
    try {
      await publishEvent(db, actorOf(c), eventIdOf(c));
      return c.redirect(`/events/manage/${eventIdOf(c)}?saved=published`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderManageEvent(c, { problem, status });
    }
  });

  app.post(
    '/events/manage/:id{[0-9]+}/registrations/:registrationId{[0-9]+}/check-in',
    requirePermission(can_['events.manage']),
    async (c) => {
      const body = await formBody(c);
      const search = (body.q ?? '').slice(0, 100);
      try {
        await checkIn(db, actorOf(c), eventIdOf(c), {
          registrationId: Number(c.req.param('registrationId')),
        });
        const query = new URLSearchParams({ saved: 'checked-in', ...(search ? { q: search } : {}) });
        return c.redirect(`/events/manage/${eventIdOf(c)}?${query}#participants`, 303);
      } catch (error) {
        const { status, problem } = problemOf(c, error);
        if (status === 404) throw error;
        return renderManageEvent(c, { problem, status });
      }
    },
  );

  // ----- staff (管理): change, cancel and copy an event -------------------------------------------

  const choicesOf = (c: AppContext) => {
    const code = actorOf(c).municipalityCode;
    return { organisations: organisersOf(code), categories: categoriesOf(code), areas: areasOf(code) };
  };

  const renderEdit = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number; moreRows?: boolean } = {},
  ) => {
    const actor = actorOf(c);
    const event = await findEventRunBy(db, actor, eventIdOf(c));
    const values = extra.values ?? formValuesOfEvent(event, event.sessions);
    c.header('cache-control', 'no-store');
    return c.html(
      <EditEventPage
        view={viewOf(c)}
        event={event}
        organisers={organisersOf(actor.municipalityCode)}
        categories={categoriesOf(actor.municipalityCode)}
        values={values}
        problem={extra.problem}
        rows={sessionRowsOf(values, extra.moreRows)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}/edit', requirePermission(can_['events.manage']), (c) => renderEdit(c));

  app.post('/events/manage/:id{[0-9]+}/edit', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    if (body.moreSessions) return renderEdit(c, { values: body, moreRows: true });
    try {
      const result = await updateEvent(db, actorOf(c), eventIdOf(c), eventInputOf(body), choicesOf(c));
      const saved = ['updated', result.promoted.length > 0 ? 'promoted' : '', result.told > 0 ? 'told' : '']
        .filter(Boolean)
        .join('-');
      return c.redirect(`/events/manage/${eventIdOf(c)}?saved=${saved}`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderEdit(c, { values: formValuesAgain(body), problem, status });
    }
  });

  app.post('/events/manage/:id{[0-9]+}/cancel', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    try {
      // who may cancel first, then whether they meant it
      await findEventRunBy(db, actorOf(c), eventIdOf(c));
      if (body.confirm !== 'yes') throw cancelNotConfirmed;
      await cancelEvent(db, actorOf(c), eventIdOf(c));
      return c.redirect(`/events/manage/${eventIdOf(c)}?saved=event-cancelled`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderManageEvent(c, { problem, status });
    }
  });

  const renderCopy = async (
    c: AppContext,
    extra: { firstDate?: string; problem?: FormProblem; status?: number } = {},
  ) => {
    const event = await findEventRunBy(db, actorOf(c), eventIdOf(c));
    return c.html(
      <CopyEventPage
        view={viewOf(c)}
        event={event}
        firstDate={extra.firstDate ?? copyInputOf(event).firstDate}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/manage/:id{[0-9]+}/copy', requirePermission(can_['events.manage']), (c) => renderCopy(c));

  app.post('/events/manage/:id{[0-9]+}/copy', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    try {
      const copy = await copyEvent(db, actorOf(c), eventIdOf(c), { firstDate: body.firstDate }, choicesOf(c));
      return c.redirect(`/events/manage/${copy.id}?saved=copied`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderCopy(c, { firstDate: body.firstDate ?? '', problem, status });
    }
  });

  // ----- staff (管理): the participant list as a file, for Excel --------------------------------------

  // the CSV is in csv-routes.tsx: it comes back (decision 038)
  app.get(
    '/events/manage/:id{[0-9]+}/participants.xlsx',
    requirePermission(can_['events.manage']),
    async (c) => {
      const table = await participantTable(db, actorOf(c), eventIdOf(c));
      // exceljs is loaded on the first download, not on every start
      const { participantWorkbook } = await import('./participant-xlsx');
      const body = await participantWorkbook(table);
      const names = participantFileNames(table.event, 'xlsx');
      c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      privateDownload(c, names.utf8, names.ascii);
      return c.body(body);
    },
  );

  // ----- staff (管理): check-in at the door, on a phone ---------------------------------------------

  const renderCheckIn = async (
    c: AppContext,
    extra: {
      sessionId?: number | undefined;
      problem?: FormProblem;
      status?: number;
      values?: FormValues;
    } = {},
  ) => {
    const actor = actorOf(c);
    const eventId = eventIdOf(c);
    const search = (extra.values?.q ?? c.req.query('q') ?? '').slice(0, 100);
    const [event, everyone] = await Promise.all([
      findEventForStaff(db, actor, eventId),
      listParticipants(db, actor, eventId),
    ]);
    const session = sessionAtTheDoor(event, extra.sessionId ?? numberOf(c.req.query('session')));
    const done = everyone.find((p) => p.id === numberOf(c.req.query('done')));
    const outcome = c.req.query('result');
    // the list of people is personal data
    c.header('cache-control', 'no-store');
    return c.html(
      <CheckInPage
        view={viewOf(c)}
        event={event}
        session={session}
        participants={everyone.filter((p) => matchesName(p, search))}
        presentCount={everyone
          .filter((p) => p.attendance.some((a) => a.sessionId === session.id))
          .reduce((n, p) => n + p.seats, 0)}
        search={search}
        notice={
          done && (outcome === 'checked-in' || outcome === 'already-checked-in' || outcome === 'walk-in')
            ? { outcome, participant: done }
            : undefined
        }
        problem={extra.problem}
        values={extra.values}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  /** After a check-in: the page of the same session, saying who was checked in (Post/Redirect/Get). */
  const backToTheDoor = (c: AppContext, sessionId: number, registrationId: number, result: string, q = '') =>
    c.redirect(
      `/events/manage/${eventIdOf(c)}/check-in?${new URLSearchParams({
        session: String(sessionId),
        done: String(registrationId),
        result,
        ...(q ? { q } : {}),
      })}`,
      303,
    );

  app.get('/events/manage/:id{[0-9]+}/check-in', requirePermission(can_['events.manage']), (c) =>
    renderCheckIn(c),
  );

  app.post('/events/manage/:id{[0-9]+}/check-in', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    const sessionId = numberOf(body.session);
    const who = body.registrationId
      ? { registrationId: Number(body.registrationId) }
      : { ticketCode: body.ticketCode ?? '' };
    try {
      const result = await checkIn(db, actorOf(c), eventIdOf(c), who, { sessionId });
      return backToTheDoor(c, result.session.id, result.registration.id, result.outcome, body.q);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderCheckIn(c, { sessionId, problem, status, values: body });
    }
  });

  app.post('/events/manage/:id{[0-9]+}/walk-ins', requirePermission(can_['events.manage']), async (c) => {
    const body = await formBody(c);
    const sessionId = numberOf(body.session);
    try {
      const result = await addWalkIn(db, actorOf(c), eventIdOf(c), body as never, { sessionId });
      return backToTheDoor(c, result.session.id, result.registration.id, 'walk-in');
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderCheckIn(c, { sessionId, problem, status, values: body });
    }
  });

  return app;
}

const cancelNotConfirmed = new UserError(
  'invalid_input',
  422,
  {
    ja: '中止する前に、確認のチェックを入れてください。',
    en: 'Tick the box to confirm, then cancel the event.',
  },
  [{ field: 'confirm', message: { ja: '確認: チェックを入れてください。', en: 'Confirm: tick the box.' } }],
);

/** A positive whole number from a query or form field, or undefined. */
function numberOf(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
