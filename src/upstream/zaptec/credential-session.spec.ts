import { CredentialSession } from './credential-session';
import type { OAuthToken } from './types/oauth-token';
import type { ZaptecClient } from './zaptec-client';

/** A JWT-shaped token (unsigned: the gateway never verifies Zaptec's tokens) for `sub`. */
function tokenFor(sub: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ sub })}.`;
}

function clientIssuing(accessToken: string) {
  let logins = 0;
  const client = {
    login: (): Promise<OAuthToken> => {
      logins++;
      return Promise.resolve({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 86_399,
      });
    },
  };
  return { client: client as unknown as ZaptecClient, logins: () => logins };
}

describe('CredentialSession', () => {
  it("counts in the bucket of the token's sub once signed in, as a signed-in user's session does", async () => {
    const { client, logins } = clientIssuing(tokenFor('3c6a0c2b-user-id'));
    const session = new CredentialSession(client, 'Owner@Demo.Zaptec.Local', 'secret');
    expect(session.account).toBe('owner@demo.zaptec.local');
    await session.signIn();
    expect(session.account).toBe('3c6a0c2b-user-id');
    await session.accessToken();
    expect(logins()).toBe(1);
  });

  it('falls back to a stable id from the username when the token is not a JWT', async () => {
    const { client } = clientIssuing('opaque-token');
    const session = new CredentialSession(client, 'admin@demo.zaptec.local', 'secret');
    await session.signIn();
    expect(session.account).toMatch(/^user:[0-9a-f]{32}$/);
  });
});
