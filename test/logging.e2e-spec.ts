import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import type { RunningSimulator } from '../src/simulator/simulator';
import { type CapturedLog, type LogLine, startLoggedApp } from './support/log-capture';
import { ACCOUNTS, injectFaults, clearFaults, startTestSimulator } from './support/simulator';

const WARN = 40;
const ERROR = 50;

describe('logs', () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;
  let log: CapturedLog;
  let databaseUrl: string;
  let accessToken: string;

  beforeAll(async () => {
    simulator = await startTestSimulator();
    ({ app, log, databaseUrl } = await startLoggedApp({ ZAPTEC_API_URL: simulator.url }));
    const { email, password } = ACCOUNTS.owner;
    const signedIn = await http().post('/v1/auth/login').send({ username: email, password });
    accessToken = (signedIn.body as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await app.close();
    await simulator.close();
  });

  const http = () => request(app.getHttpServer());
  /** The lines logged while serving the request with this id. */
  const linesOf = async (reqId: string): Promise<LogLine[]> =>
    (await log.lines()).filter((line) => line.reqId === reqId);
  const requestLine = async (reqId: string): Promise<LogLine | undefined> =>
    (await linesOf(reqId)).find((line) => 'status' in line && 'durationMs' in line);

  describe('one line per request', () => {
    it('logs a /v1 request with its route pattern, status, duration and principal', async () => {
      const list = await http()
        .get('/v1/chargers')
        .set('authorization', `Bearer ${accessToken}`)
        .set('x-request-id', 'log-list')
        .expect(200);
      const chargerId = (list.body as { id: string }[])[0]?.id ?? '';
      await http()
        .get(`/v1/chargers/${chargerId}`)
        .set('authorization', `Bearer ${accessToken}`)
        .set('x-request-id', 'log-one')
        .expect(200);

      expect(await requestLine('log-list')).toEqual({
        level: 30,
        time: expect.any(Number),
        pid: process.pid,
        hostname: expect.any(String),
        reqId: 'log-list',
        method: 'GET',
        route: '/v1/chargers',
        status: 200,
        durationMs: expect.any(Number),
        principalId: ACCOUNTS.owner.id,
        msg: 'GET /v1/chargers 200',
      });
      expect(await requestLine('log-one')).toMatchObject({
        route: '/v1/chargers/:id',
        status: 200,
        principalId: ACCOUNTS.owner.id,
      });
      expect((await linesOf('log-list')).filter((line) => 'status' in line)).toHaveLength(1);
    });

    it('logs 401s and 404s too, and never a header', async () => {
      await http()
        .get('/v1/chargers')
        .set('authorization', 'Bearer not-a-token')
        .set('x-request-id', 'log-401')
        .expect(401);
      await http().get('/v1/nothing-here?token=secret').set('x-request-id', 'log-404').expect(404);

      expect(await requestLine('log-401')).toMatchObject({
        route: '/v1/chargers',
        status: 401,
        level: 30,
      });
      expect(await requestLine('log-401')).not.toHaveProperty('principalId');
      expect(await requestLine('log-404')).toMatchObject({ path: '/v1/nothing-here', status: 404 });
      const logged = JSON.stringify([...(await linesOf('log-401')), ...(await linesOf('log-404'))]);
      expect(logged).not.toMatch(/headers|not-a-token|authorization|token=secret/i);
    });
  });

  describe('errors', () => {
    afterEach(() => clearFaults(simulator));

    it('logs an upstream outage as one warn line with the request id and no stack', async () => {
      await injectFaults(simulator, { outage: true });
      const response = await http()
        .get('/v1/installations')
        .set('authorization', `Bearer ${accessToken}`)
        .set('x-request-id', 'log-outage');
      expect([502, 503, 504]).toContain(response.status);

      const lines = await linesOf('log-outage');
      const failures = lines.filter((line) => line.context === 'Errors');
      expect(failures).toEqual([
        expect.objectContaining({
          level: WARN,
          reqId: 'log-outage',
          status: response.status,
          code: (response.body as { code: string }).code,
          msg: expect.stringContaining(`GET /v1/installations answered ${response.status}`),
        }),
      ]);
      expect(lines.filter((line) => line.level >= WARN)).toEqual(failures);
      expect(await requestLine('log-outage')).toMatchObject({ level: 30, status: response.status });
      expect(JSON.stringify(lines)).not.toContain('    at ');
    });

    it('logs a fault of our own as an error with its stack and the request id', async () => {
      // A broken database is not the caller's doing: sign-in cannot store its session.
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query('ALTER TABLE "AuthSession" RENAME TO "AuthSessionGone"');
        const { email, password } = ACCOUNTS.admin;
        await http()
          .post('/v1/auth/login')
          .set('x-request-id', 'log-500')
          .send({ username: email, password })
          .expect(500);
      } finally {
        await client.query('ALTER TABLE "AuthSessionGone" RENAME TO "AuthSession"');
        await client.end();
      }
      const failure = (await linesOf('log-500')).find((line) => line.context === 'Errors');
      expect(failure).toMatchObject({
        level: ERROR,
        reqId: 'log-500',
        status: 500,
        code: 'INTERNAL_ERROR',
        msg: 'POST /v1/auth/login failed',
        err: { stack: expect.stringContaining('    at ') },
      });
    });
  });
});
