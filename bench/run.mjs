// `npm run bench` (or `npm run bench -- state`): how close the gateway's cached
// `GET /v1/chargers/{id}/state` comes to what Node itself can serve, all measured now, on this machine, by one load generator (autocannon, in this
// process; every server in its own process, loopback only):
//   a  a raw node:http server writing a prebuilt Buffer of the gateway's state body (the ceiling),
//      measured just before and just after b, and counted as the mean of the two
//   b  the gateway with its response cache on (the default)
//   c  the same route on a gateway with CACHE_ENABLED=false (every read goes to Zaptec, ~10 req/s)
// The median of BENCH_ROUNDS rounds is what counts. Then 1,000 concurrent requests at one cold
// charger state on a fresh gateway, against the upstream calls its simulator's /__sim/stats saw.
import { Buffer } from 'node:buffer';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { coldBurst } from './cold-burst.mjs';
import { Running, startGateway, startRawServer } from './processes.mjs';

const DURATION_S = positiveNumber('BENCH_DURATION_S', 5);
const ROUNDS = positiveNumber('BENCH_ROUNDS', 3);
const WARM_UP_S = 1;
const CONNECTIONS = 50;
const COLD_REQUESTS = 1000;
const QUIET_MS = 750; // upstream idle this long: the gateway's queue is empty
const SETTLE_MAX_MS = 15_000;
// The demo admin sees every charger, so the route's guard allows the reads.
const ADMIN = { username: 'admin@demo.zaptec.local', password: 'demo-admin' };
const UPSTREAM_STATE_ROUTE = 'GET /api/chargers/:id/state'; // as /__sim/stats names it

