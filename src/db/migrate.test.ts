import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { migrate, migrationsDir } from './migrate';

describe('migrations', () => {
  it('leaves every file applied once, and applies nothing on the next start', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(database);
      const files = readdirSync(migrationsDir)
        .filter((f) => f.endsWith('.sql'))
        .sort();
      const rows = await database.query<{ name: string }>('select name from schema_migrations order by name');
      expect(rows.map((r) => r.name)).toEqual(files);
      expect(await migrate(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
