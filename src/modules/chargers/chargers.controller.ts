import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequireRoles, RoleTargetOf, RoleTargetQuery } from '../../core/auth/access.decorators';
import {
  CurrentAccess,
  CurrentPrincipal,
  type Principal,
  type ResolvedAccess,
} from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { CHARGER_ID_PARAM } from './charger-openapi';
import { ChargersService } from './chargers.service';
import { ChargerDto, ChargerListItemDto, ChargerListQueryDto } from './dto/charger.dto';
import {
  ChargerSettingsDto,
  ChargerSettingsUpdateResultDto,
  UpdateChargerSettingsDto,
} from './dto/charger-settings.dto';
import { ChargerStateDto } from './dto/charger-state.dto';

const BAD_ID = 'The charger id is not a UUID (`VALIDATION_FAILED`, field `id`).';

@ApiTags('chargers')
@Controller({ path: 'chargers', version: '1' })
export class ChargersController {
  constructor(private readonly chargers: ChargersService) {}

  @Get()
  @RequireRoles(...RoleSets.member)
  @RoleTargetQuery('installation', 'installationId')
  @ApiOperation({
    summary: 'The chargers you have a role on',
    description:
      'Every charger of every installation you hold a role on, optionally of one installation. `operationMode` is refreshed slowly by Zaptec; read the state for the live value.',
  })
  @ApiOkResponse({ type: [ChargerListItemDto] })
  @ApiProblemResponse(
    400,
    '`installationId` is not a UUID, or an unknown query parameter (`VALIDATION_FAILED`).',
  )
  @ApiUpstreamProblems()
  listChargers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ChargerListQueryDto,
  ): Promise<ChargerListItemDto[]> {
    return this.chargers.list(principal, query.installationId);
  }

  @Get(':id')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiParam(CHARGER_ID_PARAM)
  @ApiOperation({
    summary: 'One charger',
    description: 'The charger as Zaptec describes it (no live values: see its state).',
  })
  @ApiOkResponse({ type: ChargerDto })
  @ApiProblemResponse(400, BAD_ID)
  @ApiUpstreamProblems()
  getCharger(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<ChargerDto> {
    return this.chargers.detail(principal, id.toLowerCase());
  }

  @Get(':id/state')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiParam(CHARGER_ID_PARAM)
  @ApiOperation({
    summary: "The charger's live state, as named typed values",
    description:
      'Every observation the charger reported, named through the constants Zaptec serves (the device schema first): `values` by camelCase name (numbers, booleans for flags, enum names such as `Connected_Charging`, text), the raw list in `observations`, and the 804 warnings bit mask exact and decoded. Zaptec caches the state for about 15 s.',
  })
  @ApiOkResponse({ type: ChargerStateDto })
  @ApiProblemResponse(400, BAD_ID)
  @ApiUpstreamProblems()
  getChargerState(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<ChargerStateDto> {
    return this.chargers.state(principal, id.toLowerCase());
  }

  @Get(':id/settings')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiParam(CHARGER_ID_PARAM)
  @ApiOperation({
    summary: "The charger's settings",
    description:
      'Read from the state observations (510, 511, 520, 522, 523, 555), as Zaptec asks: its `/settings` endpoint is internal.',
  })
  @ApiOkResponse({ type: ChargerSettingsDto })
  @ApiProblemResponse(400, BAD_ID)
  @ApiUpstreamProblems()
  getChargerSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<ChargerSettingsDto> {
    return this.chargers.settings(principal, id.toLowerCase());
  }

  @Patch(':id/settings')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiParam(CHARGER_ID_PARAM)
  @ApiOperation({
    summary: "Change the charger's settings",
    description:
      "Send only the fields to change (PATCH: a partial update). Written through Zaptec's documented `chargers/{id}/update`; the charger applies it within seconds and `GET …/settings` shows it once its state reports it. Audited (`charger.settings`).",
  })
  @ApiAcceptedResponse({
    type: ChargerSettingsUpdateResultDto,
    description: 'Zaptec accepted the change.',
  })
  @ApiProblemResponse(
    400,
    'A field out of range, an unknown field, no field at all, `minChargeCurrent` above `maxChargeCurrent`, or a bad id (`VALIDATION_FAILED`).',
  )
  @ApiProblemResponse(422, 'Zaptec refused a value (`INVALID_FORMAT`).')
  @ApiUpstreamProblems()
  updateChargerSettings(
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: ResolvedAccess,
    @Param('id') id: string,
    @Body() body: UpdateChargerSettingsDto,
    @Req() request: FastifyRequest,
  ): Promise<ChargerSettingsUpdateResultDto> {
    return this.chargers.updateSettings(
      { principal, access, requestId: request.id },
      id.toLowerCase(),
      body,
    );
  }
}
