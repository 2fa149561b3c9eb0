import type { RunningSimulator } from '../../src/simulator/simulator';
import { ACCOUNTS, startTestSimulator } from '../support/simulator';

/**
 * A client written the way the real Zaptec clients are (zaptec-api.md §9: Home Assistant's start-up
 * and polling, evcc's OIDC discovery and commands, Homey's paging), knowing nothing of the
 * simulator. If it works here unchanged, a real client will not notice the difference.
 */
class ZaptecClient {
  private token = '';

  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const discovery = (await (
      await fetch(`${this.base}/.well-known/openid-configuration`)
    ).json()) as {
      token_endpoint: string;
    };
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'third-party/1.0',
      },
      body: new URLSearchParams({ grant_type: 'password', username, password, scope: 'openid' }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === 400)
      throw new Error(`invalid credentials: ${String(body.error_description)}`);
    if (String(body.token_type).toLowerCase() !== 'bearer')
      throw new Error('unexpected token type');
    this.token = String(body.access_token);
  }

  /** Retries 429 after Retry-After for any method, as Home Assistant's client does (§8). */
  private async send(method: string, path: string, body?: object): Promise<Response> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (response.status !== 429 || attempt === 8) return response;
      const seconds = Number(response.headers.get('retry-after'));
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.send('GET', path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  }

  /** Loops while PageIndex < Pages, as Homey and stekker do. */
  async all<T>(path: string, pageSize = 50): Promise<T[]> {
    const items: T[] = [];
    for (let index = 0, pages = 1; index < pages; index += 1) {
      const separator = path.includes('?') ? '&' : '?';
      const page = await this.get<{ Pages: number; Data: T[] }>(
        `${path}${separator}PageIndex=${index}&PageSize=${pageSize}`,
      );
      pages = page.Pages;
      items.push(...page.Data);
    }
    return items;
  }

  /** Home Assistant's path spelling; evcc ignores Code 528 the same way. */
  async command(chargerId: string, commandId: number): Promise<'ok' | 'rejected'> {
    const response = await this.send('POST', `/api/chargers/${chargerId}/SendCommand/${commandId}`);
    if (response.status === 200) return 'ok';
    const body = (await response.json()) as { Code?: number };
    if (response.status === 500 && body.Code === 528) return 'rejected';
    throw new Error(`command ${commandId}: ${response.status}`);
  }

  async updateCharger(chargerId: string, body: object): Promise<number> {
    return (await this.send('POST', `/api/chargers/${chargerId}/update`, body)).status;
  }
}

interface StateItem {
  StateId: number;
  ValueAsString?: string;
}

describe('a client written for the real Zaptec API', () => {
  let simulator: RunningSimulator;
  let client: ZaptecClient;

  beforeAll(async () => {
    simulator = await startTestSimulator({ constantsVersion: '6.5.8' });
    client = new ZaptecClient(simulator.url);
    await client.login(ACCOUNTS.admin.email, ACCOUNTS.admin.password);
  });
  afterAll(() => simulator.close());

  it('reports wrong credentials from error_description', async () => {
    await expect(
      new ZaptecClient(simulator.url).login(ACCOUNTS.owner.email, 'wrong'),
    ).rejects.toThrow(/^invalid credentials: .+/);
  });

  it('walks constants, installations, hierarchy, chargers and state as Home Assistant does', async () => {
    const constants = await client.get<{
      Observations: Record<string, number>;
      Commands: Record<string, number>;
    }>('/api/constants');
    const installations = await client.all<{ Id: string; Name: string }>('/api/installation');
    expect(installations.map((installation) => installation.Name)).toEqual(['Office']);

    const hierarchy = await client.get<{ Circuits: { Chargers: { Id: string }[] }[] }>(
      `/api/installation/${installations[0].Id}/hierarchy`,
    );
    const chargers = await client.all<{ Id: string; Name: string }>('/api/chargers', 2);
    expect(chargers).toHaveLength(6);
    expect(
      hierarchy.Circuits.flatMap((circuit) => circuit.Chargers.map((charger) => charger.Id)).sort(),
    ).toEqual(chargers.map((charger) => charger.Id).sort());

    const state = await client.get<StateItem[]>(`/api/chargers/${chargers[0].Id}/state`);
    const mode = state.find((item) => item.StateId === constants.Observations.ChargerOperationMode);
    expect(['1', '2', '3', '5']).toContain(mode?.ValueAsString);
  });

  it('pauses and resumes a charging charger with 506/507 and sets its current', async () => {
    const chargers = await client.all<{ Id: string }>('/api/chargers');
    const states = await Promise.all(
      chargers.map(async (charger) => ({
        id: charger.Id,
        state: await client.get<StateItem[]>(`/api/chargers/${charger.Id}/state`),
      })),
    );
    const charging = states.find(({ state }) =>
      state.some((item) => item.StateId === 710 && item.ValueAsString === '3'),
    );
    expect(charging).toBeDefined();
    const id = charging!.id;

    expect(await client.command(id, 506)).toBe('ok');
    expect(await client.command(id, 506)).toBe('rejected');
    expect(await client.command(id, 507)).toBe('ok');
    expect(await client.updateCharger(id, { maxChargeCurrent: 10 })).toBe(200);
    const after = await client.get<StateItem[]>(`/api/chargers/${id}/state`);
    expect(after.find((item) => item.StateId === 510)?.ValueAsString).toBe('10.000');
  });

  it('reads the charge history in pages of 50', async () => {
    const sessions = await client.all<{ Id: string; Energy: number; SignedSession?: string }>(
      '/api/chargehistory',
    );
    expect(sessions.length).toBeGreaterThan(50);
    expect(new Set(sessions.map((session) => session.Id)).size).toBe(sessions.length);
    expect(
      sessions.every((session) => session.Energy > 0 && session.SignedSession?.startsWith('OCMF|')),
    ).toBe(true);
  });
});
