/**
 * How fast the るのかーど ledger takes payments, beside PostgreSQL's own TPC-B (pgbench) on the same
 * server in the same run: 10,000 residents with points and 100 shops, then WORKERS concurrent payers
 * for SECONDS each through the service layer (chargeAtShop) and through HTTP (the resident's payment
 * form, in process: Hono's request handling, sessions and CSRF included, no socket). Target (issue
 * 7): ledger payments/s ≥ 0.5 × pgbench TPC-B tps on PostgreSQL. PGlite is measured too (one
 * connection: its figure is for one process on a laptop). The invariants are checked afterwards.
 * Results go to bench/results/points.json; nothing is asserted.
 *
 *   BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:points
 *   (KEEP_DATABASES=1 keeps both databases for a look with psql or pgbench -f)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTsunagu } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { chargeAtShop, checkLedger } from '../src/modules/points';
import {
  populateLedger,
  populationMunicipality,
  populationPassword,
} from '../tests/support/points-population';

const seconds = Number(process.env.SECONDS ?? 15);
const workers = Number(process.env.WORKERS ?? 8);
const residentCount = 10_000;
const shopCount = 100;
const httpResidents = 8;
const municipalityCode = populationMunicipality;

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function createDatabase(adminUrl: string) {
  const name = `tsunagu_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (process.env.KEEP_DATABASES) return console.log(`kept ${name} for inspection`);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Runs `pay` in `concurrency` loops for `seconds`; returns payments per second and refusals. */
async function drive(concurrency: number, pay: (loop: number, n: number) => Promise<unknown>) {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      for (let n = 0; performance.now() < until; n++) {
        try {
          await pay(loop, n);
          done += 1;
        } catch (error) {
          failed += 1;
          if (failed === 1) console.error('a payment failed:', (error as Error).message);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { payments: done, failed, perSecond: Math.round((done / elapsed) * 10) / 10 };
}

async function measure(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  const config = loadConfig(
    {},
    {
      dataDir: 'memory://',
      databaseUrl,
      seedDemo: false,
      seedDemoActivity: false,
      mailDispatchSeconds: 0,
      mailDir: fileURLToPath(new URL('./results/mail/', import.meta.url)),
    },
  );
  const t = await startTsunagu(config);
  try {
    // 10,000 residents holding a hundred million points each (enough for one to pay all run long;
    // the first few can log in) and 100 shops
    const { residentIds, loginEmails, shops } = await populateLedger(t.database.db, {
      residents: residentCount,
      withLogin: httpResidents,
      shops: shopCount,
      points: 100_000_000,
      label: 'bench',
    });
    const next = random(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const actor = { accountId: null, name: 'bench', municipalityCode };
    const concurrency = kind === 'pglite' ? 1 : workers;
    const service = await drive(concurrency, (loop, n) =>
      chargeAtShop(t.database.db, {
        shop: pick(shops),
        payer: { residentAccountId: pick(residentIds) },
        amount: 1 + Math.floor(next() * 500),
        idempotencyKey: `bench-service-${loop}-${n}`,
        actor,
      }),
    );
    // HTTP: each loop is one resident's phone, logged in, paying shops by their code
    const cookies: string[] = [];
    for (let i = 0; i < Math.min(concurrency, httpResidents); i++) {
      const login = await t.app.request('/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: 'tsunagu_csrf=bench-csrf-token-0123456789abcdef',
        },
        body: new URLSearchParams({
          _csrf: 'bench-csrf-token-0123456789abcdef',
          email: loginEmails[i] as string,
          password: populationPassword,
        }),
      });
      const session = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('tsunagu_session='))
        ?.split(';')[0];
      if (!session) throw new Error(`bench login failed: ${login.status}`);
      cookies.push(`${session}; tsunagu_csrf=bench-csrf-token-0123456789abcdef`);
    }
    const http = await drive(cookies.length, async (loop, n) => {
      const response = await t.app.request('/points/wallet/pay', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies[loop] as string },
        body: new URLSearchParams({
          _csrf: 'bench-csrf-token-0123456789abcdef',
          shopCode: pick(shops).shopCode,
          amount: String(1 + Math.floor(next() * 500)),
          idempotencyKey: `bench-http-${loop}-${n}`,
        }),
      });
      if (response.status !== 303) throw new Error(`payment answered ${response.status}`);
    });
    const problems = await checkLedger(t.database.db);
    return { kind, concurrency, service, http, ledgerCheck: problems.length === 0 ? 'passed' : problems };
  } finally {
    await t.close();
  }
}

/** pgbench's TPC-B on its own database of the same server: scale = clients, as is usual. */
function pgbenchTps(url: string): number {
  const scale = String(Math.max(1, workers));
  execFileSync('pgbench', ['-i', '-q', '-s', scale, url], { stdio: 'ignore' });
  const out = execFileSync('pgbench', ['-n', '-c', String(workers), '-j', '2', '-T', String(seconds), url], {
    encoding: 'utf8',
  });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
  if (!tps) throw new Error(`no tps in pgbench output:\n${out}`);
  return Number(tps);
}

async function main() {
  const results = [await measure('pglite')];
  let pgbench: number | undefined;
  const adminUrl = process.env.BENCH_ADMIN_URL;
  if (adminUrl) {
    const ledgerDb = await createDatabase(adminUrl);
    const pgbenchDb = await createDatabase(adminUrl);
    try {
      pgbench = pgbenchTps(pgbenchDb.url);
      results.push(await measure('postgres', ledgerDb.url));
    } finally {
      await ledgerDb.drop();
      await pgbenchDb.drop();
    }
  }
  const postgres = results.find((r) => r.kind === 'postgres');
  const ratio = (n: number | undefined) =>
    n !== undefined && pgbench ? Math.round((n / pgbench) * 100) / 100 : null;
  const report = {
    at: new Date().toISOString(),
    residents: residentCount,
    shops: shopCount,
    seconds,
    machine: { cpus: cpus().length, loadAverage: loadavg().map((n) => Math.round(n * 10) / 10) },
    goal: 'ledger payments/s ≥ 0.5 × pgbench TPC-B tps on PostgreSQL',
    pgbenchTps: pgbench ?? null,
    ratioService: ratio(postgres?.service.perSecond),
    ratioHttp: ratio(postgres?.http.perSecond),
    results,
  };
  writeFileSync(
    fileURLToPath(new URL('./results/points.json', import.meta.url)),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  for (const r of results) {
    console.log(
      `${r.kind} (${r.concurrency} at once): service ${r.service.perSecond} payments/s, HTTP ${r.http.perSecond} payments/s; ledger check ${r.ledgerCheck === 'passed' ? 'passed' : 'FAILED'}`,
    );
  }
  if (pgbench) {
    console.log(
      `pgbench TPC-B ${pgbench} tps; ratio service ${report.ratioService}, HTTP ${report.ratioHttp} (goal ≥ 0.5)`,
    );
  }
}

await main();
