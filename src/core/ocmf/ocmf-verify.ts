import { verify } from 'node:crypto';
import { meterPublicKey, type MeterPublicKey } from './meter-public-key';
import { OcmfFormatError, parseOcmf, type OcmfSignature } from './ocmf-parse';

export type OcmfVerification = 'verified' | 'invalid';

// SA values: ECDSA-<curve>-<hash> (OCMF table "Signature Algorithm").
const ALGORITHM = /^ECDSA-(secp256r1|secp384r1)-(SHA256|SHA384|SHA512)$/;

function signatureBytes(signature: OcmfSignature): Buffer | undefined {
  if (signature.mimeType !== 'application/x-der') return undefined;
  if (signature.encoding === 'hex') {
    return /^(?:[0-9a-f]{2})+$/i.test(signature.data)
      ? Buffer.from(signature.data, 'hex')
      : undefined;
  }
  if (signature.encoding === 'base64') return Buffer.from(signature.data, 'base64');
  return undefined;
}

/**
 * Whether the OCMF's signature is the meter's over the exact payload text between the pipes.
 * `invalid` also for a text without a signature, an algorithm other than the key's curve, or a
 * signature that does not decode: nothing there proves the readings. `publicKey`: PEM or hex
 * (see meterPublicKey) or an already parsed key.
 */
export function verifyOcmf(ocmf: string, publicKey: string | MeterPublicKey): OcmfVerification {
  const key = typeof publicKey === 'string' ? meterPublicKey(publicKey) : publicKey;
  let parsed;
  try {
    parsed = parseOcmf(ocmf);
  } catch (error) {
    if (error instanceof OcmfFormatError) return 'invalid';
    throw error;
  }
  const signature = parsed.signature;
  if (!signature) return 'invalid';
  // OCMF's default SA is an older curve; Zaptec and the simulator always name theirs.
  const algorithm = ALGORITHM.exec(signature.algorithm ?? '');
  if (!algorithm || algorithm[1] !== key.curve) return 'invalid';
  const bytes = signatureBytes(signature);
  if (!bytes) return 'invalid';
  const hash = algorithm[2].replace('SHA', 'sha');
  try {
    const ok = verify(hash, Buffer.from(parsed.payload, 'utf8'), key.key, bytes);
    return ok ? 'verified' : 'invalid';
  } catch {
    // OpenSSL refuses a malformed DER signature outright: it proves nothing, like a wrong one.
    return 'invalid';
  }
}
