import { CachedRead } from '../../cache/http/cached-read.decorator';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf } from '../../core/auth/access.decorators';
import {
  CurrentAccess,
  CurrentPrincipal,
  type Principal,
  type ResolvedAccess,
} from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { Write, type WriteContext } from '../../core/auth/write-context';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ChargerFirmwareDto } from './dto/charger-firmware.dto';
import { HierarchyDto } from './dto/hierarchy.dto';
import { InstallationDto, InstallationListQueryDto } from './dto/installation.dto';
import { InstallationLimitsDto, UpdateInstallationLimitsDto } from './dto/installation-limits.dto';
import { InstallationsService } from './installations.service';

@ApiTags('installations')
@Controller({ path: 'installations', version: '1' })
export class InstallationsController {
  constructor(private readonly installations: InstallationsService) {}

  @Get()
  @CachedRead('installation', 'principal')
  @RequireRoles(...RoleSets.member)
  @ApiOperation({
    summary: 'The installations you have a role on',
    description:
      'Every installation where you are User, Owner, Maintainer or Administrator, with your roles. With the User role alone you get identity and address only, as Zaptec answers a User; the limits (`maxCurrent`, `availableCurrentPhase1..3`, …) are for managers.',
  })
  @ApiOkResponse({ type: [InstallationDto] })
  @ApiProblemResponse(400, 'An unknown query parameter (`VALIDATION_FAILED`).', [
    validationExample({ installationId: 'property installationId should not exist' }),
  ])
  @ApiUpstreamProblems()
  listInstallations(
    @CurrentPrincipal() principal: Principal,
    @Query() _query: InstallationListQueryDto,
  ): Promise<InstallationDto[]> {
    return this.installations.list(principal);
  }

  @Get(':id')
  @CachedRead('installation', 'principal')
  @RequireRoles(...RoleSets.member)
  @RoleTargetOf('installation')
  @ApiOperation({
    summary: 'One installation',
    description:
      'With the User role alone you get identity and address only, as Zaptec answers a User.',
  })
  @ApiOkResponse({ type: InstallationDto })
  @ApiUpstreamProblems()
  getInstallation(
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: ResolvedAccess,
  ): Promise<InstallationDto> {
    return this.installations.installation(principal, access.installationId);
  }

  @Get(':id/hierarchy')
  @CachedRead('installation', 'resource')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('installation')
  @ApiOperation({
    summary: 'Circuits and chargers of an installation',
    description:
      "The installation's circuits (fuse groups) with the chargers on each. Zaptec refuses this to a plain User, and so do we (403).",
  })
  @ApiOkResponse({ type: HierarchyDto })
  @ApiUpstreamProblems()
  getInstallationHierarchy(
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: ResolvedAccess,
  ): Promise<HierarchyDto> {
    return this.installations.hierarchy(principal, access.installationId);
  }

  @Post(':id/limits')
  @HttpCode(HttpStatus.OK)
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('installation')
  @ApiOperation({
    summary: 'Set the available current (and the phase switch or main fuse)',
    description: [
      "Sets how much current the installation's chargers may share, through Zaptec's `installation/update`. A POST, not a PATCH: Zaptec resets an omitted available current to `maxCurrent`, so every call names it, as `availableCurrent` (all phases) or as all three `availableCurrentPhase1..3`, each between 0 and `maxCurrent` (at most 1000 A). `threeToOnePhaseSwitchCurrent` (0–32) is optional; `maxCurrent` (0–1000 A) may be changed by a Maintainer or Administrator only. Checked before Zaptec is called; written once (never retried) and recorded in the audit log. Zaptec asks for no more than one change per 15 minutes.",
      "Answers 200, where charger settings and commands answer 202: the limits are a property of the installation, which Zaptec has updated when it answers (a following `GET /v1/installations/{id}` shows them), while settings and commands are still on their way to the charger. Only the chargers' adjustment to the new limits follows later, within about 5 s.",
    ].join('\n\n'),
  })
  @ApiOkResponse({
    type: InstallationLimitsDto,
    description: 'Zaptec has updated the installation; these are the limits it accepted.',
  })
  @ApiProblemResponse(
    400,
    'The body is malformed, incomplete, contradictory or exceeds `maxCurrent` (`VALIDATION_FAILED`, `errors` names the fields).',
    [
      validationExample({
        availableCurrent:
          'availableCurrent or all of availableCurrentPhase1-3 is required (Zaptec resets an omitted available current to maxCurrent)',
      }),
    ],
  )
  @ApiProblemResponse(
    403,
    'Changing `maxCurrent` needs Maintainer or Administrator (`FORBIDDEN`).',
    [
      {
        code: 'FORBIDDEN',
        detail: "Changing an installation's maxCurrent needs the Maintainer or Administrator role.",
        details: { requiredRoles: ['Maintainer', 'Administrator'], field: 'maxCurrent' },
      },
    ],
  )
  @ApiProblemResponse(
    422,
    'Zaptec rejected the limits (`INSTALLATION_CONSTRAINT_VIOLATION`, `MISSING_REQUIRED_DATA`, `INVALID_FORMAT`, `UPSTREAM_REJECTED_INPUT`).',
    [
      'INSTALLATION_CONSTRAINT_VIOLATION',
      'MISSING_REQUIRED_DATA',
      'INVALID_FORMAT',
      'UPSTREAM_REJECTED_INPUT',
    ],
  )
  @ApiUpstreamProblems()
  updateInstallationLimits(
    @Write() write: WriteContext,
    @Body() limits: UpdateInstallationLimitsDto,
  ): Promise<InstallationLimitsDto> {
    return this.installations.updateLimits(write, limits);
  }

  @Get(':id/firmware')
  @CachedRead('installation', 'resource')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('installation')
  @ApiOperation({
    summary: 'Firmware of every charger of an installation',
    description:
      'Per charger: the version it runs, the version Zaptec offers and whether it is up to date. Upgrade with the `UpgradeFirmware` charger command.',
  })
  @ApiOkResponse({ type: [ChargerFirmwareDto] })
  @ApiUpstreamProblems()
  getInstallationFirmware(
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: ResolvedAccess,
  ): Promise<ChargerFirmwareDto[]> {
    return this.installations.firmware(principal, access.installationId);
  }
}
