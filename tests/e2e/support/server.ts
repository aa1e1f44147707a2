import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { startTsunagu, type Tsunagu } from '../../../src/bootstrap';
import { loadConfig } from '../../../src/config';
import type { Clock } from '../../../src/platform/clock';

/**
 * `demoActivity`: with the demo's fictional events and consultations, as `npm start` shows them
 * (decisions 015 and 026). `planFiles`: other plan files than plans/akiruno.yaml. `clock`: the
 * server's time for the pages that judge by today's date (the dashboard's in-year progress).
 */
export interface JourneyOptions {
  demoActivity?: boolean;
  planFiles?: string[];
  clock?: Clock;
}

export interface RunningTsunagu extends Tsunagu {
  /** e.g. http://127.0.0.1:41234, without a trailing slash */
  url: string;
  /** the folder the server writes its mail to, emptied when it stops */
  mailDir: string;
  stop(): Promise<void>;
}

/**
 * A whole Tsunagu (migrations, the Akiruno plan, demo accounts and actuals) on a fresh in-memory
 * PGlite, listening on a free port, as `npm start` would serve it. The environment is ignored on
 * purpose, so that a DATABASE_URL in the shell cannot point the journeys at a real database. Its
 * background jobs run, sending mail every second into a folder of its own.
 */
export async function startTsunaguServer(options: JourneyOptions = {}): Promise<RunningTsunagu> {
  const mailDir = mkdtempSync(join(tmpdir(), 'tsunagu-e2e-mail-'));
  const config = loadConfig(
    {},
    // without the demo's events and consultations (seconds of work) unless asked: journeys see what they create
    {
      dataDir: 'memory://',
      host: '127.0.0.1',
      port: 0,
      mailDir,
      mailDispatchSeconds: 1,
      seedDemoActivity: options.demoActivity === true,
      ...(options.planFiles ? { planFiles: options.planFiles } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      // the journeys run without internet: no tile ever loads, as when the tile server is out of
      // reach, and the maps must work on their own markers
      mapTileUrl: 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png',
    },
  );
  const tsunagu = await startTsunagu(config);
  try {
    const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
      (resolve, reject) => {
        const server = serve({ fetch: tsunagu.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
          resolve({ server, port: (info as AddressInfo).port }),
        );
        server.once('error', reject);
      },
    );
    tsunagu.jobs.start();
    // a journey through the demo's events and consultations starts once they are all written
    await tsunagu.demoActivity;
    return {
      ...tsunagu,
      url: `http://127.0.0.1:${port}`,
      mailDir,
      async stop() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // a browser keeps connections alive; without this, close waits for them to time out
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await tsunagu.close();
        rmSync(mailDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await tsunagu.close().catch(() => {});
    throw error;
  }
}
