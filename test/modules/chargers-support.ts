import { Obs } from '../../src/simulator/world/observations';
import { PrismaService } from '../../src/database/prisma.service';
import type { TestGateway } from '../support/gateway';

/** ChargerOperationModes (observation 710) by value, as both constants versions name them. */
export const MODE_NAMES: Record<number, string> = {
  0: 'Unknown',
  1: 'Disconnected',
  2: 'Connected_Requesting',
  3: 'Connected_Charging',
  5: 'Connected_Finished',
};

/** The simulator's own view of a charger's state (StateId → ValueAsString), not via the gateway. */
export function simulatedState(
  gateway: TestGateway,
  chargerId: string,
): Map<number, string | undefined> {
  const placed = gateway.simulator.context.world.charger(chargerId);
  if (!placed) throw new Error(`the simulator has no charger ${chargerId}`);
  return new Map([...placed.charger.states].map(([id, entry]) => [id, entry.value]));
}

/** The simulator's mode (observation 710) of a charger. */
export function simulatedMode(gateway: TestGateway, chargerId: string): number {
  return Number(simulatedState(gateway, chargerId).get(Obs.OperationMode));
}

/** How often the simulator was called on `route` (e.g. `POST /api/chargers/:id/update`). */
export function upstreamCalls(gateway: TestGateway, route: string): number {
  const stats = gateway.simulator.context.stats.snapshot() as { byRoute: Record<string, number> };
  return stats.byRoute[route] ?? 0;
}

export const SEND_COMMAND = 'POST /api/chargers/:id/sendCommand/:commandId';

/** The AuditEvent rows of a charger for one action, oldest first. */
export function auditRows(gateway: TestGateway, chargerId: string, action: string) {
  return gateway.app.get(PrismaService).auditEvent.findMany({
    where: { targetId: chargerId, action },
    orderBy: { id: 'asc' },
  });
}
