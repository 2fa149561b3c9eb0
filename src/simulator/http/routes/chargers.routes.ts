import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Obs } from '../../world/observations';
import type { PlacedCharger } from '../../world/world';
import {
  booleanParam,
  guidParam,
  manages,
  page,
  pagingOf,
  sortItems,
  stringParam,
} from '../access';
import { accountOf, bodyOf, errorCode, queryOf, type SimulatorContext } from '../context';
import { sendEmpty, sendForbidden, sendJson, sendNotFound, sendZaptecError } from '../responses';
import { chargerDetailWire, chargerListWire } from './wire';

/** chargers/{id}/update fields (§5.10) → the observation/setting each one sets, and its bounds. */
const UPDATE_FIELDS: Record<
  string,
  { stateId: number; min: number; max: number; values?: number[] }
> = {
  maxchargecurrent: { stateId: Obs.MaxCurrent, min: 0, max: 32 },
  minchargecurrent: { stateId: Obs.MinCurrent, min: 0, max: 32 },
  maxchargephases: { stateId: Obs.MaxPhases, min: 1, max: 3, values: [1, 3] },
  offlinechargecurrent: { stateId: Obs.OfflineCurrent, min: -1, max: 32 },
  offlinechargephase: { stateId: Obs.OfflinePhase, min: 0, max: 4 },
  metervalueinterval: { stateId: Obs.MeterValueInterval, min: 60, max: 86_400 },
};

