import { CachedRead } from '../../cache/http/cached-read.decorator';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ConstantsService } from './constants.service';
import { toConstantsDto } from './constants.mapper';
import { ConstantsDto } from './dto/constants.dto';

@ApiTags('constants')
@Controller({ path: 'constants', version: '1' })
export class ConstantsController {
  constructor(private readonly constants: ConstantsService) {}

  @Get()
  @CachedRead('constants', 'everyone')
  @Authenticated()
  @ApiOperation({
    summary: "Zaptec's constants, decoded",
    description:
      'Roles, operation modes, commands, observations, settings, error codes and device schemas as Zaptec serves them today (cached for a day; the bundled seed until first loaded).',
  })
  @ApiOkResponse({ type: ConstantsDto })
  async getConstants(@CurrentPrincipal() principal: Principal): Promise<ConstantsDto> {
    return toConstantsDto(await this.constants.current(principal.upstream));
  }
}
