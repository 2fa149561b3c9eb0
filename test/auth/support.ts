import type { RunningSimulator } from '../../src/simulator/simulator';
import { call } from '../support/simulator';

export const PROBLEM_JSON = /^application\/problem\+json/;

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

/** The claims of a JWT (not verified). */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
