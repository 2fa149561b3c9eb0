import type { Pool } from 'pg';
import {
  advanceCursors,
  readCursors,
  upsertChargers,
  upsertInstallations,
} from '../../src/jobs/ingestion/mirror.repository';
import { insertObservations, latestValues } from '../../src/jobs/ingestion/observation.repository';
import type { ObservationRow, SessionRecord } from '../../src/jobs/ingestion/records';
import { upsertSessions } from '../../src/jobs/ingestion/session.repository';
import {
  CHARGER_ID,
  INSTALLATION_ID,
  inTransaction,
  migratedDatabase,
  seedCharger,
} from './storage-support';

// The repositories against a real Postgres with the real migrations: what ingestion's
// crash-safety rests on (a replay writes nothing, a cursor never moves back, both sources of a
// session end as one row).

const at = (iso: string) => new Date(iso);
const observation = (
  stateId: number,
  iso: string,
  rawValue: string,
  numericValue: number | null = null,
): ObservationRow => ({
  chargerId: CHARGER_ID,
  stateId,
  observedAt: at(iso),
  rawValue,
  numericValue,
});

const SESSION_ID = '00000000-0000-4000-8000-00000000e001';
const USER_ID = '00000000-0000-4000-8000-00000000b001';
const OCMF = 'OCMF|{"FV":"1.0","RD":[{"RV":1.2}]}|{"SA":"ECDSA-secp256r1-SHA256","SD":"30"}';

/** What charge history says: user, energy details, signed session; no RFID code. */
const fromHistory: SessionRecord = {
  id: SESSION_ID,
  chargerId: CHARGER_ID,
  installationId: INSTALLATION_ID,
  userId: USER_ID,
  deviceId: 'ZCS000001',
  startedAt: at('2026-11-20T08:00:00.000Z'),
  endedAt: at('2026-11-20T10:00:00.000Z'),
  commitEndedAt: at('2026-11-20T09:59:58.000Z'),
  energyKwh: '12.3456',
  commitMetadata: 21,
  authenticationCode: null,
  tokenName: 'Tag 1',
  externalId: null,
  signedSession: OCMF,
  energyDetails: [
    { timestamp: '2026-11-20T08:00:00.000Z', energyKwh: 6.1 },
    { timestamp: '2026-11-20T09:00:00.000Z', energyKwh: 6.2456 },
  ],
  replacedBySessionId: null,
};

/** What a CompletedSession (723) says: no user, no ticks, a rounded energy, its RFID code. */
const fromCompletedSession: SessionRecord = {
  ...fromHistory,
  userId: null,
  commitEndedAt: null,
  energyKwh: '12.35',
  commitMetadata: 5,
  authenticationCode: 'RFID-04A1B2',
  tokenName: null,
  energyDetails: null,
};

const SESSION_COLUMNS = `id, "chargerId", "installationId", "userId", "deviceId", "startedAt", "endedAt",
  "commitEndedAt", "energyKwh"::text AS "energyKwh", "commitMetadata", "authenticationCode", "tokenName",
  "externalId", "signedSession", "energyDetails", "replacedBySessionId", sources`;

