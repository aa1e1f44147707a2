import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { demoPassword } from '../../../src/demo/seed';
import {
  buildPlan,
  findKpi,
  findProject,
  type Kpi,
  type Plan,
  type Project,
} from '../../../src/modules/plan/plan';
import { readPlanFile } from '../../../src/modules/plan/plan-file';
import { handFiguresPlanFile } from '../../support/hand-figures-plan';
import { launchChromium } from './browser';
import { type JourneyOptions, type RunningTsunagu, startTsunaguServer } from './server';

/** The demo accounts, by the part before @demo.tsunagu.example. */
export type DemoAccount =
  | 'admin'
  | 'shokokai'
  | 'bista'
  | 'shotenkai'
  | 'business'
  | 'resident'
  | 'student'
  /** 明星大学's staff, who approve its students' articles */
  | 'meisei'
  /** a member of the plan's committee (識見者), who writes the committee's opinion */
  | 'committee';

/** A running Tsunagu and a browser; every window it opens has its own cookies, as a different person. */
export interface Journeys {
  server: RunningTsunagu;
  browser: Browser;
  /** a new window of someone who has not logged in */
  visitor(options?: BrowserContextOptions): Promise<Page>;
  /** a new window, logged in through the login form */
  loggedInAs(account: DemoAccount, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function openJourneys(options: JourneyOptions = {}): Promise<Journeys> {
  const server = await startTsunaguServer(options);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const visitor = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'ja-JP', ...options });
    contexts.push(context);
    return context.newPage();
  };
  return {
    server,
    browser,
    visitor,
    async loggedInAs(account, options) {
      const page = await visitor(options);
      await logIn(page, account);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

/** Logs in through the login page; fails unless the header then names the account. */
export async function logIn(page: Page, account: DemoAccount): Promise<void> {
  await page.goto('/login');
  await page.locator('#email').fill(`${account}@demo.tsunagu.example`);
  await page.locator('#password').fill(demoPassword);
  await submit(page, page.getByRole('button', { name: /ログイン|Log in/ }));
  const who = page.locator('.site-header .who');
  if ((await who.count()) === 0) {
    throw new Error(`login as ${account} failed: ${await textOf(page.locator('main'))}`);
  }
}

/**
 * Clicks a button or link that loads a new page and waits until that page has loaded. Playwright's
 * click already waits for the navigation to start; this waits for it to finish, so that what
 * follows reads the new page.
 */
export async function submit(page: Page, target: Locator): Promise<void> {
  await target.click();
  await page.waitForLoadState('load');
}

/** Text of a locator with runs of white space made single. */
export async function textOf(target: Locator): Promise<string> {
  return ((await target.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The number shown in a cell such as "30,000部" or "80%"; null for "—" (nothing yet). */
export function numberIn(text: string): number | null {
  const digits = text.replace(/[^\d.]/g, '');
  return digits === '' ? null : Number(digits);
}

/** The plan as the plan loader reads it, so that expectations come from the plan, not copies of it. */
export async function akirunoPlan(): Promise<Plan> {
  return buildPlan(
    await readPlanFile(fileURLToPath(new URL('../../../plans/akiruno.yaml', import.meta.url))),
  );
}

/** The plan of a server started with `planFiles: [handFiguresPlanFile]`, for the journeys that enter figures by hand. */
export async function handFiguresPlan(): Promise<Plan> {
  return buildPlan(await readPlanFile(handFiguresPlanFile));
}

/** A project of the plan by its code; a journey that names a project the plan lacks is itself wrong. */
export function projectIn(plan: Plan, code: string): Project {
  const project = findProject(plan, code);
  if (!project) throw new Error(`the plan has no project ${code}`);
  return project;
}

export function kpiIn(plan: Plan, code: string): Kpi {
  const kpi = findKpi(plan, code);
  if (!kpi) throw new Error(`the plan has no KPI ${code}`);
  return kpi;
}

/** A project's annual target (年間目標) for a fiscal year, as the plan states it. */
export function targetOf(project: Project, fiscalYear: number): number {
  const target = project.targets.get(fiscalYear);
  if (target === undefined) throw new Error(`${project.code} has no target for ${fiscalYear}`);
  return target;
}
