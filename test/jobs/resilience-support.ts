import type { Pool } from 'pg';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { worldSessions, worldState } from './ingestion-support';

/** One stored observation as the checks compare it: which value, since when. */
export interface StoredValue {
  chargerId: string;
  stateId: number;
  rawValue: string;
  at: number;
}

const key = (value: StoredValue) =>
  `${value.chargerId}|${value.stateId}|${value.at}|${value.rawValue}`;

/** Every ChargeSession of an installation: id, start, energy, sources, oldest first. */
export async function storedSessions(pool: Pool, installationId: string) {
  const { rows } = await pool.query<{
    id: string;
    startedAt: Date;
    energyKwh: string;
    sources: number;
  }>(
    `SELECT id, "startedAt", "energyKwh", sources FROM "ChargeSession"
     WHERE "installationId" = $1 ORDER BY "startedAt", id`,
    [installationId],
  );
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    energyKwh: Number(row.energyKwh),
    sources: row.sources,
  }));
}

/** The simulator's sessions of an installation in the same shape, oldest first. */
export function expectedSessions(simulator: RunningSimulator, installationId: string) {
  return worldSessions(simulator, installationId)
    .map((session) => ({
      id: session.id,
      startedAt: session.startedAt.toISOString(),
      energyKwh: session.energyKwh,
    }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}

export async function sessionCount(pool: Pool, installationId: string): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(
    `SELECT count(*) FROM "ChargeSession" WHERE "installationId" = $1`,
    [installationId],
  );
  return Number(rows[0].count);
}

/**
 * Pairs of rows of one (charger, observation) next to each other in time with the same value:
 * "only changes are stored" allows none, across restarts too.
 */
export async function repeatedValues(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(
    `SELECT count(*) FROM (
       SELECT "rawValue", lag("rawValue") OVER (PARTITION BY "chargerId", "stateId" ORDER BY "observedAt") AS previous
       FROM "Observation") pairs
     WHERE previous = "rawValue"`,
  );
  return Number(rows[0].count);
}

/** The newest stored value per observation of one charger, by observation id. */
export async function latestStored(pool: Pool, chargerId: string): Promise<StoredValue[]> {
  const { rows } = await pool.query<{ stateId: number; rawValue: string; observedAt: Date }>(
    `SELECT DISTINCT ON ("stateId") "stateId", "rawValue", "observedAt" FROM "Observation"
     WHERE "chargerId" = $1 ORDER BY "stateId", "observedAt" DESC`,
    [chargerId],
  );
  return rows.map((row) => ({
    chargerId,
    stateId: row.stateId,
    rawValue: row.rawValue,
    at: row.observedAt.getTime(),
  }));
}

/** The simulator's current values of these chargers, as stored rows would hold them. */
export function worldValues(simulator: RunningSimulator, chargerIds: readonly string[]) {
  return chargerIds.flatMap((chargerId) =>
    worldState(simulator, chargerId).map((value) => ({ chargerId, ...value })),
  );
}

/**
 * What differs between the newest stored value of every observation of these chargers and the
 * world's current one (stored → wanted); empty once a poll of each has caught up. Values only:
 * a value that changed and changed back between two polls keeps its older stored row.
 */
export async function behind(
  pool: Pool,
  simulator: RunningSimulator,
  chargerIds: readonly string[],
): Promise<string[]> {
  const valueKey = (value: StoredValue) => `${value.chargerId}|${value.stateId}|${value.rawValue}`;
  const stored = new Set(
    (await Promise.all(chargerIds.map((id) => latestStored(pool, id)))).flat().map(valueKey),
  );
  const wanted = new Set(worldValues(simulator, chargerIds).map(valueKey));
  return [
    ...[...stored].filter((value) => !wanted.has(value)).map((value) => `stored ${value}`),
    ...[...wanted].filter((value) => !stored.has(value)).map((value) => `wanted ${value}`),
  ];
}

/** Waits until a full round of polls has stored the world's current values of these chargers. */
export async function untilCaughtUp(
  pool: Pool,
  simulator: RunningSimulator,
  chargerIds: readonly string[],
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let differences = await behind(pool, simulator, chargerIds);
  while (differences.length > 0) {
    if (Date.now() > deadline) {
      throw new Error(`polls did not catch up with the world: ${differences.join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    differences = await behind(pool, simulator, chargerIds);
  }
}

/** Every stored observation of these chargers (for comparing with a union of snapshots). */
export async function allStored(pool: Pool, chargerIds: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{
    chargerId: string;
    stateId: number;
    rawValue: string;
    observedAt: Date;
  }>(
    `SELECT "chargerId", "stateId", "rawValue", "observedAt" FROM "Observation"
     WHERE "chargerId" = ANY($1::uuid[])`,
    [chargerIds],
  );
  return rows
    .map((row) => key({ ...row, at: row.observedAt.getTime() }))
    .sort((a, b) => a.localeCompare(b));
}

/**
 * The rows a poller that saw these world snapshots (oldest first) must have stored, in
 * allStored's form: per (charger, observation) each value that differs from the one before it.
 */
export function changesAcross(snapshots: readonly StoredValue[][]): string[] {
  const last = new Map<string, string>();
  const rows: string[] = [];
  for (const snapshot of snapshots) {
    for (const value of snapshot) {
      const series = `${value.chargerId}|${value.stateId}`;
      if (last.get(series) === value.rawValue) continue;
      last.set(series, value.rawValue);
      rows.push(key(value));
    }
  }
  return rows.sort((a, b) => a.localeCompare(b));
}
