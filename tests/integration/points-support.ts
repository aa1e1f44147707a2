import type { Actor } from '../../src/platform/audit';
import { UserError } from '../../src/platform/errors';
import type { TestInstance } from '../support/harness';
import { actorOf, type DemoAccount } from './helpers';

/** The machine-readable code a refused request gave, or 'no error'. */
export async function errorCodeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (error) {
    return error instanceof UserError ? error.code : String(error);
  }
}

/** Any demo account as the author of a change, the demo's business accounts (seiko, plastic) too. */
export const demoActor = (t: TestInstance, name: DemoAccount | 'seiko' | 'plastic'): Promise<Actor> =>
  actorOf(t, name as DemoAccount);
