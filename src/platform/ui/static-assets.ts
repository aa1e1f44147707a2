import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { AppEnv } from '../http';

const contentTypes = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
} as const;

/**
 * Serves a stylesheet or a script of the app itself (no CDN: the pages' CSP allows 'self' only),
 * read on its first request and kept; browsers keep it an hour.
 */
export function serveStaticText(
  app: Hono<AppEnv>,
  path: string,
  type: keyof typeof contentTypes,
  read: () => string,
): void {
  let text: string | undefined;
  app.get(path, (c) => {
    text ??= read();
    c.header('content-type', contentTypes[type]);
    c.header('cache-control', 'public, max-age=3600');
    return c.body(text);
  });
}

/** A file beside the code, e.g. `appFile(new URL('./check-in.js', import.meta.url))`. */
export const appFile = (url: URL) => () => readFileSync(url, 'utf8');

/** A file of an installed package, e.g. `packageFile('leaflet/dist/leaflet.js')`. */
export const packageFile = (specifier: string) => () =>
  readFileSync(createRequire(import.meta.url).resolve(specifier), 'utf8');
