import type { RunningSimulator } from '../../src/simulator/simulator';
import { ACCOUNTS, INSTALLATIONS } from '../../src/simulator/world/demo-data';
import { call, type DemoAccountName, loginAs, startTestSimulator } from '../support/simulator';

/** The demo world's objects by name (design.md "Demo data"), for building request paths. */
const home = INSTALLATIONS.find((installation) => installation.name === 'Home')!;
const office = INSTALLATIONS.find((installation) => installation.name === 'Office')!;
const chargers = INSTALLATIONS.flatMap((installation) =>
  installation.circuits.flatMap((circuit) => circuit.chargers),
);

export const DEMO = {
  home: { id: home.id, circuitId: home.circuits[0].id },
  office: { id: office.id, circuitIds: office.circuits.map((circuit) => circuit.id) },
  chargerId(name: string): string {
    const found = chargers.find((charger) => charger.name === name);
    if (!found) throw new Error(`no demo charger named ${name}`);
    return found.id;
  },
  accountId(name: DemoAccountName): string {
    return ACCOUNTS[name].id;
  },
};

export const ACCOUNT_NAMES: DemoAccountName[] = ['owner', 'admin', 'service', 'driver', 'outsider'];

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Zaptec's wire timestamps: UTC without a zone suffix, 0-3 fraction digits (§1). */
export const ZAPTEC_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?$/;
export const JSON_TYPE = 'application/json; charset=utf-8';
/** A well-formed id that names nothing in the demo world. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Asymmetric matcher for whole numbers (enums and ids are integers on the wire, §1). */
export const anInteger = {
  asymmetricMatch: (value: unknown) => Number.isInteger(value),
  toAsymmetricMatcher: () => 'anInteger',
};

/** A fixed simulated start, so generated history is the same in every run. */
export const FIXED_START = new Date('2026-03-02T10:00:00.000Z');

/** POST /oauth/token with a form body, as every real client signs in (§2). */
export async function tokenRequest(
  simulator: RunningSimulator,
  fields: Record<string, string>,
): Promise<{ status: number; headers: Headers; text: string; json: any }> {
  const response = await fetch(`${simulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The decoded payload (claims) of a JWT, unverified. */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export function passwordGrant(name: DemoAccountName, extra: Record<string, string> = {}) {
  return {
    grant_type: 'password',
    username: ACCOUNTS[name].email,
    password: ACCOUNTS[name].password,
    ...extra,
  };
}

export type Tokens = Record<DemoAccountName, string>;

/**
 * The REST API contract's simulator: the fixed start (so generated history is the same in every
 * run), no login limit, and a token for every demo account.
 */
export async function startContractSimulator(): Promise<{
  simulator: RunningSimulator;
  tokens: Tokens;
}> {
  // The limiter has its own suite (limits.e2e-spec.ts); here it would only slow the contract down.
  const simulator = await startTestSimulator({ rateLimit: false, start: FIXED_START });
  const tokens = {} as Tokens;
  for (const name of ACCOUNT_NAMES) tokens[name] = await loginAs(simulator, name);
  return { simulator, tokens };
}

/**
 * GET and POST as a demo account. `target` is read on every request, so the simulator and tokens
 * may be assigned later, in beforeAll.
 */
export function requestsAs(target: () => { simulator: RunningSimulator; tokens: Tokens }) {
  return {
    get: (account: DemoAccountName, path: string) =>
      call(target().simulator, target().tokens[account], 'GET', path),
    post: (account: DemoAccountName, path: string, body?: unknown) =>
      call(target().simulator, target().tokens[account], 'POST', path, body),
  };
}

/**
 * Registers the contract simulator for the enclosing describe (started in beforeAll, closed in
 * afterAll) and returns GET/POST as a demo account, plus the running simulator and tokens.
 */
export function useContractSimulator() {
  let started: { simulator: RunningSimulator; tokens: Tokens } | undefined;
  beforeAll(async () => {
    started = await startContractSimulator();
  });
  afterAll(() => started?.simulator.close());
  const current = () => {
    if (!started) throw new Error('the contract simulator starts in beforeAll');
    return started;
  };
  return { ...requestsAs(current), current };
}

export interface StateItem {
  ChargerId: string;
  StateId: number;
  Timestamp: string;
  ValueAsString?: string;
}

/** GET /api/chargers/{id}/state as a map StateId → ValueAsString. */
export async function stateOf(
  simulator: RunningSimulator,
  token: string,
  chargerId: string,
): Promise<Map<number, string | undefined>> {
  const response = await call(simulator, token, 'GET', `/api/chargers/${chargerId}/state`);
  if (response.status !== 200) throw new Error(`state of ${chargerId}: ${response.status}`);
  return new Map(
    (response.json as StateItem[]).map((item) => [item.StateId, item.ValueAsString] as const),
  );
}

/** Moves the stopped simulated clock forward; the world runs up to the new time. */
export async function advanceClock(simulator: RunningSimulator, seconds: number): Promise<void> {
  const response = await call(simulator, undefined, 'POST', '/__sim/clock', {
    advanceSeconds: seconds,
  });
  if (response.status !== 200) throw new Error(`clock: ${response.status} ${response.text}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
