import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Principal } from '../../core/auth/principal';
import { RoleResolver } from '../../core/auth/role-resolver';
import { noRoleOn } from '../../core/errors/auth-problems';
import { type CsvValue, csvFile } from '../../core/http/csv';
import { PrismaService } from '../../database/prisma.service';
import { parseCallerTime } from '../../core/time/caller-time';
import { historyScope } from '../charge-history/charge-history-scope';
import { ConstantsService } from '../constants/constants.service';
import type { SessionPageDto } from './dto/session.dto';
import { MAX_SESSION_PAGE, type SessionsQueryDto } from './dto/sessions-query.dto';
import { decodeCursor, encodeCursor } from './session-cursor';
import { countSessions, findSessionPage, type SessionPageFilter } from './session-page.query';
import { SESSION_CSV_HEADER, toSessionCsvRecord, toSessionDto } from './sessions.mapper';

@Injectable()
export class SessionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly roles: RoleResolver,
    private readonly constants: ConstantsService,
  ) {}

  /** One page of the stored sessions the caller may see, newest end first. */
  async page(principal: Principal, query: SessionsQueryDto): Promise<SessionPageDto> {
    const filter = await this.filterOf(principal, query);
    // One row more than the page: whether it exists says if this is the last page.
    const [read, total, constants] = await Promise.all([
      findSessionPage(this.prisma.pool, { ...filter, limit: filter.limit + 1 }),
      query.includeTotal ? countSessions(this.prisma.pool, filter) : undefined,
      this.constants.current(principal.upstream),
    ]);
    const rows = read.slice(0, filter.limit);
    const last = rows.at(-1);
    return {
      items: rows.map((row) => toSessionDto(row, constants)),
      nextCursor: last && read.length > rows.length ? encodeCursor(last) : null,
      ...(total === undefined ? {} : { total }),
    };
  }

  /**
   * Every session matching the filters (from `cursor` on, if given) as CSV, read page by page
   * while the answer streams, so memory stays flat however many there are. The first page is
   * read before the answer starts: a failing database is then a 500 problem, not a cut stream.
   */
  async csv(principal: Principal, query: SessionsQueryDto): Promise<StreamableFile> {
    const filter = { ...(await this.filterOf(principal, query)), limit: MAX_SESSION_PAGE };
    const [first, constants] = await Promise.all([
      findSessionPage(this.prisma.pool, filter),
      this.constants.current(principal.upstream),
    ]);
    const pool = this.prisma.pool;
    async function* records(): AsyncGenerator<CsvValue[]> {
      let rows = first;
      for (;;) {
        for (const row of rows) yield toSessionCsvRecord(row, constants);
        const last = rows.at(-1);
        if (!last || rows.length < filter.limit) return;
        rows = await findSessionPage(pool, { ...filter, after: last });
      }
    }
    return csvFile(SESSION_CSV_HEADER, records(), 'sessions.csv');
  }

  /** The query as the page reads it: the caller's scope narrowed by the filters. */
  private async filterOf(
    principal: Principal,
    query: SessionsQueryDto,
  ): Promise<SessionPageFilter> {
    const scope = historyScope(await this.rolesOn(principal, query));
    const allOf = scope.installations.filter((id) => scope.managed.has(id));
    // A key is nobody's Zaptec user: where it holds only the User role it has no own sessions.
    const user = principal.kind === 'user' ? principal.id.toLowerCase() : null;
    const ownOf = user ? scope.installations.filter((id) => !scope.managed.has(id)) : [];
    // The DTO has checked every value: the times read, `to` is after `from`, the cursor decodes.
    return {
      allOf,
      ownOf,
      ownUserId: user,
      chargerId: query.chargerId,
      userId: query.userId,
      from: query.from === undefined ? undefined : parseCallerTime(query.from),
      to: query.to === undefined ? undefined : parseCallerTime(query.to),
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit,
    };
  }

  /** installation id → the caller's roles there, for the installations the filters cover. */
  private async rolesOn(
    principal: Principal,
    query: SessionsQueryDto,
  ): Promise<Map<string, number>> {
    // The DTO has lowercased the ids (ObjectIdFilter).
    const { installationId, chargerId } = query;
    if (chargerId !== undefined) {
      const charger = await this.roles.resolve(principal, 'charger', chargerId);
      if (!charger) throw noRoleOn('charger', chargerId);
      // A charger outside the named installation: the filters match nothing.
      if (installationId !== undefined && installationId !== charger.installationId) {
        return new Map();
      }
      return new Map([[charger.installationId, charger.roles]]);
    }
    const visible = await this.roles.installations(principal);
    if (installationId !== undefined) {
      // The access guard has proved a role on it (@RoleTargetQuery).
      return new Map([[installationId, visible.get(installationId)?.roles ?? 0]]);
    }
    return new Map([...visible].map(([id, { roles }]) => [id, roles]));
  }
}
