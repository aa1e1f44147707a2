import { asc, count } from 'drizzle-orm';
import type pg from 'pg';
import { expect } from 'vitest';
import type { Config } from '../../src/config';
import {
  improvementActions,
  manualActuals,
  pdcaCommitteeOpinions,
  pdcaReviews,
} from '../../src/modules/plan/schema';
import type { Actor } from '../../src/platform/audit';
import type { Role } from '../../src/platform/auth/roles';
import { UserError } from '../../src/platform/errors';
import { accounts, auditLog } from '../../src/platform/schema';
import type { TestDatabaseKind } from '../support/databases';
import { startTestTsunagu, type TestClient, type TestInstance } from '../support/harness';

/** The demo accounts by the name before @demo.tsunagu.example, and the role each one has. */
export const demoAccounts = {
  admin: 'admin',
  shokokai: 'staff',
  bista: 'staff',
  shotenkai: 'association',
  business: 'business',
  resident: 'resident',
  student: 'student',
} as const;
export type DemoAccount = keyof typeof demoAccounts;
export type Who = 'visitor' | DemoAccount;
export const everyone: Who[] = ['visitor', ...(Object.keys(demoAccounts) as DemoAccount[])];

/**
 * A Tsunagu on a fresh database. On PostgreSQL the test database is dropped `with (force)` right
 * after the pool is ended, and pg's Pool.end() resolves before its sockets have closed: a backend
 * terminated then reports FATAL 57P01 on a client the pool has already let go of. Without a listener
 * that event would crash the worker, so it is ignored here (and only that one).
 */
export async function startInstance(kind: TestDatabaseKind, overrides: Partial<Config> = {}) {
  const instance = await startTestTsunagu(kind, overrides);
  const pool = (instance.database.db as unknown as { $client?: pg.Pool }).$client;
  if (kind === 'postgres' && pool) {
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') throw error;
    });
  }
  return instance;
}

/** The actor of a demo account, for calling services directly as that person. */
export async function actorOf(t: Pick<TestInstance, 'database'>, name: DemoAccount): Promise<Actor> {
  const row = await t.database.db.query.accounts.findFirst({
    where: (a, { eq }) => eq(a.email, `${name}@demo.tsunagu.example`),
  });
  if (!row) throw new Error(`no demo account ${name}`);
  return {
    accountId: row.id,
    name: row.displayName,
    municipalityCode: row.municipalityCode,
    role: row.role as Role,
    organisation: row.organisation,
  };
}

/**
 * Everything a write of the plan module (or of an account) can change, to compare before and after
 * a refused request. Times are left out: they say when, not what.
 */
export async function planData(t: TestInstance) {
  const db = t.database.db;
  const [actuals, reviews, opinions, actions, people, [audit]] = await Promise.all([
    db.select().from(manualActuals).orderBy(asc(manualActuals.id)),
    db.select().from(pdcaReviews).orderBy(asc(pdcaReviews.id)),
    db.select().from(pdcaCommitteeOpinions).orderBy(asc(pdcaCommitteeOpinions.id)),
    db.select().from(improvementActions).orderBy(asc(improvementActions.id)),
    db.select().from(accounts).orderBy(asc(accounts.id)),
    db.select({ n: count() }).from(auditLog),
  ]);
  return {
    // a login may note its time on the account; that is not a change anyone made to it
    accounts: people.map(({ createdAt: _c, ...row }) => {
      const { lastLoginAt: _l, ...rest } = row as typeof row & { lastLoginAt?: unknown };
      return rest;
    }),
    actuals: actuals.map(({ enteredAt: _, ...row }) => row),
    reviews: reviews.map(({ updatedAt: _, ...row }) => row),
    opinions: opinions.map(({ updatedAt: _, ...row }) => row),
    actions: actions.map(({ createdAt: _c, updatedAt: _u, ...row }) => row),
    auditEntries: audit?.n ?? 0,
  };
}

export interface ApiProgressRow {
  code: string;
  target: number | null;
  actual: number | null;
  achievementPercent: number | null;
  status: 'achieved' | 'nearly' | 'missed' | 'none';
  records: { label: string; date?: string; value: number; detail?: string; href?: string }[];
}

/** One project's or KPI's figures as GET /api/v1/plan/progress gives them to a reader of progress. */
export async function apiProgress(
  reader: TestClient,
  fiscalYear: number,
  code: string,
  kind: 'projects' | 'kpis' = 'projects',
): Promise<ApiProgressRow> {
  const response = await reader.get(`/api/v1/plan/progress?fy=${fiscalYear}`);
  if (response.status !== 200) throw new Error(`progress: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as Record<typeof kind, ApiProgressRow[]>;
  const row = body[kind].find((r) => r.code === code);
  if (!row) throw new Error(`no ${kind} ${code} in the progress of ${fiscalYear}`);
  return row;
}

/** One project's row of the dashboard (GET /?fy=…): the texts of its target, actual, achievement and status. */
export async function dashboardRow(reader: TestClient, fiscalYear: number, code: string) {
  const response = await reader.get(`/?fy=${fiscalYear}`);
  const html = await response.text();
  const row = new RegExp(`<tr data-project="${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
  if (!row) throw new Error(`the dashboard of ${fiscalYear} has no row for ${code}`);
  const field = (name: string) => new RegExp(`data-field="${name}">([^<]*)<`).exec(row)?.[1]?.trim() ?? '';
  return {
    target: field('target'),
    actual: field('actual'),
    achievement: field('achievement'),
    status: /class="status status-(\w+)"/.exec(row)?.[1],
  };
}

/** Lines that only a stack trace or a leaked exception would put into a response. */
export const stackTraceSigns = [
  /\bat [\w.<>]+ \(/,
  /\bat (async )?file:\/\//,
  /node_modules/,
  /\.tsx?:\d+/,
  /DrizzleQueryError|TypeError|ReferenceError|Failed query/,
];

/** The CSRF token TestClient keeps in its cookie and sends with its forms. */
export { csrfToken as testCsrfToken } from '../support/harness';

/**
 * The refusal a call must end in: a UserError whose every message a person reads is there in both
 * languages. A call that succeeds, or fails otherwise, fails the test.
 */
export async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const refused = error as UserError;
  for (const text of [refused.userMessage, ...refused.details.map((d) => d.message)]) {
    expect(text.ja.length).toBeGreaterThan(0);
    expect(text.en.length).toBeGreaterThan(0);
  }
  return refused;
}
