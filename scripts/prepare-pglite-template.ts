// Run by `npm install` (postinstall): prepares the migrated, empty PGlite database that new data
// folders start from (src/db/pglite-template.ts). A failure here only makes the first start slower.
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../src/db/migrate';
import { templateFile } from '../src/db/pglite-template';

async function prepareTemplate(): Promise<void> {
  const pglite = await PGlite.create();
  await migrate({
    execScript: async (script) => {
      await pglite.exec(script);
    },
    query: async <T>(text: string) => (await pglite.query<T>(text)).rows,
  });
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  await mkdir(dirname(templateFile), { recursive: true });
  // written under another name first, so that a start never reads half a file
  const partial = `${templateFile}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, templateFile);
}

try {
  if (!existsSync(templateFile)) {
    await prepareTemplate();
    console.log(`prepared ${templateFile}`);
  }
} catch (error) {
  console.warn(
    `could not prepare the PGlite template (first start will be slower): ${(error as Error).message}`,
  );
}
