import type { ZaptecCircuit } from '../../upstream/zaptec/types/wire';
import type { ConstantsCatalog } from '../constants/constants-catalog';
import type { CircuitDto } from './dto/circuit.dto';

export function toCircuitDto(circuit: ZaptecCircuit, constants: ConstantsCatalog): CircuitDto {
  return {
    id: circuit.Id,
    name: circuit.Name,
    maxCurrent: circuit.MaxCurrent,
    isActive: circuit.IsActive,
    installationId: circuit.InstallationId,
    installationName: circuit.InstallationName,
    chargers: (circuit.Chargers ?? []).map((charger) => ({
      id: charger.Id,
      deviceId: charger.DeviceId,
      name: charger.Name,
      active: charger.Active,
      deviceType: charger.DeviceType,
      deviceTypeName: constants.nameOf('DeviceTypes', charger.DeviceType),
    })),
  };
}
