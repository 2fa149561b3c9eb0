/**
 * The state observations the gateway reads itself (settings, command preconditions), by id.
 * Ids are stable across constants versions (4.7.0 → 6.5.8 only added and renamed, §11), and 718
 * FinalStopActive, 763 NextScheduleEvent or 555 SignedMeterValueInterval are reported by chargers
 * whatever constants version names them, so they are looked up by id; the names shown to clients
 * always come from the constants upstream serves. A unit test checks these ids against both seed
 * files.
 */
export const StateIds = {
  IsOnline: -2,
  /** Heartbeat: always refreshed, never a value (§5.4); ingestion does not store it. */
  Pulse: -1,
  ChargerMaxCurrent: 510,
  ChargerMinCurrent: 511,
  MaxPhases: 520,
  ChargerOfflinePhase: 522,
  ChargerOfflineCurrent: 523,
  SignedMeterValueInterval: 555,
  ChargerOperationMode: 710,
  FinalStopActive: 718,
  /** The open session's id, "" when none (§5.4). */
  SessionIdentifier: 721,
  /** The last committed session, a JSON document in a string (§5.5). */
  CompletedSession: 723,
  NextScheduleEvent: 763,
  Warnings: 804,
} as const;

/** ChargerOperationModes values (observation 710 and the list's OperatingMode, §5.4). */
export const OperationModes = {
  Unknown: 0,
  Disconnected: 1,
  Connected_Requesting: 2,
  Connected_Charging: 3,
  Connected_Finished: 5,
} as const;

/** Observations whose "0"/"1" value is a yes/no flag, by constants name (any version). */
export const BOOLEAN_OBSERVATIONS: ReadonlySet<string> = new Set([
  'IsOnline',
  'AuthenticationRequired',
  'PermanentCableLock',
  'LockCableWhenConnected',
  'SoftStartDisabled',
  'MIDBlinkEnabled',
  'IsEnabled',
  'IsStandAlone',
  'Standalone',
  'FinalStopActive',
  'LteRoamingDisabled',
  'DiagnosticsMode',
]);

/** Observations whose integer value is an enum of the constants: observation → enum name. */
export const ENUM_OBSERVATIONS: Readonly<Record<string, string>> = {
  ChargerOperationMode: 'ChargerOperationModes',
};

/**
 * Observations that stay text even when they look numeric: 804 is a bitmask past 2^53 in 6.x
 * (§11), so a JSON number would round it.
 */
export const TEXT_OBSERVATIONS: ReadonlySet<string> = new Set([
  'Warnings',
  'SessionIdentifier',
  'ChargerCurrentUserUuid',
  'SmartComputerSoftwareApplicationVersion',
  'SoftwareApplicationVersion',
  'CommunicationMode',
]);
