import type { CsvValue } from '../../core/http/csv';
import type { ConstantsCatalog } from '../constants/constants-catalog';
import type { SessionDto } from './dto/session.dto';
import type { SessionPageRow } from './session-page.query';

export function toSessionDto(row: SessionPageRow, constants: ConstantsCatalog): SessionDto {
  return {
    id: row.id,
    installationId: row.installationId,
    chargerId: row.chargerId,
    deviceId: row.deviceId,
    userId: row.userId,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt.toISOString(),
    commitEndedAt: row.commitEndedAt?.toISOString() ?? null,
    // numeric(14,4): at most 10 integer digits and 4 decimals, exact as a double.
    energyKwh: Number(row.energyKwh),
    commitMetadata: row.commitMetadata,
    commitFlags: constants.flagNames('SessionCommitMetadata', row.commitMetadata),
    authenticationCode: row.authenticationCode,
    tokenName: row.tokenName,
    externalId: row.externalId,
    signed: row.signed,
  };
}

/** The CSV columns: the JSON item's fields, in its order. */
export const SESSION_CSV_HEADER = [
  'id',
  'installationId',
  'chargerId',
  'deviceId',
  'userId',
  'startedAt',
  'endedAt',
  'commitEndedAt',
  'energyKwh',
  'commitMetadata',
  'commitFlags',
  'authenticationCode',
  'tokenName',
  'externalId',
  'signed',
] as const satisfies readonly (keyof SessionDto)[];

/**
 * One CSV record of a session: times ISO 8601 in UTC (`Z`), null as an empty field, the commit
 * flags separated by spaces (names never hold one), kWh as stored (4 decimals, no float noise).
 */
export function toSessionCsvRecord(row: SessionPageRow, constants: ConstantsCatalog): CsvValue[] {
  const dto = toSessionDto(row, constants);
  return SESSION_CSV_HEADER.map((column) =>
    column === 'commitFlags'
      ? dto.commitFlags.join(' ')
      : column === 'energyKwh'
        ? row.energyKwh
        : dto[column],
  );
}
