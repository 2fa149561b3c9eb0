import { UserRoles } from '../../core/auth/user-roles';
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

const SERVICE_ROLES = UserRoles.Maintainer | UserRoles.Administrator;

export function isServiceCommand(name: string): boolean {
  return SERVICE_COMMANDS.includes(name);
}

export function mayRunServiceCommands(roles: number): boolean {
  return (roles & SERVICE_ROLES) !== 0;
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
  state: { chargerOperationMode?: number; finalStopActive?: boolean; isOnline?: boolean };
}

/**
 * Why `command` cannot run in the charger's current state, or undefined when it may. Zaptec's
 * own validation (2025, §6, D4) refuses 506 when disconnected or already paused and 507 unless
 * paused, with an opaque 500; checking first saves the call and gives a clear reason. Unknown
 * or missing values never refuse: upstream then decides.
 */
export function refusalOf(command: string, state: readonly ZaptecStateItem[]): Refusal | undefined {
  const value = (id: number) => state.find((item) => item.StateId === id)?.ValueAsString;
  const modeText = value(StateIds.ChargerOperationMode);
  const mode = modeText === undefined || modeText === '' ? undefined : Number(modeText);
  const paused = value(StateIds.FinalStopActive) === '1';
  const offline = value(StateIds.IsOnline) === '0';
  const facts = { chargerOperationMode: mode, finalStopActive: paused, isOnline: !offline };
  const refuse = (reason: string): Refusal => ({ reason, state: facts });

  if (offline) return refuse('The charger is offline; it cannot receive commands now.');
  switch (command) {
    case 'StopChargingFinal':
    case 'StopCharging':
      if (mode === OperationModes.Disconnected) {
        return refuse('No car is connected (Disconnected): there is no charging to stop.');
      }
      if (mode === OperationModes.Connected_Finished && paused) {
        return refuse('Charging is already paused (FinalStopActive).');
      }
      return undefined;
    case 'ResumeCharging':
    case 'StartCharging':
      if (!paused) return refuse('Charging is not paused: only paused charging can be resumed.');
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
