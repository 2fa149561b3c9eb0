// `npm run bench -- history`: the history reads over a year of data, through the production
// query functions from dist/, on an embedded PostgreSQL with the real migrations:
//   1,000,000 sessions (20 installations × 50 chargers × 1,000 sessions over a year, each with
//   its 15-minute EnergyDetails ticks) and 10,000,000 observations (10 chargers × 2 observations
//   × 500,000 changes about a minute apart), both written with COPY.
// Then BENCH_RUNS (default 50) timed runs per query, each over a different window, after a few
// warm-up runs: the sessions page (A's findSessionPage: the first page and one past a deep
// cursor), 30 days of 5-minute buckets of one observation of one charger, and a month of hourly
// energy of one installation. BENCH_EXPLAIN=1 also prints EXPLAIN (ANALYZE, BUFFERS) of each.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { withScratchDatabase } from './scratch-database.mjs';
import energy from '../dist/modules/history/installation-energy.query.js';
import series from '../dist/modules/history/observation-series.query.js';
import sessionPage from '../dist/modules/sessions/session-page.query.js';

const INSTALLATIONS = 20;
const CHARGERS_PER_INSTALLATION = 50;
const SESSIONS_PER_CHARGER = 1000;
const USERS_PER_INSTALLATION = 40;
const SERIES_CHARGERS = 10;
const SERIES_STATE_IDS = [513, 553]; // TotalChargePower, TotalChargePowerSession
const CHANGES_PER_SERIES = 500_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARM_UP = 3;
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const TIME_ZONE = 'Europe/Oslo';
const YEAR_START = Date.UTC(2025, 11, 1);
const YEAR_MS = 365 * 86_400_000;
const TICK_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

const uuid = (kind, n) => `00000000-0000-4000-${kind}-${n.toString(16).padStart(12, '0')}`;
const installationId = (i) => uuid('8a00', i);
const chargerId = (i, c) => uuid('8c00', i * CHARGERS_PER_INSTALLATION + c);
const userId = (i, u) => uuid('8b00', i * USERS_PER_INSTALLATION + u);

