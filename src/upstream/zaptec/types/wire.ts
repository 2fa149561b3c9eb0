/**
 * Zaptec's wire shapes (PascalCase, zaptec-api.md §5). They never leave `upstream/`: domain
 * modules map them into their own camelCase DTOs. Only the fields the gateway reads are typed.
 * Zaptec omits null fields and trims role-reduced objects (§1: treat every field as optional);
 * the fields the gateway decides on (roles, where a charger sits, circuits) are optional here.
 */

/** Paged list envelope (§3). */
export interface ZaptecPage<T> {
  Pages: number;
  Data: T[];
  Message?: string;
}

/** §5.1; a plain User gets the reduced set (the optional fields are missing). */
export interface ZaptecInstallation {
  Id: string;
  Name: string;
  Address?: string;
  ZipCode?: string;
  City?: string;
  CountryId?: string;
  InstallationType?: number;
  Active?: boolean;
  IsRequiredAuthentication?: boolean;
  CurrentUserRoles?: number;
  TimeZoneIanaName?: string;
  MaxCurrent?: number;
  AvailableCurrentPhase1?: number;
  AvailableCurrentPhase2?: number;
  AvailableCurrentPhase3?: number;
  AvailableCurrentMode?: number;
  ThreeToOnePhaseSwitchCurrent?: number;
  MinPowerOfflineMode?: number;
  NetworkType?: number;
  AuthenticationType?: number;
  ActiveChargerCount?: number;
  CreatedOnDate?: string;
  UpdatedOn?: string;
  Latitude?: number;
  Longitude?: number;
}

/** §5.2 list item. */
export interface ZaptecChargerListItem {
  Id: string;
  DeviceId: string;
  Name: string;
  OperatingMode?: number;
  IsOnline?: boolean;
  CircuitId?: string;
  InstallationId?: string;
  InstallationName?: string;
  CurrentUserRoles?: number;
  DeviceType: number;
  Active?: boolean;
  IsAuthorizationRequired?: boolean;
  CreatedOnDate?: string;
}

/** §5.2 detail (ZapChargerViewModel). */
export interface ZaptecCharger extends Omit<ZaptecChargerListItem, 'OperatingMode' | 'IsOnline'> {
  HasSessions?: boolean;
  SignedMeterValueKwh?: number;
  PropertyOfflinePhaseOverride?: number;
  PropertyOfflineCurrentOverride?: number;
}

/** §5.4: one observation's latest value; `ValueAsString` may be absent. */
export interface ZaptecStateItem {
  ChargerId: string;
  StateId: number;
  Timestamp: string;
  ValueAsString?: string;
}

/** §5.3 */
export interface ZaptecHierarchy {
  Id: string;
  Name: string;
  NetworkType?: number;
  Circuits?: ZaptecCircuit[];
}

export interface ZaptecCircuit {
  Id: string;
  Name: string;
  MaxCurrent: number;
  IsActive?: boolean;
  InstallationId: string;
  InstallationName?: string;
  Chargers?: {
    Id: string;
    DeviceId: string;
    Name: string;
    Active?: boolean;
    DeviceType: number;
  }[];
}

/** §5.8 */
export interface ZaptecFirmware {
  ChargerId: string;
  DeviceId: string;
  IsOnline?: boolean;
  CurrentVersion?: string;
  AvailableVersion?: string;
  DeviceType: number;
  IsUpToDate?: boolean;
}

/** §5.6 */
export interface ZaptecChargeHistoryItem {
  Id: string;
  DeviceId: string;
  ChargerId: string;
  DeviceName?: string;
  StartDateTime: string;
  EndDateTime?: string;
  CommitEndDateTime?: string;
  Energy: number;
  CommitMetadata?: number;
  UserId?: string;
  UserFullName?: string;
  UserEmail?: string;
  TokenName?: string;
  ExternalId?: string;
  SignedSession?: string;
  EnergyDetails?: { Timestamp: string; Energy: number }[];
  ReplacedBySessionId?: string | null;
}

export interface ZaptecChargeHistoryQuery {
  InstallationId?: string;
  ChargerId?: string;
  UserId?: string;
  From?: string;
  To?: string;
  DetailLevel?: number;
  PageIndex?: number;
  PageSize?: number;
  SortProperty?: string;
  SortDescending?: boolean;
}

/** §5.10 `POST /api/installation/{id}/update`. */
export interface ZaptecInstallationUpdate {
  availableCurrent?: number;
  availableCurrentPhase1?: number;
  availableCurrentPhase2?: number;
  availableCurrentPhase3?: number;
  maxCurrent?: number;
  minPowerOfflineMode?: number;
  threeToOnePhaseSwitchCurrent?: number;
}

/** §5.10 `POST /api/chargers/{id}/update`. */
export interface ZaptecChargerUpdate {
  maxChargeCurrent?: number;
  maxChargePhases?: number;
  minChargeCurrent?: number;
  offlineChargeCurrent?: number;
  offlineChargePhase?: number;
  meterValueInterval?: number;
}

/** A name → value map of constants; values past 2^53 arrive as BigInt (lossless parse). */
export type ZaptecEnum = Record<string, number | bigint>;

export interface ZaptecDeviceSchema {
  DeviceType: number;
  ObservationIds?: ZaptecEnum;
  CommandIds?: ZaptecEnum;
  SettingIds?: ZaptecEnum;
  Warnings?: ZaptecEnum;
}

/** `GET /api/constants` (seed files; 4.7.0 lacks `Schema`). */
export interface ZaptecConstants {
  Version?: string;
  UserRoles: ZaptecEnum;
  ChargerOperationModes: ZaptecEnum;
  Commands: ZaptecEnum;
  Observations: ZaptecEnum;
  Settings: ZaptecEnum;
  ErrorCodes: ZaptecEnum;
  DeviceTypes: ZaptecEnum;
  NetworkTypes?: ZaptecEnum;
  Phases?: ZaptecEnum;
  SessionCommitMetadata?: ZaptecEnum;
  InstallationTypes?: Record<string, { Id: number; Name: string }>;
  SmartWarnings?: ZaptecEnum;
  Schema?: Record<string, ZaptecDeviceSchema>;
  [other: string]: unknown;
}
