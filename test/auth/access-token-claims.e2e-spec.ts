import { createSigner } from 'fast-jwt';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import { jwtPayload } from '../simulator/fixtures';

// Tokens signed with the gateway's own secret but lacking claims it relies on: refused as 401
// UNAUTHENTICATED, never accepted (no exp: good forever) nor a 500 (a sid that is no UUID).

const JWT_SECRET = 'the-gateway-secret-for-this-suite-0123456789';

describe('access token claims', () => {
  let gateway: TestGateway;
  const sign = createSigner({ key: JWT_SECRET, algorithm: 'HS256', noTimestamp: true });
  const inAMinute = () => Math.floor(Date.now() / 1000) + 60;
  const me = (token: string) =>
    gateway.http().get('/v1/me').set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { JWT_SECRET } });
  });
  afterAll(() => gateway.close());

  it('answers a token whose sid is no UUID with 401 UNAUTHENTICATED, not 500', async () => {
    const token = sign({ iss: 'zaptec-gateway', exp: inAMinute(), sub: 'u', sid: 'not-a-uuid' });
    const response = await me(token).expect(401);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['no exp', { iss: 'zaptec-gateway' }],
    ['no iss', { exp: Math.floor(Date.now() / 1000) + 60 }],
  ])(
    'answers a token of a live sign-in with %s with 401 UNAUTHENTICATED',
    async (_case, claims) => {
      const { accessToken } = await gateway.signIn('owner');
      const { sub, sid } = jwtPayload(accessToken);
      await me(accessToken).expect(200);
      const response = await me(sign({ sub, sid, ...claims })).expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    },
  );
});
