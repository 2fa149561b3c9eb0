/**
 * What ingestion writes, as plain values between the parsers (upstream shapes → records) and the
 * repositories (records → rows). One file so both sides agree on one shape.
 */

/** One changed observation value of one charger (table Observation). */
export interface ObservationRow {
  readonly chargerId: string;
  /** Observation id from the constants (e.g. 710 ChargerOperationMode). */
  readonly stateId: number;
  /** When the charger's value changed (upstream's Timestamp of the state item). */
  readonly observedAt: Date;
  /** ValueAsString exactly as upstream sent it ('' when it sent none). */
  readonly rawValue: string;
  /** The value as a number when it is one, for series and aggregates. */
  readonly numericValue: number | null;
}

/** One 15-minute energy tick of a session (upstream EnergyDetails), normalised. */
export interface EnergyTick {
  /** ISO 8601, UTC. */
  readonly timestamp: string;
  readonly energyKwh: number;
}

/** Where a session record came from; both sources of one SessionId end as one row. */
export type SessionSource = 'chargeHistory' | 'completedSession';

/** One charge session (table ChargeSession); null where the source does not say. */
export interface SessionRecord {
  /** Upstream SessionId. */
  readonly id: string;
  readonly chargerId: string;
  readonly installationId: string;
  readonly userId: string | null;
  readonly deviceId: string;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly commitEndedAt: Date | null;
  /** kWh as upstream sent it (a decimal string keeps it exact; numbers are accepted). */
  readonly energyKwh: string;
  /** SessionCommitMetadata flags, null when the source does not carry them. */
  readonly commitMetadata: number | null;
  readonly authenticationCode: string | null;
  readonly tokenName: string | null;
  readonly externalId: string | null;
  /** OCMF text verbatim: "OCMF|{...}|{...}". */
  readonly signedSession: string | null;
  readonly energyDetails: readonly EnergyTick[] | null;
  readonly replacedBySessionId: string | null;
}

/** A mirrored installation (table Installation). */
export interface InstallationRow {
  readonly id: string;
  readonly name: string;
  /** Upstream TimeZoneIanaName, e.g. Europe/Oslo. */
  readonly timeZone: string | null;
}

/** A mirrored charger (table Charger). */
export interface ChargerRow {
  readonly id: string;
  readonly installationId: string;
  readonly circuitId: string | null;
  readonly deviceId: string;
  readonly name: string;
  readonly deviceType: number;
}
