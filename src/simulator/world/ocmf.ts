// OCMF as Zaptec chargers sign it (zaptec-api.md §5.5): "OCMF|<json>|<signature>", readings with
// TM "2025-08-28T15:02:55,000+00:00 R" (comma!), TX B/T/E and RV the cumulative register in kWh.
import {
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
} from 'node:crypto';

export interface OcmfReading {
  at: Date;
  kind: 'B' | 'T' | 'E';
  registerKwh: number;
}

export interface OcmfDevice {
  /** The charger whose meter key signs (one key pair per charger, derived from its id). */
  chargerId: string;
  deviceId: string;
  gateway: 'ZAPTEC GO' | 'ZAPTEC PRO';
  firmware: string;
}

/** OCMF's name of the signature (OCMF spec, table of SA values): P-256 with SHA-256. */
export const SIGNATURE_ALGORITHM = 'ECDSA-secp256r1-SHA256';

// P-256's group order n (SEC 2 / FIPS 186-4).
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
// Fixed, public on purpose: the simulator's meter keys are test keys, the same on every run.
const KEY_SEED = 'zaptec-gateway simulator meter key v1';

interface MeterKey {
  readonly d: bigint;
  readonly privateKey: KeyObject;
  /** Uncompressed point 04 || x || y. */
  readonly point: Buffer;
}

const keys = new Map<string, MeterKey>();

function toBigInt(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString('hex') || '0'}`);
}

function toBytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

/** A scalar in [1, n-1] from a digest (the bias of one reduction is irrelevant for test keys). */
function scalarOf(digest: Buffer): bigint {
  return (toBigInt(digest) % (N - 1n)) + 1n;
}

function meterKey(chargerId: string): MeterKey {
  const id = chargerId.toLowerCase();
  let key = keys.get(id);
  if (!key) {
    const d = scalarOf(createHash('sha256').update(KEY_SEED).update(id).digest());
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(toBytes32(d));
    const point = ecdh.getPublicKey();
    const privateKey = createPrivateKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: 'P-256',
        d: toBytes32(d).toString('base64url'),
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
    });
    key = { d, privateKey, point };
    keys.set(id, key);
  }
  return key;
}

/** A charger's meter public key, in the forms OCMF verifiers take it. */
export function meterPublicKey(chargerId: string): {
  algorithm: string;
  pem: string;
  spkiHex: string;
  pointHex: string;
} {
  const key = meterKey(chargerId);
  const publicKey = createPublicKey(key.privateKey);
  return {
    algorithm: SIGNATURE_ALGORITHM,
    pem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    spkiHex: publicKey.export({ format: 'der', type: 'spki' }).toString('hex'),
    pointHex: key.point.toString('hex'),
  };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** A DER INTEGER: big-endian, minimal, a 0x00 first when the top bit is set (X.690). */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  const body = bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/**
 * ECDSA P-256/SHA-256 over the payload, DER-encoded (OCMF's default SM application/x-der).
 * Deterministic, so the world's history reads the same on every run: the nonce k comes from
 * HMAC(d, hash) as in RFC 6979's spirit (not its exact procedure); k·G is computed by node's
 * ECDH (its public key for private key k), the rest is arithmetic mod n.
 */
function ecdsaSign(key: MeterKey, payload: string): Buffer {
  const digest = createHash('sha256').update(payload, 'utf8').digest();
  const z = toBigInt(digest);
  for (let attempt = 0; ; attempt += 1) {
    const k = scalarOf(
      createHmac('sha256', toBytes32(key.d)).update(digest).update(String(attempt)).digest(),
    );
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(toBytes32(k));
    const r = toBigInt(ecdh.getPublicKey().subarray(1, 33)) % N;
    const s = (modPow(k, N - 2n, N) * ((z + r * key.d) % N)) % N;
    if (r === 0n || s === 0n) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  }
}

export function ocmfTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)},${date.toISOString().slice(20, 23)}+00:00 R`;
}

/** The signature section over the exact payload text between the pipes (OCMF spec). */
function sign(chargerId: string, payload: string): string {
  const signature = ecdsaSign(meterKey(chargerId), payload).toString('hex').toUpperCase();
  return JSON.stringify({ SA: SIGNATURE_ALGORITHM, SD: signature });
}

function ocmf(device: OcmfDevice, pagination: string, readings: OcmfReading[]): string {
  const payload = JSON.stringify({
    FV: '1.0',
    GI: device.gateway,
    GS: device.deviceId,
    GV: device.firmware,
    PG: pagination,
    RD: readings.map((reading) => ({
      TM: ocmfTime(reading.at),
      TX: reading.kind,
      RV: Math.round(reading.registerKwh * 1000) / 1000,
      RI: '1-0:1.8.0',
      RU: 'kWh',
      RT: 'AC',
      ST: 'G',
    })),
  });
  return `OCMF|${payload}|${sign(device.chargerId, payload)}`;
}

/** The signed session of a CompletedSession / charge-history entry. */
export function sessionOcmf(device: OcmfDevice, readings: OcmfReading[], sequence: number): string {
  return ocmf(device, `T${sequence}`, readings);
}

/** Observation 554 SignedMeterValue: one reading of the lifetime register. */
export function meterValueOcmf(
  device: OcmfDevice,
  at: Date,
  registerKwh: number,
  sequence: number,
): string {
  return ocmf(device, `F${sequence}`, [{ at, kind: 'T', registerKwh }]);
}
