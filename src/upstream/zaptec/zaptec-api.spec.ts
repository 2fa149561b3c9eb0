import { Priority } from './account-limiter';
import { UpstreamProtocolError } from './upstream-errors';
import { ZaptecApi } from './zaptec-api';
import type { UpstreamSession, ZaptecCall, ZaptecClient } from './zaptec-client';

const session = { account: 'a' } as UpstreamSession;

/** ZaptecApi over a client that records each call and answers with `body`. */
function apiAnswering(body: unknown) {
  const calls: ZaptecCall[] = [];
  const client = {
    request: (_session: UpstreamSession, call: ZaptecCall) => {
      calls.push(call);
      return Promise.resolve(body);
    },
  };
  return { api: new ZaptecApi(client as unknown as ZaptecClient), calls };
}

describe('ZaptecApi', () => {
  it("writes a charge history filter as Zaptec's query: PascalCase names, UTC times without a zone", async () => {
    const { api, calls } = apiAnswering({ Pages: 0, Data: [] });
    await api.chargeHistory(session, {
      installationId: 'i-1',
      userId: 'u-1',
      from: new Date('2026-03-01T10:00:00+01:00'),
      to: new Date('2026-04-01T00:00:00Z'),
      pageIndex: 2,
      pageSize: 50,
      newestFirst: true,
    });
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/chargehistory' });
    expect(calls[0].query).toEqual({
      InstallationId: 'i-1',
      ChargerId: undefined,
      UserId: 'u-1',
      From: '2026-03-01T09:00:00.000',
      To: '2026-04-01T00:00:00.000',
      PageIndex: 2,
      PageSize: 50,
      SortProperty: 'StartDateTime',
      SortDescending: true,
    });
  });

  it('leaves the order to Zaptec unless newest first is asked for', async () => {
    const { api, calls } = apiAnswering({ Pages: 0, Data: [] });
    await api.chargeHistory(session, { pageIndex: 0, pageSize: 10 });
    expect(calls[0].query).not.toHaveProperty('SortProperty');
  });

  it('asks for EnergyDetails, oldest first, at the priority given (ingestion pages forward from its cursor)', async () => {
    const { api, calls } = apiAnswering({ Pages: 0, Data: [] });
    await api.chargeHistory(session, {
      installationId: 'i-1',
      from: new Date('2026-03-01T00:00:00Z'),
      pageIndex: 0,
      pageSize: 100,
      detailLevel: 1,
      oldestFirst: true,
      priority: Priority.background,
    });
    expect(calls[0].query).toMatchObject({
      DetailLevel: 1,
      SortProperty: 'StartDateTime',
      SortDescending: false,
    });
    expect(calls[0].priority).toBe(Priority.background);
  });

  it('reads state, installations and chargers at read priority unless told otherwise', async () => {
    const { api, calls } = apiAnswering({ Pages: 1, Data: [] });
    await api.chargerState(session, 'c-1');
    await api.chargerState(session, 'c-1', Priority.background);
    await api.installations(session, Priority.background);
    await api.chargers(session);
    await api.chargers(session, Priority.background);
    expect(calls.map((call) => [call.path, call.priority])).toEqual([
      ['/api/chargers/c-1/state', Priority.read],
      ['/api/chargers/c-1/state', Priority.background],
      ['/api/installation', Priority.background],
      ['/api/chargers', Priority.read],
      ['/api/chargers', Priority.background],
    ]);
  });

  it('throws a typed protocol error (502) when Zaptec answers an object read with no body', async () => {
    const { api } = apiAnswering(undefined);
    await expect(api.installation(session, 'i-1')).rejects.toBeInstanceOf(UpstreamProtocolError);
  });
});
