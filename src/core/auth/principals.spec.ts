import type { CredentialResolver, Principal } from './principal';
import { Principals } from './principals';

const user = { kind: 'user', id: 'u1' } as Principal;
const key = { kind: 'apiKey', id: 'apikey:k1' } as Principal;
const SECRET = `zgw_${'a'.repeat(43)}`;

function principals() {
  const users = { resolve: jest.fn(() => Promise.resolve(user)), peek: jest.fn(() => user) };
  const keys = { resolve: jest.fn(() => Promise.resolve(key)), peek: jest.fn(() => key) };
  const resolvers: [CredentialResolver, CredentialResolver] = [users, keys];
  return { dispatch: new Principals(...resolvers), users, keys };
}

describe('Principals: one place that reads who is calling', () => {
  it('takes a bearer token as a sign-in and a bearer zgw_ secret as an API key', async () => {
    const { dispatch, users, keys } = principals();
    await expect(dispatch.fromHeaders({ authorization: 'Bearer eyJ.a.b' })).resolves.toBe(user);
    expect(users.resolve).toHaveBeenCalledWith('eyJ.a.b');
    await expect(dispatch.fromHeaders({ authorization: `Bearer ${SECRET}` })).resolves.toBe(key);
    expect(keys.resolve).toHaveBeenCalledWith(SECRET);
  });

  it('takes X-Api-Key as an API key, and the bearer header first when both are sent', async () => {
    const { dispatch, keys } = principals();
    await expect(dispatch.fromHeaders({ 'x-api-key': ` ${SECRET} ` })).resolves.toBe(key);
    expect(keys.resolve).toHaveBeenCalledWith(SECRET);
    expect(dispatch.peekHeaders({ authorization: 'Bearer eyJ.a.b', 'x-api-key': SECRET })).toBe(
      user,
    );
  });

  it('answers 401 without a credential, and the hot path nothing', async () => {
    const { dispatch } = principals();
    await expect(dispatch.fromHeaders({ authorization: 'Basic abc' })).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(dispatch.peekHeaders({})).toBeUndefined();
  });
});