export function chargerRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.get('/api/chargers', (request, reply) => {
    const query = queryOf(request);
    const paging = pagingOf(query, reply);
    if (!paging) return reply;
    const account = accountOf(request);
    const installationId = stringParam(query.installationid)?.toLowerCase();
    const deviceType = stringParam(query.devicetype);
    const roleFilter = Number(stringParam(query.roles) ?? 0);
    const nameFilter = stringParam(query.namefilter)?.toLowerCase();
    ctx.world.syncAll();
    let items = [...ctx.world.chargers.values()]
      .map((placed) => ({ placed, roles: placed.installation.roles[account.id] ?? 0 }))
      .filter(({ roles }) => roles !== 0 && (!roleFilter || (roles & roleFilter) !== 0))
      .filter(({ placed }) => !installationId || placed.installation.id === installationId)
      .filter(({ placed }) => !deviceType || placed.charger.info.deviceType === Number(deviceType))
      .filter(
        ({ placed }) => !nameFilter || placed.charger.info.name.toLowerCase().includes(nameFilter),
      )
      .map(({ placed, roles }) =>
        booleanParam(query.returnidnameonly)
          ? { Id: placed.charger.info.id, Name: placed.charger.info.name }
          : chargerListWire(placed, roles),
      );
    items = sortItems(items, stringParam(query.sortproperty), booleanParam(query.sortdescending));
    return sendJson(reply, page(items, paging));
  });

  /**
   * Resolves `:id` to a charger, or answers: 400 bad GUID, 404 unknown (the camelCase body of the
   * state endpoint, §4), 403 without a role that `allowed` accepts.
   */
  const chargerFor = (
    request: FastifyRequest,
    reply: FastifyReply,
    allowed: (roles: number) => boolean = manages,
  ): { placed: PlacedCharger; roles: number } | undefined => {
    const id = guidParam(reply, 'id', (request.params as { id: string }).id);
    if (!id) return undefined;
    const placed = ctx.world.charger(id);
    if (!placed) {
      sendNotFound(reply, 'Charger');
      return undefined;
    }
    const roles = placed.installation.roles[accountOf(request).id] ?? 0;
    if (!roles || !allowed(roles)) {
      sendForbidden(reply);
      return undefined;
    }
    return { placed, roles };
  };

  app.get('/api/chargers/:id', (request, reply) => {
    const found = chargerFor(request, reply);
    if (!found) return reply;
    return sendJson(reply, chargerDetailWire(found.placed, found.roles, ctx.world));
  });

  app.get('/api/chargers/:id/state', (request, reply) => {
    const found = chargerFor(request, reply);
    if (!found) return reply;
    const json = ctx.stateCache.json(found.placed, ctx.world.clock.nowMs());
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.post('/api/chargers/:id/update', (request, reply) => {
    const found = chargerFor(request, reply);
    if (!found) return reply;
    const body = bodyOf(request);
    const settings: Record<number, number> = {};
    for (const [field, value] of Object.entries(body)) {
      const rule = UPDATE_FIELDS[field];
      // Unknown fields and nulls are ignored, as ASP.NET binding does (§5.10 "Nulls ignored").
      if (!rule || value === null || value === undefined) continue;
      if (
        typeof value !== 'number' ||
        value < rule.min ||
        value > rule.max ||
        (rule.values && !rule.values.includes(value))
      ) {
        return sendZaptecError(
          reply,
          errorCode(ctx.constants, 'InvalidFormat'),
          `Invalid value for ${field}: ${JSON.stringify(value)}.`,
        );
      }
      settings[rule.stateId] = value;
    }
    found.placed.charger.applySettings(settings, ctx.world.clock.nowMs());
    return sendEmpty(reply);
  });

  // Internal endpoint (Zaptec asked HA to stop using it, HA#176); served for completeness.
  app.get('/api/chargers/:id/settings', (request, reply) => {
    const found = chargerFor(request, reply);
    if (!found) return reply;
    const settings: Record<string, object> = {};
    for (const id of [
      Obs.AuthenticationRequired,
      Obs.CommunicationMode,
      Obs.PermanentCableLock,
      Obs.MaxCurrent,
      Obs.MinCurrent,
      Obs.MaxPhases,
      Obs.OfflinePhase,
      Obs.OfflineCurrent,
      Obs.IsEnabled,
    ]) {
      const value = found.placed.charger.stateValue(id);
      if (value !== undefined) settings[String(id)] = { SettingId: id, Value: value };
    }
    return sendJson(reply, settings);
  });

  app.post('/api/chargers/:id/settings', (request, reply) => {
    const found = chargerFor(request, reply);
    if (!found) return reply;
    const items = Array.isArray(request.body) ? (request.body as Record<string, unknown>[]) : [];
    const settings: Record<number, number> = {};
    for (const item of items) {
      const lowered = Object.fromEntries(
        Object.entries(item).map(([key, value]) => [key.toLowerCase(), value]),
      );
      const id = Number(lowered.id);
      const value = Number(lowered.value);
      if (!ctx.constants.settings.has(id) || !Number.isFinite(value)) {
        const unknown = errorCode(ctx.constants, 'UnknownSetting');
        return sendZaptecError(reply, unknown, `Unknown setting ${String(lowered.id)}.`);
      }
      settings[id] = value;
    }
    found.placed.charger.applySettings(settings, ctx.world.clock.nowMs());
    return sendEmpty(reply);
  });

  app.post('/api/chargers/:id/localSettings', (request, reply) => {
    const found = chargerFor(request, reply);
    if (!found) return reply;
    const body = bodyOf(request);
    const now = ctx.world.clock.nowMs();
    const cable = lower(body.cable);
    const device = lower(body.device);
    if (typeof cable.permanentlock === 'boolean') {
      found.placed.charger.setLocal(Obs.PermanentCableLock, cable.permanentlock ? '1' : '0', now);
    }
    if (typeof device.hmibrightness === 'number') {
      if (device.hmibrightness < 0 || device.hmibrightness > 1)
        return sendZaptecError(
          reply,
          errorCode(ctx.constants, 'InvalidFormat'),
          'HmiBrightness must be between 0 and 1.',
        );
      found.placed.charger.setLocal(Obs.HmiBrightness, device.hmibrightness.toFixed(3), now);
    }
    return sendEmpty(reply);
  });

  app.post('/api/chargers/:id/authorizecharge', (request, reply) => {
    // Undocumented; works only with native authentication, else 500 (§4).
    const found = chargerFor(request, reply, (roles) => roles !== 0);
    if (!found) return reply;
    const { placed } = found;
    if (placed.installation.authenticationType !== 0) {
      return sendZaptecError(
        reply,
        errorCode(ctx.constants, 'NotSupported'),
        'Authorization is only supported for native authentication.',
      );
    }
    if (!placed.charger.authorizeNow(ctx.world.clock.nowMs())) {
      return sendZaptecError(
        reply,
        errorCode(
          ctx.constants,
          'OperationFailedDueToChargerState',
          'OperationFailedForUnknownReasons',
        ),
        'The charger is not waiting for authorization.',
      );
    }
    return sendEmpty(reply);
  });
}

function lower(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), item]));
}
