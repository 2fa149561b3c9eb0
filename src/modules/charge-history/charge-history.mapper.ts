import type { ZaptecChargeHistoryItem } from '../../upstream/zaptec/types/wire';
import type { ConstantsCatalog } from '../constants/constants-catalog';
import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';
import type { ChargeSessionDto } from './dto/charge-session.dto';

export function toChargeSessionDto(
  item: ZaptecChargeHistoryItem,
  constants: ConstantsCatalog,
): ChargeSessionDto {
  return {
    id: item.Id,
    chargerId: item.ChargerId,
    deviceId: item.DeviceId,
    deviceName: item.DeviceName,
    startedAt: fromZaptecTime(item.StartDateTime) ?? item.StartDateTime,
    // EndDateTime is when the cloud closed the session; CommitEndDateTime the real end (fw ≥ 3.2, §5.6).
    endedAt: fromZaptecTime(item.CommitEndDateTime ?? item.EndDateTime),
    energyKwh: item.Energy,
    commitMetadata: item.CommitMetadata,
    commitFlags:
      item.CommitMetadata === undefined
        ? []
        : constants.flagNames('SessionCommitMetadata', item.CommitMetadata),
    userId: item.UserId,
    userFullName: item.UserFullName,
    tokenName: item.TokenName,
    externalId: item.ExternalId,
    signedSession: item.SignedSession,
  };
}
