// `npm run bench -- ingest`: observations written per second through ingestion's real write path
// (LeaderElection + withFence + insertObservations, from dist/, exactly the production functions)
// into an embedded PostgreSQL, beside two baselines measured in the same run on the same server:
//   multi-row  INSERT … VALUES ($1…$5),(…)… 1,000 rows per statement, the same ON CONFLICT DO NOTHING
//   COPY       COPY "Observation" FROM STDIN (text format, pg-copy-streams)
// Each writer gets a TRUNCATEd table and the same 600,000 rows, in batches of 5,000 with one
// transaction per batch on one connection. BENCH_ROUNDS rounds (default 3) with the order rotated;
// the rates are medians, the ratios medians of the per-round ratios. The last line is a contract.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { withScratchDatabase } from './scratch-database.mjs';
import fence from '../dist/jobs/ingestion/fenced-transaction.js';
import election from '../dist/jobs/ingestion/leader-election.js';
import observations from '../dist/jobs/ingestion/observation.repository.js';

const CHARGERS = 150;
const STATE_IDS = 40;
const TIMES = 100;
const BATCH = 5000;
const STATEMENT_ROWS = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATE = 100_000;
const TARGET_RATIO = 0.5;
const INSTALLATION_ID = '00000000-0000-4000-8000-00000000b000';

const uuid = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (value) => Math.round(value).toString();

/** 150 chargers × 40 observation ids × 100 poll times, in poll order (time, charger, state). */
function generateRows() {
  const rows = [];
  const start = Date.UTC(2026, 10, 1);
  for (let t = 0; t < TIMES; t += 1) {
    const observedAt = new Date(start + t * 15_000);
    for (let c = 0; c < CHARGERS; c += 1) {
      for (let s = 0; s < STATE_IDS; s += 1) {
        const numericValue = ((c * 7 + s * 13 + t * 3) % 10_000) / 10;
        rows.push({
          chargerId: uuid(c + 1),
          stateId: 500 + s,
          observedAt,
          rawValue: numericValue.toFixed(1),
          numericValue,
        });
      }
    }
  }
  return rows;
}

function batches(rows, size) {
  const result = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}

async function seed(pool) {
  await pool.query(
    `INSERT INTO "Installation" (id, name, "updatedAt") VALUES ($1, 'Bench', now())`,
    [INSTALLATION_ID],
  );
  await pool.query(
    `INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
     SELECT c.id, $1, 'ZCS' || lpad(n::text, 6, '0'), 'Bay ' || n, 1, now()
     FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, n)`,
    [INSTALLATION_ID, Array.from({ length: CHARGERS }, (_, i) => uuid(i + 1))],
  );
}

/** The production path: one fenced transaction per batch, the repository's unnest insert. */
const real =
  ({ pool, leader }) =>
  async (batch) => {
    const written = await fence.withFence(pool, leader, (client) =>
      observations.insertObservations(client, batch),
    );
    if (written !== batch.length) throw new Error(`real: wrote ${written} of ${batch.length}`);
  };

const VALUES_SQL = (count) =>
  `INSERT INTO "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue") VALUES ${Array.from(
    { length: count },
    (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`,
  ).join(',')} ON CONFLICT ("chargerId", "stateId", "observedAt") DO NOTHING`;

const multiRow = ({ client }) => {
  const sql = VALUES_SQL(STATEMENT_ROWS);
  return async (batch) => {
    await client.query('BEGIN');
    for (let i = 0; i < batch.length; i += STATEMENT_ROWS) {
      const values = [];
      for (const row of batch.slice(i, i + STATEMENT_ROWS))
        values.push(
          row.chargerId,
          row.stateId,
          row.observedAt.toISOString(),
          row.rawValue,
          row.numericValue,
        );
      await client.query(
        values.length === STATEMENT_ROWS * 5 ? sql : VALUES_SQL(values.length / 5),
        values,
      );
    }
    await client.query('COMMIT');
  };
};

const copyText = (value) =>
  value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);

const copy =
  ({ client }) =>
  async (batch) => {
    let text = '';
    for (const row of batch)
      text += `${row.chargerId}\t${row.stateId}\t${row.observedAt.toISOString()}\t${copyText(row.rawValue)}\t${row.numericValue ?? '\\N'}\n`;
    await client.query('BEGIN');
    await pipeline(
      Readable.from([text]),
      client.query(
        copyFrom(
          `COPY "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue") FROM STDIN`,
        ),
      ),
    );
    await client.query('COMMIT');
  };

const WRITERS = { real, 'multi-row': multiRow, COPY: copy };

async function measure(name, context, work) {
  await context.client.query('TRUNCATE "Observation"');
  const write = WRITERS[name](context);
  const started = process.hrtime.bigint();
  for (const batch of work) await write(batch);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { rows } = await context.client.query('SELECT count(*)::int AS n FROM "Observation"');
  const total = work.reduce((sum, batch) => sum + batch.length, 0);
  if (rows[0].n !== total) throw new Error(`${name}: ${rows[0].n} rows stored, expected ${total}`);
  return total / seconds;
}

async function main() {
  await withScratchDatabase('ingest', async (url) => {
    let leader;
    let pool;
    try {
      // One connection: the fenced writes borrow it from the pool, the baselines hold it.
      pool = new pg.Pool({ connectionString: url, max: 1 });
      await seed(pool);
      leader = new election.LeaderElection({ connectionString: url });
      if (!(await leader.acquire())) throw new Error('could not become the ingestion leader');
      const rows = generateRows();
      const work = batches(rows, BATCH);
      console.log(
        `bench ingest: ${rows.length} observations (${CHARGERS} chargers × ${STATE_IDS} ids × ${TIMES} times), batches of ${BATCH}, ${ROUNDS} round(s), node ${process.version}`,
      );

      const names = Object.keys(WRITERS);
      const results = { real: [], 'multi-row': [], COPY: [] };
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = names.map((_, i) => names[(i + round) % names.length]);
        for (const name of order) {
          if (name === 'real') {
            results[name].push(await measure(name, { pool, leader, client: pool }, work));
          } else {
            const client = await pool.connect();
            try {
              results[name].push(await measure(name, { client }, work));
            } finally {
              client.release();
            }
          }
        }
        console.log(
          `round ${round + 1}/${ROUNDS} (${order.join(', ')}): real ${rate(results.real[round])}/s, multi-row ${rate(results['multi-row'][round])}/s, COPY ${rate(results.COPY[round])}/s`,
        );
      }
      const n = median(results.real);
      const m = median(results['multi-row']);
      const c = median(results.COPY);
      const r = median(results.real.map((value, i) => value / results['multi-row'][i]));
      const q = median(results.real.map((value, i) => value / results.COPY[i]));
      console.log(
        `ingest: ${rate(n)} observations/s; multi-row ${rate(m)}/s (ratio ${r.toFixed(2)}); COPY ${rate(c)}/s (ratio ${q.toFixed(2)})`,
      );
      if (n < TARGET_RATE || r < TARGET_RATIO) process.exitCode = 1;
    } finally {
      await leader?.release();
      await pool?.end();
    }
  });
}

await main().catch((error) => {
  console.error(`bench ingest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
