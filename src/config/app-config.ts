import { resolve } from 'node:path';
import { type SimulatorOptions, simulatorOptionsFrom } from '../simulator/simulator-options';
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
  };
  readonly log: { readonly level: LogLevel; readonly pretty: boolean };
  readonly upstream: {
    /** Zaptec's API; when absent the gateway runs in demo mode against its own simulator. */
    readonly url: string | undefined;
    /** The in-process simulator of demo mode. */
    readonly simulator: SimulatorOptions;
  };
  readonly database: {
    /** External server; when absent an embedded PostgreSQL is started under `embeddedDataDir`. */
    readonly url: string | undefined;
    readonly embeddedDataDir: string;
    /** 0 picks a free port at start. */
    readonly embeddedPort: number;
    readonly migrateOnStart: boolean;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Thrown for invalid configuration; its message is one line naming each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty value means "not set": `PORT=` in a .env file should fall back to the default.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const got = present[name];
      const shown =
        got === undefined || /SECRET|PASSWORD|KEY|URL/.test(name) ? '' : ` (got "${got}")`;
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
    },
    log: { level: env.LOG_LEVEL, pretty: env.LOG_FORMAT === 'pretty' },
    upstream: {
      url: env.ZAPTEC_API_URL?.replace(/\/+$/, ''),
      simulator: simulatorOptionsFrom(env),
    },
    database: {
      url: env.DATABASE_URL,
      embeddedDataDir: resolve(env.DATA_DIR, 'postgres'),
      embeddedPort: env.EMBEDDED_POSTGRES_PORT,
      migrateOnStart: env.MIGRATE_ON_START,
    },
  };
}
