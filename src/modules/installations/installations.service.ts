import { CacheService } from '../../cache/cache.service';
import { Injectable } from '@nestjs/common';
import { heldBy, visibleTo } from '../../core/auth/key-scope';
import type { Principal } from '../../core/auth/principal';
import type { WriteContext } from '../../core/auth/write-context';
import { holdsAny, UserRoles } from '../../core/auth/user-roles';
import { validationProblem } from '../../core/errors/validation';
import type { ZaptecInstallationUpdate } from '../../upstream/zaptec/types/wire';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { AuditService } from '../audit/audit.service';
import { ConstantsService } from '../constants/constants.service';
import type { ChargerFirmwareDto } from './dto/charger-firmware.dto';
import type { HierarchyDto } from './dto/hierarchy.dto';
import type { InstallationDto } from './dto/installation.dto';
import type {
  InstallationLimitsDto,
  UpdateInstallationLimitsDto,
} from './dto/installation-limits.dto';
import { limitBoundErrors, phaseCurrents } from './installation-limits';
import { toChargerFirmwareDto, toHierarchyDto, toInstallationDto } from './installations.mapper';
import { roleTooWeak } from '../../core/errors/auth-problems';

@Injectable()
export class InstallationsService {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly constants: ConstantsService,
    private readonly audit: AuditService,
    private readonly cache: CacheService,
  ) {}

  /** Only installations the caller holds a customer role on (not e.g. Onboarding alone). */
  async list(principal: Principal): Promise<InstallationDto[]> {
    const [installations, constants] = await Promise.all([
      this.zaptec.installations(principal.upstream),
      this.constants.current(principal.upstream),
    ]);
    return visibleTo(principal, installations, (installation) => installation.Id)
      .filter((installation) => holdsAny(installation.CurrentUserRoles ?? UserRoles.None, 'member'))
      .map((installation) => toInstallationDto(installation, constants));
  }

  async installation(principal: Principal, id: string): Promise<InstallationDto> {
    const [installation, constants] = await Promise.all([
      this.zaptec.installation(principal.upstream, id),
      this.constants.current(principal.upstream),
    ]);
    return toInstallationDto(heldBy(principal, installation), constants);
  }

  async hierarchy(principal: Principal, id: string): Promise<HierarchyDto> {
    const [hierarchy, constants] = await Promise.all([
      this.zaptec.hierarchy(principal.upstream, id),
      this.constants.current(principal.upstream),
    ]);
    if (hierarchy) return toHierarchyDto(hierarchy, constants);
    // Zaptec answers 204 while it provisions an installation (§4): it has no circuits yet.
    const installation = await this.zaptec.installation(principal.upstream, id);
    return { id: installation.Id, name: installation.Name, circuits: [] };
  }

  async firmware(principal: Principal, id: string): Promise<ChargerFirmwareDto[]> {
    const [firmware, constants] = await Promise.all([
      this.zaptec.firmware(principal.upstream, id),
      this.constants.current(principal.upstream),
    ]);
    return firmware.map((charger) => toChargerFirmwareDto(charger, constants));
  }

  /**
   * The DTO has checked the body (its form, the static bounds, the currents against a `maxCurrent`
   * it sets). Checked here before Zaptec hears of it: the role for `maxCurrent` (service roles
   * only, §7) and the currents against the main fuse Zaptec holds. Then one audited write, never
   * retried.
   */
  async updateLimits(
    { principal, access, requestId }: WriteContext,
    limits: UpdateInstallationLimitsDto,
  ): Promise<InstallationLimitsDto> {
    const id = access.installationId;
    if (limits.maxCurrent !== undefined && !holdsAny(access.roles, 'service')) {
      throw roleTooWeak(
        "Changing an installation's maxCurrent needs the Maintainer or Administrator role.",
        ['Maintainer', 'Administrator'],
        { field: 'maxCurrent' },
      );
    }
    const maxCurrent =
      limits.maxCurrent ?? (await this.zaptec.installation(principal.upstream, id)).MaxCurrent;
    // Zaptec may leave MaxCurrent out (§1): then the DTO's static bound is the only one.
    const boundErrors = maxCurrent === undefined ? [] : limitBoundErrors(limits, maxCurrent);
    if (boundErrors.length > 0) throw validationProblem(boundErrors);

    // Sent in the form the caller chose; Zaptec applies both the same way (§5.10).
    const update: ZaptecInstallationUpdate = {
      availableCurrent: limits.availableCurrent,
      availableCurrentPhase1: limits.availableCurrentPhase1,
      availableCurrentPhase2: limits.availableCurrentPhase2,
      availableCurrentPhase3: limits.availableCurrentPhase3,
      maxCurrent: limits.maxCurrent,
      threeToOnePhaseSwitchCurrent: limits.threeToOnePhaseSwitchCurrent,
    };
    await this.audit.track(
      {
        principal,
        action: 'installation.limits',
        targetType: 'installation',
        targetId: id,
        installationId: id,
        details: { ...limits },
        requestId,
      },
      () =>
        this.cache.writing([id], () =>
          this.zaptec.updateInstallation(principal.upstream, id, update),
        ),
    );
    const [phase1, phase2, phase3] = phaseCurrents(limits);
    return {
      installationId: id,
      maxCurrent,
      availableCurrentPhase1: phase1,
      availableCurrentPhase2: phase2,
      availableCurrentPhase3: phase3,
      threeToOnePhaseSwitchCurrent: limits.threeToOnePhaseSwitchCurrent,
    };
  }
}
