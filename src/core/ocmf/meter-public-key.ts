import { createPublicKey, type KeyObject } from 'node:crypto';

/** The curves OCMF names that a meter key may be on: OpenSSL name → OCMF's (SA) name. */
const CURVES: Readonly<Record<string, string>> = {
  prime256v1: 'secp256r1',
  secp384r1: 'secp384r1',
};

/** How each curve's signatures are named in OCMF (SA), as the chargers sign. */
const ALGORITHMS: Readonly<Record<string, string>> = {
  // The simulator, and OCMF's own name for P-256 (the ECDSA-secp256r1-SHA256).
  secp256r1: 'ECDSA-secp256r1-SHA256',
  // Real Zaptec Pro MID: {"SA":"ECDSA-secp384r1-SHA256","SE":"base64",…} (zaptec-api.md §5.5).
  secp384r1: 'ECDSA-secp384r1-SHA256',
};

export class MeterKeyError extends Error {}

export interface MeterPublicKey {
  /** DER SubjectPublicKeyInfo as lowercase hex: what the Transparenzsoftware takes. */
  readonly spkiHex: string;
  readonly pem: string;
  /** OCMF's curve name, e.g. secp256r1. */
  readonly curve: string;
  /** The OCMF signature algorithm of such keys, e.g. ECDSA-secp256r1-SHA256. */
  readonly algorithm: string;
  readonly key: KeyObject;
}

const HEX = /^(?:[0-9a-f]{2})+$/i;

function keyObjectOf(input: string): KeyObject {
  const trimmed = input.trim();
  if (trimmed.startsWith('-----BEGIN PUBLIC KEY-----')) {
    return createPublicKey({ key: trimmed, format: 'pem' });
  }
  const hex = trimmed.replace(/\s+/g, '');
  if (!HEX.test(hex)) throw new MeterKeyError('not PEM and not hex');
  const bytes = Buffer.from(hex, 'hex');
  // An uncompressed point (04 || x || y, 65 bytes on P-256, 97 on P-384), as some meters print it.
  if (bytes[0] === 0x04 && (bytes.length === 65 || bytes.length === 97)) {
    const size = (bytes.length - 1) / 2;
    return createPublicKey({
      format: 'jwk',
      key: {
        kty: 'EC',
        crv: size === 32 ? 'P-256' : 'P-384',
        x: bytes.subarray(1, 1 + size).toString('base64url'),
        y: bytes.subarray(1 + size).toString('base64url'),
      },
    });
  }
  return createPublicKey({ key: bytes, format: 'der', type: 'spki' });
}

/**
 * A meter's public key from PEM (SPKI), hex of the DER SPKI, or hex of the uncompressed point;
 * only EC keys on P-256 or P-384, the curves OCMF chargers sign with. Throws MeterKeyError.
 */
export function meterPublicKey(input: string): MeterPublicKey {
  let key: KeyObject;
  try {
    key = keyObjectOf(input);
  } catch (error) {
    if (error instanceof MeterKeyError) throw error;
    throw new MeterKeyError(`not a public key (${(error as Error).message})`);
  }
  const namedCurve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : '';
  const curve = namedCurve ? CURVES[namedCurve] : undefined;
  if (!curve) throw new MeterKeyError('not an EC public key on P-256 (or P-384)');
  return {
    spkiHex: key.export({ format: 'der', type: 'spki' }).toString('hex'),
    pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    curve,
    algorithm: ALGORITHMS[curve],
    key,
  };
}
