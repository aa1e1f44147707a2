import { startTsunagu, type Tsunagu } from '../../src/bootstrap';
import { type Config, loadConfig } from '../../src/config';
import { demoPassword } from '../../src/demo/seed';
import { createTestDatabase, type TestDatabaseKind } from './databases';

export interface TestInstance extends Tsunagu {
  kind: TestDatabaseKind;
  config: Config;
  stop(): Promise<void>;
}

/**
 * A whole Tsunagu (migrations, plans, demo accounts and actuals) on a fresh database. The demo's
 * events and consultations are left out unless asked for (`seedDemoActivity: true`): they take
 * seconds, and most tests want those modules to hold only what they create.
 */
export async function startTestTsunagu(
  kind: TestDatabaseKind,
  overrides: Partial<Config> = {},
): Promise<TestInstance> {
  const database = await createTestDatabase(kind);
  const config = loadConfig(
    {},
    { dataDir: database.dataDir, databaseUrl: database.databaseUrl, seedDemoActivity: false, ...overrides },
  );
  const tsunagu = await startTsunagu(config);
  return {
    ...tsunagu,
    kind,
    config,
    async stop() {
      await tsunagu.close();
      await database.drop();
    },
  };
}

/** The CSRF token every TestClient sends (its cookie and its forms), for hand-built forms such as multipart. */
export const csrfToken = 'test-csrf-token-0123456789abcdef0123456789';

/**
 * Talks to the app in process, as a browser would: keeps cookies, sends the CSRF token with forms.
 * The HTTP layer is the real one; only the socket is left out.
 */
export class TestClient {
  private cookies = new Map<string, string>([['tsunagu_csrf', csrfToken]]);

  constructor(private readonly app: Tsunagu['app']) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookieHeader());
    const response = await this.app.request(path, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      if (/max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join('='));
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  /** Posts a form with the CSRF token, unless `withCsrf` is false. */
  postForm(path: string, fields: Record<string, string>, withCsrf = true): Promise<Response> {
    const body = new URLSearchParams(withCsrf ? { _csrf: csrfToken, ...fields } : fields);
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  postJson(path: string, json: unknown): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }

  /** Logs in as one of the demo accounts, e.g. 'admin' for admin@demo.tsunagu.example. */
  async logInAs(name: string): Promise<this> {
    const response = await this.postForm('/login', {
      email: `${name}@demo.tsunagu.example`,
      password: demoPassword,
    });
    if (response.status !== 303) throw new Error(`login as ${name} failed: ${response.status}`);
    return this;
  }
}
