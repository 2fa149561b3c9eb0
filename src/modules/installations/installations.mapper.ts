import { heldRoles } from '../../core/auth/held-roles';
import { holdsAny, UserRoles } from '../../core/auth/user-roles';
import type {
  ZaptecFirmware,
  ZaptecHierarchy,
  ZaptecInstallation,
} from '../../upstream/zaptec/types/wire';
import { toCircuitDto } from '../circuits/circuits.mapper';
import type { ConstantsCatalog } from '../constants/constants-catalog';
import type { ChargerFirmwareDto } from './dto/charger-firmware.dto';
import type { HierarchyDto } from './dto/hierarchy.dto';
import type { InstallationDto } from './dto/installation.dto';
import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';

/**
 * A plain User gets identity and address only, as Zaptec answers a User (§5.1, HA#357); the
 * limits are dropped here too, so this holds even if upstream ever sent more.
 */
export function toInstallationDto(
  installation: ZaptecInstallation,
  constants: ConstantsCatalog,
): InstallationDto {
  const roles = installation.CurrentUserRoles ?? UserRoles.None;
  const reduced: InstallationDto = {
    id: installation.Id,
    name: installation.Name,
    address: installation.Address,
    zipCode: installation.ZipCode,
    city: installation.City,
    countryId: installation.CountryId,
    installationType: installation.InstallationType,
    active: installation.Active,
    isRequiredAuthentication: installation.IsRequiredAuthentication,
    timeZone: installation.TimeZoneIanaName,
    ...heldRoles(roles),
  };
  // Owner, Maintainer, Administrator only: Onboarding or a partner role alone is no manager.
  if (!holdsAny(roles, 'manager')) return reduced;
  return {
    ...reduced,
    maxCurrent: installation.MaxCurrent,
    availableCurrentPhase1: installation.AvailableCurrentPhase1,
    availableCurrentPhase2: installation.AvailableCurrentPhase2,
    availableCurrentPhase3: installation.AvailableCurrentPhase3,
    availableCurrentMode: installation.AvailableCurrentMode,
    threeToOnePhaseSwitchCurrent: installation.ThreeToOnePhaseSwitchCurrent,
    minPowerOfflineMode: installation.MinPowerOfflineMode,
    networkType: installation.NetworkType,
    networkTypeName: constants.nameOf('NetworkTypes', installation.NetworkType),
    authenticationType: installation.AuthenticationType,
    authenticationTypeName: constants.nameOf(
      'InstallationAuthenticationType',
      installation.AuthenticationType,
    ),
    activeChargerCount: installation.ActiveChargerCount,
    latitude: installation.Latitude,
    longitude: installation.Longitude,
    createdOn: fromZaptecTime(installation.CreatedOnDate),
    updatedOn: fromZaptecTime(installation.UpdatedOn),
  };
}

export function toHierarchyDto(
  hierarchy: ZaptecHierarchy,
  constants: ConstantsCatalog,
): HierarchyDto {
  return {
    id: hierarchy.Id,
    name: hierarchy.Name,
    networkType: hierarchy.NetworkType,
    networkTypeName: constants.nameOf('NetworkTypes', hierarchy.NetworkType),
    circuits: (hierarchy.Circuits ?? []).map((circuit) => toCircuitDto(circuit, constants)),
  };
}

export function toChargerFirmwareDto(
  firmware: ZaptecFirmware,
  constants: ConstantsCatalog,
): ChargerFirmwareDto {
  return {
    chargerId: firmware.ChargerId,
    deviceId: firmware.DeviceId,
    currentVersion: firmware.CurrentVersion,
    availableVersion: firmware.AvailableVersion,
    isUpToDate: firmware.IsUpToDate,
    isOnline: firmware.IsOnline,
    deviceType: firmware.DeviceType,
    deviceTypeName: constants.nameOf('DeviceTypes', firmware.DeviceType),
  };
}
