import type { FastifyInstance } from 'fastify';
import { historyWire, sessionEndWire } from '../../world/charge-session';
import { booleanParam, guidParam, manages, page, pagingOf, stringParam } from '../access';
import { accountOf, queryOf, type SimulatorContext } from '../context';
import { sendBindingError, sendForbidden, sendJson, sendNotFound } from '../responses';

export function historyRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.get('/api/chargehistory', (request, reply) => {
    const query = queryOf(request);
    const paging = pagingOf(query, reply);
    if (!paging) return reply;
    const account = accountOf(request);
    const filters: Record<string, string | undefined> = {};
    for (const name of ['installationid', 'chargerid', 'userid']) {
      const value = stringParam(query[name]);
      if (value !== undefined && !guidParam(reply, name, value)) return reply;
      filters[name] = value?.toLowerCase();
    }
    const dates: Record<string, number | undefined> = {};
    for (const name of ['from', 'to']) {
      const value = stringParam(query[name]);
      // Zaptec times are UTC without a zone; a value without one is read as UTC.
      const parsed =
        value === undefined
          ? undefined
          : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
      if (parsed !== undefined && Number.isNaN(parsed))
        return sendBindingError(reply, name, value ?? '');
      dates[name] = parsed;
    }
    const withDetails = Number(stringParam(query.detaillevel) ?? 0) >= 1;
    ctx.world.syncAll();
    const items = ctx.world.history.filter((session) => {
      const roles = ctx.world.rolesOn(session.installationId, account.id);
      if (!roles) return false;
      // A plain User sees their own sessions only.
      if (!manages(roles) && session.userId !== account.id) return false;
      if (filters.installationid && session.installationId !== filters.installationid) return false;
      if (filters.chargerid && session.chargerId !== filters.chargerid) return false;
      if (filters.userid && session.userId !== filters.userid) return false;
      const start = session.startedAt.getTime();
      return (
        (dates.from === undefined || start >= dates.from) &&
        (dates.to === undefined || start < dates.to)
      );
    });
    const descending =
      booleanParam(query.sortdescending) &&
      (stringParam(query.sortproperty) ?? 'StartDateTime').toLowerCase() === 'startdatetime';
    const ordered = descending ? [...items].reverse() : items;
    const current = page(ordered, paging);
    return sendJson(reply, {
      Pages: current.Pages,
      Data: current.Data.map((session) => historyWire(session, withDetails)),
    });
  });

  app.get('/api/session/:id', (request, reply) => {
    const id = guidParam(reply, 'id', (request.params as { id: string }).id);
    if (!id) return reply;
    const session = ctx.world.session(id);
    if (!session) return sendNotFound(reply, 'Session');
    const account = accountOf(request);
    const roles = ctx.world.rolesOn(session.installationId, account.id);
    if (!roles || (!manages(roles) && session.userId !== account.id)) return sendForbidden(reply);
    return sendJson(reply, sessionEndWire(session));
  });
}
