import { HttpStatus, Injectable } from '@nestjs/common';
import { heldRoles } from '../../core/auth/held-roles';
import type { Principal, UserPrincipal } from '../../core/auth/principal';
import { RoleResolver } from '../../core/auth/role-resolver';
import { grantableRoles, roleNames, UserRoles } from '../../core/auth/user-roles';
import { ApiProblem } from '../../core/errors/problem';
import { validationProblem } from '../../core/errors/validation';
import { AuditService } from '../audit/audit.service';
import { ApiKeyPrincipals } from './api-key-principals';
import { ApiKeySecrets } from './api-key-secret';
import { type ApiKeyRow, ApiKeysRepository } from './api-keys.repository';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

/**
 * Minting, listing and revoking partner keys. The invariant: a key never holds more than its
 * creator held when minting it, and only where they are Administrator; whoever manages a key is
 * Administrator on every installation it covers.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly principals: ApiKeyPrincipals,
    private readonly roles: RoleResolver,
    private readonly audit: AuditService,
  ) {}

  /**
   * Only a signed-in user mints (a key cannot mint keys), as an Administrator of every listed
   * installation, with no role beyond theirs there (grantableRoles: the customer roles below
   * their own count as held).
   */
  async create(
    user: UserPrincipal,
    request: CreateApiKeyDto,
    requestId?: string,
  ): Promise<CreatedApiKeyDto> {
    if (request.expiresAt && request.expiresAt.getTime() <= Date.now()) {
      throw validationProblem('expiresAt', 'expiresAt must be in the future');
    }
    const held = await this.roles.installations(user);
    for (const installationId of request.installationIds) {
      const own = held.get(installationId)?.roles ?? UserRoles.None;
      assertAdministrator(own, installationId);
      const excess = request.roles & ~grantableRoles(own);
      if (excess !== 0) {
        throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          'ROLES_EXCEED_OWN',
          `A key cannot hold roles you do not hold on installation ${installationId}: ${roleNames(excess).join(', ') || `flags ${excess}`}.`,
          { details: { installationId, excessRoles: roleNames(excess) } },
        );
      }
    }
    const { secret, prefix, hash } = this.secrets.generate();
    const row = await this.repository.create({
      name: request.name,
      prefix,
      secretHash: hash,
      installationIds: request.installationIds,
      roleMask: request.roles,
      createdBy: user.id,
      expiresAt: request.expiresAt,
    });
    const key = toApiKeyDto(row);
    await this.recordOnEach(user, 'api-key.create', row, requestId, {
      name: key.name,
      prefix: key.prefix,
      roles: key.roles,
      installationIds: key.installationIds,
      expiresAt: key.expiresAt,
    });
    return { ...key, secret };
  }

  /** Keys covering any installation the caller is Administrator on, revoked ones included. */
  async list(principal: Principal): Promise<ApiKeyDto[]> {
    const administered = await this.administered(principal);
    if (administered.length === 0) return [];
    return (await this.repository.listFor(administered)).map(toApiKeyDto);
  }

  /**
   * Revokes at once on this instance (the key is dropped from memory, so even a cached answer is
   * refused from the next request on); other instances stop trusting their copy within 15 s.
   */
  async revoke(principal: Principal, id: string, requestId?: string): Promise<void> {
    const row = await this.repository.findById(id);
    const administered = new Set(await this.administered(principal));
    if (!row || !row.installationIds.some((installation) => administered.has(installation))) {
      throw new ApiProblem(HttpStatus.NOT_FOUND, 'NOT_FOUND', `No API key ${id} you manage.`);
    }
    const foreign = row.installationIds.find((installation) => !administered.has(installation));
    if (foreign) assertAdministrator(UserRoles.None, foreign);
    await this.repository.revoke(id, new Date());
    // Also aborts a load of the key in flight, so no request re-reads it as live.
    this.principals.forget(row.prefix);
    if (!row.revokedAt) {
      await this.recordOnEach(principal, 'api-key.revoke', row, requestId, {
        name: row.name,
        prefix: row.prefix,
      });
    }
  }

  /**
   * One audit line per installation of the key, so each of their Administrators reads it in
   * their installation's log. Never the secret or its hash: the prefix names the key.
   */
  private async recordOnEach(
    principal: Principal,
    action: 'api-key.create' | 'api-key.revoke',
    row: ApiKeyRow,
    requestId: string | undefined,
    details: Record<string, string | string[] | null>,
  ): Promise<void> {
    for (const installationId of row.installationIds) {
      await this.audit.record({
        principal,
        action,
        targetType: 'api-key',
        targetId: row.id,
        installationId,
        outcome: 'SUCCEEDED',
        details,
        requestId,
      });
    }
  }

  private async administered(principal: Principal): Promise<string[]> {
    const held = await this.roles.installations(principal);
    return [...held]
      .filter(([, { roles }]) => (roles & UserRoles.Administrator) !== 0)
      .map(([id]) => id);
  }
}

function assertAdministrator(roles: number, installationId: string): void {
  if ((roles & UserRoles.Administrator) !== 0) return;
  throw new ApiProblem(
    HttpStatus.FORBIDDEN,
    'NOT_ADMINISTRATOR',
    `You are not Administrator on installation ${installationId}: only its Administrators manage its API keys.`,
    { details: { installationId } },
  );
}

function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  const { roles, roleFlags } = heldRoles(row.roleMask);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    installationIds: row.installationIds,
    roles,
    roleFlags,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
