import { holdsAny } from '../../core/auth/user-roles';
import type { ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import { OperationModes, StateIds } from './charger-observations';

/**
 * Commands a manager (Owner, Maintainer, Administrator) may send (design.md table: start, stop,
 * resume, deauthorize, restart, firmware upgrade). 501/502 are the older pair of 506/507 that
 * some clients still use (§6).
 */
export const MANAGER_COMMANDS: readonly string[] = [
  'StopChargingFinal',
  'ResumeCharging',
  'StartCharging',
  'StopCharging',
  'DeauthorizeAndStop',
  'RestartCharger',
  'UpgradeFirmware',
];

/**
 * Service commands (PLC, diagnostics, resetting errors): Maintainer and Administrator only. Any
 * other command of the constants (Debug, RemoteCommand, production tests...) is not offered.
 */
export const SERVICE_COMMANDS: readonly string[] = [
  'RestartMcu',
  'UpgradeFirmwareForced',
  'ResetComErrors',
  'ResetNotifications',
  'ResetComWarnings',
  'RunGridTest',
  'GetPlcTopology',
  'ResetPlc',
  'SetPlcNpw',
  'SetPlcCCoMode',
  'SetPlcNmk',
  'SetRemotePlcNmk',
  'SetRemotePlcNpw',
  'ClearObservationCache',
  'GetFirmwareVersion',
  'RequestSignedMIDEventLog',
  'UnlockConnector',
];

export function isServiceCommand(name: string): boolean {
  return SERVICE_COMMANDS.includes(name);
}

export function mayRunServiceCommands(roles: number): boolean {
  return holdsAny(roles, 'service');
}

/** The command names a caller with `roles` may send, among those the constants know. */
export function allowedCommands(roles: number, known: readonly string[]): string[] {
  const offered = mayRunServiceCommands(roles)
    ? [...MANAGER_COMMANDS, ...SERVICE_COMMANDS]
    : MANAGER_COMMANDS;
  return offered.filter((name) => known.includes(name));
}

export interface Refusal {
  reason: string;
  /** What the refusal was based on, for the problem's `details`. */
  state: {
    chargerOperationMode?: number;
    finalStopActive?: boolean;
    isOnline?: boolean;
    nextScheduleEvent?: string;
  };
}

/**
 * Why `command` cannot run in the charger's current state, or undefined when it may. Zaptec's
 * own validation (2025, §6, D4) refuses 506 when disconnected or already paused, and 507 unless
 * paused or while a schedule is active (763 NextScheduleEvent set), with an opaque 500; checking
 * first saves the call and gives a clear reason. Unknown or missing values never refuse: upstream
 * then decides (chargers on constants 4.7.0 may not report 718 or 763 at all).
 */
export function refusalOf(command: string, state: readonly ZaptecStateItem[]): Refusal | undefined {
  const value = (id: number) => {
    const text = state.find((item) => item.StateId === id)?.ValueAsString?.trim();
    return text === '' ? undefined : text;
  };
  const modeText = value(StateIds.ChargerOperationMode);
  const mode = modeText === undefined ? undefined : Number(modeText);
  const finalStop = value(StateIds.FinalStopActive);
  const paused = finalStop === undefined ? undefined : finalStop === '1';
  const nextScheduleEvent = value(StateIds.NextScheduleEvent);
  const offline = value(StateIds.IsOnline) === '0';
  const facts = {
    chargerOperationMode: mode,
    finalStopActive: paused,
    isOnline: !offline,
    nextScheduleEvent,
  };
  const refuse = (reason: string): Refusal => ({ reason, state: facts });

  if (offline) return refuse('The charger is offline; it cannot receive commands now.');
  switch (command) {
    case 'StopChargingFinal':
    case 'StopCharging':
      if (mode === OperationModes.Disconnected) {
        return refuse('No car is connected (Disconnected): there is no charging to stop.');
      }
      if (mode === OperationModes.Connected_Finished && paused === true) {
        return refuse('Charging is already paused (FinalStopActive).');
      }
      return undefined;
    case 'ResumeCharging':
    case 'StartCharging':
      if (paused === false) {
        return refuse('Charging is not paused: only paused charging can be resumed.');
      }
      if (nextScheduleEvent !== undefined) {
        return refuse(
          `A charging schedule is active (next event ${nextScheduleEvent}): Zaptec does not resume charging while one is.`,
        );
      }
      return undefined;
    case 'DeauthorizeAndStop':
      if (mode === OperationModes.Disconnected) {
        return refuse('No car is connected (Disconnected): there is no session to end.');
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Observation values (StateId → ValueAsString) a command is known to set once it is accepted. */
export type ExpectedState = Readonly<Record<number, string>>;

/**
 * What an accepted 506 or 507 changes, as Zaptec's own validation reads it (§6: 506 pauses into
 * 710 = Connected_Finished with 718 = 1; 507 clears 718). Other commands' effects depend on the
 * car and are left to the state upstream serves.
 */
export function expectedStateAfter(command: string): ExpectedState | undefined {
  switch (command) {
    case 'StopChargingFinal':
      return {
        [StateIds.FinalStopActive]: '1',
        [StateIds.ChargerOperationMode]: String(OperationModes.Connected_Finished),
      };
    case 'ResumeCharging':
      return { [StateIds.FinalStopActive]: '0' };
    default:
      return undefined;
  }
}
