import type { FastifyInstance } from 'fastify';
import { Mode, Obs } from '../../world/observations';
import type { SimCharger } from '../../world/sim-charger';
import { guidParam, manages } from '../access';
import { accountOf, errorCode, type SimulatorContext } from '../context';
import {
  sendBindingError,
  sendEmpty,
  sendForbidden,
  sendNotFound,
  sendZaptecError,
} from '../responses';

/**
 * Why a command is refused in the charger's current state, per Zaptec's 2025 validation
 * (zaptec-api.md §6, D4); undefined when it may run. The older 502 StopCharging / 501
 * StartCharging pair is held to the same rules as 506/507.
 */
function rejection(name: string, charger: SimCharger): string | undefined {
  const mode = charger.mode;
  const paused = charger.stateValue(Obs.FinalStopActive) === '1';
  switch (name) {
    case 'StopChargingFinal':
    case 'StopCharging':
      if (mode === Mode.Disconnected) return 'Charger is Disconnected; Stop command cannot be sent';
      if (mode === Mode.Finished && paused)
        return 'Charging is already Paused; Stop command cannot be sent';
      return undefined;
    case 'ResumeCharging':
    case 'StartCharging':
      if (!paused || charger.stateValue(Obs.NextScheduleEvent)) {
        return 'Charging is not Paused nor Scheduled; Resume command cannot be sent';
      }
      return undefined;
    default:
      return undefined;
  }
}

export function commandRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.post('/api/chargers/:id/sendCommand/:commandId', (request, reply) => {
    const params = request.params as { id: string; commandId: string };
    const id = guidParam(reply, 'id', params.id);
    if (!id) return reply;
    if (!/^\d+$/.test(params.commandId))
      return sendBindingError(reply, 'commandId', params.commandId);
    const placed = ctx.world.charger(id);
    if (!placed) return sendNotFound(reply, 'Charger');
    const roles = placed.installation.roles[accountOf(request).id] ?? 0;
    if (!manages(roles)) return sendForbidden(reply);

    const name = ctx.constants.commands.get(Number(params.commandId));
    if (!name) {
      return sendZaptecError(
        reply,
        errorCode(ctx.constants, 'UnknownCommand'),
        `Unknown command ${params.commandId}.`,
      );
    }
    const { charger } = placed;
    const refused = rejection(name, charger);
    if (refused) {
      return sendZaptecError(reply, errorCode(ctx.constants, 'DeviceCommandRejected'), refused);
    }

    const now = ctx.world.clock.nowMs();
    switch (name) {
      case 'StopChargingFinal':
      case 'StopCharging':
        charger.pause(now);
        break;
      case 'ResumeCharging':
      case 'StartCharging':
        charger.resume(now);
        break;
      case 'DeauthorizeAndStop':
        charger.deauthorize(now);
        // It executes, yet answers 500 (HA's README, zaptec-api.md §6).
        return sendEmpty(reply, 500);
      case 'RestartCharger':
      case 'RestartMcu':
        charger.restart(now);
        break;
      case 'UpgradeFirmware':
      case 'UpgradeFirmwareForced':
        charger.upgradeFirmware(now);
        break;
      default:
        // Accepted and passed on to the device, which the simulation does not model further.
        break;
    }
    return sendEmpty(reply);
  });
}
