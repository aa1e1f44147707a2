import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { can } from '../../../platform/auth/roles';
import { csvFile, csvResponse } from '../../../platform/csv';
import {
  type AppContext,
  type AppEnv,
  actorOf,
  requirePermission,
  savedNotice,
} from '../../../platform/http';
import { viewOf } from '../../../platform/ui/layout';
import { formBody, problemOf } from '../forms';
import type { FormProblem, FormValues } from '../pages/components';
import { participantFileNames, participantTableOf } from '../participant-export';
import { eventPermissions as can_ } from '../permissions';
import type { EventRouteDependencies } from '../routes';
import {
  CampaignListPage,
  CampaignPage,
  CourseFormPage,
  courseValues,
  ManageCampaignPage,
  ManageCampaignsPage,
  MyCoursesPage,
} from './pages';
import { CourseParticipantsPage } from './participants-page';
import {
  acceptsProposals,
  createCampaign,
  decideCourse,
  findCampaign,
  findOwnCourse,
  listCampaigns,
  listCoursesForStaff,
  listOwnCourses,
  listPublishedCourses,
  ownCourseParticipants,
  proposeCourse,
  updateCourse,
  withdrawCourse,
} from './service';

const notices = {
  proposed: {
    ja: '講座を提案しました。主催者が確認して結果をお知らせします。',
    en: 'Your course was proposed. The organiser will review it.',
  },
  updated: { ja: '提案を変更しました。', en: 'The proposal was changed.' },
  withdrawn: { ja: '提案を取り下げました。', en: 'The proposal was withdrawn.' },
  approved: {
    ja: '講座を承認し、イベントとして公開しました。',
    en: 'The course was approved and published as an event.',
  },
  returned: { ja: '講座を差し戻しました。', en: 'The course was sent back.' },
  declined: { ja: '講座を見送りました。', en: 'The course was declined.' },
  created: {
    ja: 'まちゼミを作成しました。事業者が講座を提案できます。',
    en: 'The campaign was created. Businesses can now propose courses.',
  },
} as const;

const idOf = (c: AppContext, name = 'id') => Number(c.req.param(name));

