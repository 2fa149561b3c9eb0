/**
 * The observation ids the simulated chargers report (constants `Observations`, and for the Go
 * `Schema.Apollo.ObservationIds`), typed once: the model, the routes and the tests use these names.
 */
export const Obs = {
  IsOnline: -2,
  Pulse: -1,
  Capabilities: 100,
  AuthenticationRequired: 120,
  CommunicationMode: 150,
  PermanentCableLock: 151,
  HmiBrightness: 153,
  Temperature: 201,
  Humidity: 270,
  Voltage1: 501,
  Voltage2: 502,
  Voltage3: 503,
  Current1: 507,
  Current2: 508,
  Current3: 509,
  MaxCurrent: 510,
  MinCurrent: 511,
  TotalChargePower: 513,
  SetPhases: 519,
  MaxPhases: 520,
  OfflinePhase: 522,
  OfflineCurrent: 523,
  /** ChargeCurrentInstallationMaxLimit of a Go (6.x names it in `Schema.Apollo`; 4.7.0 does not). */
  InstallationMaxLimitGo: 546,
  SessionEnergy: 553,
  SignedMeterValue: 554,
  MeterValueInterval: 555,
  /** ChargeCurrentInstallationMaxLimit of a Pro: in 4.7.0's global list, gone from 6.x (§11). */
  InstallationMaxLimitPro: 707,
  ChargeCurrentSet: 708,
  OperationMode: 710,
  IsEnabled: 711,
  FinalStopActive: 718,
  SessionIdentifier: 721,
  CurrentUserUuid: 722,
  CompletedSession: 723,
  NextScheduleEvent: 763,
  Warnings: 804,
  SignalStrength: 809,
  FirmwareVersion: 911,
} as const;

export type ObservationId = (typeof Obs)[keyof typeof Obs];

/** ChargerOperationModes (observation 710). */
export const Mode = { Disconnected: 1, Requesting: 2, Charging: 3, Finished: 5 } as const;
