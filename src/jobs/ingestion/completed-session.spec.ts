import { completedSessionRecord } from './completed-session';

const V658 = new Map<string, number>([
  ['None', 0],
  ['Online', 1],
  ['Offline', 2],
  ['ReliableClock', 4],
  ['StoppedByRFID', 8],
  ['Signed', 16],
]);
const V470 = new Map<string, number>([
  ['None', 0],
  ['Online', 1],
  ['Offline', 2],
  ['ReliableClock', 4],
  ['StoppedByRFID', 8],
  ['CommitMismatch', 16],
]);
const scope = { chargerId: 'c-1', installationId: 'i-1', deviceId: 'ZAP000042' };
const OCMF =
  'OCMF|{"FV":"1.0","GI":"ZAPTEC GO","RD":[{"TM":"2025-08-28T15:02:55,000+00:00 R","TX":"B","RV":1472.07}]}';
/** §5.5's example, as the state's string value. */
const VALUE = JSON.stringify({
  SessionId: '01234567-89AB-CDEF-0123-456789ABCDEF',
  Energy: 27.432,
  StartDateTime: '2025-08-28T15:02:55.188048Z',
  EndDateTime: '2025-09-01T10:32:50.517055Z',
  ReliableClock: true,
  StoppedByRFID: true,
  AuthenticationCode: 'nfc-04D97A628E6784',
  FirstAuthenticatedDateTime: '',
  SignedSession: OCMF,
});

describe('completedSessionRecord', () => {
  it('parses the 723 document, decodes its flags by the served names and keeps the OCMF verbatim', () => {
    expect(completedSessionRecord(VALUE, scope, V658)).toEqual({
      id: '01234567-89ab-cdef-0123-456789abcdef',
      chargerId: 'c-1',
      installationId: 'i-1',
      userId: null,
      deviceId: 'ZAP000042',
      startedAt: new Date('2025-08-28T15:02:55.188Z'),
      endedAt: new Date('2025-09-01T10:32:50.517Z'),
      commitEndedAt: null,
      energyKwh: '27.432',
      commitMetadata: 4 | 8 | 16,
      authenticationCode: 'nfc-04D97A628E6784',
      tokenName: null,
      externalId: null,
      signedSession: OCMF,
      energyDetails: null,
      replacedBySessionId: null,
    });
  });

  it('never sets 16 under constants 4.7.0, where 16 means CommitMismatch', () => {
    expect(completedSessionRecord(VALUE, scope, V470)?.commitMetadata).toBe(4 | 8);
  });

  it('sets no Signed flag without an OCMF document, and no code for an empty one', () => {
    const plain = JSON.stringify({
      ...JSON.parse(VALUE),
      SignedSession: '',
      AuthenticationCode: '',
      StoppedByRFID: false,
    });
    expect(completedSessionRecord(plain, scope, V658)).toMatchObject({
      commitMetadata: 4,
      signedSession: null,
      authenticationCode: null,
    });
  });

  it.each(['', 'not json', '[]', '{"Energy":1}', '{"SessionId":"s","StartDateTime":"nope"}'])(
    'gives nothing for %p',
    (value) => {
      expect(completedSessionRecord(value, scope, V658)).toBeUndefined();
    },
  );
});
