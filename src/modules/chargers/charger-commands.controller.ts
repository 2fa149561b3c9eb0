import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRoles, RoleTargetOf, TargetId } from '../../core/auth/access.decorators';
import { RoleSets } from '../../core/auth/user-roles';
import { Write, type WriteContext } from '../../core/auth/write-context';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ChargerCommandsService } from './charger-commands.service';
import {
  ChargeAuthorizationDto,
  COMMAND_EXAMPLES,
  ChargerCommandDto,
  ChargerCommandResultDto,
  IDEMPOTENCY_KEY_SCHEMA,
} from './dto/charger-command.dto';

/** The writes that make a charger act: commands by name, and the authorization of a charge. */
@ApiTags('chargers')
@Controller({ path: 'chargers', version: '1' })
export class ChargerCommandsController {
  constructor(private readonly commands: ChargerCommandsService) {}

  @Post(':id/commands')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @RouteSchema({
    headers: { type: 'object', properties: { 'idempotency-key': IDEMPOTENCY_KEY_SCHEMA } },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Any unique value (e.g. a UUID), 1–200 printable ASCII characters without commas; send it once (a repeated header is refused). A retry with the same key and body within 24 h returns the first outcome (marked `Idempotent-Replayed: true`) without sending the command again; concurrent duplicates share one call. The same key with another body or charger answers 422. Up to 1000 keys per user are remembered; beyond that your oldest are forgotten first.',
    schema: { ...IDEMPOTENCY_KEY_SCHEMA },
  })
  @ApiOperation({
    summary: 'Send a command to the charger, by name',
    description: [
      "The id is taken from the constants Zaptec serves for the charger's device type. Owners, Maintainers and Administrators may send StopChargingFinal (pause), ResumeCharging, StopCharging, StartCharging, DeauthorizeAndStop, RestartCharger and UpgradeFirmware; service commands (e.g. ResetComErrors, ResetNotifications, ResetComWarnings, RunGridTest, RestartMcu, SetPlc…) need Maintainer or Administrator.",
      'Constants 4.7.0 have no StopChargingFinal/ResumeCharging: the gateway does not swap in another command (their effects differ), it answers 400 listing StopCharging/StartCharging instead.',
      'Preconditions are checked from the live state first, as Zaptec validates them (pause only while a car is connected and not paused yet, resume only when paused, deauthorize only with a car connected, nothing while the charger is offline); a refusal answers 409 `COMMAND_PRECONDITION_FAILED` and sends nothing.',
      'Every command that passes the name check is audited (`charger.command`).',
      "The gateway's cached state, settings and detail of the charger are dropped, so the next read asks Zaptec; Zaptec itself serves the state from a cache of about 15 s, so the command's effect may show only that much later.",
    ].join('\n\n'),
  })
  @ApiBody({ type: ChargerCommandDto, examples: COMMAND_EXAMPLES })
  @ApiAcceptedResponse({
    type: ChargerCommandResultDto,
    description: 'Zaptec accepted the command; the charger carries it out within seconds.',
  })
  @ApiProblemResponse(
    400,
    'Unknown or unavailable command name (`UNKNOWN_COMMAND`, `details.allowedCommands` lists the names you may send), a malformed body, or a malformed or repeated Idempotency-Key (`VALIDATION_FAILED`).',
    [
      'UNKNOWN_COMMAND',
      validationExample({
        'Idempotency-Key': 'Idempotency-Key must NOT have more than 200 characters',
      }),
    ],
  )
  @ApiProblemResponse(
    409,
    "The charger's state does not allow the command (`COMMAND_PRECONDITION_FAILED`, with the reason), or Zaptec rejected it (`DEVICE_COMMAND_REJECTED`, `OPERATION_FAILED_DUE_TO_CHARGER_STATE`, `OPERATION_FAILED_FOR_UNKNOWN_REASONS`).",
    [
      'COMMAND_PRECONDITION_FAILED',
      'DEVICE_COMMAND_REJECTED',
      'OPERATION_FAILED_DUE_TO_CHARGER_STATE',
      'OPERATION_FAILED_FOR_UNKNOWN_REASONS',
    ],
  )
  @ApiProblemResponse(
    422,
    'The Idempotency-Key was used for another request (`IDEMPOTENCY_KEY_REUSED`).',
    ['IDEMPOTENCY_KEY_REUSED'],
  )
  @ApiUpstreamProblems()
  async sendChargerCommand(
    @Write() write: WriteContext,
    @TargetId() id: string,
    @Body() body: ChargerCommandDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChargerCommandResultDto> {
    const { value, replayed } = await this.commands.send(write, id, body, idempotencyKey);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return value;
  }

  @Post(':id/authorize')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireRoles(...RoleSets.member)
  @RoleTargetOf('charger')
  @ApiOperation({
    summary: 'Authorize a charge on the charger',
    description:
      "Starts the charge of a car waiting for authorization (installations with native authentication). Calls Zaptec's undocumented `authorizecharge`, the only way there is. Audited (`charger.authorize`). The next state read asks Zaptec again, whose own state cache may still lag about 15 s.",
  })
  @ApiAcceptedResponse({
    type: ChargeAuthorizationDto,
    description: 'Zaptec accepted the authorization.',
  })
  @ApiProblemResponse(
    409,
    'No car is waiting for authorization (`OPERATION_FAILED_DUE_TO_CHARGER_STATE`), or the installation does not use native authentication (`NOT_SUPPORTED`).',
    ['OPERATION_FAILED_DUE_TO_CHARGER_STATE', 'NOT_SUPPORTED'],
  )
  @ApiUpstreamProblems()
  authorizeCharge(
    @Write() write: WriteContext,
    @TargetId() id: string,
  ): Promise<ChargeAuthorizationDto> {
    return this.commands.authorize(write, id);
  }
}
