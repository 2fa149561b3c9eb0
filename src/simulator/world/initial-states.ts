import { powerStates } from './electrical';
import { Mode, Obs } from './observations';
import { meterValueOcmf, type OcmfDevice } from './ocmf';
import type { Random } from './random';
import { decimal3 } from './wire-format';

const DAY = 24 * 3_600_000;

/** What the first states depend on: the charger's kind, authentication, firmware and meter. */
export interface InitialFacts {
  isGo: boolean;
  context: {
    requiresAuthentication: boolean;
    installationLimit: { stateId: number; amps: number } | undefined;
  };
  firmware: { current: string };
  device: OcmfDevice;
  registerKwh: number;
}

/**
 * The observations a charger reports before the simulation starts, all last changed on one day
 * 2-60 days ago (a live unit's values are often months old, §5.4). Draws from `random` in a
 * fixed order, so every run starts the same.
 */
export function initialStates(
  facts: InitialFacts,
  random: Random,
  now: number,
): { since: number; states: [number, string | undefined][] } {
  const { isGo } = facts;
  const since = now - random.integer(2, 60) * DAY;
  const states: [number, string | undefined][] = [
    [Obs.IsOnline, '1'],
    [Obs.Pulse, undefined],
    [Obs.AuthenticationRequired, facts.context.requiresAuthentication ? '1' : '0'],
    [Obs.CommunicationMode, isGo ? 'Wifi' : 'LTE'],
    [Obs.PermanentCableLock, '0'],
    [Obs.HmiBrightness, '0.500'],
    [Obs.Temperature, decimal3(random.between(8, 24))],
    [Obs.Humidity, decimal3(random.between(30, 60))],
    [Obs.Voltage1, decimal3(random.between(228, 234))],
    [Obs.Voltage2, decimal3(isGo ? 0 : random.between(228, 234))],
    [Obs.Voltage3, decimal3(isGo ? 0 : random.between(228, 234))],
    [Obs.MaxCurrent, decimal3(isGo ? 32 : 16)],
    [Obs.MinCurrent, decimal3(6)],
    [Obs.SetPhases, isGo ? '1' : '4'],
    [Obs.MaxPhases, isGo ? '1' : '3'],
    [Obs.OfflinePhase, '0'],
    [Obs.OfflineCurrent, decimal3(-1)],
    [Obs.MeterValueInterval, isGo ? '3600' : '900'],
    [Obs.OperationMode, String(Mode.Disconnected)],
    [Obs.IsEnabled, '1'],
    [Obs.FinalStopActive, '0'],
    [Obs.SessionIdentifier, ''],
    [Obs.CurrentUserUuid, undefined],
    [Obs.SessionEnergy, decimal3(0)],
    [Obs.Warnings, '0'],
    [Obs.SignalStrength, String(random.integer(-85, -55))],
    [Obs.FirmwareVersion, facts.firmware.current],
  ];
  const limit = facts.context.installationLimit;
  if (limit) states.push([limit.stateId, decimal3(limit.amps)]);
  if (isGo) {
    states.push([
      Obs.Capabilities,
      '{"CommunicationModes":["LTE","WiFi"],"DeviceType":"Go","MeterCalibrated":false,"OcppVersions":["V1_6"],"SchemaVersion":"2.1"}',
    ]);
  }
  states.push([
    Obs.SignedMeterValue,
    meterValueOcmf(facts.device, new Date(since), facts.registerKwh, 0),
  ]);
  states.push(...powerStates(0, isGo));
  return { since, states };
}
