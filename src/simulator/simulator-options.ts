import { z } from 'zod';

/** The simulator's settings; env variables SIMULATOR_* (validated like the gateway's). */
export const simulatorEnvSchema = z.object({
  SIMULATOR_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  SIMULATOR_PORT: z.coerce
    .number({ error: 'must be a port number (0-65535)' })
    .int('must be a whole port number (0-65535)')
    .min(0, 'must be a port number (0-65535)')
    .max(65535, 'must be a port number (0-65535)')
    .default(3100),
  // 6.5.8 is what Zaptec serves today (zaptec-api.md §11), and today's clients assume it (§13);
  // 4.7.0 is the seed, served byte for byte when asked for.
  SIMULATOR_CONSTANTS: z
    .enum(['4.7.0', '6.5.8'], { error: 'must be 4.7.0 or 6.5.8' })
    .default('6.5.8'),
  SIMULATOR_CLOCK_SPEED: z.coerce
    .number({ error: 'must be a number (1 = real time, 60 = a minute per second, 0 = stopped)' })
    .min(0, 'must be 0 or more')
    .max(100_000, 'must be at most 100000')
    .default(1),
  SIMULATOR_TOKEN_TTL_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1')
    .default(86_399),
  SIMULATOR_RATE_LIMIT: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  // Zaptec serves /state from a ~15 s cache (zaptec-api.md §8); 0 serves every read fresh.
  SIMULATOR_STATE_CACHE_S: z.coerce
    .number({ error: 'must be a number of seconds (0 = no cache)' })
    .min(0, 'must be 0 or more')
    .max(3600, 'must be at most 3600')
    .default(15),
  SIMULATOR_HISTORY_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more')
    .max(730, 'must be at most 730')
    .default(120),
  // An extra generated installation "Depot" of this many Pro chargers, for load and pacing runs.
  SIMULATOR_SITE_CHARGERS: z.coerce
    .number({ error: 'must be a whole number of chargers (0-1000)' })
    .int('must be a whole number of chargers (0-1000)')
    .min(0, 'must be 0 or more')
    .max(1000, 'must be at most 1000')
    .default(0),
});

export type ConstantsVersion = '4.7.0' | '6.5.8';

export interface SimulatorOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  constantsVersion: ConstantsVersion;
  /** 1 = real time; 0 = stopped (tests step it through /__sim/clock). */
  clockSpeed: number;
  tokenTtlSeconds: number;
  /** Zaptec's per-user limit (10 req/s, burst 15); off only for benchmarks of the simulator. */
  rateLimit: boolean;
  historyDays: number;
  /** How long `/state` answers from its per-charger cache, in simulated seconds; 0 = never. */
  stateCacheSeconds: number;
  /** Chargers of the generated installation "Depot" (admin is its Administrator); 0: none. */
  siteChargers: number;
  /** Simulated time at start (default: now). */
  start?: Date;
}

export type SimulatorEnv = z.infer<typeof simulatorEnvSchema>;

export function simulatorOptionsFrom(env: SimulatorEnv): SimulatorOptions {
  return {
    host: env.SIMULATOR_HOST,
    port: env.SIMULATOR_PORT,
    constantsVersion: env.SIMULATOR_CONSTANTS,
    clockSpeed: env.SIMULATOR_CLOCK_SPEED,
    tokenTtlSeconds: env.SIMULATOR_TOKEN_TTL_SECONDS,
    rateLimit: env.SIMULATOR_RATE_LIMIT,
    historyDays: env.SIMULATOR_HISTORY_DAYS,
    stateCacheSeconds: env.SIMULATOR_STATE_CACHE_S,
    siteChargers: env.SIMULATOR_SITE_CHARGERS,
  };
}

export function defaultSimulatorOptions(
  overrides: Partial<SimulatorOptions> = {},
): SimulatorOptions {
  return { ...simulatorOptionsFrom(simulatorEnvSchema.parse({})), ...overrides };
}

/** A bad SIMULATOR_* value; the message is one line naming each bad variable. */
export class SimulatorConfigError extends Error {
  override readonly name = 'SimulatorConfigError';
}

/**
 * The simulator's options from an environment (`npm run simulator`, or demo mode passing the
 * gateway's SIMULATOR_* variables). An empty value means "not set".
 */
export function simulatorOptionsFromEnv(
  source: Readonly<Record<string, string | undefined>>,
): SimulatorOptions {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = simulatorEnvSchema.safeParse(present);
  if (parsed.success) return simulatorOptionsFrom(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const got = present[name];
    return `${name} ${issue.message}${got === undefined ? '' : ` (got "${got}")`}`;
  });
  throw new SimulatorConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
