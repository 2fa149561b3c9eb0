import {
  type ChargingSegment,
  type CompletedChargeSession,
  completeSession,
} from './charge-session';
import type { DemoCharger } from './demo-data';
import { stableId } from './ids';
import type { OcmfDevice } from './ocmf';
import type { Random } from './random';

/** The session of the car at a charger, from arrival until it leaves or is deauthorised. */
export interface OpenSession {
  id: string;
  userId: string | undefined;
  startedAt: number;
  startRegisterKwh: number;
  segments: ChargingSegment[];
  /** kWh the car still takes before it is full. */
  needKwh: number;
  authorized: boolean;
}

/** Where a charger sits and what its sessions need to know about it. */
export interface ChargerContext {
  installationId: string;
  circuitId: string;
  requiresAuthentication: boolean;
  /** 6.x constants: commit flag 16 means Signed. */
  signedFlag: boolean;
  /** The observation that reports the installation's available current (A), if any, at start. */
  installationLimit: { stateId: number; amps: number } | undefined;
  person(id: string): { id: string; fullName: string; email: string } | undefined;
  onCompleted(session: CompletedChargeSession): void;
}

/** A car arrives: one of the charger's drivers, wanting 4-35 kWh (drawn in this order). */
export function openSession(
  info: DemoCharger,
  random: Random,
  now: number,
  sequence: number,
  registerKwh: number,
): OpenSession {
  const userId = random.pick(info.drivers);
  return {
    id: stableId(`session:${info.id}:${now}:${sequence}`),
    userId,
    startedAt: now,
    startRegisterKwh: registerKwh,
    segments: [],
    needKwh: random.between(4, 35),
    authorized: false,
  };
}

/** The committed session (charge history, CompletedSession 723) of a session ending at `now`. */
export function closeSession(
  session: OpenSession,
  charger: { info: DemoCharger; context: ChargerContext; device: OcmfDevice },
  now: number,
  sequence: number,
): CompletedChargeSession {
  const { info, context } = charger;
  return completeSession({
    id: session.id,
    chargerId: info.id,
    installationId: context.installationId,
    deviceId: info.deviceId,
    deviceName: info.name,
    user: session.userId ? context.person(session.userId) : undefined,
    tokenName: context.requiresAuthentication ? `RFID-${info.pin}` : undefined,
    authenticationCode: context.requiresAuthentication
      ? `nfc-04${info.deviceId.slice(-6)}A6E7`
      : '',
    startedAt: session.startedAt,
    endedAt: now,
    startRegisterKwh: session.startRegisterKwh,
    segments: session.segments,
    signedFlag: context.signedFlag,
    device: charger.device,
    sequence,
  });
}
