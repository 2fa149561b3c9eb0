import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaService } from '../../src/database/prisma.service';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { ACCOUNTS } from '../../src/simulator/world/demo-data';
import { sampleValue, scrapeMetrics } from '../support/metrics';

/** Ingestion on, fast: every second a round, the admin as the service account. */
export const FAST_INGESTION = {
  INGESTION_ENABLED: 'true',
  INGESTION_STATE_INTERVAL_S: '1',
  INGESTION_HISTORY_INTERVAL_S: '1',
  INGESTION_MAX_REQUESTS_PER_S: '10',
  ZAPTEC_USERNAME: ACCOUNTS.admin.email,
  ZAPTEC_PASSWORD: ACCOUNTS.admin.password,
};

/** Polls `check` every 100 ms until it returns a value other than undefined, or fails at the deadline. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`, { cause: last });
}

export async function metric(
  app: NestFastifyApplication,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  return sampleValue(await scrapeMetrics(app), name, labels);
}

export const prismaOf = (app: NestFastifyApplication) => app.get(PrismaService);

/** The simulator's committed sessions of one installation, oldest first. */
export function worldSessions(simulator: RunningSimulator, installationId: string) {
  return simulator.context.world.history.filter(
    (session) => session.installationId === installationId,
  );
}

/** The simulator's current state of a charger as stored rows would hold it (Pulse left out). */
export function worldState(simulator: RunningSimulator, chargerId: string) {
  const placed = simulator.context.world.charger(chargerId);
  if (!placed) throw new Error(`no simulated charger ${chargerId}`);
  return [...placed.charger.states]
    .filter(([id]) => id !== -1)
    .map(([stateId, entry]) => ({ stateId, rawValue: entry.value ?? '', at: entry.at }))
    .sort((a, b) => a.stateId - b.stateId);
}
