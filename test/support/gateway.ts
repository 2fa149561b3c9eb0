import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { RunningSimulator } from '../../src/simulator/simulator';
import type { SimulatorOptions } from '../../src/simulator/simulator-options';
import { ACCOUNTS } from '../../src/simulator/world/demo-data';
import { startTestApp } from './app';
import { type DemoAccountName, startTestSimulator } from './simulator';

/** The content type of every error the gateway answers. */
export const PROBLEM_JSON = /^application\/problem\+json/;

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

export interface TestGateway {
  app: NestFastifyApplication;
  /** The separate simulator the gateway calls over HTTP (ZAPTEC_API_URL), with /__sim control. */
  simulator: RunningSimulator;
  /** supertest against the gateway. */
  http(): ReturnType<typeof request>;
  /** POST /v1/auth/login as a demo account (cached per account for the suite). */
  signIn(name: DemoAccountName): Promise<SignedIn>;
  /** Requests with the account's bearer token, e.g. `(await as('owner')).get('/v1/chargers')`. */
  as(name: DemoAccountName): Promise<{
    get(path: string): request.Test;
    post(path: string): request.Test;
    patch(path: string): request.Test;
  }>;
  close(): Promise<void>;
}

/**
 * The real gateway (bootstrap.ts, own database) in front of a real simulator over HTTP. Sign-ins
 * are cached per account: the gateway spaces logins a second apart, as Zaptec requires.
 */
export async function startTestGateway(
  options: { simulator?: Partial<SimulatorOptions>; env?: Record<string, string> } = {},
): Promise<TestGateway> {
  const simulator = await startTestSimulator(options.simulator);
  const app = await startTestApp({ ZAPTEC_API_URL: simulator.url, ...options.env });
  const sessions = new Map<DemoAccountName, Promise<SignedIn>>();
  const http = () => request(app.getHttpServer());

  const signIn = (name: DemoAccountName): Promise<SignedIn> => {
    let session = sessions.get(name);
    if (!session) {
      const { email, password } = ACCOUNTS[name];
      session = http()
        .post('/v1/auth/login')
        .send({ username: email, password })
        .then((response) => {
          if (response.status !== 200) {
            throw new Error(`sign-in as ${name} failed: ${response.status} ${response.text}`);
          }
          return response.body as SignedIn;
        });
      sessions.set(name, session);
    }
    return session;
  };

  return {
    app,
    simulator,
    http,
    signIn,
    async as(name) {
      const { accessToken } = await signIn(name);
      const bearer = `Bearer ${accessToken}`;
      return {
        get: (path) => http().get(path).set('authorization', bearer),
        post: (path) => http().post(path).set('authorization', bearer),
        patch: (path) => http().patch(path).set('authorization', bearer),
      };
    },
    async close() {
      await app.close();
      await simulator.close();
    },
  };
}
