/**
 * How long `npm start` takes until the first page answers, on PGlite:
 *  (a) a first start on an empty data folder (initdb, migrations, demo seed), and
 *  (b) a restart on the data folder the first start left behind.
 * Each start is a new process (`node --import tsx src/server.ts`, what `npm start` runs without
 * npm's own launch) with a fresh DATA_DIR and a free PORT, timed from spawn until GET / answers 200.
 * A second pass times the phases of one first start and one restart inside a process, to say where
 * the time goes. Results go to bench/results/startup.json; nothing is asserted.
 *
 *   npm run bench             (RUNS=5 by default)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 5);
const targetMs = 3000;

export function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const median =
    sorted.length % 2
      ? (sorted[(sorted.length - 1) / 2] ?? NaN)
      : ((sorted[sorted.length / 2 - 1] ?? NaN) + (sorted[sorted.length / 2] ?? NaN)) / 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    min: round(sorted[0] ?? NaN),
    median: round(median),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? NaN),
    samples: samples.map(round),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  /** ms from spawn until GET / answered 200 */
  readyMs: number;
  /** what the server printed about itself: "(pglite, 812 ms)" */
  selfReportedMs: number | undefined;
  stop(): Promise<void>;
}

const commands = {
  node: [process.execPath, '--import', 'tsx', 'src/server.ts'],
  npm: ['npm', 'start', '--silent'],
} as const;

/** Starts `src/server.ts` in its own process group and waits until GET / answers 200. */
export async function startServer(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  how: keyof typeof commands = 'node',
): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const [command, ...args] = commands[how];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exit;
  };
  for (;;) {
    if (exited) throw new Error(`the server exited before answering:\n${output}`);
    if (performance.now() - started > 60_000) {
      await stop();
      throw new Error(`no answer within 60 s:\n${output}`);
    }
    const response = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
    if (response) {
      await response.arrayBuffer();
      if (response.status === 200) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  const reported = /\((?:pglite|postgres), (\d+) ms\)/.exec(output)?.[1];
  return { child, port, readyMs, selfReportedMs: reported ? Number(reported) : undefined, stop };
}

/** Times each step of `startTsunagu` in this process (run as a child, so that imports are cold). */
async function phases(dataDir: string) {
  const times: Record<string, number> = {};
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    times[name] = Math.round(now - last);
    last = now;
  };
  const { loadConfig } = await import('../src/config');
  const { openDatabase } = await import('../src/db/connection');
  const { migrate } = await import('../src/db/migrate');
  const { seedDemoData } = await import('../src/demo/seed');
  const { seedDemoActivity } = await import('../src/demo/activity');
  const { moduleMetrics } = await import('../src/bootstrap');
  const { loadPlans } = await import('../src/modules/plan/catalogue');
  const { createApp } = await import('../src/app');
  lap('importModules');
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
  const database = await openDatabase(config);
  lap('openPglite');
  await migrate(database);
  lap('migrate');
  const metrics = moduleMetrics();
  const plans = await loadPlans(config.planFiles, metrics);
  lap('loadPlans');
  await seedDemoData(database.db, plans.defaultPlan);
  lap('seedDemoData');
  const app = createApp({ config, database, plans, metrics });
  const response = await app.request('/');
  await response.text();
  lap('firstPage');
  // written after the server listens (decisions 015, 026): not part of the time to the first page
  await seedDemoActivity(database.db, plans.defaultPlan);
  lap('demoActivityInBackground');
  await database.close();
  process.stdout.write(JSON.stringify(times));
}

function phasesInChild(dataDir: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/startup.ts', '--phases', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`))));
  });
}

/** Node itself, and Node with the tsx loader, doing nothing: the floor under every start. */
function processFloor(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...args, '-e', ''], { cwd: root, stdio: 'ignore' });
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error(`exit ${code}`)),
    );
  });
}

async function main() {
  const base = mkdtempSync(join(tmpdir(), 'tsunagu-bench-'));
  const first: number[] = [];
  const restart: number[] = [];
  const firstReported: number[] = [];
  const restartReported: number[] = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const dataDir = join(base, `run-${i}`);
      const a = await startServer(dataDir);
      await a.stop();
      const b = await startServer(dataDir);
      await b.stop();
      first.push(a.readyMs);
      restart.push(b.readyMs);
      if (a.selfReportedMs !== undefined) firstReported.push(a.selfReportedMs);
      if (b.selfReportedMs !== undefined) restartReported.push(b.selfReportedMs);
      console.log(
        `run ${i}/${runs}: first start ${Math.round(a.readyMs)} ms, restart ${Math.round(b.readyMs)} ms`,
      );
    }
    // npm's own launch and tsx's CLI (a second node process) come on top of the above
    const npmStart: number[] = [];
    const npmRestart: number[] = [];
    for (let i = 1; i <= Math.min(runs, 3); i++) {
      const dataDir = join(base, `npm-${i}`);
      const a = await startServer(dataDir, {}, 'npm');
      await a.stop();
      const b = await startServer(dataDir, {}, 'npm');
      await b.stop();
      npmStart.push(a.readyMs);
      npmRestart.push(b.readyMs);
      console.log(
        `npm start ${i}: first start ${Math.round(a.readyMs)} ms, restart ${Math.round(b.readyMs)} ms`,
      );
    }
    const phaseDir = join(base, 'phases');
    const firstPhases = await phasesInChild(phaseDir);
    const restartPhases = await phasesInChild(phaseDir);
    const floors = {
      node: summarise(await Promise.all([0, 1, 2].map(() => processFloor([])))).median,
      nodeWithTsx: summarise(await Promise.all([0, 1, 2].map(() => processFloor(['--import', 'tsx']))))
        .median,
    };

    const results = {
      measuredAt: new Date().toISOString(),
      command: 'node --import tsx src/server.ts (fresh DATA_DIR, free PORT), until GET / answers 200',
      machine: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
        // other work on the machine slows every figure; 1-minute load average at the end of the run
        loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
      runs,
      targetMs,
      firstStartMs: summarise(first),
      restartMs: summarise(restart),
      viaNpmStartMs: { firstStart: summarise(npmStart), restart: summarise(npmRestart) },
      selfReportedMs: { firstStart: summarise(firstReported), restart: summarise(restartReported) },
      phasesMs: { firstStart: firstPhases, restart: restartPhases },
      processFloorMs: floors,
      meetsTarget: {
        firstStart: summarise(first).median < targetMs,
        restart: summarise(restart).median < targetMs,
      },
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/startup.json'), `${JSON.stringify(results, null, 2)}\n`);

    const line = (label: string, s: ReturnType<typeof summarise>) =>
      console.log(`${label.padEnd(28)} min ${s.min} ms   median ${s.median} ms   max ${s.max} ms`);
    console.log(`\nnpm start until GET / answers 200 (${runs} runs, PGlite):`);
    line('(a) first start, empty dir', results.firstStartMs);
    line('(b) restart, existing dir', results.restartMs);
    line('    via npm start: first', results.viaNpmStartMs.firstStart);
    line('    via npm start: restart', results.viaNpmStartMs.restart);
    console.log('phases of a first start:', JSON.stringify(firstPhases));
    console.log('phases of a restart:     ', JSON.stringify(restartPhases));
    console.log('process floor:           ', JSON.stringify(floors));
    console.log(`target: first page in under ${targetMs} ms → written to bench/results/startup.json`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv[2] === '--phases') await phases(process.argv[3] as string);
  else await main();
}
