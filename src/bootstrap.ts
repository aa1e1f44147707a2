import { createApp } from './app';
import type { Config } from './config';
import { type Database, openDatabase } from './db/connection';
import { migrate } from './db/migrate';
import { seedDemoData } from './demo/seed';
import { registerEventMetrics } from './modules/events';
import { registerPlanMetrics } from './modules/plan';
import { loadPlans } from './modules/plan/catalogue';
import { MetricRegistry } from './modules/plan/metric-registry';

export interface Tsunagu {
  app: ReturnType<typeof createApp>;
  database: Database;
  plans: Awaited<ReturnType<typeof loadPlans>>;
  metrics: MetricRegistry;
  /** the demo accounts created on this start, if the database was empty */
  demoAccounts: { email: string; password: string; role: string }[];
}

/** config → database → migrations → metrics → plans → demo data → app */
export async function startTsunagu(config: Config): Promise<Tsunagu> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const metrics = new MetricRegistry();
    registerPlanMetrics(metrics);
    registerEventMetrics(metrics);
    const plans = await loadPlans(config.planFiles, metrics);
    const demoAccounts = config.seedDemo ? await seedDemoData(database.db, plans.defaultPlan) : [];
    const app = createApp({ config, database, plans, metrics });
    return { app, database, plans, metrics, demoAccounts };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
