import { createHash } from 'node:crypto';
import { availableCurrentOf, type SimInstallation } from '../../world/world';
import { zaptecTime } from '../../world/wire-format';
import { manages } from '../access';

const NORWAY = '83bffdb1-0a92-4574-bb7b-bd0d17387c17';

/**
 * Installation (§5.1). A plain User gets nearly all of it: HA#357's real User item lacked only
 * `AuthenticationType` and ended at `PropertyFirmwareAutomaticUpdates` (HA PR #355 relaxed only
 * that field); strict clients require `NetworkType` there (§13).
 */
export function installationWire(
  installation: SimInstallation,
  roles: number,
  activeChargers: number,
): object {
  const full = {
    Id: installation.id,
    Name: installation.name,
    Address: installation.address,
    ZipCode: installation.zipCode,
    City: installation.city,
    CountryId: NORWAY,
    InstallationType: 0,
    MaxCurrent: installation.maxCurrent,
    AvailableCurrent: availableCurrentOf(installation),
    AvailableCurrentPhase1: installation.availableCurrentPhase1,
    AvailableCurrentPhase2: installation.availableCurrentPhase2,
    AvailableCurrentPhase3: installation.availableCurrentPhase3,
    AvailableCurrentMode: 0,
    AvailableCurrentScheduleWeekendActive: false,
    ThreeToOnePhaseSwitchCurrent: installation.threeToOnePhaseSwitchCurrent,
    MinPowerOfflineMode: installation.minPowerOfflineMode,
    InstallationCategoryId: '5c624162-e595-4167-a8bb-8b33a1487b62',
    InstallationCategory: 'Community_Installation_Category',
    UseLoadBalancing: true,
    IsRequiredAuthentication: installation.isRequiredAuthentication,
    Latitude: installation.latitude,
    Longitude: installation.longitude,
    Active: true,
    NetworkType: 4,
    AvailableInternetAccessPLC: false,
    AvailableInternetAccessWiFi: true,
    CreatedOnDate: zaptecTime(installation.createdOn),
    UpdatedOn: zaptecTime(installation.updatedOn),
    CurrentUserRoles: roles,
    AuthenticationType: installation.authenticationType,
    MessagingEnabled: false,
    RoutingId: 'default',
    OcppCloudUrlVersion: 0,
    TimeZoneName: '(UTC+01:00) Central European Time (Oslo)',
    TimeZoneIanaName: 'Europe/Oslo',
    IsSubscriptionsAvailableForCurrentUser: false,
    AvailableFeatures: 183,
    EnabledFeatures: 0,
    ActiveChargerCount: activeChargers,
    PropertyFirmwareAutomaticUpdates: true,
    PropertySessionMaxStopCount: 0,
  };
  if (manages(roles)) return full;
  const { AuthenticationType, PropertySessionMaxStopCount, ...forUser } = full;
  return forUser;
}

/**
 * `messagingConnectionDetails` (§5.9): where the installation's Service Bus topic is and how to
 * sign in to it, ~300 bytes as HA#283's log shows. The bus is not simulated: the host is in the
 * reserved `.invalid` domain (RFC 6761), so a client's connect fails at once and no credential
 * ever goes to Zaptec's real bus. The SAS key is derived from the id, the same on every run.
 */
export function messagingConnectionWire(installation: SimInstallation): object {
  const name = `installation_${installation.id}`;
  return {
    Type: 0,
    Host: 'zap-sim-installations-sbus.servicebus.invalid',
    Port: 5671,
    UseSSL: true,
    Username: name,
    Password: createHash('sha256').update(`sas:${installation.id}`).digest('base64'),
    Topic: name,
    Subscription: 'default',
  };
}