/** まちゼミ: the public campaign pages, a shop's proposals, and the organisers' decisions. */
export function campaignRoutes({ db, plans }: EventRouteDependencies) {
  const app = new Hono<AppEnv>();
  const planOf = (code: string) => plans.byMunicipality(code)?.file;
  const choicesOf = (code: string) => ({
    organisations: planOf(code)?.organisations ?? [],
    categories: planOf(code)?.eventCategories ?? [],
  });
  const municipalityOf = (c: AppContext) =>
    c.get('account')?.municipalityCode ?? plans.defaultPlan.municipalityCode;
  const account = (c: AppContext) => {
    const a = c.get('account');
    if (!a) throw new Error('requirePermission lets no visitor through');
    return a;
  };

  // ----- public -------------------------------------------------------------------------------

  app.get('/events/campaigns', async (c) => {
    const code = municipalityOf(c);
    const role = c.get('account')?.role;
    return c.html(
      <CampaignListPage
        view={viewOf(c)}
        campaigns={await listCampaigns(db, code)}
        categories={choicesOf(code).categories}
        canManage={can(role, can_['events.manage'])}
        canPropose={can(role, can_['events.courses.propose'])}
      />,
    );
  });

  app.get('/events/campaigns/:id{[0-9]+}', async (c) => {
    const code = municipalityOf(c);
    const campaign = await findCampaign(db, code, idOf(c));
    return c.html(
      <CampaignPage
        view={viewOf(c)}
        campaign={campaign}
        courses={await listPublishedCourses(db, campaign.id)}
        by={c.req.query('by') === 'shop' ? 'shop' : 'date'}
        organisers={choicesOf(code).organisations}
        categories={choicesOf(code).categories}
      />,
    );
  });

  // ----- businesses: their own proposals --------------------------------------------------------

  const propose = requirePermission(can_['events.courses.propose']);

  app.get('/events/courses', propose, async (c) => {
    const me = account(c);
    const [courses, campaigns] = await Promise.all([
      listOwnCourses(db, me),
      listCampaigns(db, me.municipalityCode),
    ]);
    c.header('cache-control', 'no-store');
    return c.html(
      <MyCoursesPage
        view={viewOf(c)}
        courses={courses}
        open={campaigns.filter((x) => acceptsProposals(x))}
      />,
    );
  });

  const renderProposal = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const campaign = await findCampaign(db, account(c).municipalityCode, idOf(c));
    return c.html(
      <CourseFormPage
        view={viewOf(c)}
        campaign={campaign}
        idempotencyKey={extra.values?.idempotencyKey ?? randomUUID()}
        values={extra.values ?? { shopName: account(c).displayName }}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/campaigns/:id{[0-9]+}/propose', propose, (c) => renderProposal(c));

  app.post('/events/campaigns/:id{[0-9]+}/proposals', propose, async (c) => {
    const body = await formBody(c);
    try {
      const { course } = await proposeCourse(db, account(c), idOf(c), body as never);
      return c.redirect(`/events/courses/${course.id}?saved=proposed`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderProposal(c, { values: body, problem, status });
    }
  });

  const renderOwnCourse = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const { course, campaign } = await findOwnCourse(db, account(c), idOf(c));
    c.header('cache-control', 'no-store');
    return c.html(
      <CourseFormPage
        view={viewOf(c)}
        campaign={campaign}
        course={course}
        values={extra.values ?? courseValues(course)}
        problem={extra.problem}
        notice={savedNotice(c, notices)}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/courses/:id{[0-9]+}', propose, (c) => renderOwnCourse(c));

  app.post('/events/courses/:id{[0-9]+}', propose, async (c) => {
    const body = await formBody(c);
    try {
      await updateCourse(db, account(c), idOf(c), body as never);
      return c.redirect(`/events/courses/${idOf(c)}?saved=updated`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderOwnCourse(c, { values: body, problem, status });
    }
  });

  // the people registered for the shop's own approved course: personal data, never cached
  app.get('/events/courses/:id{[0-9]+}/participants', propose, async (c) => {
    const found = await ownCourseParticipants(db, account(c), idOf(c));
    c.header('cache-control', 'no-store');
    return c.html(<CourseParticipantsPage view={viewOf(c)} {...found} />);
  });

  app.get('/events/courses/:id{[0-9]+}/participants.csv', propose, async (c) => {
    const { event, participants } = await ownCourseParticipants(db, account(c), idOf(c));
    const table = participantTableOf(event, participants);
    const names = participantFileNames(event, 'csv');
    return csvResponse(c, csvFile([table.headers, ...table.rows]), names.utf8, names.ascii);
  });

  app.post('/events/courses/:id{[0-9]+}/withdraw', propose, async (c) => {
    try {
      await withdrawCourse(db, account(c), idOf(c));
      return c.redirect(`/events/courses/${idOf(c)}?saved=withdrawn`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderOwnCourse(c, { problem, status });
    }
  });

  // ----- staff (管理) ---------------------------------------------------------------------------

  const manage = requirePermission(can_['events.manage']);

  const renderManage = async (
    c: AppContext,
    extra: { values?: FormValues; problem?: FormProblem; status?: number } = {},
  ) => {
    const actor = actorOf(c);
    return c.html(
      <ManageCampaignsPage
        view={viewOf(c)}
        campaigns={await listCampaigns(db, actor.municipalityCode)}
        categories={choicesOf(actor.municipalityCode).categories}
        organisers={choicesOf(actor.municipalityCode).organisations}
        values={extra.values ?? { organiser: c.get('account')?.organisation ?? '' }}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/campaigns/manage', manage, (c) => renderManage(c));

  app.post('/events/campaigns/manage', manage, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      const campaign = await createCampaign(db, actor, body as never, choicesOf(actor.municipalityCode));
      return c.redirect(`/events/campaigns/manage/${campaign.id}?saved=created`, 303);
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      return renderManage(c, { values: body, problem, status });
    }
  });

  const renderManageCampaign = async (
    c: AppContext,
    extra: { problem?: FormProblem; status?: number } = {},
  ) => {
    const actor = actorOf(c);
    const { campaign, courses } = await listCoursesForStaff(db, actor, idOf(c));
    c.header('cache-control', 'no-store');
    return c.html(
      <ManageCampaignPage
        view={viewOf(c)}
        campaign={campaign}
        courses={courses}
        categories={choicesOf(actor.municipalityCode).categories}
        notice={savedNotice(c, notices)}
        problem={extra.problem}
      />,
      (extra.status ?? 200) as 200,
    );
  };

  app.get('/events/campaigns/manage/:id{[0-9]+}', manage, (c) => renderManageCampaign(c));

  app.post('/events/campaigns/manage/:id{[0-9]+}/courses/:courseId{[0-9]+}/decision', manage, async (c) => {
    const body = await formBody(c);
    const actor = actorOf(c);
    try {
      const { course } = await decideCourse(
        db,
        actor,
        { campaignId: idOf(c), courseId: idOf(c, 'courseId') },
        body,
        choicesOf(actor.municipalityCode),
      );
      return c.redirect(
        `/events/campaigns/manage/${idOf(c)}?saved=${course.status}#course-${course.id}`,
        303,
      );
    } catch (error) {
      const { status, problem } = problemOf(c, error);
      if (status === 404) throw error;
      return renderManageCampaign(c, { problem, status });
    }
  });

  return app;
}
