import { type CompletedChargeSession, completeSession } from './charge-session';
import { type DemoCharger, DeviceType } from './demo-data';
import { stableId } from './ids';
import { Random } from './random';

const DAY = 24 * 3_600_000;
/**
 * Every demo charger's first session, on the day the demo site was commissioned, before the
 * generated months: one session whose id never changes (the generated ones are keyed by day, and
 * the window moves with the clock), so the OpenAPI example of GET /v1/sessions/{id} works on any
 * day (Zaptec's charge history keeps old sessions listed; zaptec-api.md §5).
 */
export const FIRST_SESSION_AT = Date.UTC(2026, 0, 5, 9, 0);
export const firstSessionId = (chargerId: string): string => stableId(`history:${chargerId}:first`);

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
  const seeded = new Random(`history:${charger.id}`);
  const isGo = charger.deviceType === DeviceType.Go;
  let registerKwh = 1000 + seeded.between(0, 3000);
  const sessions: CompletedChargeSession[] = [];
  const firstDay = Math.floor(until / DAY) - days;
  const generated = Array.from({ length: days }, (_, i) => firstDay + i);
  // The first session (undefined: no day), while the generated months start later (always, from
  // 2026-01-06 on), drawn from its own seed so the generated sessions stay as they were.
  const first = days > 0 && FIRST_SESSION_AT + DAY <= firstDay * DAY ? [undefined] : [];
  const firstRandom = new Random(`history:${charger.id}:first`);
  for (const day of [...first, ...generated]) {
    const random = day === undefined ? firstRandom : seeded;
    if (day !== undefined && random.next() > 0.75) continue;
    const startedAt =
      day === undefined
        ? FIRST_SESSION_AT
        : day * DAY + random.integer(6 * 60, 19 * 60) * 60_000 + random.integer(0, 59_999);
    const powerW = isGo ? random.between(3500, 7300) : random.between(6500, 11000);
    const energyKwh = random.between(3, 32);
    const chargingEnd = startedAt + Math.ceil((energyKwh / (powerW / 1000)) * 3_600_000);
    const endedAt = chargingEnd + random.integer(5, 180) * 60_000;
    if (endedAt >= until) break;
    const userId = random.pick(charger.drivers);
    const session = completeSession({
      id: day === undefined ? firstSessionId(charger.id) : stableId(`history:${charger.id}:${day}`),
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
