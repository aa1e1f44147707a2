import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';
import { transfer } from '../../src/modules/points/transfers';
import { pointsUnitOf } from '../../src/modules/points/units';

/** `npm run ledger:check` on a PGlite data folder: passes on a whole ledger, fails and says why otherwise. */
describe('npm run ledger:check', () => {
  let dataDir = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-ledger-'));
    const database = await openDatabase({ dataDir });
    await migrate(database);
    const unitId = await pointsUnitOf(database.db, '132284');
    await transfer(database.db, {
      municipalityCode: '132284',
      idempotencyKey: 'ledger-check-grant-1',
      kind: 'grant',
      unitId,
      from: { holder: 'issuer' },
      to: { holder: 'resident', holderId: 7 },
      amount: 250,
    });
    await database.close();
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const runCheck = () =>
    spawnSync('npm', ['run', '--silent', 'ledger:check'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });

  it('exits 0 when every unit sums to zero and the balances equal the journal', () => {
    const result = runCheck();
    expect(result.stdout).toMatch(/ledger check passed/);
    expect(result.status).toBe(0);
  });

  it('exits non-zero and prints the account whose cached balance left the journal', async () => {
    const database = await openDatabase({ dataDir });
    await database.execScript(`
      alter table ledger_accounts disable trigger ledger_accounts_balance_from_journal;
      update ledger_accounts set balance = 240 where holder = 'resident' and holder_id = 7;
      alter table ledger_accounts enable trigger ledger_accounts_balance_from_journal;`);
    await database.close();
    const result = runCheck();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cached balance 240, journal says 250/);
    expect(result.stderr).toMatch(/accounts sum to -10, not 0/);
  });
});
