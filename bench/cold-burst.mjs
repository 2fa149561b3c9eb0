// 1,000 requests at one cold key, all in flight at once. The sockets are opened first (one
// cheap request each) and kept alive, so the burst itself is 1,000 requests written within a
// few milliseconds, not 1,000 TCP handshakes queued behind the server's listen backlog (511).
import { Agent, request } from 'node:http';

const BURST_TIMEOUT_MS = 60_000;

function get(agent, url, headers) {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers, timeout: BURST_TIMEOUT_MS }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode, cache: response.headers['x-cache'] }),
      );
    });
    // A request that fails or times out is an answer too: status 0, counted apart.
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0 }));
    req.end();
  });
}

/** Fires `count` concurrent GETs of `url` and counts their statuses and X-Cache values. */
export async function coldBurst({ baseUrl, path, headers, count }) {
  const agent = new Agent({ keepAlive: true, maxSockets: count, maxFreeSockets: count });
  try {
    await Promise.all(
      Array.from({ length: count }, () => get(agent, `${baseUrl}/health/live`, {})),
    );
    const answers = await Promise.all(
      Array.from({ length: count }, () => get(agent, `${baseUrl}${path}`, headers)),
    );
    return {
      statuses: tally(answers.map((answer) => answer.status)),
      xCache: tally(answers.map((answer) => answer.cache ?? 'none')),
    };
  } finally {
    agent.destroy();
  }
}

function tally(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
