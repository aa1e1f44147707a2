/**
 * How fast the progress dashboard answers: GET /?fy=2025 as the demo admin, over HTTP against a
 * server started as `npm start` does (PGlite, fresh DATA_DIR with the demo data), REQUESTS sequential
 * requests after a warm-up. The progress API is timed the same way for comparison.
 * Results go to bench/results/dashboard.json; nothing is asserted.
 *
 *   npm run bench:dashboard   (REQUESTS=200 by default)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, summarise } from './startup';

const root = fileURLToPath(new URL('..', import.meta.url));
const requests = Number(process.env.REQUESTS ?? 200);
const warmUp = 20;

/** Logs in through the login form, as a browser does: CSRF cookie and token first. */
async function logIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const csrfCookie = /tsunagu_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrfCookie || !token) throw new Error('no CSRF token on the login page');
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tsunagu_csrf=${csrfCookie}` },
    body: new URLSearchParams({ _csrf: token, email, password }),
  });
  const session = /tsunagu_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 303 || !session) throw new Error(`login failed: ${response.status}`);
  return `tsunagu_session=${session}; tsunagu_csrf=${csrfCookie}`;
}

async function time(url: string, cookie: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  }
  return samples;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-bench-dashboard-'));
  const server = await startServer(dataDir);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const cookie = await logIn(base, 'admin@demo.tsunagu.example', 'tsunagu-demo-2026');
    const dashboardUrl = `${base}/?fy=2025`;
    const check = await (await fetch(dashboardUrl, { headers: { cookie } })).text();
    if (!check.includes('data-project=')) throw new Error('GET /?fy=2025 did not show the dashboard');

    await time(dashboardUrl, cookie, warmUp);
    const dashboard = summarise(await time(dashboardUrl, cookie, requests));
    await time(`${base}/api/v1/plan/progress?fy=2025`, cookie, warmUp);
    const api = summarise(await time(`${base}/api/v1/plan/progress?fy=2025`, cookie, requests));

    const { samples: _d, ...dashboardFigures } = dashboard;
    const { samples: _a, ...apiFigures } = api;
    const results = {
      measuredAt: new Date().toISOString(),
      setup: `PGlite with the demo data, node --import tsx src/server.ts; ${requests} sequential requests after ${warmUp} to warm up, over HTTP on 127.0.0.1`,
      machine: {
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: cpus().length,
        loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      },
      requests,
      dashboardMs: { url: 'GET /?fy=2025 (admin)', ...dashboardFigures },
      progressApiMs: { url: 'GET /api/v1/plan/progress?fy=2025 (admin)', ...apiFigures },
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/dashboard.json'), `${JSON.stringify(results, null, 2)}\n`);
    const line = (label: string, s: typeof dashboardFigures) =>
      console.log(
        `${label.padEnd(36)} median ${s.median} ms   p95 ${s.p95} ms   min ${s.min}   max ${s.max}`,
      );
    console.log(`${requests} sequential requests (PGlite, demo data):`);
    line('GET /?fy=2025 as admin', dashboardFigures);
    line('GET /api/v1/plan/progress?fy=2025', apiFigures);
    console.log('written to bench/results/dashboard.json');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
