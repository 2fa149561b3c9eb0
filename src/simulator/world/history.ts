import { type CompletedChargeSession, completeSession } from './charge-session';
import { type DemoCharger, DeviceType } from './demo-data';
import { stableId } from './ids';
import { Random } from './random';

const DAY = 24 * 3_600_000;

export interface HistoryContext {
  installationId: string;
  requiresAuthentication: boolean;
  signedFlag: boolean;
  person(id: string): { id: string; fullName: string; email: string } | undefined;
}

/**
 * Months of finished sessions before `until`, the same on every run (seeded by charger id and
 * day), so history features have data. Returns them oldest first with the register they leave.
 */
export function generateHistory(
  charger: DemoCharger,
  context: HistoryContext,
  until: number,
  days: number,
): { sessions: CompletedChargeSession[]; registerKwh: number } {
  const random = new Random(`history:${charger.id}`);
  const isGo = charger.deviceType === DeviceType.Go;
  let registerKwh = 1000 + random.between(0, 3000);
  const sessions: CompletedChargeSession[] = [];
  const firstDay = Math.floor(until / DAY) - days;
  for (let day = firstDay; day < firstDay + days; day += 1) {
    if (random.next() > 0.75) continue;
    const startedAt =
      day * DAY + random.integer(6 * 60, 19 * 60) * 60_000 + random.integer(0, 59_999);
    const powerW = isGo ? random.between(3500, 7300) : random.between(6500, 11000);
    const energyKwh = random.between(3, 32);
    const chargingEnd = startedAt + Math.ceil((energyKwh / (powerW / 1000)) * 3_600_000);
    const endedAt = chargingEnd + random.integer(5, 180) * 60_000;
    if (endedAt >= until) break;
    const userId = random.pick(charger.drivers);
    const session = completeSession({
      id: stableId(`history:${charger.id}:${day}`),
      chargerId: charger.id,
      installationId: context.installationId,
      deviceId: charger.deviceId,
      deviceName: charger.name,
      user: context.person(userId),
      tokenName: context.requiresAuthentication ? `RFID-${charger.pin}` : undefined,
      authenticationCode: context.requiresAuthentication
        ? `nfc-04${charger.deviceId.slice(-6)}A6E7`
        : '',
      startedAt,
      endedAt,
      startRegisterKwh: registerKwh,
      segments: [{ from: startedAt, to: chargingEnd, powerW }],
      signedFlag: context.signedFlag,
      device: {
        chargerId: charger.id,
        deviceId: charger.deviceId,
        gateway: isGo ? 'ZAPTEC GO' : 'ZAPTEC PRO',
        firmware: '3.2.2.0',
      },
      sequence: sessions.length + 1,
    });
    registerKwh += session.energyKwh;
    sessions.push(session);
  }
  return { sessions, registerKwh };
}
