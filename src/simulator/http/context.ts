import type { FastifyRequest } from 'fastify';
import type { SimulatorOptions } from '../simulator-options';
import type { DemoAccount } from '../world/demo-data';
import type { World } from '../world/world';
import type { Faults } from './faults';
import type { StateCache } from './state-cache';
import type { SimulatorStats } from './stats';
import type { TokenBuckets } from './token-bucket';
import type { TokenStore } from './token-store';

export interface ServedConstants {
  /** The file's bytes, served unchanged. */
  bytes: Buffer;
  /** Command id → name; the range markers CombinedMin/CombinedMax are not commands. */
  commands: Map<number, string>;
  /** ErrorCodes name → code, so errors only use codes the served constants can decode. */
  errorCodes: Map<string, number>;
  /** Setting ids (constants `Settings`). */
  settings: Set<number>;
}

/**
 * The code for `name` in the served constants, else the first fallback they know: 4.7.0 ends at
 * 535, so e.g. 538 OperationFailedDueToChargerState (6.x) becomes 505 there.
 */
export function errorCode(constants: ServedConstants, ...names: string[]): number {
  for (const name of names) {
    const code = constants.errorCodes.get(name);
    if (code !== undefined) return code;
  }
  return constants.errorCodes.get('Unknown') ?? 500;
}

/** Everything a route needs; `reset` swaps the world and clears the rest. */
export interface SimulatorContext {
  options: SimulatorOptions;
  world: World;
  constants: ServedConstants;
  tokens: TokenStore;
  buckets: TokenBuckets;
  stats: SimulatorStats;
  stateCache: StateCache;
  faults: Faults;
  hanging: Set<FastifyRequest>;
  lastLogin: Map<string, number>;
  reset(): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in demo account, set by the bearer check. */
    account?: DemoAccount;
  }
}

/** Query names bind case-insensitively in ASP.NET: `pageindex`, `PageIndex`, `PAGEINDEX`. */
export function queryOf(request: FastifyRequest): Record<string, string | string[]> {
  return lowerKeys(request.query as Record<string, string | string[]>);
}

/** JSON bodies bind case-insensitively too: `maxChargeCurrent` and `MaxChargeCurrent`. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body)
    ? lowerKeys(body as Record<string, unknown>)
    : {};
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  const lowered: Record<string, T> = {};
  for (const [key, value] of Object.entries(record ?? {})) lowered[key.toLowerCase()] = value;
  return lowered;
}

export function accountOf(request: FastifyRequest): DemoAccount {
  if (!request.account) throw new Error('route registered without the bearer check');
  return request.account;
}
