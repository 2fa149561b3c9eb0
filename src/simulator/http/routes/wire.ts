import type { PlacedCharger, SimCircuit, SimInstallation, World } from '../../world/world';
import { Obs } from '../../world/observations';
import { toWireJson, zaptecTime } from '../../world/wire-format';
import { owns } from '../access';

/** `/api/chargers` list item (§5.2). `Pin` only for an owner. */
export function chargerListWire({ charger, installation }: PlacedCharger, roles: number): object {
  return {
    OperatingMode: charger.mode,
    IsOnline: charger.online,
    Id: charger.info.id,
    MID: charger.info.deviceId,
    DeviceId: charger.info.deviceId,
    SerialNo: charger.info.deviceId,
    Name: charger.info.name,
    CreatedOnDate: zaptecTime(installation.createdOn),
    CircuitId: charger.context.circuitId,
    Active: true,
    CurrentUserRoles: roles,
    Pin: owns(roles) ? charger.info.pin : undefined,
    DeviceType: charger.info.deviceType,
    InstallationName: installation.name,
    InstallationId: installation.id,
    AuthenticationType: installation.authenticationType,
    IsAuthorizationRequired: installation.isRequiredAuthentication,
  };
}

/** `/api/chargers/{id}` (ZapChargerViewModel): the list item without its live fields, plus more. */
export function chargerDetailWire(placed: PlacedCharger, roles: number, world: World): object {
  // The detail view has no live fields (OperatingMode, IsOnline) (§5.2).
  const { OperatingMode, IsOnline, ...listed } = chargerListWire(placed, roles) as Record<
    string,
    unknown
  >;
  const { charger } = placed;
  const signed = charger.stateValue(Obs.SignedMeterValue);
  return {
    ...listed,
    HasSessions: world.history.some((session) => session.chargerId === charger.info.id),
    PropertyAuthenticationDisabled: !placed.installation.isRequiredAuthentication,
    PropertyOfflinePhaseOverride: Number(charger.stateValue(Obs.OfflinePhase) ?? 0),
    PropertyOfflineCurrentOverride: Number(charger.stateValue(Obs.OfflineCurrent) ?? -1),
    SignedMeterValueKwh: Math.round(charger.registerKwh * 1000) / 1000,
    SignedMeterValue: signed,
  };
}

const renderedStates = new WeakMap<object, { revision: number; json: string }>();

/**
 * The state array as JSON, rendered again only after a state changed: clients poll this endpoint
 * far more often than a charger reports (it must sustain thousands of requests per second).
 */
export function stateJson(placed: PlacedCharger): string {
  const cached = renderedStates.get(placed.charger);
  if (cached?.revision === placed.charger.states.revision) return cached.json;
  const json = toWireJson(stateWire(placed));
  renderedStates.set(placed.charger, { revision: placed.charger.states.revision, json });
  return json;
}

/** State array (§5.4): every observation with its own last-change time; no value for the pulse. */
export function stateWire({ charger }: PlacedCharger): object[] {
  const items: object[] = [];
  for (const [stateId, entry] of charger.states) {
    items.push({
      ChargerId: charger.info.id,
      StateId: stateId,
      Timestamp: zaptecTime(new Date(entry.at)),
      ValueAsString: entry.value,
    });
  }
  return items.sort(
    (a, b) => (a as { StateId: number }).StateId - (b as { StateId: number }).StateId,
  );
}

export function circuitWire(circuit: SimCircuit, world: World): object {
  const installation = world.installations.get(circuit.installationId)!;
  return {
    Id: circuit.id,
    Name: circuit.name,
    MaxCurrent: circuit.maxCurrent,
    IsActive: true,
    Active: true,
    InstallationId: installation.id,
    InstallationName: installation.name,
    Chargers: [...world.chargers.values()]
      .filter((placed) => placed.circuit.id === circuit.id)
      .map(({ charger }) => ({
        Id: charger.info.id,
        DeviceId: charger.info.deviceId,
        MID: charger.info.deviceId,
        Name: charger.info.name,
        SerialNo: charger.info.deviceId,
        Active: true,
        DeviceType: charger.info.deviceType,
      })),
  };
}

/** Hierarchy (§5.3): only basic properties are filled. */
export function hierarchyWire(installation: SimInstallation, world: World): object {
  return {
    Id: installation.id,
    Name: installation.name,
    InstallationName: installation.name,
    NetworkType: 4,
    Circuits: [...world.circuits.values()]
      .filter((circuit) => circuit.installationId === installation.id)
      .map((circuit) => circuitWire(circuit, world)),
  };
}

/** Firmware per installation (§5.8): a flat array. */
export function firmwareWire(installation: SimInstallation, world: World): object[] {
  return [...world.chargers.values()]
    .filter((placed) => placed.installation.id === installation.id)
    .map(({ charger }) => ({
      ChargerId: charger.info.id,
      DeviceId: charger.info.deviceId,
      IsOnline: charger.online,
      CurrentVersion: charger.firmware.current,
      AvailableVersion: charger.firmware.available,
      DeviceType: charger.info.deviceType,
      IsUpToDate: charger.firmware.current === charger.firmware.available,
    }));
}
