import {
  defaultSimulatorOptions,
  type SimulatorOptions,
} from '../../src/simulator/simulator-options';
import { type RunningSimulator, startSimulator } from '../../src/simulator/simulator';
import { ACCOUNTS } from '../../src/simulator/world/demo-data';

export type DemoAccountName = keyof typeof ACCOUNTS;

/**
 * A real simulator over HTTP on a free loopback port. The clock is stopped by default so a test
 * decides when time passes (POST /__sim/clock); pass `clockSpeed` to let it run. `/state` is not
 * cached by default, so a write shows at once; pass `stateCacheSeconds` for Zaptec's ~15 s cache.
 */
export function startTestSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<RunningSimulator> {
  return startSimulator(
    defaultSimulatorOptions({
      port: 0,
      clockSpeed: 0,
      historyDays: 60,
      stateCacheSeconds: 0,
      ...options,
    }),
  );
}

/** Password-grant login as a demo account; returns the access token. */
export async function loginAs(simulator: RunningSimulator, name: DemoAccountName): Promise<string> {
  const account = ACCOUNTS[name];
  const response = await fetch(`${simulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: account.email,
      password: account.password,
    }),
  });
  if (response.status !== 200) throw new Error(`login as ${name} failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** GET/POST against the simulator with a bearer token; returns status, headers and parsed body. */
export async function call(
  simulator: RunningSimulator,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // HTML pages (nginx errors) and empty bodies have no JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The simulator's request counters (`/__sim/stats`). */
export interface SimulatorStats {
  total: number;
  byRoute: Record<string, number>;
  byAccount: Record<string, number>;
  byStatus: Record<string, number>;
}

export async function simulatorStats(simulator: RunningSimulator): Promise<SimulatorStats> {
  return (await call(simulator, undefined, 'GET', '/__sim/stats')).json as SimulatorStats;
}

/** Sets the simulator's faults (latency, hang, outage, revoked tokens ...) for the next calls. */
export async function injectFaults(simulator: RunningSimulator, faults: object): Promise<void> {
  const response = await call(simulator, undefined, 'POST', '/__sim/faults', faults);
  if (response.status !== 200) throw new Error(`faults refused: ${response.text}`);
}

export async function clearFaults(simulator: RunningSimulator): Promise<void> {
  await call(simulator, undefined, 'DELETE', '/__sim/faults');
}

export { ACCOUNTS };
