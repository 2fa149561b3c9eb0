import {
  checkOcmf,
  type MeterPublicKey,
  type OcmfReading,
  OcmfFormatError,
  parseOcmf,
  type ParsedOcmf,
  verifyOcmf,
} from '../../../core/ocmf';
import type { SessionSignatureDto } from './dto/session-detail.dto';
import type { OcmfDto, OcmfReadingDto, ParsedOcmfDto } from './dto/session-ocmf.dto';

export interface SessionOcmf {
  readonly ocmf: OcmfDto | null;
  readonly signature: SessionSignatureDto;
}

function readingDto(reading: OcmfReading): OcmfReadingDto {
  const { decimals: _decimals, ...fields } = reading;
  return fields;
}

function parsedDto(parsed: ParsedOcmf): ParsedOcmfDto {
  const { payload: _payload, signature: _signature, readings, ...fields } = parsed;
  const registers = readings.filter((reading) => reading.value !== null);
  const begin = registers[0];
  const end = registers.at(-1);
  return {
    ...fields,
    readings: readings.map(readingDto),
    begin: begin ? readingDto(begin) : null,
    end: end ? readingDto(end) : null,
  };
}

/**
 * The session's OCMF verbatim, parsed and checked against the session, and the verdict on its
 * signature with the charger's registered key. A text that is not OCMF is kept and reported (a
 * failed `format` check), never an error of the route: it is upstream's data, shown as it is.
 */
export function sessionOcmf(
  raw: string | null,
  session: { energyKwh: number; startedAt: Date },
  key: MeterPublicKey | undefined,
): SessionOcmf {
  const publicKeyHex = key?.spkiHex ?? null;
  if (raw === null) {
    return { ocmf: null, signature: { status: 'unsigned', algorithm: null, publicKeyHex } };
  }
  let parsed: ParsedOcmf;
  try {
    parsed = parseOcmf(raw);
  } catch (error) {
    if (!(error instanceof OcmfFormatError)) throw error;
    return {
      ocmf: { raw, parsed: null, checks: [{ name: 'format', ok: false, detail: error.message }] },
      signature: { status: key ? 'invalid' : 'unknown-key', algorithm: null, publicKeyHex },
    };
  }
  const algorithm = parsed.signature?.algorithm ?? null;
  const status = !parsed.signature ? 'unsigned' : key ? verifyOcmf(raw, key) : 'unknown-key';
  return {
    ocmf: { raw, parsed: parsedDto(parsed), checks: checkOcmf(parsed, session) },
    signature: { status, algorithm, publicKeyHex },
  };
}
