import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { meterPublicKey as simulatorKey, sessionOcmf } from '../../simulator/world/ocmf';
import {
  checkOcmf,
  meterPublicKey,
  MeterKeyError,
  OcmfFormatError,
  parseOcmf,
  verifyOcmf,
} from '.';

const CHARGER = '3b1f4f6e-7a55-5a51-9b1e-0d0c5b7e8a01';
const DEVICE = {
  chargerId: CHARGER,
  deviceId: 'ZAP000101',
  gateway: 'ZAPTEC GO',
  firmware: '3.2.2.0',
} as const;
const START = new Date('2026-03-02T10:00:00.250Z');
const END = new Date('2026-03-02T12:30:00.000Z');

/** A session as the simulator signs it: 1472.07 → 1483.4 kWh. */
const signed = () =>
  sessionOcmf(
    DEVICE,
    [
      { at: START, kind: 'B', registerKwh: 1472.07 },
      { at: END, kind: 'E', registerKwh: 1483.4 },
    ],
    7,
  );

// Real Zaptec Pro MID (fw 5.0.7.2) SignedSession from a charge-history fixture: P-384, base64,
// RU only in the first reading, a vendor field ZS (zaptec-api.md §5.5). Readings shortened.
const ZAPTEC_PRO_MID =
  'OCMF|{"FV":"1.0","GI":"Zaptec Pro MID","GS":"ZPR294591","GV":"5.0.7.2","PG":"T1","MF":"v1.3.6","IS":false,"RD":[{"TM":"2025-06-07T09:20:55,943+00:00 R","TX":"B","RV":0.842,"RI":"1-0:1.8.0","RU":"kWh","ST":"G"},{"TM":"2025-06-07T09:30:01,007+00:00 R","TX":"T","RV":1.351,"RI":"1-0:1.8.0","ST":"G"},{"TM":"2025-06-07T16:46:56,864+00:00 R","TX":"E","RV":3.369,"RI":"1-0:1.8.0","ST":"G"}],"ZS":"29ebc8fc-04a6-4ff7-bd9e-a6ca3982493b"}|{"SA":"ECDSA-secp384r1-SHA256","SE":"base64","SD":"MGUCMQDoF1zV4648++T9/idWQSa+mybjhEhzsvHWYNL1LaKAWMAMDz8jnkDQ3ff02DIqC3gCMHOuHK0Wnbh6hQT1oFUYhW5EVF927sUfUQoxq6je3w43DY6xYRl8pJLXdQ/nDwQ0ag=="}';

describe('parseOcmf', () => {
  it('reads the payload fields and the readings, with OCMF comma times as UTC instants', () => {
    const parsed = parseOcmf(signed());
    expect(parsed).toMatchObject({
      formatVersion: '1.0',
      gatewayId: 'ZAPTEC GO',
      gatewaySerial: 'ZAP000101',
      gatewayVersion: '3.2.2.0',
      pagination: 'T7',
      meterId: 'ZAP000101',
      signature: { algorithm: 'ECDSA-secp256r1-SHA256', encoding: 'hex' },
    });
    expect(parsed.readings).toEqual([
      expect.objectContaining({
        at: '2026-03-02T10:00:00.250Z',
        time: '2026-03-02T10:00:00,250+00:00 R',
        clockState: 'R',
        transaction: 'B',
        value: 1472.07,
        unit: 'kWh',
        identifier: '1-0:1.8.0',
      }),
      expect.objectContaining({ at: END.toISOString(), transaction: 'E', value: 1483.4 }),
    ]);
    expect(signed()).toBe(`OCMF|${parsed.payload}|${signed().split('|')[2]}`);
  });

  it('tolerates real Zaptec OCMF: fields inherited from the reading before, base64 signatures', () => {
    const parsed = parseOcmf(ZAPTEC_PRO_MID);
    expect(parsed.meterFirmware).toBe('v1.3.6');
    expect(parsed.readings.map((reading) => [reading.unit, reading.transaction])).toEqual([
      ['kWh', 'B'],
      ['kWh', 'T'],
      ['kWh', 'E'],
    ]);
    expect(parsed.signature).toMatchObject({
      algorithm: 'ECDSA-secp384r1-SHA256',
      encoding: 'base64',
    });
  });

  it('reads the spec’s zone without a colon, and OCMF without a signature section', () => {
    const parsed = parseOcmf(
      'OCMF|{"FV":"1.0","RD":[{"TM":"2018-07-24T13:22:04,000+0200 S","TX":"B","RV":2935.6,"RU":"kWh"}]}',
    );
    expect(parsed.readings[0].at).toBe('2018-07-24T11:22:04.000Z');
    expect(parsed.signature).toBeNull();
  });

  it.each([
    ['not OCMF', '{"FV":"1.0"}'],
    ['a payload that is not JSON', 'OCMF|{"FV":|{"SD":"30"}'],
    ['a signature without SD', 'OCMF|{"FV":"1.0"}|{"SA":"ECDSA-secp256r1-SHA256"}'],
    ['RD that is not an array', 'OCMF|{"RD":{}}'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseOcmf(text)).toThrow(OcmfFormatError);
  });
});

