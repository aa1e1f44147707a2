import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The databases every integration suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL
 * is set. In CI a missing PostgreSQL is a failure, never a silent skip.
 */
export type TestDatabaseKind = 'pglite' | 'postgres';

export function testDatabaseKinds(): TestDatabaseKind[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites would be skipped');
  }
  return url ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, empty database for one suite: PGlite in memory, or a new database on the server. */
export async function createTestDatabase(
  kind: TestDatabaseKind,
): Promise<{ databaseUrl?: string; dataDir: string; drop(): Promise<void> }> {
  if (kind === 'pglite') return { dataDir: 'memory://', drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL as string;
  const name = `tsunagu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
