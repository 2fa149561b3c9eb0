import { historySessionRecord } from './session-records';

const INSTALLATION = '11111111-1111-4111-8111-111111111111';

describe('historySessionRecord', () => {
  it('maps a charge history item with UTC times without a zone and offset EnergyDetails', () => {
    const record = historySessionRecord(
      {
        Id: '67DDC10B-9D7B-4CF7-AD3C-7424819997AF',
        DeviceId: 'ZCS032822',
        ChargerId: '03278fc6-ab76-47af-9ccc-b84e90e07284',
        StartDateTime: '2026-04-24T12:35:49.197',
        EndDateTime: '2026-04-24T16:21:07.057',
        CommitEndDateTime: '2026-04-24T16:21:07',
        Energy: 11.903,
        CommitMetadata: 21,
        UserId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        TokenName: 'RFID-ABC',
        ExternalId: '1410145234',
        SignedSession: 'OCMF|{"FV":"1.0"}|{"SD":"ab"}',
        EnergyDetails: [
          { Timestamp: '2026-04-24T12:45:00.281+00:00', Energy: 0.509 },
          { Timestamp: '2026-04-24T13:00:00+02:00', Energy: 1.2 },
        ],
      },
      INSTALLATION,
    );
    expect(record).toEqual({
      id: '67ddc10b-9d7b-4cf7-ad3c-7424819997af',
      chargerId: '03278fc6-ab76-47af-9ccc-b84e90e07284',
      installationId: INSTALLATION,
      userId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      deviceId: 'ZCS032822',
      startedAt: new Date('2026-04-24T12:35:49.197Z'),
      endedAt: new Date('2026-04-24T16:21:07.057Z'),
      commitEndedAt: new Date('2026-04-24T16:21:07.000Z'),
      energyKwh: '11.903',
      commitMetadata: 21,
      authenticationCode: null,
      tokenName: 'RFID-ABC',
      externalId: '1410145234',
      signedSession: 'OCMF|{"FV":"1.0"}|{"SD":"ab"}',
      energyDetails: [
        { timestamp: '2026-04-24T12:45:00.281Z', energyKwh: 0.509 },
        { timestamp: '2026-04-24T11:00:00.000Z', energyKwh: 1.2 },
      ],
      replacedBySessionId: null,
    });
  });

  it('leaves out what the item does not say (no DetailLevel: no EnergyDetails, an open end)', () => {
    const record = historySessionRecord(
      {
        Id: 'a',
        DeviceId: 'ZAP1',
        ChargerId: 'c',
        StartDateTime: '2026-01-01T00:00:00',
        Energy: 0,
      },
      INSTALLATION,
    );
    expect(record).toMatchObject({
      energyDetails: null,
      endedAt: null,
      commitMetadata: null,
      userId: null,
    });
  });

  it('refuses an item without a usable start, which could never be found again', () => {
    expect(
      historySessionRecord(
        { Id: 'a', DeviceId: 'Z', ChargerId: 'c', StartDateTime: 'nope', Energy: 1 },
        INSTALLATION,
      ),
    ).toBeUndefined();
  });
});
