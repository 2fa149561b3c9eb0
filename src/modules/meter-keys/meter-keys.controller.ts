import { Body, Controller, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf, TargetId } from '../../core/auth/access.decorators';
import { RoleSets } from '../../core/auth/user-roles';
import { Write, type WriteContext } from '../../core/auth/write-context';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { MeterKeyDto, RegisterMeterKeyDto } from './dto/meter-key.dto';
import { MeterKeysService } from './meter-keys.service';

@ApiTags('chargers')
@Controller({ path: 'chargers', version: '1' })
export class MeterKeysController {
  constructor(private readonly keys: MeterKeysService) {}

  @Put(':id/meter-public-key')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiOperation({
    summary: "Register the public key of the charger's meter",
    description: [
      "The key the charger's meter signs its OCMF with (`SignedSession` of every session); `GET /v1/sessions/{id}` then verifies the session's signature with it. Zaptec's API serves no such key: take it from the charger's label or documentation (the demo serves its chargers' keys at the simulator's `GET /__sim/chargers/{id}/meter-public-key`).",
      'Send PEM, hex of the DER SubjectPublicKeyInfo (as the Transparenzsoftware takes it) or hex of the uncompressed point; an EC key on P-256 (`ECDSA-secp256r1-SHA256`) or P-384. It is stored as DER SPKI hex and replaces an earlier one. Audited (`charger.meterPublicKey`).',
    ].join('\n\n'),
  })
  @ApiBody({ type: RegisterMeterKeyDto })
  @ApiOkResponse({ type: MeterKeyDto, description: 'The key as stored.' })
  @ApiProblemResponse(
    400,
    'The key is no EC public key on P-256 or P-384, or the body is malformed (`VALIDATION_FAILED`, field `publicKey`).',
    [
      validationExample({
        publicKey: 'publicKey must be an EC public key on P-256 as PEM or hex: not PEM and not hex',
      }),
    ],
  )
  registerMeterPublicKey(
    @Write() write: WriteContext,
    @TargetId() id: string,
    @Body() body: RegisterMeterKeyDto,
  ): Promise<MeterKeyDto> {
    return this.keys.register(write, id, body.publicKey);
  }
}
