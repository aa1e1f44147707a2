// Run by `npm install` (postinstall): prepares the empty PGlite cluster that new data folders start
// from (src/db/pglite-template.ts). A failure here only makes the first start slower.
import { existsSync } from 'node:fs';
import { templateFile, writePgliteTemplate } from '../src/db/pglite-template';

try {
  if (!existsSync(templateFile)) console.log(`prepared ${await writePgliteTemplate()}`);
} catch (error) {
  console.warn(
    `could not prepare the PGlite template (first start will be slower): ${(error as Error).message}`,
  );
}
