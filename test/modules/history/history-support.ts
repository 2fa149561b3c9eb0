import type { Pool } from 'pg';
import { PrismaService } from '../../../src/database/prisma.service';
import { DEMO } from '../../simulator/fixtures';
import type { TestGateway } from '../../support/gateway';

export const OFFICE = DEMO.office.id;
export const OFFICE_1 = DEMO.chargerId('Office 1');
export const OFFICE_2 = DEMO.chargerId('Office 2');

/** The gateway's own pool: the suites write the rows ingestion would have written. */
export const poolOf = (gateway: TestGateway): Pool => gateway.app.get(PrismaService).pool;

/** The Office and two of its chargers, mirrored as discovery leaves them, in Europe/Oslo. */
export async function mirrorOffice(pool: Pool, timeZone = 'Europe/Oslo'): Promise<void> {
  await pool.query(
    `INSERT INTO "Installation" (id, name, "timeZone", "updatedAt") VALUES ($1, 'Office', $2, now())`,
    [OFFICE, timeZone],
  );
  await pool.query(
    `INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
     VALUES ($1, $3, 'ZCS000201', 'Office 1', 1, now()), ($2, $3, 'ZCS000202', 'Office 2', 1, now())`,
    [OFFICE_1, OFFICE_2, OFFICE],
  );
}

export interface Tick {
  timestamp: string;
  energyKwh: number;
}

/** A committed session as ingestion stores it; `ticks` null: no EnergyDetails. */
export async function insertSession(
  pool: Pool,
  session: {
    id: string;
    chargerId: string;
    startedAt: string;
    endedAt: string;
    energyKwh: number;
    ticks: Tick[] | null;
  },
): Promise<void> {
  await pool.query(
    `INSERT INTO "ChargeSession" (id, "chargerId", "installationId", "deviceId", "startedAt", "endedAt",
       "energyKwh", "energyDetails", sources, "lastUpdatedAt")
     VALUES ($1, $2, $3, 'ZCS000201', $4, $5, $6, $7, 2, now())`,
    [
      session.id,
      session.chargerId,
      OFFICE,
      session.startedAt,
      session.endedAt,
      session.energyKwh,
      session.ticks === null ? null : JSON.stringify(session.ticks),
    ],
  );
}

export async function insertObservations(
  pool: Pool,
  chargerId: string,
  stateId: number,
  rows: [observedAt: string, rawValue: string, numericValue: number | null][],
): Promise<void> {
  for (const [observedAt, rawValue, numericValue] of rows) {
    await pool.query(
      `INSERT INTO "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue")
       VALUES ($1, $2, $3, $4, $5)`,
      [chargerId, stateId, observedAt, rawValue, numericValue],
    );
  }
}

/** RFC 4180 records (CRLF, quoted fields with doubled quotes), header first. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      [record, field] = [[], ''];
      i += 1;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

/** A nullable number cell: empty is null. */
export const numberOrNull = (cell: string): number | null => (cell === '' ? null : Number(cell));
