import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';
import type { SessionRecord } from './records';

/** The SessionCommitMetadata enum of the served constants (name → flag value). */
export type CommitMetadataFlags = ReadonlyMap<string, number | bigint>;

/** Where the 723 value was seen: the payload itself names no charger, installation or user (§5.5). */
export interface CompletedSessionScope {
  readonly chargerId: string;
  readonly installationId: string;
  readonly deviceId: string;
}

interface CompletedSessionWire {
  SessionId?: unknown;
  Energy?: unknown;
  StartDateTime?: unknown;
  EndDateTime?: unknown;
  ReliableClock?: unknown;
  StoppedByRFID?: unknown;
  AuthenticationCode?: unknown;
  SignedSession?: unknown;
}

/**
 * Observation 723 CompletedSession (a JSON document inside the state's string, §5.5) as a
 * session record. Its booleans become SessionCommitMetadata flags by the names of the constants
 * upstream serves, never by hard-coded bits: 16 is Signed in 6.x but CommitMismatch in 4.7.0
 * (§11), so Signed is set only when the catalog knows it and an OCMF document came with it. The
 * OCMF text is kept verbatim. Undefined for a value that is not such a document.
 */
export function completedSessionRecord(
  value: string,
  scope: CompletedSessionScope,
  flags: CommitMetadataFlags,
): SessionRecord | undefined {
  let wire: CompletedSessionWire;
  try {
    wire = JSON.parse(value) as CompletedSessionWire;
  } catch {
    return undefined; // not a document: nothing to store (the raw value is an observation anyway)
  }
  if (typeof wire !== 'object' || wire === null) return undefined;
  const id = text(wire.SessionId);
  const startedAt = dateOf(wire.StartDateTime);
  if (!id || !startedAt) return undefined;
  const signedSession = text(wire.SignedSession)?.startsWith('OCMF|')
    ? text(wire.SignedSession)
    : undefined;
  let metadata = 0n;
  const flag = (name: string, set: boolean) => {
    const bit = flags.get(name);
    if (set && bit !== undefined) metadata |= BigInt(bit);
  };
  flag('ReliableClock', wire.ReliableClock === true);
  flag('StoppedByRFID', wire.StoppedByRFID === true);
  flag('Signed', signedSession !== undefined);
  return {
    id: id.toLowerCase(),
    chargerId: scope.chargerId,
    installationId: scope.installationId,
    userId: null,
    deviceId: scope.deviceId,
    startedAt,
    endedAt: dateOf(wire.EndDateTime) ?? null,
    commitEndedAt: null,
    energyKwh:
      typeof wire.Energy === 'number' && Number.isFinite(wire.Energy) ? String(wire.Energy) : '0',
    commitMetadata: Number(metadata),
    authenticationCode: text(wire.AuthenticationCode) ?? null,
    tokenName: null,
    externalId: null,
    signedSession: signedSession ?? null,
    energyDetails: null,
    replacedBySessionId: null,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function dateOf(value: unknown): Date | undefined {
  const iso = fromZaptecTime(text(value));
  return iso === undefined ? undefined : new Date(iso);
}
