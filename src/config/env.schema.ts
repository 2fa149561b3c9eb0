import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number (0-65535)' })
    .int('must be a whole port number (0-65535)')
    .min(0, 'must be a port number (0-65535)')
    .max(65535, 'must be a port number (0-65535)')
    .default(fallback);

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const seconds = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 or more (seconds)')
    .max(max, `must be at most ${max} (seconds)`)
    .default(fallback);

/** Like `seconds`, but 0 is not allowed (an interval of 0 would spin). */
const positiveSeconds = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 (second)')
    .max(max, `must be at most ${max} (seconds)`)
    .default(fallback);

const requestsPerWindow = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number of requests')
    .min(0, 'must be at least 0 (0 turns the limit off)')
    .max(1_000_000_000, 'must be at most 1000000000 (requests)')
    .default(fallback);

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
  .optional();

/** `https://app.example.com`: scheme, host and optional port, nothing else (what browsers send). */
const ORIGIN = /^https?:\/\/[\w.-]+(:\d{1,5})?$/;

/**
 * Every environment variable the gateway reads, with its default. `.env.example` documents the
 * same list; the README's configuration table is generated from neither, so keep all three in step.
 * The SIMULATOR_* variables are the simulator's own: it parses them (simulator-options.ts) when
 * demo mode starts it.
 */
export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      error: 'must be development, production or test',
    })
    .default('development'),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  PORT: port(3000),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\d.:/a-fA-F]+(,[\d.:/a-fA-F]+)*)$/, {
      error:
        'must be true, false, a number of proxy hops, or comma-separated proxy addresses/CIDRs',
    })
    .default('false')
    .transform((value): boolean | number | string[] =>
      value === 'true'
        ? true
        : value === 'false'
          ? false
          : /^\d+$/.test(value)
            ? Number(value)
            : value.split(','),
    ),
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every((origin) => ORIGIN.test(origin)), {
      error: 'must be comma-separated origins such as https://app.example.com (no path)',
    })
    .optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
  // Request lines of cache hits per second at most; the rest are counted in one line a second.
  LOG_HIT_LINES_PER_S: z.coerce
    .number({ error: 'must be a number of lines per second' })
    .int('must be a whole number of lines per second')
    .min(0, 'must be at least 0 (0 logs no hit lines, only their count)')
    .max(1_000_000, 'must be at most 1000000 (lines per second)')
    .default(100),
  ZAPTEC_API_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http:// or https:// URL, e.g. https://api.zaptec.com',
    })
    .optional(),
  ZAPTEC_USERNAME: z.string().min(1).optional(),
  ZAPTEC_PASSWORD: z.string().min(1).optional(),
  ZAPTEC_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 (milliseconds)')
    .max(120_000, 'must be at most 120000 (milliseconds)')
    .default(10_000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(60, 'must be at least 60 (seconds)')
    .max(3600, 'must be at most 3600 (seconds)')
    .default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 (day)')
    .max(365, 'must be at most 365 (days)')
    .default(30),
  DATABASE_URL: postgresUrl,
  DATA_DIR: z.string().min(1, 'must not be empty').default('.data'),
  EMBEDDED_POSTGRES_PORT: port(0),
  MIGRATE_ON_START: booleanFlag(true),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 (milliseconds)')
    .max(120_000, 'must be at most 120000 (milliseconds)')
    .default(10_000),
  // Response cache (design.md "Caching and protection"); TTLs per domain, 0 = not cached.
  CACHE_ENABLED: booleanFlag(true),
  CACHE_MAX_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024 * 1024, 'must be at least 1048576 (1 MiB)')
    .default(64 * 1024 * 1024),
  CACHE_STALE_MAX_S: seconds(300, 86_400),
  // Zaptec itself serves state from a ~15 s cache (zaptec-api.md §8).
  CACHE_TTL_STATE_S: seconds(15, 3600),
  CACHE_TTL_CHARGER_S: seconds(60, 86_400),
  CACHE_TTL_INSTALLATION_S: seconds(300, 86_400),
  CACHE_TTL_SETTINGS_S: seconds(60, 86_400),
  CACHE_TTL_CHARGE_HISTORY_S: seconds(60, 86_400),
  CACHE_TTL_CONSTANTS_S: seconds(86_400, 7 * 86_400),
  // Per-caller limits (issue 13): requests per window per API key and per signed-in user; 0 = off.
  // Defaults: one Zaptec account's budget (10 req/s, zaptec-api.md §8) averaged over a minute.
  RATE_LIMIT_PER_KEY: requestsPerWindow(600),
  RATE_LIMIT_PER_USER: requestsPerWindow(600),
  RATE_LIMIT_WINDOW_S: positiveSeconds(60, 3600),
  // Ingestion (src/jobs): observations and charge sessions into Postgres, on one leader.
  INGESTION_ENABLED: booleanFlag(true),
  // Zaptec serves state from its own ~15 s cache (zaptec-api.md §8): polling faster gains nothing.
  INGESTION_STATE_INTERVAL_S: positiveSeconds(15, 3600),
  INGESTION_HISTORY_INTERVAL_S: positiveSeconds(300, 86_400),
  // Ingestion's share of one account's 10 req/s (§8); the rest is for user traffic.
  INGESTION_MAX_REQUESTS_PER_S: z.coerce
    .number({ error: 'must be a number of requests per second' })
    .gt(0, 'must be more than 0 (requests per second)')
    .max(10, "must be at most 10 (Zaptec's limit per account)")
    .default(5),
});

export type Env = z.infer<typeof envSchema>;
