import { z } from 'zod';

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
  /** Secure cookies need HTTPS; off for http://localhost. */
  secureCookies: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The session lasts this many hours after login. */
  sessionHours: z.coerce.number().int().positive().default(12),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    planFiles: env.PLAN_FILES,
    seedDemo: env.SEED_DEMO,
    secureCookies: env.SECURE_COOKIES,
    sessionHours: env.SESSION_HOURS,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`設定が正しくありません (invalid configuration): ${problems}`);
  }
  return { ...parsed.data, ...overrides };
}
