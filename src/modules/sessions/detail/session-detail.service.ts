import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../core/auth/principal';
import { RoleResolver } from '../../../core/auth/role-resolver';
import { noRoleOn } from '../../../core/errors/auth-problems';
import type { EnergyTick } from '../../../jobs/ingestion/records';
import { historyScope, maySee } from '../../charge-history/charge-history-scope';
import { ConstantsService } from '../../constants/constants.service';
import { MeterKeysService } from '../../meter-keys/meter-keys.service';
import type { SessionDetailDto } from './dto/session-detail.dto';
import { SessionDetailRepository, type SessionRow } from './session-detail.repository';
import { sessionOcmf } from './session-ocmf';

@Injectable()
export class SessionDetailService {
  constructor(
    private readonly sessions: SessionDetailRepository,
    private readonly roles: RoleResolver,
    private readonly constants: ConstantsService,
    private readonly meterKeys: MeterKeysService,
  ) {}

  /**
   * One stored session. Managers of its installation see it; a User only their own; anyone
   * else, and an id that is not stored, get the same 404 (the answer never tells them apart).
   */
  async detail(principal: Principal, id: string): Promise<SessionDetailDto> {
    const row = await this.sessions.session(id);
    if (!row || !(await this.maySee(principal, row))) throw noRoleOn('session', id);
    const [catalog, key] = await Promise.all([
      this.constants.current(principal.upstream),
      this.meterKeys.keyOf(row.chargerId),
    ]);
    const energyKwh = Number(row.energyKwh);
    const { ocmf, signature } = sessionOcmf(
      row.signedSession,
      { energyKwh, startedAt: row.startedAt },
      key,
    );
    return {
      id: row.id,
      installationId: row.installationId,
      chargerId: row.chargerId,
      deviceId: row.deviceId,
      userId: row.userId,
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      commitEndedAt: row.commitEndedAt?.toISOString() ?? null,
      energyKwh,
      commitMetadata: row.commitMetadata,
      commitFlags: catalog.flagNames('SessionCommitMetadata', row.commitMetadata),
      authenticationCode: row.authenticationCode,
      tokenName: row.tokenName,
      externalId: row.externalId,
      replacedBySessionId: row.replacedBySessionId,
      signed: row.signedSession !== null,
      // Stored as ingestion normalised them (records.ts EnergyTick).
      energyDetails: (row.energyDetails as EnergyTick[] | null) ?? null,
      ocmf,
      signature,
    };
  }

  /** The design's role table: a role on the installation, and manager or the session's user. */
  private async maySee(principal: Principal, row: SessionRow): Promise<boolean> {
    const roles = (await this.roles.installations(principal)).get(row.installationId)?.roles ?? 0;
    const scope = historyScope(new Map([[row.installationId, roles]]));
    if (scope.installations.length === 0) return false;
    return maySee(scope, principal.id, {
      userId: row.userId ?? undefined,
      installationId: row.installationId,
    });
  }
}
