import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { migrationsDir } from './migrate';

/**
 * Creating a PGlite database runs initdb in WebAssembly, which takes seconds. A migrated, empty
 * database made once at `npm install` (scripts/prepare-pglite-template.ts) and copied into each new
 * data folder takes a fraction of that. The file is keyed by PGlite's version and the migrations.
 */
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteFolder = pgliteEntry.slice(
  0,
  pgliteEntry.lastIndexOf('@electric-sql/pglite') + '@electric-sql/pglite'.length,
);
const pgliteVersion: string = JSON.parse(readFileSync(join(pgliteFolder, 'package.json'), 'utf8')).version;

// the template holds the migrated schema too, so it is also keyed by the migrations it holds
const migrationsKey = createHash('sha256')
  .update(
    readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => f + readFileSync(join(migrationsDir, f), 'utf8'))
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 12);

export const templateFile = join(
  dirname(dirname(pgliteFolder)),
  '.cache',
  'tsunagu',
  `pglite-${pgliteVersion}-${migrationsKey}.tar.gz`,
);

/**
 * The template to start a new data folder from, or undefined when none was prepared. A template of
 * the same PGlite version made before the newest migrations still serves: migrate() adds the rest.
 */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  const folder = dirname(templateFile);
  const sameVersion = existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => f.startsWith(`pglite-${pgliteVersion}-`) && f.endsWith('.tar.gz'))
        .map((f) => join(folder, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  const file = existsSync(templateFile) ? templateFile : sameVersion[0];
  return file ? new Blob([await readFile(file)]) : undefined;
}

/** True when the folder holds no PGlite database yet (a template can be copied in). */
export function isNewDataFolder(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
}
