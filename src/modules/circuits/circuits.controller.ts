import { CachedRead } from '../../cache/http/cached-read.decorator';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf, TargetId } from '../../core/auth/access.decorators';
import {
  CurrentAccess,
  CurrentPrincipal,
  type Principal,
  type ResolvedAccess,
} from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { CircuitsService } from './circuits.service';
import { CircuitDto } from './dto/circuit.dto';

@ApiTags('circuits')
@Controller({ path: 'circuits', version: '1' })
export class CircuitsController {
  constructor(private readonly circuits: CircuitsService) {}

  @Get(':id')
  @CachedRead('installation', 'resource')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('circuit')
  @ApiOperation({
    summary: 'One circuit with its chargers',
    description:
      "A circuit (fuse group) of an installation: its fuse current and its chargers, from the installation's hierarchy.",
  })
  @ApiOkResponse({ type: CircuitDto })
  @ApiUpstreamProblems()
  getCircuit(
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: ResolvedAccess,
    @TargetId() id: string,
  ): Promise<CircuitDto> {
    return this.circuits.circuit(principal, id, access);
  }
}
