import { CacheService } from '../../cache/cache.service';
import { Injectable } from '@nestjs/common';
import { heldBy, visibleTo } from '../../core/auth/key-scope';
import type { Principal } from '../../core/auth/principal';
import type { WriteContext } from '../../core/auth/write-context';
import type { ZaptecChargerUpdate } from '../../upstream/zaptec/types/wire';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { AuditService } from '../audit/audit.service';
import { ConstantsService } from '../constants/constants.service';
import { toChargerStateDto } from './charger-state.mapper';
import { toChargerDto, toChargerListItemDto, toChargerSettingsDto } from './chargers.mapper';
import type { ChargerDto, ChargerListItemDto } from './dto/charger.dto';
import type {
  ChargerSettingsDto,
  ChargerSettingsUpdateResultDto,
  UpdateChargerSettingsDto,
} from './dto/charger-settings.dto';
import type { ChargerStateDto } from './dto/charger-state.dto';

/**
 * Chargers as Zaptec knows them (list, detail, live state, settings), mapped to
 * our DTOs with names decoded through the constants upstream serves.
 */
@Injectable()
export class ChargersService {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly constants: ConstantsService,
    private readonly audit: AuditService,
    private readonly cache: CacheService,
  ) {}

  async list(principal: Principal, installationId?: string): Promise<ChargerListItemDto[]> {
    const [items, catalog] = await Promise.all([
      this.zaptec.chargers(principal.upstream),
      this.constants.current(principal.upstream),
    ]);
    return (
      visibleTo(principal, items, (item) => item.InstallationId)
        // Zaptec's GUIDs are lowercase, and the filter was lowercased where it came in.
        .filter((item) => !installationId || item.InstallationId?.toLowerCase() === installationId)
        .map((item) => {
          void this.cache.remember(deviceTypeKey(item.Id), DEVICE_TYPES, item.DeviceType);
          return toChargerListItemDto(item, catalog);
        })
    );
  }

  async detail(principal: Principal, id: string): Promise<ChargerDto> {
    const [charger, catalog] = await Promise.all([
      this.zaptec.charger(principal.upstream, id),
      this.constants.current(principal.upstream),
    ]);
    await this.cache.remember(deviceTypeKey(id), DEVICE_TYPES, charger.DeviceType);
    return toChargerDto(heldBy(principal, charger), catalog);
  }

  async state(principal: Principal, id: string): Promise<ChargerStateDto> {
    const [state, deviceType, catalog] = await Promise.all([
      this.zaptec.chargerState(principal.upstream, id),
      this.deviceTypeOf(principal, id),
      this.constants.current(principal.upstream),
    ]);
    return toChargerStateDto(id, deviceType, state, catalog);
  }

  /** Read from the state observations: Zaptec asked clients not to use `/settings` (HA#176). */
  async settings(principal: Principal, id: string): Promise<ChargerSettingsDto> {
    return toChargerSettingsDto(id, await this.zaptec.chargerState(principal.upstream, id));
  }

  async updateSettings(
    context: WriteContext,
    id: string,
    body: UpdateChargerSettingsDto,
  ): Promise<ChargerSettingsUpdateResultDto> {
    const requested = settingsUpdateOf(body);
    return this.audit.track(
      {
        principal: context.principal,
        action: 'charger.settings',
        targetType: 'charger',
        targetId: id,
        installationId: context.access.installationId,
        details: { ...requested },
        requestId: context.requestId,
      },
      async () => {
        await this.cache.writing([id], () =>
          this.zaptec.updateCharger(context.principal.upstream, id, requested),
        );
        return { chargerId: id, requested, acceptedAt: new Date().toISOString() };
      },
    );
  }

  /** The charger's `DeviceTypes` value, from the detail once, then remembered. */
  async deviceTypeOf(principal: Principal, id: string): Promise<number> {
    const { entry } = await this.cache.read(deviceTypeKey(id), DEVICE_TYPES, async () => {
      const charger = await this.zaptec.charger(principal.upstream, id);
      return charger.DeviceType;
    });
    return entry.value;
  }
}

/** A charger's device type never changes; it picks the device schema of the constants. */
const DEVICE_TYPES = { domain: 'deviceType', ttlMs: 7 * 24 * 60 * 60 * 1000 };
const deviceTypeKey = (chargerId: string) => `device-type|${chargerId}`;

/** The fields to send; the DTO has made sure there is at least one and min ≤ max. */
function settingsUpdateOf(body: UpdateChargerSettingsDto): ZaptecChargerUpdate {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined && value !== null),
  );
}