/** A cheap deterministic PRNG (mulberry32): the same data on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** COPY text format: chunks of rows, so neither side holds a table in memory. */
async function copyRows(pool, sql, rows) {
  const client = await pool.connect();
  try {
    async function* chunks() {
      let chunk = '';
      for (const row of rows()) {
        chunk += row;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  } finally {
    client.release();
  }
}

/** Sessions of one charger: one per 8.76-hour slot, 0.5–4 h long, 3.7–11 kW, ticks every 15 min. */
function* sessionRows() {
  const slot = YEAR_MS / SESSIONS_PER_CHARGER;
  const iso = (ms) => new Date(ms).toISOString();
  for (let i = 0; i < INSTALLATIONS; i += 1) {
    for (let c = 0; c < CHARGERS_PER_INSTALLATION; c += 1) {
      const next = random(i * 1000 + c + 1);
      for (let k = 0; k < SESSIONS_PER_CHARGER; k += 1) {
        const startedAt = Math.round(YEAR_START + k * slot + next() * 4 * 3_600_000);
        const endedAt = startedAt + Math.round((0.5 + next() * 3.5) * 3_600_000);
        const kw = 3.7 + next() * 7.3;
        const ticks = [];
        let total = 0;
        for (let at = startedAt; at < endedAt; at += TICK_MS) {
          const until = Math.min(at + TICK_MS, endedAt);
          const kwh = Math.round((kw * (until - at)) / 3_600_000) / 1000;
          total += kwh;
          ticks.push(`{"timestamp":"${iso(until)}","energyKwh":${kwh}}`);
        }
        const user = userId(i, Math.floor(next() * USERS_PER_INSTALLATION));
        yield `${randomUUID()}\t${chargerId(i, c)}\t${installationId(i)}\t${user}\tZAP${c}\t${iso(startedAt)}\t${iso(endedAt)}\t${iso(endedAt)}\t${total.toFixed(4)}\t21\t[${ticks.join(',')}]\t2\t${iso(endedAt)}\n`;
      }
    }
  }
}

/** Changes of each series in primary-key order (appends to the index), 30–90 s apart. */
function* observationRows() {
  for (let c = 0; c < SERIES_CHARGERS; c += 1) {
    for (const stateId of SERIES_STATE_IDS) {
      const next = random(stateId * 100 + c);
      let at = YEAR_START;
      for (let n = 0; n < CHANGES_PER_SERIES; n += 1) {
        at += 30_000 + Math.floor(next() * 60_000);
        const watts = Math.round(next() * 110_000) / 10;
        yield `${chargerId(0, c)}\t${stateId}\t${new Date(at).toISOString()}\t${watts}\t${watts}\n`;
      }
    }
  }
}

async function seed(pool) {
  await pool.query(
    `INSERT INTO "Installation" (id, name, "timeZone", "updatedAt")
     SELECT id, 'Bench ' || n, $2, now() FROM unnest($1::uuid[]) WITH ORDINALITY AS i(id, n)`,
    [Array.from({ length: INSTALLATIONS }, (_, i) => installationId(i)), TIME_ZONE],
  );
  const chargers = [];
  for (let i = 0; i < INSTALLATIONS; i += 1)
    for (let c = 0; c < CHARGERS_PER_INSTALLATION; c += 1) chargers.push([chargerId(i, c), i]);
  await pool.query(
    `INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
     SELECT c.id, i.id, 'ZAP' || c.n, 'Bay ' || c.n, 4, now()
     FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS c(id, inst, n)
     JOIN unnest($3::uuid[]) WITH ORDINALITY AS i(id, n) ON i.n = c.inst + 1`,
    [
      chargers.map(([id]) => id),
      chargers.map(([, i]) => i),
      Array.from({ length: INSTALLATIONS }, (_, i) => installationId(i)),
    ],
  );
  const started = Date.now();
  // ChargeSession's trigger keeps each session's energy spans and their hourly sums as ingestion
  // writes sessions, one by one; for a million at once it would run a million times. The spans
  // and the sums are made afterwards in one statement each, the migrations' own backfills.
  await pool.query('ALTER TABLE "ChargeSession" DISABLE TRIGGER "ChargeSession_energy_spans"');
  // Both at once: one backend each, on this machine's two cores.
  await Promise.all([
    copyRows(
      pool,
      `COPY "ChargeSession" (id, "chargerId", "installationId", "userId", "deviceId", "startedAt", "endedAt", "commitEndedAt", "energyKwh", "commitMetadata", "energyDetails", sources, "lastUpdatedAt") FROM STDIN`,
      sessionRows,
    ),
    copyRows(
      pool,
      `COPY "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue") FROM STDIN`,
      observationRows,
    ),
  ]);
  await pool.query(
    'INSERT INTO "SessionEnergySpan" SELECT spans.* FROM "ChargeSession" s, session_energy_spans_of(s) AS spans',
  );
  await pool.query(
    `INSERT INTO "SessionEnergyHour" ("installationId", hour, "chargerId", "estimatedSessionId", kwh, pieces)
     SELECT "installationId", date_trunc('hour', since, 'UTC'), "chargerId",
       CASE WHEN estimated THEN "sessionId" ELSE '00000000-0000-0000-0000-000000000000' END,
       sum(kwh), count(*)
     FROM "SessionEnergySpan" GROUP BY 1, 2, 3, 4`,
  );
  await pool.query('ALTER TABLE "ChargeSession" ENABLE TRIGGER "ChargeSession_energy_spans"');
  const copied = (Date.now() - started) / 1000;
  await pool.query('VACUUM ANALYZE "ChargeSession"');
  await pool.query('VACUUM ANALYZE "SessionEnergySpan"');
  await pool.query('VACUUM ANALYZE "SessionEnergyHour"');
  await pool.query('VACUUM ANALYZE "Observation"');
  // The load and the vacuums leave shared buffers full of dirty pages and gigabytes of WAL: the
  // timed reads must not write those out as they evict (EXPLAIN showed "written=" on a read),
  // nor share the disk with a checkpoint that falls due in the middle. A production database's
  // background writer and checkpoints keep up with a steady write rate, not with a bulk load.
  await pool.query('CHECKPOINT');
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM "ChargeSession")::int AS sessions, (SELECT count(*) FROM "Observation")::int AS observations`,
  );
  console.log(
    `bench history: seeded ${rows[0].sessions} sessions and ${rows[0].observations} observations with COPY in ${copied.toFixed(0)} s (+ VACUUM ANALYZE and CHECKPOINT ${((Date.now() - started) / 1000 - copied).toFixed(0)} s)`,
  );
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

/** Times `run(i)` RUNS times after WARM_UP untimed runs; prints the contract line. */
async function time(name, target, run) {
  for (let i = 0; i < WARM_UP; i += 1) await run(i);
  const durations = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = process.hrtime.bigint();
    await run(i);
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  durations.sort((a, b) => a - b);
  const [p50, p99] = [percentile(durations, 0.5), percentile(durations, 0.99)];
  console.log(
    `history: ${name} p50 ${p50.toFixed(1)} ms p99 ${p99.toFixed(1)} ms (target < ${target} ms)${p99 < target ? '' : '  MISSED'}`,
  );
  return p99 < target;
}

/** A Queryable that answers EXPLAIN (ANALYZE, BUFFERS) of the first statement it is given. */
async function explain(pool, name, call) {
  if (!EXPLAIN) return;
  let plan = '';
  const db = {
    // A statement comes as (text, values) or as a config ({text, values, rowMode}).
    async query(statement, parameters) {
      if (plan) return { rows: [] };
      const [sql, values] =
        typeof statement === 'string'
          ? [statement, parameters]
          : [statement.text, statement.values];
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
      plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      return { rows: [] };
    },
  };
  await call(db);
  console.log(`--- EXPLAIN (ANALYZE, BUFFERS): ${name}\n${plan}\n---`);
}

async function main() {
  await withScratchDatabase('history', async (url) => {
    let pool;
    try {
      pool = new pg.Pool({ connectionString: url, max: 2 });
      await seed(pool);
      const results = [];

      // Sessions page: one installation's newest 100, and 100 past the cursor of session 50,000.
      const office = installationId(3);
      const { rows: deep } = await pool.query(
        `SELECT "endedAt", id FROM "ChargeSession" WHERE "installationId" = $1
       ORDER BY "endedAt" DESC, id DESC OFFSET 25000 LIMIT 1`,
        [office],
      );
      const pageOf = (after) => ({
        allOf: [office],
        ownOf: [],
        ownUserId: randomUUID(),
        limit: 100,
        after,
      });
      results.push(
        await time('sessions page', 50, () => sessionPage.findSessionPage(pool, pageOf())),
      );
      results.push(
        await time('sessions page (deep cursor)', 50, () =>
          sessionPage.findSessionPage(pool, pageOf({ endedAt: deep[0].endedAt, id: deep[0].id })),
        ),
      );

      // 30 days of 5-minute buckets, a different window of a different series each run.
      const window = (i) => {
        const from = new Date(YEAR_START + ((i * 7) % 330) * DAY_MS);
        return { from, to: new Date(from.getTime() + 30 * DAY_MS) };
      };
      const bucketsOf = (db, i) =>
        series.findObservationBuckets(db, {
          chargerId: chargerId(0, i % SERIES_CHARGERS),
          stateId: SERIES_STATE_IDS[i % 2],
          ...window(i),
          width: '5m',
        });
      await explain(pool, '30 days of 5-minute buckets', (db) => bucketsOf(db, 0));
      results.push(await time('buckets 30d/5m', 100, (i) => bucketsOf(pool, i)));

      // A month of hourly energy, a different month and installation each run (the oldest too).
      const month = (i) => ({
        installationId: installationId(i % INSTALLATIONS),
        timeZone: TIME_ZONE,
        interval: 'hour',
        from: new Date(Date.UTC(2025, 11 + (i % 12), 1) - 3_600_000),
        to: new Date(Date.UTC(2025, 12 + (i % 12), 1) - 3_600_000),
      });
      const energyOf = async (db, i) => {
        const range = month(i);
        const bounds = await energy.energyBuckets(db, range, 1001);
        return energy.installationEnergy(db, range.installationId, energy.edgesOf(bounds));
      };
      for (const i of [0, 6, 11]) {
        await explain(pool, `a month of hourly energy (month ${i + 1} of 12)`, async (db) => {
          const bounds = await energy.energyBuckets(pool, month(i), 1001);
          return energy.installationEnergy(db, month(i).installationId, energy.edgesOf(bounds));
        });
      }
      results.push(await time('energy month/hour', 100, (i) => energyOf(pool, i)));
      console.log(`bench history: done in ${Math.round(process.uptime())} s`);
      if (results.includes(false)) process.exitCode = 1;
    } finally {
      await pool?.end();
    }
  });
}

await main();
