import type { sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/connection';

/** The rows of a hand-written query (reports read across the ledger's tables in one statement). */
export async function rowsOf<T>(q: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await (q as Db).execute(query)) as unknown as { rows: T[] }).rows;
}
