import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTsunagu, type TestInstance } from '../support/harness';

describe('the OpenAPI document', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await startTestTsunagu('pglite');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('describes every JSON API operation the app serves', async () => {
    const response = await t.app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const served = t.app.routes
      .filter((r) => r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json' && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, '{$1}')}`);
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThan(5);
    expect(described).toEqual(expect.arrayContaining([...new Set(served)]));
  });
});
