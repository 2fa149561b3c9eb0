import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  booleanParam,
  guidParam,
  isService,
  manages,
  page,
  pagingOf,
  sortItems,
  stringParam,
} from '../access';
import { accountOf, bodyOf, errorCode, queryOf, type SimulatorContext } from '../context';
import { sendEmpty, sendForbidden, sendJson, sendNotFound, sendZaptecError } from '../responses';
import { installationWire, messagingConnectionWire } from './installation-wire';
import { circuitWire, firmwareWire, hierarchyWire } from './wire';

export function installationRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const activeChargers = (installationId: string) =>
    [...ctx.world.chargers.values()].filter((placed) => placed.installation.id === installationId)
      .length;

  app.get('/api/installation', (request, reply) => {
    const query = queryOf(request);
    const paging = pagingOf(query, reply);
    if (!paging) return reply;
    const account = accountOf(request);
    const roleFilter = Number(stringParam(query.roles) ?? 0);
    const nameFilter = stringParam(query.namefilter)?.toLowerCase();
    let items = [...ctx.world.installations.values()]
      .map((installation) => ({ installation, roles: installation.roles[account.id] ?? 0 }))
      .filter(({ roles }) => roles !== 0 && (!roleFilter || (roles & roleFilter) !== 0))
      .filter(
        ({ installation }) => !nameFilter || installation.name.toLowerCase().includes(nameFilter),
      )
      .map(({ installation, roles }) =>
        booleanParam(query.returnidnameonly)
          ? { Id: installation.id, Name: installation.name }
          : installationWire(installation, roles, activeChargers(installation.id)),
      );
    items = sortItems(items, stringParam(query.sortproperty), booleanParam(query.sortdescending));
    return sendJson(reply, page(items, paging));
  });

  /** Resolves `:id` to an installation the caller has a role on, or answers for it. */
  const installationFor = (request: FastifyRequest, reply: FastifyReply) => {
    const id = guidParam(reply, 'id', (request.params as { id: string }).id);
    if (!id) return undefined;
    const installation = ctx.world.installations.get(id);
    if (!installation) {
      sendNotFound(reply, 'Installation');
      return undefined;
    }
    const roles = installation.roles[accountOf(request).id] ?? 0;
    if (!roles) {
      sendForbidden(reply);
      return undefined;
    }
    return { installation, roles };
  };

  app.get('/api/installation/:id', (request, reply) => {
    const found = installationFor(request, reply);
    if (!found) return reply;
    const { installation, roles } = found;
    const body = installationWire(installation, roles, activeChargers(installation.id)) as Record<
      string,
      unknown
    >;
    if (Number(stringParam(queryOf(request).detaillevel) ?? 0) >= 1 && manages(roles)) {
      body.InstallationUsers = Object.entries(installation.roles).map(([userId, userRoles]) => ({
        UserId: userId,
        Roles: userRoles,
      }));
    }
    return sendJson(reply, body);
  });

  app.get('/api/installation/:id/hierarchy', (request, reply) => {
    const found = installationFor(request, reply);
    if (!found) return reply;
    // A plain User got 403 until 2025-09-19 and an empty 204 since (HA#320).
    if (!manages(found.roles)) return sendEmpty(reply, 204);
    return sendJson(reply, hierarchyWire(found.installation, ctx.world));
  });

  // Documented but deprecated; HA calls it on every setup to subscribe to the Service Bus, and
  // handles the 403 of a role that may not subscribe (§4, §13). "Owner or service" (§7).
  app.get('/api/installation/:id/messagingConnectionDetails', (request, reply) => {
    const found = installationFor(request, reply);
    if (!found) return reply;
    if (!manages(found.roles)) return sendForbidden(reply);
    return sendJson(reply, messagingConnectionWire(found.installation));
  });

  app.post('/api/installation/:id/update', (request, reply) => {
    const found = installationFor(request, reply);
    if (!found) return reply;
    const { installation, roles } = found;
    if (!manages(roles)) return sendForbidden(reply);
    const body = bodyOf(request);
    const numbers: Record<string, number | undefined> = {};
    for (const field of [
      'availablecurrent',
      'availablecurrentphase1',
      'availablecurrentphase2',
      'availablecurrentphase3',
      'maxcurrent',
      'threetoonephaseswitchcurrent',
      'minpowerofflinemode',
    ]) {
      const value = body[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return sendZaptecError(
          reply,
          errorCode(ctx.constants, 'InvalidFormat'),
          `Invalid value for ${field}.`,
        );
      }
      numbers[field] = value;
    }
    if (numbers.maxcurrent !== undefined && !isService(roles)) return sendForbidden(reply);
    const maxCurrent = numbers.maxcurrent ?? installation.maxCurrent;
    const phases = [
      numbers.availablecurrentphase1,
      numbers.availablecurrentphase2,
      numbers.availablecurrentphase3,
    ];
    const given = phases.filter((value) => value !== undefined).length;
    if (given !== 0 && given !== 3) {
      return sendZaptecError(
        reply,
        errorCode(ctx.constants, 'MissingRequiredData'),
        'Either availableCurrent or all of availableCurrentPhase1-3 must be set.',
      );
    }
    const currents =
      numbers.availablecurrent !== undefined
        ? [numbers.availablecurrent, numbers.availablecurrent, numbers.availablecurrent]
        : given
          ? (phases as number[])
          : undefined;
    if (currents?.some((value) => value < 0 || value > maxCurrent)) {
      return sendZaptecError(
        reply,
        errorCode(ctx.constants, 'InstallationConstraintViolation', 'InstallationTypeViolation'),
        `Available current must be between 0 and ${maxCurrent} A.`,
      );
    }
    const switchCurrent = numbers.threetoonephaseswitchcurrent;
    if (switchCurrent !== undefined && (switchCurrent < 0 || switchCurrent > 32)) {
      return sendZaptecError(
        reply,
        errorCode(ctx.constants, 'InstallationConstraintViolation', 'InstallationTypeViolation'),
        'ThreeToOnePhaseSwitchCurrent must be between 0 and 32.',
      );
    }
    installation.maxCurrent = maxCurrent;
    // Omitting the current reverts it to MaxCurrent (§5.10).
    [
      installation.availableCurrentPhase1,
      installation.availableCurrentPhase2,
      installation.availableCurrentPhase3,
    ] = currents ?? [maxCurrent, maxCurrent, maxCurrent];
    if (switchCurrent !== undefined) installation.threeToOnePhaseSwitchCurrent = switchCurrent;
    if (numbers.minpowerofflinemode !== undefined)
      installation.minPowerOfflineMode = numbers.minpowerofflinemode;
    installation.updatedOn = ctx.world.clock.now();
    ctx.world.installationLimitsChanged(installation);
    return sendEmpty(reply);
  });

  app.get('/api/circuits/:id', (request, reply) => {
    const id = guidParam(reply, 'id', (request.params as { id: string }).id);
    if (!id) return reply;
    const circuit = ctx.world.circuits.get(id);
    if (!circuit) return sendNotFound(reply, 'Circuit');
    const roles = ctx.world.rolesOn(circuit.installationId, accountOf(request).id);
    if (!manages(roles)) return sendForbidden(reply);
    return sendJson(reply, circuitWire(circuit, ctx.world));
  });

  app.get('/api/chargerFirmware/installation/:id', (request, reply) => {
    const found = installationFor(request, reply);
    if (!found) return reply;
    if (!manages(found.roles)) return sendForbidden(reply);
    ctx.world.syncAll();
    return sendJson(reply, firmwareWire(found.installation, ctx.world));
  });
}
