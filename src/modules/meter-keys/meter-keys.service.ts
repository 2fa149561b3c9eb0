import { Injectable } from '@nestjs/common';
import type { WriteContext } from '../../core/auth/write-context';
import { validationProblem } from '../../core/errors/validation';
import { MeterKeyError, meterPublicKey, type MeterPublicKey } from '../../core/ocmf';
import { AuditService } from '../audit/audit.service';
import type { MeterKeyDto } from './dto/meter-key.dto';
import { MeterKeysRepository, type StoredMeterKey } from './meter-keys.repository';

/**
 * The public keys of chargers' meters, against which their signed OCMF is verified. OCMF leaves
 * the key's transport out of band (spec: "Relation of Serial Numbers, Charge Point and Public
 * Key"), and Zaptec serves none through its API: an installation manager registers it.
 */
@Injectable()
export class MeterKeysService {
  constructor(
    private readonly repository: MeterKeysRepository,
    private readonly audit: AuditService,
  ) {}

  /** Validates `input` (PEM or hex) as a P-256/P-384 key and stores it normalised; audited. */
  async register(context: WriteContext, chargerId: string, input: string): Promise<MeterKeyDto> {
    let key: MeterPublicKey;
    try {
      key = meterPublicKey(input);
    } catch (error) {
      if (!(error instanceof MeterKeyError)) throw error;
      throw validationProblem(
        'publicKey',
        `publicKey must be an EC public key on P-256 as PEM or hex: ${error.message}`,
      );
    }
    const stored = await this.audit.track(
      {
        principal: context.principal,
        action: 'charger.meterPublicKey',
        targetType: 'charger',
        targetId: chargerId,
        installationId: context.access.installationId,
        details: { algorithm: key.algorithm, publicKeyHex: key.spkiHex },
        requestId: context.requestId,
      },
      () =>
        this.repository.save({
          chargerId,
          publicKey: key.spkiHex,
          algorithm: key.algorithm,
          registeredBy: context.principal.id,
        }),
    );
    return toMeterKeyDto(stored, key);
  }

  /** The charger's key, parsed, or undefined when none is registered. */
  async keyOf(chargerId: string): Promise<MeterPublicKey | undefined> {
    const stored = await this.repository.find(chargerId);
    return stored ? meterPublicKey(stored.publicKey) : undefined;
  }
}

function toMeterKeyDto(stored: StoredMeterKey, key: MeterPublicKey): MeterKeyDto {
  return {
    chargerId: stored.chargerId,
    algorithm: stored.algorithm,
    publicKey: key.pem,
    publicKeyHex: stored.publicKey,
    registeredBy: stored.registeredBy,
    registeredAt: stored.registeredAt.toISOString(),
  };
}
