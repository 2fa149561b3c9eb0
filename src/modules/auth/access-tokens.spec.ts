import { createSigner } from 'fast-jwt';
import { ApiProblem } from '../../core/errors/problem';
import { AccessTokens } from './access-tokens';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const SID = '6f1c2a5e-5d0e-4a53-a1f5-5cc3c6c0f1d2';
const tokens = new AccessTokens(SECRET, 900);
/** A token signed with the gateway's own secret, with exactly the claims given. */
const signed = (claims: Record<string, unknown>) =>
  createSigner({ key: SECRET, algorithm: 'HS256', noTimestamp: true })(claims);
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

function refusal(token: string): ApiProblem {
  try {
    tokens.verify(token);
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('AccessTokens', () => {
  it('accepts its own tokens', () => {
    expect(tokens.verify(tokens.issue({ sub: 'user-1', sid: SID }))).toEqual({
      sub: 'user-1',
      sid: SID,
    });
  });

  it.each([
    ['without exp', { iss: 'zaptec-gateway', sub: 'user-1', sid: SID }],
    ['without iss', { exp: inAMinute(), sub: 'user-1', sid: SID }],
    ['from another issuer', { iss: 'someone-else', exp: inAMinute(), sub: 'user-1', sid: SID }],
    ['without sub', { iss: 'zaptec-gateway', exp: inAMinute(), sid: SID }],
    ['with an empty sub', { iss: 'zaptec-gateway', exp: inAMinute(), sub: '', sid: SID }],
    ['without sid', { iss: 'zaptec-gateway', exp: inAMinute(), sub: 'user-1' }],
    ['with a sid that is no UUID', { iss: 'zaptec-gateway', exp: inAMinute(), sub: 'u', sid: 'x' }],
    ['with a sid that is a number', { iss: 'zaptec-gateway', exp: inAMinute(), sub: 'u', sid: 7 }],
  ])('refuses a token %s with 401 UNAUTHENTICATED', (_case, claims) => {
    const problem = refusal(signed(claims));
    expect([problem.getStatus(), problem.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('says an expired token has expired', () => {
    const problem = refusal(
      signed({ iss: 'zaptec-gateway', exp: inAMinute() - 120, sub: 'u', sid: SID }),
    );
    expect(problem.message).toMatch(/expired/);
  });
});
