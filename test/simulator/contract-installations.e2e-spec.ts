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

// The wire contract (zaptec-api.md §1-§8) of installations, circuits and charger firmware:
// status, content type, body shape and JSON types.

describe('the REST API', () => {
  const { get, post } = useContractSimulator();

  describe('/api/installation', () => {
    it('lists the caller’s installations in the {Pages, Data} envelope', async () => {
      const response = await get('admin', '/api/installation');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(Object.keys(response.json).sort()).toEqual(['Data', 'Pages']);
      expect(response.json.Pages).toBe(1);
      expect(response.json.Data.map((item: { Name: string }) => item.Name)).toEqual(['Office']);
    });

    it('answers ReturnIdNameOnly=true with Id and Name only', async () => {
      const response = await get('owner', '/api/installation?ReturnIdNameOnly=true');
      expect(response.json).toEqual({ Pages: 1, Data: [{ Id: DEMO.home.id, Name: 'Home' }] });
    });

    it.each([
      ['PageIndex=-1', 'PageIndex'],
      ['PageSize=abc', 'PageSize'],
      ['PageSize=0', 'PageSize'],
      ['PageIndex=1.5', 'PageIndex'],
    ])('answers %s with a 400 validation problem naming the parameter', async (query, field) => {
      for (const path of ['/api/installation', '/api/chargers', '/api/chargehistory']) {
        const response = await get('admin', `${path}?${query}`);
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.json).toMatchObject({
          status: 400,
          errors: { [field]: [expect.any(String)] },
        });
      }
    });

    it('returns the full installation object (§5.1) to an administrator', async () => {
      const response = await get('admin', `/api/installation/${DEMO.office.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        Id: DEMO.office.id,
        Name: 'Office',
        Address: expect.any(String),
        ZipCode: expect.any(String),
        City: expect.any(String),
        CountryId: expect.stringMatching(GUID),
        InstallationType: anInteger,
        MaxCurrent: 63,
        AvailableCurrent: expect.any(Number),
        AvailableCurrentPhase1: expect.any(Number),
        AvailableCurrentPhase2: expect.any(Number),
        AvailableCurrentPhase3: expect.any(Number),
        AvailableCurrentMode: anInteger,
        AvailableCurrentScheduleWeekendActive: false,
        ThreeToOnePhaseSwitchCurrent: expect.any(Number),
        InstallationCategoryId: expect.stringMatching(GUID),
        InstallationCategory: expect.any(String),
        UseLoadBalancing: expect.any(Boolean),
        IsRequiredAuthentication: true,
        Latitude: expect.any(Number),
        Longitude: expect.any(Number),
        Active: true,
        NetworkType: anInteger,
        AvailableInternetAccessPLC: expect.any(Boolean),
        AvailableInternetAccessWiFi: expect.any(Boolean),
        CreatedOnDate: expect.stringMatching(ZAPTEC_TIME),
        UpdatedOn: expect.stringMatching(ZAPTEC_TIME),
        CurrentUserRoles: 8,
        AuthenticationType: anInteger,
        MessagingEnabled: expect.any(Boolean),
        RoutingId: expect.any(String),
        OcppCloudUrlVersion: anInteger,
        TimeZoneName: expect.any(String),
        TimeZoneIanaName: expect.any(String),
        IsSubscriptionsAvailableForCurrentUser: expect.any(Boolean),
        AvailableFeatures: anInteger,
        EnabledFeatures: anInteger,
        ActiveChargerCount: 6,
        PropertyFirmwareAutomaticUpdates: expect.any(Boolean),
        PropertySessionMaxStopCount: anInteger,
      });
      // Null-valued properties are omitted, never sent as null (§1).
      expect(response.text).not.toContain('null');
    });

    it('gives a plain User the installation without AuthenticationType, ending at PropertyFirmwareAutomaticUpdates (HA#357)', async () => {
      const [user, admin] = await Promise.all([
        get('driver', `/api/installation/${DEMO.office.id}`),
        get('admin', `/api/installation/${DEMO.office.id}`),
      ]);
      expect(user.status).toBe(200);
      const { AuthenticationType, PropertySessionMaxStopCount, ...shared } = admin.json;
      expect(user.json).toEqual({ ...shared, CurrentUserRoles: 1 });
      expect(Object.keys(user.json).at(-1)).toBe('PropertyFirmwareAutomaticUpdates');
    });

    it.each(['driver', 'admin'] as const)(
      "gives %s the fields Home Assistant's strict model requires, listed or alone",
      async (account) => {
        // custom-components/zaptec validate.py: Installation(Id, Active, AuthenticationType,
        // CurrentUserRoles, InstallationType, NetworkType) before PR #355 made the User's optional.
        const required = { Id: expect.any(String), Active: true, CurrentUserRoles: anInteger };
        const typed = { InstallationType: anInteger, NetworkType: anInteger };
        const list = await get(account, '/api/installation');
        const one = await get(account, `/api/installation/${DEMO.office.id}`);
        for (const item of [list.json.Data[0], one.json]) {
          expect(item).toMatchObject({ ...required, ...typed });
        }
      },
    );

    it('serves AvailableCurrent next to MaxCurrent, as doubles are on the wire (HA#60)', async () => {
      const response = await get('service', `/api/installation/${DEMO.office.id}`);
      expect(response.text).toMatch(/"MaxCurrent":63,"AvailableCurrent":\d+(\.\d+)?,/);
    });

    it('adds InstallationUsers with DetailLevel=1', async () => {
      const response = await get('admin', `/api/installation/${DEMO.office.id}?DetailLevel=1`);
      expect(response.json.InstallationUsers).toEqual(
        expect.arrayContaining([
          { UserId: ACCOUNTS.admin.id, Roles: 8 },
          { UserId: ACCOUNTS.service.id, Roles: 4 },
          { UserId: ACCOUNTS.driver.id, Roles: 1 },
        ]),
      );
    });

    it.each([
      ['an unknown id', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'not-a-guid'],
    ])('answers %s with %i', async (_label, status, id) => {
      const response = await get('admin', `/api/installation/${id}`);
      expect(response.status).toBe(status);
    });

    it('returns the hierarchy with two circuits of three chargers for the Office', async () => {
      const response = await get('service', `/api/installation/${DEMO.office.id}/hierarchy`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toMatchObject({
        Id: DEMO.office.id,
        Name: 'Office',
        InstallationName: 'Office',
        NetworkType: anInteger,
      });
      expect(response.json.Circuits.map((circuit: { Id: string }) => circuit.Id)).toEqual(
        DEMO.office.circuitIds,
      );
      for (const circuit of response.json.Circuits) {
        expect(circuit.Chargers).toHaveLength(3);
        for (const charger of circuit.Chargers) {
          expect(charger).toEqual({
            Id: expect.stringMatching(GUID),
            DeviceId: expect.stringMatching(/^ZCS\d{6}$/),
            MID: charger.DeviceId,
            Name: expect.any(String),
            SerialNo: expect.any(String),
            Active: true,
            DeviceType: 1,
          });
        }
      }
    });

    it.each(['admin', 'service'] as const)(
      'gives %s the Service Bus connection details (§5.9), ~300 bytes',
      async (account) => {
        const response = await get(
          account,
          `/api/installation/${DEMO.office.id}/messagingConnectionDetails`,
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(JSON_TYPE);
        expect(response.json).toEqual({
          Type: 0,
          Host: expect.stringMatching(/^[a-z0-9.-]+\.invalid$/),
          Port: 5671,
          UseSSL: true,
          Username: `installation_${DEMO.office.id}`,
          Password: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
          Topic: `installation_${DEMO.office.id}`,
          Subscription: 'default',
        });
        expect(response.text.length).toBeGreaterThan(200);
        expect(response.text.length).toBeLessThan(400);
      },
    );

    it.each([
      ['a plain User', 'driver', DEMO.office.id, 403],
      ['an account without a role there', 'owner', DEMO.office.id, 403],
      ['an unknown installation', 'admin', UNKNOWN_ID, 404],
    ] as const)('refuses messagingConnectionDetails to %s', async (_label, account, id, status) => {
      const response = await get(account, `/api/installation/${id}/messagingConnectionDetails`);
      expect(response.status).toBe(status);
      expect(response.text).toEqual(status === 403 ? '' : expect.any(String));
    });

    it('answers the hierarchy with an empty 204 for a plain User', async () => {
      const response = await get('driver', `/api/installation/${DEMO.office.id}/hierarchy`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
    });

    it('applies an installation update (camelCase or PascalCase) and answers 200 with an empty body', async () => {
      const camel = await post('admin', `/api/installation/${DEMO.office.id}/update`, {
        availableCurrent: 20,
      });
      expect(camel.status).toBe(200);
      expect(camel.text).toBe('');
      expect(camel.headers.get('content-length')).toBe('0');
      let installation = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      expect([
        installation.AvailableCurrent,
        installation.AvailableCurrentPhase1,
        installation.AvailableCurrentPhase2,
        installation.AvailableCurrentPhase3,
      ]).toEqual([20, 20, 20, 20]);

      const pascal = await post('admin', `/api/installation/${DEMO.office.id}/update`, {
        AvailableCurrentPhase1: 10,
        AvailableCurrentPhase2: 11,
        AvailableCurrentPhase3: 12,
      });
      expect(pascal.status).toBe(200);
      installation = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      expect([
        installation.AvailableCurrentPhase1,
        installation.AvailableCurrentPhase2,
        installation.AvailableCurrentPhase3,
      ]).toEqual([10, 11, 12]);
      // Phases set apart: the single value is what every phase can take.
      expect(installation.AvailableCurrent).toBe(10);

      // Omitting the current reverts it to MaxCurrent (§5.10).
      await post('admin', `/api/installation/${DEMO.office.id}/update`, {});
      installation = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      expect(installation.AvailableCurrent).toBe(installation.MaxCurrent);
    });

    it.each([
      ['an available current above MaxCurrent', { availableCurrent: 64 }],
      ['a negative available current', { availableCurrent: -1 }],
      ['only two of the three phases', { availableCurrentPhase1: 10, availableCurrentPhase2: 10 }],
      ['a switch current above 32', { threeToOnePhaseSwitchCurrent: 33 }],
      ['a string current', { availableCurrent: 'lots' }],
    ])('refuses %s with a Zaptec 500 error body and changes nothing', async (_label, body) => {
      const before = (await get('admin', `/api/installation/${DEMO.office.id}`)).json;
      const response = await post('admin', `/api/installation/${DEMO.office.id}/update`, body);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toEqual({
        Code: anInteger,
        Details: expect.any(String),
        StackTrace: null,
      });
      expect((await get('admin', `/api/installation/${DEMO.office.id}`)).json).toEqual(before);
    });

    it('lets only the service role change maxCurrent', async () => {
      const owner = await post('owner', `/api/installation/${DEMO.home.id}/update`, {
        maxCurrent: 25,
      });
      expect(owner.status).toBe(403);
      const service = await post('service', `/api/installation/${DEMO.office.id}/update`, {
        maxCurrent: 63,
      });
      expect(service.status).toBe(200);
    });
  });

  describe('/api/circuits/{id}', () => {
    it('returns the same object as the circuit in the hierarchy (§5.3)', async () => {
      const hierarchy = (await get('admin', `/api/installation/${DEMO.office.id}/hierarchy`)).json;
      for (const circuitId of DEMO.office.circuitIds) {
        const response = await get('admin', `/api/circuits/${circuitId}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(JSON_TYPE);
        expect(response.json).toEqual(
          hierarchy.Circuits.find((circuit: { Id: string }) => circuit.Id === circuitId),
        );
        expect(response.json).toMatchObject({
          Id: circuitId,
          Name: expect.any(String),
          MaxCurrent: expect.any(Number),
          IsActive: true,
          Active: true,
          InstallationId: DEMO.office.id,
          InstallationName: 'Office',
        });
      }
    });

    it.each([
      ['an unknown id', 404, UNKNOWN_ID],
      ['a malformed id', 400, 'abc'],
    ])('answers %s with %i', async (_label, status, id) => {
      expect((await get('admin', `/api/circuits/${id}`)).status).toBe(status);
    });
  });

  describe('/api/chargerFirmware/installation/{id}', () => {
    it('returns a flat array with one entry per charger (§5.8)', async () => {
      const response = await get('admin', `/api/chargerFirmware/installation/${DEMO.office.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(JSON_TYPE);
      expect(response.json).toHaveLength(6);
      for (const item of response.json) {
        expect(item).toEqual({
          ChargerId: expect.stringMatching(GUID),
          DeviceId: expect.stringMatching(/^ZCS\d{6}$/),
          IsOnline: expect.any(Boolean),
          CurrentVersion: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
          AvailableVersion: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
          DeviceType: 1,
          IsUpToDate: true,
        });
      }
    });
  });
});
