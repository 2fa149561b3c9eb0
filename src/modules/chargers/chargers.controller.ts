import { CachedRead } from '../../cache/http/cached-read.decorator';
import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  RequireRoles,
  RoleTargetOf,
  RoleTargetQuery,
  TargetId,
} from '../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { Write, type WriteContext } from '../../core/auth/write-context';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ChargersService } from './chargers.service';
import { ChargerDto, ChargerListItemDto, ChargerListQueryDto } from './dto/charger.dto';
import {
  ChargerSettingsDto,
  ChargerSettingsUpdateResultDto,
  UpdateChargerSettingsDto,
} from './dto/charger-settings.dto';
import { ChargerStateDto } from './dto/charger-state.dto';

@ApiTags('chargers')
@Controller({ path: 'chargers', version: '1' })
export class ChargersController {
  constructor(private readonly chargers: ChargersService) {}

  @Get()
  @CachedRead('charger', 'principal')
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
    [validationExample({ installationId: 'installationId must be a UUID' })],
  )
  @ApiUpstreamProblems()
  listChargers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ChargerListQueryDto,
  ): Promise<ChargerListItemDto[]> {
    return this.chargers.list(principal, query.installationId);
  }

  @Get(':id')
  @CachedRead('charger', 'principal')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiOperation({
    summary: 'One charger',
    description: 'The charger as Zaptec describes it (no live values: see its state).',
  })
  @ApiOkResponse({ type: ChargerDto })
  @ApiUpstreamProblems()
  getCharger(
    @CurrentPrincipal() principal: Principal,
    @TargetId() id: string,
  ): Promise<ChargerDto> {
    return this.chargers.detail(principal, id);
  }

  @Get(':id/state')
  @CachedRead('state', 'resource')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiOperation({
    summary: "The charger's live state, as named typed values",
    description:
      'Every observation the charger reported, named through the constants Zaptec serves (the device schema first): `values` by camelCase name (numbers, booleans for flags, enum names such as `Connected_Charging`, text), the raw list in `observations`, and the 804 warnings bit mask exact and decoded. Zaptec caches the state for about 15 s.',
  })
  @ApiOkResponse({ type: ChargerStateDto })
  @ApiUpstreamProblems()
  getChargerState(
    @CurrentPrincipal() principal: Principal,
    @TargetId() id: string,
  ): Promise<ChargerStateDto> {
    return this.chargers.state(principal, id);
  }

  @Get(':id/settings')
  @CachedRead('settings', 'resource')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiOperation({
    summary: "The charger's settings",
    description:
      'Read from the state observations (510, 511, 520, 522, 523, 555), as Zaptec asks: its `/settings` endpoint is internal.',
  })
  @ApiOkResponse({ type: ChargerSettingsDto })
  @ApiUpstreamProblems()
  getChargerSettings(
    @CurrentPrincipal() principal: Principal,
    @TargetId() id: string,
  ): Promise<ChargerSettingsDto> {
    return this.chargers.settings(principal, id);
  }

  @Patch(':id/settings')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
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
    'A field out of range, an unknown field, no field at all, or `minChargeCurrent` above `maxChargeCurrent` (`VALIDATION_FAILED`).',
    [validationExample({ maxChargeCurrent: 'maxChargeCurrent must not be greater than 32' })],
  )
  @ApiProblemResponse(
    422,
    'Zaptec refused a value (`INVALID_FORMAT`, `UPSTREAM_REJECTED_INPUT`).',
    ['INVALID_FORMAT', 'UPSTREAM_REJECTED_INPUT'],
  )
  @ApiUpstreamProblems()
  updateChargerSettings(
    @Write() write: WriteContext,
    @TargetId() id: string,
    @Body() body: UpdateChargerSettingsDto,
  ): Promise<ChargerSettingsUpdateResultDto> {
    return this.chargers.updateSettings(write, id, body);
  }
}
