import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './connection';

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the checked-in SQL migrations in file-name order, each once, each in its own transaction.
 * An advisory lock keeps two starting processes from applying the same migration twice.
 */
export async function migrate(database: Pick<Database, 'query' | 'execScript'>): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  await database.execScript(`
    create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    );`);
  const rows = await database.query<{ name: string }>('select name from schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  const applied: string[] = [];
  // a migration seen as done is skipped without a transaction; the others are checked again under the lock
  for (const file of files.filter((f) => !done.has(f.replace(/'/g, '')))) {
    const script = await readFile(migrationsDir + file, 'utf8');
    const name = file.replace(/'/g, '');
    // the insert fails on the primary key if another process applied it meanwhile, rolling back its copy
    await database
      .execScript(`
      begin;
      select pg_advisory_xact_lock(8242010);
      do $$ begin
        if exists (select 1 from schema_migrations where name = '${name}') then
          raise exception using errcode = 'P0001', message = 'already-applied';
        end if;
      end $$;
      ${script}
      ;
      insert into schema_migrations (name) values ('${name}');
      commit;`)
      .then(
        () => applied.push(file),
        (error: unknown) => {
          if (!String((error as Error).message).includes('already-applied')) {
            throw new Error(`migration ${file} failed: ${(error as Error).message}`);
          }
        },
      );
  }
  return applied;
}
