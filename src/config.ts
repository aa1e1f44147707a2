import { z } from 'zod';
import type { Clock } from './platform/clock';

/** Every setting, parsed once from the environment, with embedded defaults. */
const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /** PGlite data folder, used when no DATABASE_URL is given. `memory://` keeps nothing. */
  dataDir: z.string().default('./data'),
  databaseUrl: z.string().url().optional(),
  /** Plan files to load, comma separated; the first one is the default municipality's. */
  planFiles: z
    .string()
    .default('plans/akiruno.yaml')
    .transform((s) =>
      s
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  /** Load the fictional demo data (accounts and actuals) into an empty database. */
  seedDemo: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * With the demo data, also its fictional activity, once, into a database that holds the demo
   * accounts: events (seminars with attendance, a 創業塾, まちゼミ, マルシェ, events to come; decision
   * 015), consultations (start-up, succession and management clients, 創業, loans; decision 026)
   * and 288 more fictional businesses for the directory (decision 019). Tests that need those
   * modules as they made them turn it off.
   */
  seedDemoActivity: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Secure cookies need HTTPS; off for http://localhost. */
  secureCookies: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The session lasts this many hours after login. */
  sessionHours: z.coerce.number().int().positive().default(12),
  /**
   * The address people reach Tsunagu at, for links in mails (no trailing slash). Defaults to
   * http://localhost:PORT, which is right only on the machine itself.
   */
  publicBaseUrl: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_BASE_URL must be an http(s) URL' })
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  /** Mails are written as .eml files into this folder unless SMTP_URL is set. */
  mailDir: z.string().min(1).default('./mail'),
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  smtpUrl: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
  /** The sender of every mail: an address, or a name with the address in angle brackets. */
  mailFrom: z
    .string()
    .trim()
    .regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'MAIL_FROM must be an e-mail address')
    .default('つなぐ <no-reply@tsunagu.localhost>'),
  /** How often the dispatcher sends what is due, in seconds; 0 stops it (mails wait in the outbox). */
  mailDispatchSeconds: z.coerce.number().int().min(0).max(3600).default(15),
  /** After this many failed attempts a mail is given up and listed for the admin at /admin/mail. */
  mailMaxAttempts: z.coerce.number().int().min(1).max(50).default(8),
  /**
   * The map's background tiles (src/platform/ui/map.tsx): an http(s) URL with {z}, {x} and {y}
   * ({s} for a server's sub-domains), or a path on this site. The markers come from our own GeoJSON
   * and work without them.
   */
  mapTileUrl: z
    .string()
    .trim()
    .refine(
      (s) =>
        /\{z\}/.test(s) &&
        /\{x\}/.test(s) &&
        /\{y\}/.test(s) &&
        (/^https?:\/\/[^/]+/.test(s) || s.startsWith('/')),
      'MAP_TILE_URL must be an http(s) URL or a path with {z}, {x} and {y}',
    )
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** Who must be credited for the tiles, as HTML (the tile server's terms ask for it). */
  mapTileAttribution: z
    .string()
    .trim()
    .min(1)
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
});

export type Config = z.infer<typeof ConfigSchema> & {
  publicBaseUrl: string;
  /**
   * What time it is for the pages that judge by today's date (the dashboard's in-year progress).
   * Never read from the environment: tests and browser journeys pin it; otherwise the system clock.
   */
  clock?: Clock;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    planFiles: env.PLAN_FILES,
    seedDemo: env.SEED_DEMO,
    seedDemoActivity: env.SEED_DEMO_ACTIVITY,
    secureCookies: env.SECURE_COOKIES,
    sessionHours: env.SESSION_HOURS,
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    mailDir: env.MAIL_DIR || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    mailDispatchSeconds: env.MAIL_DISPATCH_SECONDS || undefined,
    mailMaxAttempts: env.MAIL_MAX_ATTEMPTS || undefined,
    mapTileUrl: env.MAP_TILE_URL || undefined,
    mapTileAttribution: env.MAP_TILE_ATTRIBUTION || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`設定が正しくありません (invalid configuration): ${problems}`);
  }
  const config = { ...parsed.data, ...overrides };
  return { ...config, publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${config.port}` };
}
