// `npm run ledger:check`: checks the るのかーど ledger's invariants (decision 024) on the database
// the settings name (DATABASE_URL, or the PGlite folder DATA_DIR) and exits non-zero when one fails.
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/connection';
import { checkLedger } from '../src/modules/points/ledger-check';

const config = loadConfig();
const database = await openDatabase(config);
let exitCode = 0;
try {
  const problems = await checkLedger(database.db);
  if (problems.length === 0) {
    console.log(
      '台帳は整合しています (ledger check passed): every unit sums to zero, balances equal the journal',
    );
  } else {
    console.error(`台帳に不整合があります (ledger check failed): ${problems.length} problem(s)`);
    for (const problem of problems) console.error(`  - ${problem}`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`台帳を確認できませんでした (ledger check could not run): ${(error as Error).message}`);
  exitCode = 2;
} finally {
  await database.close();
}
process.exit(exitCode);
