import { CacheService } from '../../cache/cache.service';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiProblem } from '../../core/errors/problem';
import { UpstreamHttpError } from '../../upstream/zaptec/upstream-errors';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { AuditService } from '../audit/audit.service';
import { ConstantsService } from '../constants/constants.service';
import { CommandIdempotency, type IdempotentResult } from './command-idempotency';
import { RecentCommands } from './recent-commands';
import {
  allowedCommands,
  isServiceCommand,
  mayRunServiceCommands,
  refusalOf,
} from './command-policy';
import type { WriteContext } from '../../core/auth/write-context';
import { ChargersService } from './chargers.service';
import type {
  ChargeAuthorizationDto,
  ChargerCommandDto,
  ChargerCommandResultDto,
} from './dto/charger-command.dto';
import { roleTooWeak } from '../../core/errors/auth-problems';

interface ResolvedCommand {
  name: string;
  id: number;
}

/**
 * Commands by name (`StopChargingFinal`), with ids from the constants upstream serves for the
 * charger's device type; the caller's role, then the charger's state, are checked before
 * anything is sent, and every attempt that got that far is audited. The authorization of a
 * charge, which also makes the charger act, lives here too.
 */
@Injectable()
export class ChargerCommandsService {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly constants: ConstantsService,
    private readonly chargers: ChargersService,
    private readonly audit: AuditService,
    private readonly idempotency: CommandIdempotency,
    private readonly recent: RecentCommands,
    private readonly cache: CacheService,
  ) {}

  /** `idempotencyKey` is the header as the route's schema accepted it (IDEMPOTENCY_KEY_SCHEMA). */
  async send(
    context: WriteContext,
    chargerId: string,
    body: ChargerCommandDto,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentResult<ChargerCommandResultDto>> {
    const run = () => this.execute(context, chargerId, body.command, idempotencyKey);
    if (idempotencyKey === undefined) return { value: await run(), replayed: false };
    const fingerprint = `${chargerId}:${body.command}`;
    return this.idempotency.run(context.principal.id, idempotencyKey, fingerprint, run);
  }

  private async execute(
    context: WriteContext,
    chargerId: string,
    name: string,
    idempotencyKey: string | undefined,
  ): Promise<ChargerCommandResultDto> {
    const command = await this.resolve(context, chargerId, name);
    return this.audit.track(
      {
        principal: context.principal,
        action: 'charger.command',
        targetType: 'charger',
        targetId: chargerId,
        installationId: context.access.installationId,
        details: {
          command: command.name,
          commandId: command.id,
          idempotencyKey: idempotencyKey ?? null,
        },
        requestId: context.requestId,
      },
      async () => {
        this.assertRole(context, command.name);
        await this.assertPrecondition(context, chargerId, command.name);
        await this.sendUpstream(context, chargerId, command);
        return {
          commandId: command.id,
          command: command.name,
          chargerId,
          acceptedAt: new Date().toISOString(),
        };
      },
    );
  }

  /** Zaptec's undocumented `authorizecharge` (§4): the only way to start an authorized charge. */
  async authorize(context: WriteContext, id: string): Promise<ChargeAuthorizationDto> {
    return this.audit.track(
      {
        principal: context.principal,
        action: 'charger.authorize',
        targetType: 'charger',
        targetId: id,
        installationId: context.access.installationId,
        requestId: context.requestId,
      },
      async () => {
        await this.cache.writing([id], () =>
          this.zaptec.authorizeCharge(context.principal.upstream, id),
        );
        return { chargerId: id, acceptedAt: new Date().toISOString() };
      },
    );
  }

  /** The command's id for this charger, or a 400 naming what the caller may send instead. */
  private async resolve(
    context: WriteContext,
    chargerId: string,
    name: string,
  ): Promise<ResolvedCommand> {
    const upstream = context.principal.upstream;
    const [deviceType, catalog] = await Promise.all([
      this.chargers.deviceTypeOf(context.principal, chargerId),
      this.constants.current(upstream),
    ]);
    const known = catalog.commandNames(deviceType);
    const allowed = allowedCommands(context.access.roles, known);
    const id = catalog.commandId(name, deviceType);
    const offered = isServiceCommand(name) || allowed.includes(name);
    if (id !== undefined && offered) return { name, id };
    throw new ApiProblem(
      HttpStatus.BAD_REQUEST,
      'UNKNOWN_COMMAND',
      `${name} is not a command you can send to this charger (constants ${catalog.version}). Allowed: ${allowed.join(', ')}.`,
      {
        errors: [{ field: 'command', messages: [`command must be one of: ${allowed.join(', ')}`] }],
        details: { allowedCommands: allowed, constantsVersion: catalog.version },
      },
    );
  }

  /** Service commands need Maintainer or Administrator (design.md table), not just Owner. */
  private assertRole(context: WriteContext, name: string): void {
    if (isServiceCommand(name) && !mayRunServiceCommands(context.access.roles)) {
      throw roleTooWeak(
        `${name} is a service command: it needs the role Maintainer or Administrator on the charger's installation.`,
        ['Maintainer', 'Administrator'],
      );
    }
  }

  private async assertPrecondition(
    context: WriteContext,
    chargerId: string,
    name: string,
  ): Promise<void> {
    const read = await this.zaptec.chargerState(context.principal.upstream, chargerId);
    const refusal = refusalOf(name, this.recent.overlay(chargerId, read));
    if (refusal) {
      throw new ApiProblem(HttpStatus.CONFLICT, 'COMMAND_PRECONDITION_FAILED', refusal.reason, {
        details: { command: name, ...refusal.state },
      });
    }
  }

  private async sendUpstream(
    context: WriteContext,
    chargerId: string,
    command: ResolvedCommand,
  ): Promise<void> {
    try {
      await this.cache.writing([chargerId], () =>
        this.zaptec.sendCommand(context.principal.upstream, chargerId, command.id),
      );
      this.recent.recordSent(chargerId, command.name);
    } catch (error) {
      // DeauthorizeAndStop executes yet answers an empty 500 (§6, HA's README): that is success.
      const quirk =
        command.name === 'DeauthorizeAndStop' &&
        error instanceof UpstreamHttpError &&
        error.status === 500 &&
        error.zaptecCode === undefined;
      if (!quirk) throw error;
    }
  }
}
