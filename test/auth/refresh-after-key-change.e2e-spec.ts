import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { PrismaService } from '../../src/database/prisma.service';
import { jwtPayload } from '../simulator/fixtures';
import { startTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { PROBLEM_JSON } from '../support/gateway';
import { ACCOUNTS, startTestSimulator } from '../support/simulator';

// The Zaptec token of a sign-in is stored sealed with TOKEN_ENCRYPTION_KEY. An instance with
// another key (a restart with a key generated per process, a changed key) cannot use it: refresh
// must say "sign in" (401 UPSTREAM_SESSION_EXPIRED) instead of handing out tokens that never work.

const JWT_SECRET = 'a-jwt-secret-both-instances-share-0123456789';

describe('refresh on an instance that cannot read the stored Zaptec token', () => {
  let simulator: RunningSimulator;
  let before: NestFastifyApplication;
  let after: NestFastifyApplication;

  beforeAll(async () => {
    simulator = await startTestSimulator();
    const database = await createTestDatabase();
    const instance = (key: string) =>
      startTestApp({
        ZAPTEC_API_URL: simulator.url,
        DATABASE_URL: database,
        JWT_SECRET,
        TOKEN_ENCRYPTION_KEY: key,
      });
    before = await instance('the-key-before-the-restart-0123456789');
    after = await instance('the-key-after-the-restart-0123456789ab');
  });
  afterAll(async () => {
    await before.close();
    await after.close();
    await simulator.close();
  });

  it('answers 401 UPSTREAM_SESSION_EXPIRED and ends that sign-in', async () => {
    const signedIn = await request(before.getHttpServer())
      .post('/v1/auth/login')
      .send({ username: ACCOUNTS.owner.email, password: ACCOUNTS.owner.password })
      .expect(200);
    const { refreshToken, accessToken } = signedIn.body as {
      refreshToken: string;
      accessToken: string;
    };

    const refused = await request(after.getHttpServer())
      .post('/v1/auth/refresh')
      .send({ refreshToken })
      .expect(401);
    expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(refused.body.code).toBe('UPSTREAM_SESSION_EXPIRED');

    const session = await after.get(PrismaService).authSession.findUniqueOrThrow({
      where: { id: String(jwtPayload(accessToken).sid) },
    });
    expect(session).toMatchObject({
      revokedAt: expect.any(Date),
      revokedReason: 'zaptec token unreadable',
    });
    // Ended for good: not even the instance that sealed it refreshes it any more.
    const again = await request(before.getHttpServer())
      .post('/v1/auth/refresh')
      .send({ refreshToken })
      .expect(401);
    expect(again.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('still refreshes a sign-in on the instance that can read its token', async () => {
    const signedIn = await request(after.getHttpServer())
      .post('/v1/auth/login')
      .send({ username: ACCOUNTS.driver.email, password: ACCOUNTS.driver.password })
      .expect(200);
    const refreshed = await request(after.getHttpServer())
      .post('/v1/auth/refresh')
      .send({ refreshToken: signedIn.body.refreshToken })
      .expect(200);
    await request(after.getHttpServer())
      .get('/v1/me')
      .set('authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
  });
});
