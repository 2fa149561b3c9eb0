import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';
import { heldRoles } from '../../core/auth/held-roles';
import { UserRoles } from '../../core/auth/user-roles';
import type {
  ZaptecCharger,
  ZaptecChargerListItem,
  ZaptecStateItem,
} from '../../upstream/zaptec/types/wire';
import type { ConstantsCatalog } from '../constants/constants-catalog';
import { StateIds } from './charger-observations';
import type { ChargerDto, ChargerListItemDto } from './dto/charger.dto';
import type { ChargerSettingsDto } from './dto/charger-settings.dto';

function baseOf(item: ZaptecCharger | ZaptecChargerListItem, catalog: ConstantsCatalog) {
  const roles = item.CurrentUserRoles ?? UserRoles.None;
  return {
    id: item.Id,
    deviceId: item.DeviceId,
    name: item.Name,
    installationId: item.InstallationId,
    installationName: item.InstallationName,
    circuitId: item.CircuitId,
    deviceType: item.DeviceType,
    deviceTypeName: catalog.nameOf('DeviceTypes', item.DeviceType),
    ...heldRoles(roles),
    active: item.Active,
    isAuthorizationRequired: item.IsAuthorizationRequired,
    createdAt: fromZaptecTime(item.CreatedOnDate),
  };
}

export function toChargerListItemDto(
  item: ZaptecChargerListItem,
  catalog: ConstantsCatalog,
): ChargerListItemDto {
  return {
    ...baseOf(item, catalog),
    operationMode: catalog.nameOf('ChargerOperationModes', item.OperatingMode),
    isOnline: item.IsOnline,
  };
}

export function toChargerDto(item: ZaptecCharger, catalog: ConstantsCatalog): ChargerDto {
  return {
    ...baseOf(item, catalog),
    hasSessions: item.HasSessions,
    signedMeterValueKwh: item.SignedMeterValueKwh,
    offlinePhaseOverride: item.PropertyOfflinePhaseOverride,
    offlineCurrentOverride: item.PropertyOfflineCurrentOverride,
  };
}

/** Settings as the state reports them (§5.4 ids); a setting the charger does not report is absent. */
export function toChargerSettingsDto(
  chargerId: string,
  state: readonly ZaptecStateItem[],
): ChargerSettingsDto {
  const values = new Map(state.map((item) => [item.StateId, item.ValueAsString]));
  const number = (id: number): number | undefined => {
    const text = values.get(id);
    const parsed = text === undefined || text.trim() === '' ? NaN : Number(text);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  return {
    chargerId,
    maxChargeCurrent: number(StateIds.ChargerMaxCurrent),
    minChargeCurrent: number(StateIds.ChargerMinCurrent),
    maxChargePhases: number(StateIds.MaxPhases),
    offlineChargePhase: number(StateIds.ChargerOfflinePhase),
    offlineChargeCurrent: number(StateIds.ChargerOfflineCurrent),
    meterValueInterval: number(StateIds.SignedMeterValueInterval),
  };
}
