// quick: start a gateway, prime a state read, measure throughput + CPU/req
import { mkdtempSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Running, startGateway, startRawServer } from '/work/main/bench/processes.mjs';
const workDir = mkdtempSync(join(tmpdir(), 'probe-')); chmodSync(workDir, 0o755);
const running = new Running();
const extra = { ...(process.env.PROBE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.PROBE_NODE_OPTIONS } : {}), ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('X_'))) };
const gw = await startGateway({ name: 'p', workDir, running, env: extra });
const login = await (await fetch(gw.url + '/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin@demo.zaptec.local', password: 'demo-admin' }) })).json();
const headers = { authorization: `Bearer ${login.accessToken}` };
const [ch] = await (await fetch(gw.url + '/v1/chargers', { headers })).json();
const url = `${gw.url}/v1/chargers/${ch.id}/state`;
await (await fetch(url, { headers })).arrayBuffer();
const body = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
writeFileSync(join(workDir, 'b.json'), body);
const raw = await startRawServer(join(workDir, 'b.json'), running);
import { execSync as ex2 } from 'node:child_process';
// find gateway pid: the child listening on port
import { execSync } from 'node:child_process';
const port = new URL(gw.url).port;
const pid = execSync(`ss -ltnp 'sport = :${port}' | grep -o 'pid=[0-9]*' | head -1`).toString().trim().slice(4);
const cpuOf = (p) => { const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); return [Number(f[11]) * 10, Number(f[12]) * 10]; };
const rawPort = new URL(raw.url).port; const rawPid = execSync(`ss -ltnp 'sport = :${rawPort}' | grep -o 'pid=[0-9]*' | head -1`).toString().trim().slice(4);
async function run(u, h, opts, p = pid) { await autocannon({ url: u, headers: h, connections: 50, duration: 1 }); const c0 = cpuOf(p); const r = await autocannon({ url: u, headers: h, connections: 50, duration: 5, ...opts }); const c1 = cpuOf(p); const n = r['2xx'] + r.non2xx; return { rps: Math.round(n / r.duration), non2xx: r.non2xx, p99: r.latency.p99, userUs: ((c1[0] - c0[0]) * 1000 / n).toFixed(1), sysUs: ((c1[1] - c0[1]) * 1000 / n).toFixed(1) }; }
const threads = () => Object.fromEntries(execSync(`ls /proc/${pid}/task`).toString().split(/\s+/).filter(Boolean).map(t => { try { const st = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8'); const name = st.slice(st.indexOf('(') + 1, st.indexOf(')')); const f = st.split(') ')[1].split(' '); return [`${t}:${name}`, (Number(f[11]) + Number(f[12])) * 10]; } catch { return [t, 0]; } }));
if (process.env.PROBE_THREADS) for (let k = 0; k < 2; k++) { await autocannon({ url, headers, connections: 50, duration: 2 }); const t0 = threads(); const r = await autocannon({ url, headers, connections: 50, duration: 5 }); const t1 = threads(); const n = r['2xx']; const agg = {}; for (const k of Object.keys(t1)) { const d = t1[k] - (t0[k] ?? 0); const nm = k.split(':')[1]; agg[nm] = (agg[nm] ?? 0) + d * 1000 / n; } console.log(process.env.PROBE_LABEL, 'rps', n / 5, JSON.stringify(Object.fromEntries(Object.entries(agg).map(([a, b]) => [a, b.toFixed(2)])))); }
for (let i = 0; i < Number(process.env.PROBE_ROUNDS ?? 2); i++) {
  const f = await run(url, headers, { overallRate: 15000 });
  const b = await run(url, headers);
  console.log(process.env.PROBE_LABEL, JSON.stringify({ fixed: `${f.userUs}+${f.sysUs}`, b: b.rps, bcpu: `${b.userUs}+${b.sysUs}` }));
}
await running.close();
