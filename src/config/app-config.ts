import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { type Env, envSchema } from './env.schema';

export type LogLevel = Env['LOG_LEVEL'];

/** Typed configuration, grouped per concern; built once from the environment at start. */
export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly shutdownTimeoutMs: number;
    /** Which X-Forwarded-* headers to believe (Fastify's trustProxy); never all by default. */
    readonly trustProxy: boolean | number | string[];
    /** Browser origins allowed to call the API (CORS); none by default. */
    readonly corsOrigins: readonly string[];
  };
  readonly log: {
    readonly level: LogLevel;
    readonly pretty: boolean;
    /** Request lines of cache hits per second at most (the rest are counted). */
    readonly hitLinesPerSecond: number;
  };
  readonly metrics: {
    /** Lets callers off this machine read GET /metrics (as a Bearer token); loopback only when unset. */
    readonly token: string | undefined;
  };
  readonly upstream: {
    /** Zaptec's API; when absent the gateway runs in demo mode against its own simulator. */
    readonly url: string | undefined;
    /**
     * The SIMULATOR_* variables as given, for the in-process simulator of demo mode: the
     * simulator parses and validates them itself when demo mode starts it.
     */
    readonly simulatorEnv: Readonly<Record<string, string>>;
    /** Timeout of every upstream call (HA's client uses 10 s, zaptec-api.md §8). */
    readonly timeoutMs: number;
    /** The gateway's own Zaptec account (partners, ingestion); optional until those need it. */
    readonly serviceAccount: { readonly username: string; readonly password: string } | undefined;
  };
  readonly auth: {
    /** Signs the gateway's access tokens; generated per process when unset (not in production). */
    readonly jwtSecret: string;
    readonly jwtSecretGenerated: boolean;
    /** Encrypts upstream tokens at rest (AES-256-GCM); derived from the JWT secret when unset. */
    readonly tokenEncryptionKey: Buffer;
    /** Keys the HMAC of API key secrets (derived from JWT_SECRET). */
    readonly apiKeyHashKey: Buffer;
    readonly accessTokenTtlSeconds: number;
    readonly refreshTokenTtlDays: number;
  };
  readonly database: {
    /** External server; when absent an embedded PostgreSQL is started under `embeddedDataDir`. */
    readonly url: string | undefined;
    readonly embeddedDataDir: string;
    /** 0 picks a free port at start. */
    readonly embeddedPort: number;
    readonly migrateOnStart: boolean;
  };
  readonly cache: {
    readonly enabled: boolean;
    /** Bound of the memory store, counted in bytes of the stored responses. */
    readonly maxBytes: number;
    /** How long past its TTL an entry may still answer when upstream fails (stale-if-error). */
    readonly staleMaxMs: number;
    readonly ttlMs: Readonly<Record<CacheDomain, number>>;
  };
  /** Requests per window per caller (0: no limit), answered 429 past it (core/rate-limit). */
  readonly rateLimit: {
    readonly perKey: number;
    readonly perUser: number;
    readonly windowMs: number;
  };
  readonly ingestion: {
    /** Polls state and pages charge history into Postgres (one leader among instances). */
    readonly enabled: boolean;
    /** How often each active charger's state is polled (idle ones 4× as long). */
    readonly stateIntervalMs: number;
    /** How often charge history and discovery run. */
    readonly historyIntervalMs: number;
    /** Upstream calls per second ingestion may make per account, at most. */
    readonly maxRequestsPerSecond: number;
  };
}

/** The cached read domains; each has its TTL (`CACHE_TTL_<DOMAIN>_S`). */
export type CacheDomain =
  'state' | 'charger' | 'installation' | 'settings' | 'chargeHistory' | 'constants';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Thrown for invalid configuration; its message is one line naming each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty value means "not set": `PORT=` in a .env file should fall back to the default.
  const present = Object.fromEntries(
    Object.entries(source).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const got = present[name];
      const shown =
        got === undefined || /SECRET|PASSWORD|KEY|URL|TOKEN$/.test(name) ? '' : ` (got "${got}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      trustProxy: env.TRUST_PROXY,
      corsOrigins: env.CORS_ORIGINS ?? [],
    },
    log: {
      level: env.LOG_LEVEL,
      pretty: env.LOG_FORMAT === 'pretty',
      hitLinesPerSecond: env.LOG_HIT_LINES_PER_S,
    },
    metrics: { token: env.METRICS_TOKEN },
    upstream: {
      url: env.ZAPTEC_API_URL?.replace(/\/+$/, ''),
      simulatorEnv: Object.fromEntries(
        Object.entries(present).filter(([name]) => name.startsWith('SIMULATOR_')),
      ),
      timeoutMs: env.ZAPTEC_TIMEOUT_MS,
      serviceAccount:
        env.ZAPTEC_USERNAME && env.ZAPTEC_PASSWORD
          ? { username: env.ZAPTEC_USERNAME, password: env.ZAPTEC_PASSWORD }
          : undefined,
    },
    auth: authConfig(env),
    database: {
      url: env.DATABASE_URL,
      embeddedDataDir: resolve(env.DATA_DIR, 'postgres'),
      embeddedPort: env.EMBEDDED_POSTGRES_PORT,
      migrateOnStart: env.MIGRATE_ON_START,
    },
    cache: {
      enabled: env.CACHE_ENABLED,
      maxBytes: env.CACHE_MAX_BYTES,
      staleMaxMs: env.CACHE_STALE_MAX_S * 1000,
      ttlMs: {
        state: env.CACHE_TTL_STATE_S * 1000,
        charger: env.CACHE_TTL_CHARGER_S * 1000,
        installation: env.CACHE_TTL_INSTALLATION_S * 1000,
        settings: env.CACHE_TTL_SETTINGS_S * 1000,
        chargeHistory: env.CACHE_TTL_CHARGE_HISTORY_S * 1000,
        constants: env.CACHE_TTL_CONSTANTS_S * 1000,
      },
    },
    rateLimit: {
      perKey: env.RATE_LIMIT_PER_KEY,
      perUser: env.RATE_LIMIT_PER_USER,
      windowMs: env.RATE_LIMIT_WINDOW_S * 1000,
    },
    ingestion: {
      enabled: env.INGESTION_ENABLED,
      stateIntervalMs: env.INGESTION_STATE_INTERVAL_S * 1000,
      historyIntervalMs: env.INGESTION_HISTORY_INTERVAL_S * 1000,
      maxRequestsPerSecond: env.INGESTION_MAX_REQUESTS_PER_S,
    },
  };
}

function authConfig(env: Env): AppConfig['auth'] {
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError(
      'Invalid configuration: JWT_SECRET must be set in production (at least 32 characters, e.g. `openssl rand -base64 48`)',
    );
  }
  const jwtSecret = env.JWT_SECRET ?? randomBytes(48).toString('base64url');
  const tokenEncryptionKey = env.TOKEN_ENCRYPTION_KEY
    ? createHash('sha256').update(env.TOKEN_ENCRYPTION_KEY).digest()
    : Buffer.from(hkdfSync('sha256', jwtSecret, 'zaptec-gateway', 'upstream-token-encryption', 32));
  return {
    jwtSecret,
    jwtSecretGenerated: !env.JWT_SECRET,
    tokenEncryptionKey,
    // HMAC-SHA-256 key for API key secrets: a 256-bit random secret needs no slow hash (argon2,
    // scrypt exist to stretch guessable passwords), only a keyed one so a leaked row proves nothing.
    apiKeyHashKey: Buffer.from(hkdfSync('sha256', jwtSecret, 'zaptec-gateway', 'api-key-hash', 32)),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
  };
}