describe('verifyOcmf', () => {
  const key = simulatorKey(CHARGER);

  it("verifies the simulator's signature with its public key, as PEM, DER SPKI hex or point hex", () => {
    expect(verifyOcmf(signed(), key.pem)).toBe('verified');
    expect(verifyOcmf(signed(), key.spkiHex)).toBe('verified');
    expect(verifyOcmf(signed(), key.pointHex)).toBe('verified');
  });

  it('says invalid once one byte of the payload changes', () => {
    const text = signed();
    const tampered = text.replace('"RV":1483.4', '"RV":1483.5');
    expect(tampered).not.toBe(text);
    expect(verifyOcmf(tampered, key.pem)).toBe('invalid');
  });

  it("says invalid with another charger's key, without a signature, or with a garbled one", () => {
    expect(verifyOcmf(signed(), simulatorKey('another').pem)).toBe('invalid');
    expect(verifyOcmf(signed().split('|').slice(0, 2).join('|'), key.pem)).toBe('invalid');
    expect(verifyOcmf(signed().replace(/"SD":"[0-9A-F]{8}/, '"SD":"00000000'), key.pem)).toBe(
      'invalid',
    );
    expect(verifyOcmf('not ocmf', key.pem)).toBe('invalid');
  });

  it('verifies a base64 P-384 signature, as Zaptec Pro MID chargers send', () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const payload = '{"FV":"1.0","GS":"ZPR000001","RD":[]}';
    const sd = sign('sha256', Buffer.from(payload), pair.privateKey).toString('base64');
    const text = `OCMF|${payload}|{"SA":"ECDSA-secp384r1-SHA256","SE":"base64","SD":"${sd}"}`;
    const pem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifyOcmf(text, pem)).toBe('verified');
    expect(verifyOcmf(text, key.pem)).toBe('invalid');
  });
});

describe("the simulator's meter keys", () => {
  it('are P-256, the same on every call for a charger, and differ between chargers', () => {
    const key = simulatorKey(CHARGER);
    expect(simulatorKey(CHARGER.toUpperCase())).toEqual(key);
    expect(simulatorKey('another').spkiHex).not.toBe(key.spkiHex);
    expect(createPublicKey(key.pem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(key.spkiHex).toMatch(/^3059301306072a8648ce3d020106082a8648ce3d030107034200/);
    expect(key.pointHex).toBe(key.spkiHex.slice(-130));
  });

  it('sign deterministically: the same session gives the same OCMF', () => {
    expect(signed()).toBe(signed());
  });
});

describe('meterPublicKey', () => {
  it('normalises PEM and hex to the DER SPKI hex', () => {
    const key = simulatorKey(CHARGER);
    expect(meterPublicKey(key.pem).spkiHex).toBe(key.spkiHex);
    expect(meterPublicKey(key.spkiHex.toUpperCase()).spkiHex).toBe(key.spkiHex);
    expect(meterPublicKey(key.pointHex)).toMatchObject({
      spkiHex: key.spkiHex,
      curve: 'secp256r1',
      algorithm: 'ECDSA-secp256r1-SHA256',
    });
  });

  it.each([
    ['text', 'hello'],
    ['hex that is no key', 'abcd'],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .publicKey.export({ format: 'pem', type: 'spki' })
        .toString(),
    ],
    [
      'a key on another curve',
      generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
        .publicKey.export({ format: 'pem', type: 'spki' })
        .toString(),
    ],
  ])('refuses %s', (_what, input) => {
    expect(() => meterPublicKey(input)).toThrow(MeterKeyError);
  });
});

describe('checkOcmf', () => {
  const parsed = parseOcmf(signed());

  it('passes every check for a session that matches its OCMF', () => {
    const checks = checkOcmf(parsed, { energyKwh: 11.33, startedAt: START });
    expect(checks.map((check) => check.name)).toEqual([
      'has-readings',
      'energy-matches-register',
      'times-monotonic',
      'register-monotonic',
      'begins-at-session-start',
    ]);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks[1].detail).toBe(
      'E 1483.400 − B 1472.070 = 11.330 kWh; session 11.3300 kWh (±0.010)',
    );
  });

  it('fails the energy check when the session energy differs by more than the resolution', () => {
    const checks = checkOcmf(parsed, { energyKwh: 11.35, startedAt: START });
    expect(checks.find((check) => check.name === 'energy-matches-register')?.ok).toBe(false);
  });

  it('fails the start check when the first reading is far from the session start', () => {
    const checks = checkOcmf(parsed, {
      energyKwh: 11.33,
      startedAt: new Date(START.getTime() - 5 * 60_000),
    });
    expect(checks.find((check) => check.name === 'begins-at-session-start')?.ok).toBe(false);
  });

  it('fails the monotonic checks when a reading goes back in time or register', () => {
    const back = parseOcmf(
      'OCMF|{"RD":[{"TM":"2026-03-02T10:00:00,000+00:00 R","TX":"B","RV":5.5,"RU":"kWh"},{"TM":"2026-03-02T09:00:00,000+00:00 R","TX":"E","RV":5.0}]}',
    );
    const checks = checkOcmf(back, { energyKwh: -0.5, startedAt: START });
    expect(checks.find((check) => check.name === 'times-monotonic')).toMatchObject({
      ok: false,
      detail: 'RD[1] at 2026-03-02T09:00:00.000Z is before RD[0] at 2026-03-02T10:00:00.000Z',
    });
    expect(checks.find((check) => check.name === 'register-monotonic')?.ok).toBe(false);
  });

  it('reports an OCMF without readings', () => {
    expect(checkOcmf(parseOcmf('OCMF|{"FV":"1.0"}'), { energyKwh: 0, startedAt: START })).toEqual([
      { name: 'has-readings', ok: false, detail: 'the OCMF carries no readings (RD)' },
    ]);
  });
});
