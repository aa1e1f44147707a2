import type { Db } from '../db/connection';
import { seedDemoDirectory } from '../modules/businesses';
import type { Plan } from '../modules/plan';
import { seedDemoArticles } from './articles';
import { seedDemoConsultations } from './consultations';
import { seedDemoEvents } from './events';
import { seedDemoMachizemi } from './machizemi';
import { seedDemoMemberships } from './memberships';
import { seedDemoPoints } from './points';
import { demoSeeder } from './seed';
import { seedDemoShops } from './shops';
import { seedDemoSuccessionNeeds } from './succession';

/** What the demo's background seeding wrote on this start. */
export interface DemoActivity {
  events: number;
  consultations: number;
  businesses: number;
  members: number;
  shops: number;
  /** students' articles published and 産学連携 recorded (decision 030) */
  articles: number;
  /** consented self-checks and outreach of the succession needs map (decision 034) */
  succession: number;
  /** るのかーど: shops joining and leaving over the years, this year's certificates bought and spent (decision 036) */
  points: number;
  /** bookings of the まちゼミ courses, online and by phone, with attendance and answers (decision 037) */
  machizemi: number;
}

/**
 * The demo's activity, written after the server listens (decisions 015 and 026): its events, its
 * consultations, then the directory at city scale (a few hundred fictional businesses), its shops
 * with their hours and the paper map's editions (decision 029), the member lists of the 商店会 and
 * the 商工会 (decision 032), then the students' articles and the 産学連携 of past years, and the owners
 * counted on the succession needs map with the outreach done (decision 034), るのかーど's shops
 * and wallets (decision 036), and the まちゼミ courses' bookings by phone and online with attendance
 * and the answers after the campaign (decision 037). Each is idempotent and stops between two
 * writes when asked.
 */
export async function seedDemoActivity(
  db: Db,
  plan: Plan,
  options: { now?: Date; stopped?: () => boolean } = {},
): Promise<DemoActivity> {
  const events = await seedDemoEvents(db, plan, options);
  const consultations = options.stopped?.() ? 0 : await seedDemoConsultations(db, plan, options);
  const businesses = options.stopped?.() ? 0 : await seedDemoDirectory(db, plan, demoSeeder(plan), options);
  const shops = options.stopped?.() ? 0 : await seedDemoShops(db, plan, options);
  const members = options.stopped?.() ? 0 : await seedDemoMemberships(db, plan, options);
  const articles = options.stopped?.() ? 0 : await seedDemoArticles(db, plan, options);
  const succession = options.stopped?.() ? 0 : await seedDemoSuccessionNeeds(db, plan, options);
  const points = options.stopped?.() ? 0 : await seedDemoPoints(db, plan, options);
  const machizemi = options.stopped?.() ? 0 : await seedDemoMachizemi(db, plan, options);
  return { events, consultations, businesses, shops, members, articles, succession, points, machizemi };
}