describe('ingestion storage', () => {
  let pool: Pool;

  beforeAll(async () => {
    ({ pool } = await migratedDatabase());
    await seedCharger(pool);
  });
  afterAll(() => pool.end());

  const sessions = async () =>
    (await pool.query(`SELECT ${SESSION_COLUMNS} FROM "ChargeSession" ORDER BY id`)).rows;

  describe('observations', () => {
    afterEach(() => pool.query('TRUNCATE "Observation"'));
    const store = (rows: readonly ObservationRow[]) =>
      inTransaction(pool, (client) => insertObservations(client, rows));

    it('stores each (charger, observation, time) once: a replayed batch writes nothing', async () => {
      const rows = [
        observation(710, '2026-11-25T10:00:00Z', '3', 3),
        observation(513, '2026-11-25T10:00:00Z', '7.5', 7.5),
        observation(710, '2026-11-25T10:05:00Z', '5', 5),
      ];
      expect(await store(rows)).toBe(3);
      expect(await store(rows)).toBe(0);
      expect(await store([...rows, observation(710, '2026-11-25T10:09:00Z', '2', 2)])).toBe(1);
      const { rows: stored } = await pool.query(`SELECT count(*)::int AS n FROM "Observation"`);
      expect(stored[0].n).toBe(4);
    });

    it('keeps what a batch already stored and writes the rest, in the same transaction', async () => {
      const known = observation(710, '2026-11-25T10:00:00Z', '3', 3);
      await store([known]);
      const written = await inTransaction(pool, async (client) => {
        const count = await insertObservations(client, [
          known,
          observation(710, '2026-11-25T10:01:00Z', '4', 4),
          observation(710, '2026-11-25T10:01:00Z', '4', 4),
        ]);
        // The transaction is still usable after the duplicate: the cursor would commit with it.
        await client.query('SELECT 1');
        return count;
      });
      expect(written).toBe(1);
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "Observation"`);
      expect(rows[0].n).toBe(2);
    });

    it('refuses to run outside a transaction', async () => {
      await expect(
        insertObservations(pool, [observation(710, '2026-11-25T10:00:00Z', '3', 3)]),
      ).rejects.toThrow(/transaction blocks/);
    });

    it('keeps raw values verbatim, whatever characters they hold', async () => {
      // COPY's text format gives tab, newline, CR, backslash and \N a meaning of their own.
      const awkward = [
        '',
        'NULL',
        '\\N',
        'a,b',
        '{x}',
        'say "hi"',
        'back\\slash',
        ' padded ',
        'æøå\n2',
        'tab\there',
        'cr\r',
      ];
      const rows = awkward.map((raw, i) =>
        observation(800 + i, '2026-11-25T11:00:00.123Z', raw, i === 0 ? null : i + 0.5),
      );
      expect(await store(rows)).toBe(awkward.length);
      const { rows: stored } = await pool.query<{
        stateId: number;
        rawValue: string;
        numericValue: number | null;
        observedAt: Date;
      }>(
        `SELECT "stateId", "rawValue", "numericValue", "observedAt" FROM "Observation" ORDER BY "stateId"`,
      );
      expect(stored.map((row) => row.rawValue)).toEqual(awkward);
      expect(stored.map((row) => row.numericValue)).toEqual(
        awkward.map((_, i) => (i === 0 ? null : i + 0.5)),
      );
      expect(stored[0].observedAt.toISOString()).toBe('2026-11-25T11:00:00.123Z');
    });

    it('reads back the newest raw value of every observation id of a charger', async () => {
      await store([
        observation(710, '2026-11-25T10:00:00Z', '1', 1),
        observation(710, '2026-11-25T12:00:00Z', '3', 3),
        observation(710, '2026-11-25T11:00:00Z', '2', 2),
        observation(553, '2026-11-25T09:00:00Z', '0.0', 0),
        observation(721, '2026-11-25T09:30:00Z', ''),
      ]);
      expect(await latestValues(pool, CHARGER_ID)).toEqual(
        new Map([
          [553, '0.0'],
          [710, '3'],
          [721, ''],
        ]),
      );
      expect(await latestValues(pool, '00000000-0000-4000-8000-0000000000ff')).toEqual(new Map());
    });
  });

  describe('sessions', () => {
    afterEach(() => pool.query('TRUNCATE "ChargeSession" CASCADE'));

    it('merges history and CompletedSession into one row, the same in either order', async () => {
      expect(await upsertSessions(pool, [fromHistory], 'chargeHistory')).toEqual({
        inserted: 1,
        updated: 0,
      });
      expect(await upsertSessions(pool, [fromCompletedSession], 'completedSession')).toEqual({
        inserted: 0,
        updated: 1,
      });
      const historyFirst = await sessions();
      await pool.query('TRUNCATE "ChargeSession" CASCADE');

      expect(await upsertSessions(pool, [fromCompletedSession], 'completedSession')).toEqual({
        inserted: 1,
        updated: 0,
      });
      expect(await upsertSessions(pool, [fromHistory], 'chargeHistory')).toEqual({
        inserted: 0,
        updated: 1,
      });
      const completedFirst = await sessions();

      expect(completedFirst).toEqual(historyFirst);
      expect(historyFirst).toEqual([
        {
          ...fromHistory,
          // History wins on what it has; only the CompletedSession carries the RFID code.
          authenticationCode: 'RFID-04A1B2',
          energyKwh: '12.3456',
          energyDetails: fromHistory.energyDetails,
          sources: 3,
        },
      ]);
    });

    it('reports a replay as 0 inserted, 0 updated, and a real change as 1 updated', async () => {
      await upsertSessions(pool, [fromHistory], 'chargeHistory');
      await upsertSessions(pool, [fromCompletedSession], 'completedSession');
      const before = await pool.query(`SELECT "lastUpdatedAt" FROM "ChargeSession"`);
      expect(await upsertSessions(pool, [fromHistory], 'chargeHistory')).toEqual({
        inserted: 0,
        updated: 0,
      });
      expect(await upsertSessions(pool, [fromCompletedSession], 'completedSession')).toEqual({
        inserted: 0,
        updated: 0,
      });
      expect((await pool.query(`SELECT "lastUpdatedAt" FROM "ChargeSession"`)).rows).toEqual(
        before.rows,
      );

      const corrected = { ...fromHistory, energyKwh: '12.4000' };
      expect(await upsertSessions(pool, [corrected, corrected], 'chargeHistory')).toEqual({
        inserted: 0,
        updated: 1,
      });
      expect((await sessions())[0].energyKwh).toBe('12.4000');
    });

    it('never lets a record without commit metadata erase a known value', async () => {
      await upsertSessions(pool, [fromHistory], 'chargeHistory');
      expect(
        await upsertSessions(pool, [{ ...fromHistory, commitMetadata: null }], 'chargeHistory'),
      ).toEqual({ inserted: 0, updated: 0 });
      expect((await sessions())[0].commitMetadata).toBe(21);
    });

    it('keeps a session of a charger the mirror does not know yet, under a stub charger', async () => {
      const unknownCharger = '00000000-0000-4000-8000-0000000000c9';
      const unknownInstallation = '00000000-0000-4000-8000-0000000000a9';
      const orphan = {
        ...fromHistory,
        chargerId: unknownCharger,
        installationId: unknownInstallation,
        deviceId: 'ZCS000099',
      };
      expect(await upsertSessions(pool, [orphan], 'chargeHistory')).toEqual({
        inserted: 1,
        updated: 0,
      });
      const { rows: stub } = await pool.query(
        `SELECT "installationId", "deviceId", "deviceType", "lastSeenAt" FROM "Charger" WHERE id = $1`,
        [unknownCharger],
      );
      expect(stub).toEqual([
        {
          installationId: unknownInstallation,
          deviceId: 'ZCS000099',
          deviceType: 0,
          lastSeenAt: null,
        },
      ]);

      // Discovery completes the stub rows once it sees them.
      expect(
        await upsertInstallations(pool, [
          { id: unknownInstallation, name: 'Depot', timeZone: 'Europe/Oslo' },
        ]),
      ).toBe(1);
      expect(
        await upsertChargers(pool, [
          {
            id: unknownCharger,
            installationId: unknownInstallation,
            circuitId: null,
            deviceId: 'ZCS000099',
            name: 'Bay 9',
            deviceType: 1,
          },
        ]),
      ).toBe(1);
      const { rows: real } = await pool.query(
        `SELECT name, "deviceType", "lastSeenAt" IS NOT NULL AS seen FROM "Charger" WHERE id = $1`,
        [unknownCharger],
      );
      expect(real).toEqual([{ name: 'Bay 9', deviceType: 1, seen: true }]);
    });
  });

  describe('mirror and cursors', () => {
    const office = { id: INSTALLATION_ID, name: 'Office', timeZone: 'Europe/Oslo' };
    const home = {
      id: '00000000-0000-4000-8000-0000000000a2',
      name: 'Home',
      timeZone: 'Europe/Oslo',
    };
    const bay = {
      id: CHARGER_ID,
      installationId: INSTALLATION_ID,
      circuitId: '00000000-0000-4000-8000-0000000000d1',
      deviceId: 'ZCS000001',
      name: 'Bay 1',
      deviceType: 1,
    };

    it('counts installations and chargers that are new or changed, and only those', async () => {
      expect(await upsertInstallations(pool, [office, home])).toBe(2); // Office gains its time zone
      expect(await upsertInstallations(pool, [office, home])).toBe(0);
      expect(await upsertInstallations(pool, [{ ...home, name: 'Cabin' }])).toBe(1);
      expect(await upsertChargers(pool, [bay])).toBe(1); // the circuit was unknown
      const seen = await pool.query(
        `SELECT "lastSeenAt", "updatedAt" FROM "Charger" WHERE id = $1`,
        [CHARGER_ID],
      );
      expect(await upsertChargers(pool, [bay])).toBe(0);
      const again = await pool.query(
        `SELECT "lastSeenAt", "updatedAt" FROM "Charger" WHERE id = $1`,
        [CHARGER_ID],
      );
      expect(again.rows[0].updatedAt).toEqual(seen.rows[0].updatedAt);
      expect(again.rows[0].lastSeenAt.getTime()).toBeGreaterThan(seen.rows[0].lastSeenAt.getTime());
      const { rows } = await pool.query(
        `SELECT name, "timeZone" FROM "Installation" WHERE id = ANY($1) ORDER BY name`,
        [[office.id, home.id]],
      );
      expect(rows).toEqual([
        { name: 'Cabin', timeZone: 'Europe/Oslo' },
        { name: 'Office', timeZone: 'Europe/Oslo' },
      ]);
    });

    it('moves a cursor forward only, stamped with the writer epoch', async () => {
      const scope = INSTALLATION_ID;
      await advanceCursors(
        pool,
        'CHARGE_HISTORY',
        [{ scopeId: scope, position: at('2026-11-20T00:00:00Z') }],
        1,
      );
      await advanceCursors(
        pool,
        'CHARGE_HISTORY',
        [
          { scopeId: scope, position: at('2026-11-22T00:00:00Z') },
          { scopeId: scope, position: at('2026-11-21T00:00:00Z') },
        ],
        2,
      );
      await advanceCursors(
        pool,
        'CHARGE_HISTORY',
        [{ scopeId: scope, position: at('2026-11-19T00:00:00Z') }],
        3,
      );
      expect(await readCursors(pool, 'CHARGE_HISTORY')).toEqual(
        new Map([[scope, at('2026-11-22T00:00:00Z')]]),
      );
      expect(await readCursors(pool, 'CHARGER_STATE')).toEqual(new Map());
      const { rows } = await pool.query(`SELECT epoch::int AS epoch FROM "SyncCursor"`);
      expect(rows).toEqual([{ epoch: 3 }]);
    });
  });
});
