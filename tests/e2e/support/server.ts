import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { startTsunagu, type Tsunagu } from '../../../src/bootstrap';
import { loadConfig } from '../../../src/config';

export interface RunningTsunagu extends Tsunagu {
  /** e.g. http://127.0.0.1:41234, without a trailing slash */
  url: string;
  stop(): Promise<void>;
}

/**
 * A whole Tsunagu (migrations, the Akiruno plan, demo accounts and actuals) on a fresh in-memory
 * PGlite, listening on a free port, as `npm start` would serve it. The environment is ignored on
 * purpose, so that a DATABASE_URL in the shell cannot point the journeys at a real database.
 */
export async function startTsunaguServer(): Promise<RunningTsunagu> {
  const config = loadConfig({}, { dataDir: 'memory://', host: '127.0.0.1', port: 0 });
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
    return {
      ...tsunagu,
      url: `http://127.0.0.1:${port}`,
      async stop() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // a browser keeps connections alive; without this, close waits for them to time out
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await tsunagu.database.close();
      },
    };
  } catch (error) {
    await tsunagu.database.close().catch(() => {});
    throw error;
  }
}
