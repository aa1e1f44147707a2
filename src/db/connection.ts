import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { isNewDataFolder, readPgliteTemplate } from './pglite-template';
import * as schema from './schema';

export type Schema = typeof schema;
/** The query builder; the same type whether PGlite or a PostgreSQL server is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: services accept both. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs one plain statement without parameters and returns its rows (migrations' bookkeeping). */
  query<T>(text: string): Promise<T[]>;
  /** Runs a script of several statements (migrations); a failed script's open transaction is rolled back. */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A new data folder starts from the prepared empty cluster when there is one (see pglite-template.ts). */
async function openPglite(dataDir: string): Promise<PGlite> {
  const template = isNewDataFolder(dataDir) ? await readPgliteTemplate() : undefined;
  if (template) {
    try {
      return await PGlite.create({ dataDir, loadDataDir: template });
    } catch (error) {
      console.warn(`PGlite template not usable, creating the database instead: ${(error as Error).message}`);
    }
  }
  return PGlite.create(dataDir);
}

/** PGlite in a data folder (or `memory://`), or a PostgreSQL server when a URL is given. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // numeric values come back as strings by default; our numerics are small measured values
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
    pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
    // an idle connection that drops (server restart, network) must not take the process down;
    // the pool replaces it, and the next query reports any lasting problem
    pool.on('error', (error) => console.error('PostgreSQL connection lost:', error.message));
    await pool.query('select 1');
    return {
      db: drizzleNodePg(pool, { schema }) as unknown as Db,
      kind: 'postgres',
      query: async <T>(text: string) => (await pool.query(text)).rows as T[],
      execScript: async (sql) => {
        const client = await pool.connect();
        try {
          await client.query(sql);
        } catch (error) {
          await client.query('rollback').catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const client = await openPglite(options.dataDir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    query: async <T>(text: string) => (await client.query<T>(text)).rows,
    execScript: async (sql) => {
      try {
        await client.exec(sql);
      } catch (error) {
        await client.exec('rollback').catch(() => {});
        throw error;
      }
    },
    close: () => client.close(),
  };
}
