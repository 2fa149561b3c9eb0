export { checkOcmf, type OcmfCheck, type OcmfCheckName, type SessionFacts } from './ocmf-checks';
export {
  OcmfFormatError,
  parseOcmf,
  type OcmfReading,
  type OcmfSignature,
  type ParsedOcmf,
} from './ocmf-parse';
export { verifyOcmf, type OcmfVerification } from './ocmf-verify';
export { MeterKeyError, meterPublicKey, type MeterPublicKey } from './meter-public-key';
