import { createApp } from './app';
import type { Config } from './config';
import { type Database, openDatabase } from './db/connection';
import { migrate } from './db/migrate';
import { type DemoActivity, seedDemoActivity } from './demo/activity';
import { seedDemoData } from './demo/seed';
import { registerBusinessMetrics } from './modules/businesses';
import { registerCommunityMetrics } from './modules/community';
import { registerConsultationMetrics } from './modules/consultations';
import { askCourseFollowUps, enqueueEventReminders, registerEventMetrics } from './modules/events';
import { registerMembershipMetrics } from './modules/memberships';
import { registerPlanMetrics } from './modules/plan';
import { loadPlans } from './modules/plan/catalogue';
import { MetricRegistry } from './modules/plan/metric-registry';
import { expireGiftCertificates, registerPointsMetrics } from './modules/points';
import { registerPropertyMetrics, reviewStaleListings } from './modules/properties';
import { registerShopMetrics } from './modules/shops';
import { forgetOldCsvUploads } from './platform/csv-round-trip';
import { BackgroundJobs } from './platform/jobs';
import { createMailService, type MailService } from './platform/mail/service';

export interface Tsunagu {
  app: ReturnType<typeof createApp>;
  database: Database;
  plans: Awaited<ReturnType<typeof loadPlans>>;
  metrics: MetricRegistry;
  mail: MailService;
  /** mail dispatch and reminders; `npm start` starts them, tests call their functions directly */
  jobs: BackgroundJobs;
  /** the demo accounts created on this start, if the database was empty */
  demoAccounts: { email: string; password: string; role: string }[];
  /**
   * The demo's events and consultations being written in the background (decisions 015 and 026):
   * the numbers written, once done; 0 when they were there already or the demo is off. A failure is
   * logged, never thrown.
   */
  demoActivity: Promise<DemoActivity>;
  /** Stops the background jobs, then closes the mail transport and the database. */
  close(): Promise<void>;
}

/** How often reminders for tomorrow's events are looked for; each is enqueued once whatever the rate. */
const reminderIntervalMs = 15 * 60_000;
/** How often まちゼミ campaigns whose follow-up day has come are looked for; each person is asked once. */
const followUpIntervalMs = 60 * 60_000;
/** How often gift certificates past their last day are looked for; each issue expires once. */
const expiryIntervalMs = 60 * 60_000;

/** Every module's metrics, which the plan files bind their projects and KPIs to. */
export function moduleMetrics(): MetricRegistry {
  const metrics = new MetricRegistry();
  registerPlanMetrics(metrics);
  registerEventMetrics(metrics);
  registerConsultationMetrics(metrics);
  registerBusinessMetrics(metrics);
  registerPointsMetrics(metrics);
  registerPropertyMetrics(metrics);
  registerMembershipMetrics(metrics);
  registerShopMetrics(metrics);
  registerCommunityMetrics(metrics);
  return metrics;
}

/** How often listings untouched for 60 days are looked for (decision 023); each question is mailed once. */
const staleListingIntervalMs = 60 * 60_000;

/** config → database → migrations → metrics → plans → demo data → app */
export async function startTsunagu(config: Config): Promise<Tsunagu> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const metrics = moduleMetrics();
    const plans = await loadPlans(config.planFiles, metrics);
    const demoAccounts = config.seedDemo ? await seedDemoData(database.db, plans.defaultPlan) : [];
    const mail = createMailService(database.db, config);
    const app = createApp({ config, database, plans, metrics });
    const jobs = new BackgroundJobs()
      .every('mail-dispatch', config.mailDispatchSeconds * 1000, () => mail.dispatch())
      .every('event-reminders', reminderIntervalMs, () => enqueueEventReminders(database.db))
      // まちゼミ participants who consented are asked, once, a month after the campaign (decision 037)
      .every('machizemi-follow-ups', followUpIntervalMs, () => askCourseFollowUps(database.db))
      // gift certificates past their last day expire within the hour after midnight, Japan time
      .every('gift-certificate-expiry', expiryIntervalMs, () => expireGiftCertificates(database.db))
      .every('stale-properties', staleListingIntervalMs, () => reviewStaleListings(database.db))
      // uploaded CSV files and their previews are kept a day at most (decision 038)
      .every('csv-uploads', 60 * 60 * 1000, () => forgetOldCsvUploads(database.db));
    // the demo's events take seconds of work: the server listens meanwhile, and they appear as written
    let closing = false;
    const nothing: DemoActivity = {
      events: 0,
      consultations: 0,
      businesses: 0,
      members: 0,
      shops: 0,
      articles: 0,
      succession: 0,
      points: 0,
      machizemi: 0,
    };
    const demoActivity =
      config.seedDemo && config.seedDemoActivity
        ? seedDemoActivity(database.db, plans.defaultPlan, { stopped: () => closing }).catch((error) => {
            console.error('デモの記録を作成できませんでした (demo activity failed):', error);
            return nothing;
          })
        : Promise.resolve(nothing);
    const close = async () => {
      closing = true;
      await demoActivity;
      await jobs.stop();
      mail.transport.close();
      await database.close();
    };
    return { app, database, plans, metrics, mail, jobs, demoAccounts, demoActivity, close };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
