// `npm run bench`: throughput of the simulator's hottest route (GET charger state) against a bare
// Fastify baseline serving a body of the same size, both measured now, on this machine, by the
// same load generator (autocannon, in this process; servers in their own processes).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;

async function serve(script, args = []) {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  const port = /listening (\d+)/.exec(line.toString())?.[1];
  if (!port) throw new Error(`${script} did not start: ${line}`);
  return { child, base: `http://127.0.0.1:${port}` };
}

async function load(url, headers = {}) {
  // A short warm-up so JIT and caches are hot for both servers alike.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

const simulator = await serve('bench/simulator-server.mjs');
try {
  const login = await fetch(`${simulator.base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=admin%40demo.zaptec.local&password=demo-admin',
  });
  const { access_token: token } = await login.json();
  const headers = { authorization: `Bearer ${token}` };
  const chargers = await (await fetch(`${simulator.base}/api/chargers`, { headers })).json();
  const stateUrl = `${simulator.base}/api/chargers/${chargers.Data[0].Id}/state`;
  const sampleBody = await (await fetch(stateUrl, { headers })).text();

  const baseline = await serve('bench/baseline-server.mjs', [sampleBody]);
  let baselineResult;
  try {
    baselineResult = await load(`${baseline.base}/state`);
  } finally {
    baseline.child.kill('SIGTERM');
  }
  const stateResult = await load(stateUrl, headers);

  const rows = [
    ['baseline: bare Fastify, same body', baselineResult],
    ['simulator: GET /api/chargers/{id}/state', stateResult],
  ];
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION_S} s each, body ${sampleBody.length} bytes, ${process.version}`,
  );
  for (const [name, result] of rows) {
    console.log(
      `${name.padEnd(44)} ${Math.round(result.requests.average).toString().padStart(7)} req/s  p99 ${result.latency.p99} ms  ratio ${(result.requests.average / baselineResult.requests.average).toFixed(2)}`,
    );
  }
} finally {
  simulator.child.kill('SIGTERM');
}
