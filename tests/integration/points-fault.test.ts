import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../src/modules/points';
import { ledgerAccounts, ledgerRequests, ledgerTransfers } from '../../src/modules/points/schema';
import { logIn } from '../../src/platform/auth/accounts';
import { testDatabaseKinds } from '../support/databases';
import { startTestTsunagu, type TestInstance } from '../support/harness';
import { type Population, populateLedger, populationPassword } from '../support/points-population';

/**
 * Issue 7's fault test: thousands of payments over HTTP against PostgreSQL while the server process
 * is killed with SIGKILL mid-run and started again. Every till retries with the same idempotency
 * key until it is answered, as a real terminal does. Afterwards every unit sums to zero and cached
 * balances equal the journal (also by `npm run ledger:check`), every payment the tills saw
 * acknowledged is in the journal exactly once and whole, and nothing else is.
 */
const payments = 2_000;
const tills = 48;
const killAfter = 700;
const root = fileURLToPath(new URL('../..', import.meta.url));
const csrf = 'fault-test-csrf-token-0123456789abcdef';

const hasPostgres = testDatabaseKinds().includes('postgres');

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

/** `npm start`'s server as its own process on the test's database, answering once it serves. */
async function startServer(databaseUrl: string, port: number, mailDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      SEED_DEMO_ACTIVITY: 'false',
      MAIL_DIR: mailDir,
      MAIL_DISPATCH_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const serving = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is serving')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before serving:\n${output}`)),
    );
  });
  await serving;
  return child;
}

interface Payment {
  key: string;
  residentId: number;
  shopCode: string;
  amount: number;
}

describe('るのかーど when the server is killed mid-run (PostgreSQL)', () => {
  let t: TestInstance;
  let population: Population;
  let mailDir = '';
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    if (!hasPostgres) return;
    t = await startTestTsunagu('postgres', { seedDemo: false });
    population = await populateLedger(t.database.db, {
      residents: 24,
      withLogin: 24,
      shops: 20,
      points: 1_000_000,
      label: 'fault',
    });
    mailDir = await mkdtemp(join(tmpdir(), 'tsunagu-fault-mail-'));
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) server.kill('SIGKILL');
    await t?.stop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it.skipIf(!hasPostgres)(
    'keeps every acknowledged payment exactly once and the ledger whole after a SIGKILL and restart (needs TEST_DATABASE_URL)',
    async () => {
      const db = t.database.db;
      const databaseUrl = t.config.databaseUrl as string;
      const port = await freePort();
      const sessions = await Promise.all(
        population.loginEmails.map(async (email) => {
          const { token, account } = await logIn(db, {
            email,
            password: populationPassword,
            clientAddress: '127.0.0.1',
            sessionHours: 2,
          });
          return { residentId: account.id, cookie: `tsunagu_session=${token}; tsunagu_csrf=${csrf}` };
        }),
      );
      const planned: Payment[] = Array.from({ length: payments }, (_, n) => ({
        key: `fault-${n}-${Date.now()}`,
        residentId: (sessions[n % sessions.length] as (typeof sessions)[number]).residentId,
        shopCode: (population.shops[(n * 7) % population.shops.length] as Population['shops'][number])
          .shopCode,
        amount: 1 + ((n * 37) % 500),
      }));
      const cookieOf = new Map(sessions.map((s) => [s.residentId, s.cookie]));

      servers.push(await startServer(databaseUrl, port, mailDir));
      const acknowledged: Payment[] = [];
      const refused: string[] = [];
      let retries = 0;
      let restarted: Promise<void> | undefined;
      const killAndRestart = async () => {
        const running = servers.at(-1) as ChildProcess;
        const exited = once(running, 'exit');
        running.kill('SIGKILL');
        await exited;
        servers.push(await startServer(databaseUrl, port, mailDir));
      };

      /** One till's payment: sent again with the same key until the server answers it. */
      const pay = async (payment: Payment) => {
        for (;;) {
          try {
            const response = await fetch(`http://127.0.0.1:${port}/points/wallet/pay`, {
              method: 'POST',
              redirect: 'manual',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                cookie: cookieOf.get(payment.residentId) as string,
              },
              body: new URLSearchParams({
                _csrf: csrf,
                shopCode: payment.shopCode,
                amount: String(payment.amount),
                idempotencyKey: payment.key,
              }),
            });
            await response.arrayBuffer();
            if (response.status === 303) return acknowledged.push(payment);
            if (response.status < 500) return refused.push(`${payment.key}: ${response.status}`);
          } catch {
            // the server is gone (killed, not yet back): the till tries again
          }
          retries += 1;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      let next = 0;
      await Promise.all(
        Array.from({ length: tills }, async () => {
          while (next < planned.length) {
            const payment = planned[next++] as Payment;
            await pay(payment);
            if (acknowledged.length >= killAfter && !restarted) restarted = killAndRestart();
          }
        }),
      );
      await restarted;
      expect(refused).toEqual([]);
      expect(acknowledged).toHaveLength(payments);
      // the kill landed mid-run: some payments were in flight and had to be sent again
      expect(retries).toBeGreaterThan(0);

      // every acknowledged payment is in the journal exactly once, whole, and nothing else is
      const keys = planned.map((p) => p.key);
      const requests = await db
        .select({ id: ledgerRequests.id, key: ledgerRequests.idempotencyKey, amount: ledgerRequests.amount })
        .from(ledgerRequests)
        .where(eq(ledgerRequests.kind, 'payment'));
      expect(requests.map((r) => r.key).sort()).toEqual([...keys].sort());
      const transfers = await db
        .select({ requestId: ledgerTransfers.requestId, amount: ledgerTransfers.amount })
        .from(ledgerTransfers)
        .where(
          inArray(
            ledgerTransfers.requestId,
            requests.map((r) => r.id),
          ),
        );
      const moved = new Map<number, number>();
      for (const leg of transfers) moved.set(leg.requestId, (moved.get(leg.requestId) ?? 0) + leg.amount);
      const amountOf = new Map(planned.map((p) => [p.key, p.amount]));
      for (const request of requests) {
        expect(request.amount).toBe(amountOf.get(request.key));
        expect(moved.get(request.id)).toBe(request.amount);
      }
      // each resident holds what the grant gave less what the tills saw paid
      const spent = new Map<number, number>();
      for (const p of acknowledged) spent.set(p.residentId, (spent.get(p.residentId) ?? 0) + p.amount);
      const balances = await db
        .select({ holderId: ledgerAccounts.holderId, balance: ledgerAccounts.balance })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.holder, 'resident'));
      for (const { holderId, balance } of balances) {
        expect(balance).toBe(1_000_000 - (spent.get(holderId) ?? 0));
      }
      expect(await checkLedger(db)).toEqual([]);

      const last = servers.at(-1) as ChildProcess;
      const stopped = once(last, 'exit');
      last.kill('SIGTERM');
      await stopped;
      const command = spawnSync('npm', ['run', '--silent', 'ledger:check'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      });
      expect(command.stderr).toBe('');
      expect(command.status).toBe(0);
    },
    90_000,
  );
});
