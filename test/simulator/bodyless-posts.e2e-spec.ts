import { request as httpRequest } from 'node:http';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { DEMO, startContractSimulator, type Tokens } from './fixtures';

// aiohttp (Home Assistant's integration, pyzaptec) sends every POST without data with
// `Content-Type: application/octet-stream` and `Content-Length: 0`; the real API accepts them on
// the endpoints that take no body and answers the business result (zaptec-api.md §13).

/** A raw HTTP/1.1 POST with exactly these headers and no body, as aiohttp writes it. */
function rawPost(
  simulator: RunningSimulator,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const url = new URL(path, simulator.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const AIOHTTP = {
  accept: '*/*',
  'accept-encoding': 'gzip, deflate',
  'user-agent': 'Python/3.13 aiohttp/3.12.15',
  'content-type': 'application/octet-stream',
  'content-length': '0',
};

const DRIVEWAY = DEMO.chargerId('Driveway');
const OFFICE_1 = DEMO.chargerId('Office 1');

describe('POSTs without a body, as aiohttp sends them', () => {
  let simulator: RunningSimulator;
  let tokens: Tokens;
  beforeAll(async () => ({ simulator, tokens } = await startContractSimulator()));
  afterAll(() => simulator.close());

  const as = (token: string, headers: Record<string, string> = AIOHTTP) => ({
    ...headers,
    authorization: `Bearer ${token}`,
  });

  it.each([
    ['application/octet-stream', AIOHTTP],
    ['application/json', { ...AIOHTTP, 'content-type': 'application/json' }],
    [
      'application/json; charset=utf-8',
      { ...AIOHTTP, 'content-type': 'application/json; charset=utf-8' },
    ],
    ['no content type', { 'content-length': '0' }],
  ])('runs a command sent with %s and Content-Length 0', async (_label, headers) => {
    const response = await rawPost(
      simulator,
      `/api/chargers/${DRIVEWAY}/SendCommand/102`,
      as(tokens.owner, headers),
    );
    expect(response).toEqual({ status: 200, body: '' });
  });

  it("answers a User's command with the 403 the role deserves", async () => {
    const response = await rawPost(
      simulator,
      `/api/chargers/${OFFICE_1}/SendCommand/102`,
      as(tokens.driver),
    );
    expect(response).toEqual({ status: 403, body: '' });
  });

  it("answers a command's business rejection (Code 528), not a binding error", async () => {
    // Resume on a charger that is not paused: Zaptec's 2025 validation refuses it (§6).
    const response = await rawPost(
      simulator,
      `/api/chargers/${OFFICE_1}/SendCommand/507`,
      as(tokens.admin),
    );
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ Code: 528 });
  });

  it('reaches authorizecharge, which answers what the charger makes of it', async () => {
    const response = await rawPost(
      simulator,
      `/api/chargers/${OFFICE_1}/authorizecharge`,
      as(tokens.driver),
    );
    // No car waits at Office 1: 538 OperationFailedDueToChargerState (6.5.8), not a 400.
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ Code: 538 });
  });

  it('still refuses a non-empty body of a type it cannot read', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      const url = new URL(`/api/chargers/${DRIVEWAY}/update`, simulator.url);
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: as(tokens.owner, { 'content-type': 'application/octet-stream' }),
        },
        (answer) => {
          answer.resume();
          resolve(answer.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(Buffer.from([1, 2, 3]));
    });
    expect(response).toBe(400);
  });
});
