import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaService } from '../../../src/database/prisma.service';
import { historySessionRecord } from '../../../src/jobs/ingestion/session-records';
import { upsertSessions } from '../../../src/jobs/ingestion/session.repository';
import type { RunningSimulator } from '../../../src/simulator/simulator';
import type { ZaptecChargeHistoryItem } from '../../../src/upstream/zaptec/types/wire';
import { call, type DemoAccountName, loginAs } from '../../support/simulator';

/**
 * Stores an installation's sessions as ingestion does: the simulator's charge history over HTTP
 * (DetailLevel 1, with EnergyDetails), mapped and upserted by ingestion's own functions. Ingestion
 * itself stays off, so no later poll rewrites a row a test has changed. Reads each installation
 * as a manager of it, signing in a second apart (the simulator spaces logins as Zaptec does).
 */
export async function storeSimulatorSessions(
  app: NestFastifyApplication,
  simulator: RunningSimulator,
  installations: readonly (readonly [installationId: string, manager: DemoAccountName])[],
): Promise<number> {
  let stored = 0;
  for (const [at, [installationId, manager]] of installations.entries()) {
    if (at > 0) await new Promise((resolve) => setTimeout(resolve, 1100));
    const token = await loginAs(simulator, manager);
    stored += await storeInstallation(app, simulator, token, installationId);
  }
  return stored;
}

async function storeInstallation(
  app: NestFastifyApplication,
  simulator: RunningSimulator,
  token: string,
  installationId: string,
): Promise<number> {
  const items: ZaptecChargeHistoryItem[] = [];
  for (let pageIndex = 0; ; pageIndex += 1) {
    const page = await call(
      simulator,
      token,
      'GET',
      `/api/chargehistory?InstallationId=${installationId}&DetailLevel=1&PageSize=100&PageIndex=${pageIndex}`,
    );
    if (page.status !== 200) throw new Error(`charge history: ${page.status} ${page.text}`);
    items.push(...(page.json.Data as ZaptecChargeHistoryItem[]));
    if (pageIndex + 1 >= page.json.Pages) break;
  }
  const records = items.flatMap((item) => historySessionRecord(item, installationId) ?? []);
  await upsertSessions(app.get(PrismaService).pool, records, 'chargeHistory');
  return records.length;
}

/** The simulator's meter public key of a charger, read over HTTP from its control surface. */
export async function simulatorMeterKey(
  simulator: RunningSimulator,
  chargerId: string,
): Promise<{ chargerId: string; algorithm: string; publicKey: string; publicKeyHex: string }> {
  const response = await call(
    simulator,
    undefined,
    'GET',
    `/__sim/chargers/${chargerId}/meter-public-key`,
  );
  if (response.status !== 200) throw new Error(`meter key: ${response.status} ${response.text}`);
  return response.json;
}
