import { upsertSessions } from '../../../src/jobs/ingestion/session.repository';
import { historySessionRecord } from '../../../src/jobs/ingestion/session-records';
import type { SessionRecord } from '../../../src/jobs/ingestion/records';
import type { ZaptecChargeHistoryItem } from '../../../src/upstream/zaptec/types/wire';
import { historyWire } from '../../../src/simulator/world/charge-session';
import { prismaOf } from '../../jobs/ingestion-support';
import type { TestGateway } from '../../support/gateway';

/** SessionCommitMetadata of constants 4.7.0, which these suites' simulator serves. */
const COMMIT_FLAGS: [string, number][] = [
  ['Online', 1],
  ['Offline', 2],
  ['ReliableClock', 4],
  ['StoppedByRFID', 8],
  ['CommitMismatch', 16],
];

/**
 * Stores the simulator's whole charge history as ingestion does (its wire items through
 * ingestion's parser and repository), without waiting for polls: the suites then compare with
 * a fixed set of rows while the simulated clock runs on.
 */
export async function storeWorldHistory(gateway: TestGateway): Promise<SessionRecord[]> {
  const records = gateway.simulator.context.world.history.map((session) =>
    historySessionRecord(
      historyWire(session, true) as ZaptecChargeHistoryItem,
      session.installationId,
    )!,
  );
  await store(gateway, records);
  return records;
}

export async function store(gateway: TestGateway, records: readonly SessionRecord[]) {
  await upsertSessions(prismaOf(gateway.app).pool, records, 'chargeHistory');
}

/** The list's order: newest end first, then id descending. */
export function newestFirst(records: readonly SessionRecord[]): SessionRecord[] {
  return [...records].sort(
    (a, b) => b.endedAt!.getTime() - a.endedAt!.getTime() || (a.id < b.id ? 1 : -1),
  );
}

/** The JSON item the gateway should make of a stored record. */
export function expectedItem(record: SessionRecord) {
  return {
    id: record.id,
    installationId: record.installationId,
    chargerId: record.chargerId,
    deviceId: record.deviceId,
    userId: record.userId,
    startedAt: record.startedAt.toISOString(),
    endedAt: record.endedAt!.toISOString(),
    commitEndedAt: record.commitEndedAt?.toISOString() ?? null,
    energyKwh: Number(Number(record.energyKwh).toFixed(4)),
    commitMetadata: record.commitMetadata ?? 0,
    commitFlags: COMMIT_FLAGS.filter(([, flag]) => ((record.commitMetadata ?? 0) & flag) !== 0).map(
      ([name]) => name,
    ),
    authenticationCode: record.authenticationCode,
    tokenName: record.tokenName,
    externalId: record.externalId,
    signed: record.signedSession !== null,
  };
}

/** A session record like the simulator's `model`, with its own id, end time and fields. */
export function sessionLike(
  model: SessionRecord,
  id: string,
  endedAt: Date,
  fields: Partial<SessionRecord> = {},
): SessionRecord {
  return {
    ...model,
    id,
    startedAt: new Date(endedAt.getTime() - 3_600_000),
    endedAt,
    commitEndedAt: endedAt,
    ...fields,
  };
}

/** Parses RFC 4180 CSV (quoted fields with "" escapes and line breaks, CRLF records). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[at + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      at += 1;
    } else field += char;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}
