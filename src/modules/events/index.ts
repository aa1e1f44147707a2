// The events module owns events (seminars, meet-ups, marche days), registrations with their waiting
// list and cancel links, and check-in at the door, and publishes them (list, calendar, details,
// feeds, open data). Attendance is what it reports to the plan (`events.participants`, `events.held`).
// Campaigns (まちゼミ: courses proposed by shops, approved into events, `events.courses`; the shops'
// phone bookings, attendance and the return rate after the campaign) live in campaigns/, calls for
// vendors of a マルシェ (出店募集 and 出店申込) in vendors/.
import { Hono } from 'hono';
import type { AppDependencies } from '../../app';
import type { AppEnv } from '../../platform/http';
import type { ApiDescription } from '../../platform/openapi';
import { addNavigation } from '../../platform/ui/navigation';
import type { MetricRegistry } from '../plan';
import { eventsApi } from './api';
import { describeEventAuditEntries } from './audit-words';
import { describeCampaignAuditEntries } from './campaigns/audit-words';
import { courseBookingRoutes } from './campaigns/booking-routes';
import { coursesMetric } from './campaigns/metrics';
import { campaignRoutes } from './campaigns/routes';
import { eventCsvRoutes } from './csv-routes';
import { messageRoutes } from './message-routes';
import { heldMetric, participantsMetric } from './metrics';
import { myRegistrationRoutes } from './my-routes';
import { eventPermissions } from './permissions';
import { publishingRoutes } from './publishing-routes';
import { describeQuestionAuditEntries } from './questions/audit-words';
import { questionRoutes } from './questions/routes';
import { eventRoutes } from './routes';
import { describeVendorAuditEntries } from './vendors/audit-words';
import { vendorRoutes } from './vendors/routes';

export {
  type AttendedEvent,
  type AttendeeKey,
  attendeesOfYear,
  emailKey,
  eventsAttendedBy,
  type TopicLectureAttended,
  topicLecturesAttendedBy,
} from './attendance-of-people';
export { checkIn, listParticipants } from './attendance-service';
export {
  cancelBooking,
  listCourseBookings,
  markAttendance,
  takePhoneBooking,
} from './campaigns/bookings';
export {
  answerFollowUp,
  askCourseFollowUps,
  campaignReturns,
  consentToFollowUp,
  followUpDayOf,
  recordAnswerByShop,
} from './campaigns/follow-ups';
export {
  type CampaignRow,
  type CourseRow,
  createCampaign,
  decideCourse,
  listCampaigns,
  listCoursesForStaff,
  proposeCourse,
} from './campaigns/service';
export { type UpcomingCourse, upcomingCampaignCourses } from './campaigns/teachers';
export { createEvent, type EventWithCounts, listEventsForStaff, publishEvent } from './event-service';
export { listOwnRegistrations } from './my-registrations';
export { runsEvent } from './organiser-access';
export { eventPermissions } from './permissions';
export { cancelRegistration, registerForEvent } from './registration-service';
export { enqueueEventReminders } from './reminders';
export { sessionTopics } from './sessions';

export function registerEventMetrics(registry: MetricRegistry): void {
  registry.register(participantsMetric);
  registry.register(heldMetric);
  registry.register(coursesMetric);
}

export function eventsModule(deps: AppDependencies & { api: ApiDescription }) {
  const app = new Hono<AppEnv>();
  describeEventAuditEntries(deps.plans.plans.flatMap((plan) => plan.file.eventCategories));
  describeCampaignAuditEntries();
  describeQuestionAuditEntries();
  describeVendorAuditEntries();
  addNavigation(
    { href: '/events', label: { ja: 'イベント', en: 'Events' } },
    {
      href: '/events/manage',
      label: { ja: 'イベント管理', en: 'Manage events' },
      permission: eventPermissions['events.manage'],
    },
  );
  addNavigation({ href: '/events/campaigns', label: { ja: 'まちゼミ', en: 'Machizemi' } });
  addNavigation({
    href: '/events/vendors/my',
    label: { ja: '出店の申し込み', en: 'My vendor applications' },
    permission: eventPermissions['events.vendors.own'],
  });
  addNavigation({
    href: '/events/my',
    label: { ja: '申し込んだイベント', en: 'My registrations' },
    permission: eventPermissions['events.registrations.own'],
  });
  app.route('/', myRegistrationRoutes({ db: deps.database.db }));
  app.route('/', messageRoutes({ db: deps.database.db }));
  app.route('/', campaignRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', courseBookingRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', vendorRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', eventCsvRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', eventRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', questionRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', publishingRoutes({ db: deps.database.db, plans: deps.plans }));
  app.route('/', eventsApi({ db: deps.database.db, plans: deps.plans, api: deps.api }));
  return app;
}
