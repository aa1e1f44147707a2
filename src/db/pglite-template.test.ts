import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { isNewDataFolder } from './pglite-template';

describe('a new PGlite data folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tsunagu-template-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is told apart from one that holds a database', () => {
    expect(isNewDataFolder('memory://')).toBe(true);
    expect(isNewDataFolder(join(folder, 'none-yet'))).toBe(true);
    const used = join(folder, 'used');
    rmSync(used, { recursive: true, force: true });
    mkdirSync(used);
    writeFileSync(join(used, 'PG_VERSION'), '17\n');
    expect(isNewDataFolder(used)).toBe(false);
  });

  it('opens as a working database that keeps its data across a restart', async () => {
    const dataDir = join(folder, 'db');
    const first = await openDatabase({ dataDir });
    await first.execScript('create table kept (n integer); insert into kept values (42);');
    await first.close();
    expect(isNewDataFolder(dataDir)).toBe(false);
    const again = await openDatabase({ dataDir });
    const result = await again.db.execute(sql`select n from kept`);
    expect((result as unknown as { rows: { n: number }[] }).rows).toEqual([{ n: 42 }]);
    await again.close();
  });
});
