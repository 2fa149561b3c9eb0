import { ACCOUNTS } from '../support/simulator';
import {
  anInteger,
  DEMO,
  GUID,
  JSON_TYPE,
  UNKNOWN_ID,
  ZAPTEC_TIME,
  useContractSimulator,
} from './fixtures';

// The wire contract (zaptec-api.md §1-§8) of the charge history and single sessions: status,
// content type, body shape and JSON types.

const OFFICE_1 = DEMO.chargerId('Office 1');

describe('the REST API', () => {
  const { get } = useContractSimulator();

  describe('/api/chargehistory and /api/session/{id}', () => {
    const historyItem = {
      Id: expect.stringMatching(GUID),
      DeviceId: expect.stringMatching(/^Z(AP|CS)\d{6}$/),
      StartDateTime: expect.stringMatching(ZAPTEC_TIME),
      EndDateTime: expect.stringMatching(ZAPTEC_TIME),
      Energy: expect.any(Number),
      CommitMetadata: anInteger,
      CommitEndDateTime: expect.stringMatching(ZAPTEC_TIME),
      UserFullName: expect.any(String),
      ChargerId: expect.stringMatching(GUID),
      DeviceName: expect.any(String),
      UserEmail: expect.stringMatching(/@demo\.zaptec\.local$/),
      UserId: expect.stringMatching(GUID),
      TokenName: expect.any(String),
      ChargerFirmwareVersion: {
        Major: anInteger,
        Minor: anInteger,
        Build: anInteger,
        Revision: anInteger,
        MajorRevision: anInteger,
        MinorRevision: anInteger,
      },
      SignedSession: expect.stringMatching(/^OCMF\|\{/),
    };

    it('returns history items with the §5.6 fields and no EnergyDetails by default', async () => {
      const response = await get('admin', '/api/chargehistory');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(Number.isInteger(response.json.Pages)).toBe(true);
      expect(response.json.Pages).toBeGreaterThan(1);
      expect(response.json.Data).toHaveLength(50);
      for (const item of response.json.Data) expect(item).toEqual(historyItem);
    });

    it('adds EnergyDetails (15-minute energy summing to Energy) with DetailLevel=1', async () => {
      const response = await get('admin', '/api/chargehistory?DetailLevel=1&PageSize=10');
      for (const item of response.json.Data) {
        expect(item).toEqual({ ...historyItem, EnergyDetails: expect.any(Array) });
        expect(item.EnergyDetails.length).toBeGreaterThan(0);
        for (const tick of item.EnergyDetails) {
          expect(tick).toEqual({
            Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
            Energy: expect.any(Number),
          });
        }
        const sum = item.EnergyDetails.reduce(
          (total: number, tick: { Energy: number }) => total + tick.Energy,
          0,
        );
        expect(sum).toBeCloseTo(item.Energy, 1);
      }
    });

    it('caps PageSize at 100', async () => {
      const all = await get('admin', '/api/chargehistory?PageSize=100');
      const asked = await get('admin', '/api/chargehistory?PageSize=500');
      expect(asked.status).toBe(200);
      expect(asked.json.Data).toHaveLength(100);
      expect(asked.json.Pages).toBe(all.json.Pages);
      expect(asked.json.Pages).toBeGreaterThan(1);
    });

    it('filters by ChargerId, InstallationId and the From/To start window', async () => {
      const byCharger = await get('admin', `/api/chargehistory?ChargerId=${OFFICE_1}&PageSize=100`);
      expect(byCharger.json.Data.length).toBeGreaterThan(0);
      expect(
        byCharger.json.Data.every((item: { ChargerId: string }) => item.ChargerId === OFFICE_1),
      ).toBe(true);

      const otherInstallation = await get(
        'admin',
        `/api/chargehistory?InstallationId=${DEMO.home.id}`,
      );
      expect(otherInstallation.json).toEqual({ Pages: 0, Data: [] });

      const from = '2026-02-10T00:00:00';
      const to = '2026-02-20T00:00:00';
      const window = await get('admin', `/api/chargehistory?From=${from}&To=${to}&PageSize=100`);
      expect(window.json.Data.length).toBeGreaterThan(0);
      for (const item of window.json.Data) {
        expect(item.StartDateTime >= from && item.StartDateTime < to).toBe(true);
      }
    });

    it('shows a plain User only their own sessions, all on Office 1', async () => {
      const response = await get('driver', '/api/chargehistory?PageSize=100');
      expect(response.status).toBe(200);
      expect(response.json.Data.length).toBeGreaterThan(0);
      for (const item of response.json.Data) {
        expect(item).toMatchObject({
          UserId: ACCOUNTS.driver.id,
          ChargerId: OFFICE_1,
          DeviceName: 'Office 1',
        });
      }
    });

    it('returns one session by id (§5.7)', async () => {
      const item = (await get('driver', '/api/chargehistory?PageSize=1')).json.Data[0];
      const response = await get('driver', `/api/session/${item.Id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        SessionId: item.Id,
        SessionStart: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        SessionEnd: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        Energy: item.Energy,
        SignedSession: item.SignedSession,
      });
      expect(Date.parse(response.json.SessionStart)).toBe(Date.parse(`${item.StartDateTime}Z`));
    });

    it.each([
      ['an unknown session', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'nope'],
    ])('answers %s with %i', async (_label, status, id) => {
      expect((await get('admin', `/api/session/${id}`)).status).toBe(status);
    });

    it('refuses a plain User another user’s session with 403', async () => {
      const office2 = DEMO.chargerId('Office 2');
      const item = (await get('admin', `/api/chargehistory?ChargerId=${office2}&PageSize=1`)).json
        .Data[0];
      expect(item.UserId).not.toBe(ACCOUNTS.driver.id);
      expect((await get('driver', `/api/session/${item.Id}`)).status).toBe(403);
    });
  });
});
