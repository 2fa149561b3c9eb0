import { Injectable } from '@nestjs/common';
import type { Principal } from '../../core/auth/principal';
import { RoleResolver } from '../../core/auth/role-resolver';
import type { ZaptecChargeHistoryItem } from '../../upstream/zaptec/types/wire';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { ConstantsService } from '../constants/constants.service';
import { parseCallerTime } from '../../core/time/caller-time';
import { historyScope, type HistoryScope, maySee } from './charge-history-scope';
import { toChargeSessionDto } from './charge-history.mapper';
import type { ChargeHistoryQueryDto } from './dto/charge-history-query.dto';
import type { ChargeHistoryPageDto } from './dto/charge-session.dto';
import { noRoleOn } from '../../core/errors/auth-problems';

@Injectable()
export class ChargeHistoryService {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly roles: RoleResolver,
    private readonly constants: ConstantsService,
  ) {}

  /**
   * One page of Zaptec's live charge history, newest first. Managers see their installations'
   * sessions, a User their own; a charger the caller has no role on is a 404, like any object.
   */
  async page(principal: Principal, query: ChargeHistoryQueryDto): Promise<ChargeHistoryPageDto> {
    // The DTO has checked that both read as times and that `to` is later than `from`.
    const from = query.from === undefined ? undefined : parseCallerTime(query.from);
    const to = query.to === undefined ? undefined : parseCallerTime(query.to);
    const scope = await this.scopeOf(principal, query);
    const empty = { items: [], pageIndex: query.pageIndex, pageSize: query.pageSize, pages: 0 };
    if (!scope) return empty;
    // A key is nobody's Zaptec user: with only the User role it has no own sessions to see.
    if (scope.ownOnly && principal.kind === 'apiKey') return empty;

    const [page, constants] = await Promise.all([
      this.zaptec.chargeHistory(principal.upstream, {
        installationId: query.installationId,
        chargerId: query.chargerId,
        userId: scope.ownOnly ? principal.id : undefined,
        from,
        to,
        pageIndex: query.pageIndex,
        pageSize: query.pageSize,
        newestFirst: true,
      }),
      this.constants.current(principal.upstream),
    ]);
    const visible = await this.visibleOnly(principal, scope, page.Data ?? []);
    return {
      items: visible.map((item) => toChargeSessionDto(item, constants)),
      pageIndex: query.pageIndex,
      pageSize: query.pageSize,
      pages: page.Pages,
    };
  }

  /** The installations the query covers and the caller's roles there; undefined: none at all. */
  private async scopeOf(
    principal: Principal,
    query: ChargeHistoryQueryDto,
  ): Promise<HistoryScope | undefined> {
    // The DTO has lowercased the ids (ObjectIdFilter).
    const installationId = query.installationId;
    const visible = await this.roles.installations(principal);
    const rolesOn = new Map<string, number>();
    if (query.chargerId !== undefined) {
      const chargerId = query.chargerId;
      const charger = await this.roles.resolve(principal, 'charger', chargerId);
      if (!charger) {
        throw noRoleOn('charger', chargerId);
      }
      // A charger outside the named installation: the filters match nothing.
      if (installationId !== undefined && installationId !== charger.installationId) {
        return undefined;
      }
      rolesOn.set(charger.installationId, charger.roles);
    } else if (installationId !== undefined) {
      // The access guard has proved a role on it (@RoleTargetQuery).
      rolesOn.set(installationId, visible.get(installationId)?.roles ?? 0);
    } else {
      for (const [id, { roles }] of visible) rolesOn.set(id, roles);
    }
    const scope = historyScope(rolesOn);
    return scope.installations.length > 0 ? scope : undefined;
  }

  private async visibleOnly(
    principal: Principal,
    scope: HistoryScope,
    items: ZaptecChargeHistoryItem[],
  ): Promise<ZaptecChargeHistoryItem[]> {
    const single = scope.installations.length === 1 ? scope.installations[0] : undefined;
    const kept: ZaptecChargeHistoryItem[] = [];
    for (const item of items) {
      // History items carry no installation id; their charger says where they belong.
      const installationId = single ?? (await this.installationOf(principal, item.ChargerId));
      if (maySee(scope, principal.id, { userId: item.UserId, installationId })) kept.push(item);
    }
    return kept;
  }

  /** Every field may be missing from Zaptec's answers (§1); then the charger is unknown. */
  private async installationOf(
    principal: Principal,
    chargerId: string | undefined,
  ): Promise<string | undefined> {
    if (!chargerId) return undefined;
    return (await this.roles.resolve(principal, 'charger', chargerId.toLowerCase()))
      ?.installationId;
  }
}
