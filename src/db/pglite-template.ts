import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Creating a PGlite database runs initdb in WebAssembly, which takes seconds. An empty cluster made
 * once at `npm install` (scripts/prepare-pglite-template.ts) and copied into each new data folder
 * takes a fraction of that. The file is keyed by PGlite's version, so an upgrade makes a new one.
 */
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteFolder = pgliteEntry.slice(
  0,
  pgliteEntry.lastIndexOf('@electric-sql/pglite') + '@electric-sql/pglite'.length,
);
const pgliteVersion: string = JSON.parse(readFileSync(join(pgliteFolder, 'package.json'), 'utf8')).version;

export const templateFile = join(
  dirname(dirname(pgliteFolder)),
  '.cache',
  'tsunagu',
  `pglite-${pgliteVersion}.tar.gz`,
);

/** The template to start a new data folder from, or undefined when none was prepared. */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  if (!existsSync(templateFile)) return undefined;
  return new Blob([await readFile(templateFile)]);
}

/** True when the folder holds no PGlite database yet (a template can be copied in). */
export function isNewDataFolder(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
}

export async function writePgliteTemplate(): Promise<string> {
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  await mkdir(dirname(templateFile), { recursive: true });
  // written under another name first, so a start never reads half a file
  const partial = `${templateFile}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, templateFile);
  return templateFile;
}