function positiveNumber(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (
    !Number.isFinite(value) ||
    value <= 0 ||
    (name === 'BENCH_ROUNDS' && !Number.isInteger(value))
  )
    throw new Error(`${name} must be a positive ${name === 'BENCH_ROUNDS' ? 'whole ' : ''}number`);
  return value;
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Signs in as the demo admin; the headers every gateway read sends. */
async function signIn(gateway) {
  const { accessToken } = await json(`${gateway.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return { authorization: `Bearer ${accessToken}` };
}

const simulatorStats = (gateway) => json(`${gateway.simulatorUrl}/__sim/stats`);

/**
 * Waits until the gateway has stopped calling upstream. autocannon drops its connections when a
 * warm-up ends, but a gateway without a cache still works off the reads queued for its 10 req/s
 * budget (up to 5 s of them): the measured reads must not queue behind those. (The backlog a
 * measurement leaves has drained by that gateway's next turn; meanwhile it costs little CPU.)
 */
async function settle(gateway) {
  if (!gateway) return;
  const deadline = Date.now() + SETTLE_MAX_MS;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const { total } = await simulatorStats(gateway);
    if (total !== last) [last, quietSince] = [total, Date.now()];
    else if (Date.now() - quietSince >= QUIET_MS) return;
    await sleep(QUIET_MS / 3);
  }
}

/** Requests per second counts 2xx answers only, so a fast 503 never passes for throughput. */
async function measure(url, headers, gateway) {
  const options = { url, headers, connections: CONNECTIONS };
  await autocannon({ ...options, duration: WARM_UP_S });
  await settle(gateway);
  const result = await autocannon({ ...options, duration: DURATION_S });
  const answered = result.latency.totalCount > 0;
  return {
    ok: result['2xx'],
    rps: result['2xx'] / result.duration,
    p50: answered ? result.latency.p50 : NaN,
    p99: answered ? result.latency.p99 : NaN,
    non2xx: result.non2xx,
    failed: result.errors + result.timeouts, // no answer at all (autocannon counts them apart)
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    ),
  };
}

/** Two measurements of one server as one: the mean of each figure (a's bracket around b). */
const meanOf = (first, second) => ({
  ...first,
  ok: first.ok + second.ok,
  rps: (first.rps + second.rps) / 2,
  p50: (first.p50 + second.p50) / 2,
  p99: (first.p99 + second.p99) / 2,
});

const median = (values) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((x, y) => x - y);
  if (sorted.length === 0) return NaN; // no round answered anything
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const rate = (value) => (value >= 100 ? Math.round(value) : Number(value.toFixed(1))).toString();
const ms = (value) =>
  Number.isNaN(value) ? 'n/a' : `${Number.isInteger(value) ? value : value.toFixed(1)} ms`;
const ratio = (value) =>
  Number.isNaN(value)
    ? 'n/a'
    : value >= 100
      ? value.toFixed(1)
      : value >= 0.01
        ? value.toFixed(2)
        : value.toPrecision(2);
const counts = (tally) =>
  Object.entries(tally)
    .map(([key, count]) => `${key} x${count}`)
    .join(', ') || 'none';

function failures(runs) {
  const non2xx = runs.reduce((sum, run) => sum + run.non2xx, 0);
  const failed = runs.reduce((sum, run) => sum + run.failed, 0);
  const statuses = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statuses)) {
      if (!status.startsWith('2')) statuses[status] = (statuses[status] ?? 0) + count;
    }
  }
  const detail = non2xx ? ` (${counts(statuses)})` : '';
  return `non-2xx ${non2xx}${detail}${failed ? `  no answer ${failed}` : ''}`;
}

const LABELS = {
  a: 'a raw node http (ceiling)',
  b: 'b gateway cached state',
  c: 'c gateway cache disabled',
};

async function measureRounds({ rawUrl, path, cached, uncached }) {
  const runs = { a: [], b: [], c: [] };
  // Ratios per round, then their median: a and b measured a few seconds apart see the same
  // machine, which matters when other work shares it.
  const ratios = { bOverA: [], bOverC: [] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    // b between two measurements of a, and a their mean: on a shared machine whose speed drifts
    // by tens of percent within seconds (seen here), b then sees the machine a saw.
    const before = await measure(rawUrl, {});
    runs.b.push(await measure(`${cached.url}${path}`, cached.headers, cached));
    runs.a.push(meanOf(before, await measure(rawUrl, {})));
    runs.c.push(await measure(`${uncached.url}${path}`, uncached.headers, uncached));
    const [a, b, c] = [runs.a.at(-1), runs.b.at(-1), runs.c.at(-1)];
    ratios.bOverA.push(b.rps / a.rps);
    ratios.bOverC.push(c.rps > 0 ? b.rps / c.rps : NaN);
    const brief = Object.entries({ a, b, c }).map(
      ([key, run]) =>
        `${key} ${rate(run.rps)} req/s p99 ${ms(run.p99)}${run.non2xx ? ` non-2xx ${run.non2xx}` : ''}`,
    );
    console.log(
      `round ${round}/${ROUNDS}  ${brief.join('  ')}  b/a ${ratio(ratios.bOverA.at(-1))}  b/c ${ratio(ratios.bOverC.at(-1))}`,
    );
  }
  const medians = {};
  for (const key of ['a', 'b', 'c']) {
    medians[key] = {
      rps: median(runs[key].map((run) => run.rps)),
      p50: median(runs[key].map((run) => run.p50)),
      p99: median(runs[key].map((run) => run.p99)),
    };
  }
  console.log(
    `median of ${ROUNDS} round(s); req/s counts 2xx answers; ratios are medians of the rounds' ratios; non-2xx summed over rounds`,
  );
  for (const key of ['a', 'b', 'c']) {
    const { rps, p50, p99 } = medians[key];
    const tail = key === 'a' ? '' : `  ${failures(runs[key])}`;
    console.log(
      `${LABELS[key].padEnd(32)} req/s ${rate(rps)}  p50 ${ms(p50)}  p99 ${ms(p99)}${tail}`,
    );
  }
  console.log(
    `ratio b/a ${ratio(median(ratios.bOverA))}  ratio b/c ${ratio(median(ratios.bOverC))}`,
  );
  // b must answer every request 2xx; the requests still in flight when a measurement ends aren't
  // failures (autocannon drops them), but a b that answered nothing at all is.
  const bFailed = runs.b.reduce((sum, run) => sum + run.non2xx + run.failed, 0);
  if (bFailed) return `${bFailed} requests not answered 2xx (must be 0)`;
  if (runs.b.every((run) => run.ok === 0)) return 'no request answered within the measurement';
  return undefined;
}

/** 1,000 concurrent reads of a charger state no one read yet, on a gateway just started. */
async function coldRun(gateway) {
  const headers = await signIn(gateway);
  const chargers = await json(`${gateway.url}/v1/chargers`, { headers });
  // Not the charger rounds a-c read, and on a fresh gateway: nothing can have cached it.
  const cold = chargers[1] ?? chargers[0];
  const before = await simulatorStats(gateway);
  const { statuses, xCache } = await coldBurst({
    baseUrl: gateway.url,
    path: `/v1/chargers/${cold.id}/state`,
    headers,
    count: COLD_REQUESTS,
  });
  const after = await simulatorStats(gateway);
  const stateCalls =
    (after.byRoute[UPSTREAM_STATE_ROUTE] ?? 0) - (before.byRoute[UPSTREAM_STATE_ROUTE] ?? 0);
  console.log(
    `cold ${COLD_REQUESTS} concurrent: upstream calls ${stateCalls}, answered ${counts(statuses)}`,
  );
  console.log(
    `cold ${COLD_REQUESTS} concurrent: upstream calls on all routes ${after.total - before.total}, X-Cache ${counts(xCache)}`,
  );
}

async function main() {
  if (!existsSync('dist/main.js')) {
    throw new Error(
      'dist/main.js is missing: run `npm run bench` (it builds first) from the project root',
    );
  }
  const workDir = mkdtempSync(join(tmpdir(), 'zaptec-bench-'));
  // mkdtemp makes it private (0700); run as root, PostgreSQL runs as the postgres user, which
  // must walk into it, or the gateway keeps its cluster under /var/lib/zaptec-gateway instead,
  // where removing the work dir would not remove it.
  chmodSync(workDir, 0o755);
  const running = new Running();
  let interrupted = false;
  // Ctrl-C: stop what runs (each gateway stops its PostgreSQL), then leave with 130 as shells do.
  process.once('SIGINT', () => {
    interrupted = true;
    void running.close().finally(() => {
      rmSync(workDir, { recursive: true, force: true });
      process.exit(130);
    });
  });
  try {
    // Both start at once: start-up is mostly waiting for PostgreSQL.
    const [cached, uncached] = await Promise.all([
      startGateway({ name: 'cached', workDir, running }),
      startGateway({ name: 'uncached', workDir, running, env: { CACHE_ENABLED: 'false' } }),
    ]);
    cached.headers = await signIn(cached);
    uncached.headers = await signIn(uncached);
    const [charger] = await json(`${cached.url}/v1/chargers`, { headers: cached.headers });
    const path = `/v1/chargers/${charger.id}/state`;
    // The first read fills the cache; the second should be the HIT every measured read is.
    await fetch(`${cached.url}${path}`, { headers: cached.headers }).then((response) =>
      response.arrayBuffer(),
    );
    const primed = await fetch(`${cached.url}${path}`, { headers: cached.headers });
    const body = Buffer.from(await primed.arrayBuffer());
    if (primed.status !== 200) throw new Error(`b: GET ${path} answered ${primed.status}: ${body}`);
    const bodyFile = join(workDir, 'state.json');
    writeFileSync(bodyFile, body);
    const raw = await startRawServer(bodyFile, running);

    console.log(
      `bench: ${CONNECTIONS} connections, ${DURATION_S} s per measurement after a ${WARM_UP_S} s warm-up, ${ROUNDS} round(s), node ${process.version}, state body ${body.length} bytes`,
    );
    console.log(
      `b X-Cache on the second read: ${primed.headers.get('x-cache') ?? 'absent (no response cache in this build)'}`,
    );
    const bFailure = await measureRounds({ rawUrl: `${raw.url}${path}`, path, cached, uncached });
    const statsOf = [await simulatorStats(cached), await simulatorStats(uncached)];
    await running.stop();

    const fresh = await startGateway({ name: 'cold', workDir, running });
    await coldRun(fresh);
    statsOf.push(await simulatorStats(fresh));

    // Each gateway ran its own simulator from zero, so their stats together are the whole run.
    const upstream429s = statsOf.reduce((sum, stats) => sum + (stats.byStatus['429'] ?? 0), 0);
    console.log(`upstream 429s during the run: ${upstream429s}`);
    console.log(`bench: done in ${Math.round(process.uptime())} s`);
    if (bFailure) {
      console.log(`FAIL b gateway cached state: ${bFailure}`);
      process.exitCode = 1;
    }
  } catch (error) {
    // After Ctrl-C, what fails is only what was stopped under it: not worth a stack.
    if (!interrupted) throw error;
  } finally {
    await running.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

// `npm run bench [-- <suite>]`: no suite is the state suite above; `ingest` is bench/ingest.mjs,
// `history` bench/history.mjs.
const SUITES = {
  state: main,
  ingest: () => import('./ingest.mjs'),
  history: () => import('./history.mjs'),
};
const suite = SUITES[process.argv[2] ?? 'state'];
if (!suite) {
  console.error(`usage: npm run bench [-- ${Object.keys(SUITES).join('|')}]`);
  process.exit(1);
}

await suite().catch((error) => {
  // One readable message (a gateway's start failure carries its log's last lines), no stack.
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
