import { type OcmfDevice, type OcmfReading, sessionOcmf } from './ocmf';
import { offsetTime, sessionTime, zaptecTime } from './wire-format';

const TICK_MS = 15 * 60_000;

/** A stretch of constant charging power inside a session. */
export interface ChargingSegment {
  from: number;
  to: number;
  powerW: number;
}

/** A finished session as the charge history and CompletedSession (723) report it. */
export interface CompletedChargeSession {
  id: string;
  chargerId: string;
  installationId: string;
  deviceId: string;
  deviceName: string;
  userId: string | undefined;
  userFullName: string | undefined;
  userEmail: string | undefined;
  tokenName: string | undefined;
  authenticationCode: string;
  startedAt: Date;
  endedAt: Date;
  energyKwh: number;
  commitMetadata: number;
  stoppedByRfid: boolean;
  signedSession: string;
  energyDetails: { at: Date; energyKwh: number }[];
  firmware: string;
}

export interface SessionFacts {
  id: string;
  chargerId: string;
  installationId: string;
  deviceId: string;
  deviceName: string;
  user: { id: string; fullName: string; email: string } | undefined;
  tokenName: string | undefined;
  authenticationCode: string;
  startedAt: number;
  endedAt: number;
  startRegisterKwh: number;
  segments: ChargingSegment[];
  /** Whether the served constants know the Signed flag (6.x: 16 is Signed, 4.7.0: CommitMismatch). */
  signedFlag: boolean;
  device: OcmfDevice;
  sequence: number;
}

export function energyOf(segments: ChargingSegment[], until = Infinity): number {
  return segments.reduce((sum, s) => {
    const to = Math.min(s.to, until);
    return to > s.from ? sum + (s.powerW * (to - s.from)) / 3_600_000_000 : sum;
  }, 0);
}

/** Builds the committed session: energy, 15-minute EnergyDetails and the signed OCMF. */
export function completeSession(facts: SessionFacts): CompletedChargeSession {
  const energyKwh = round3(energyOf(facts.segments));
  const readings: OcmfReading[] = [
    { at: new Date(facts.startedAt), kind: 'B', registerKwh: facts.startRegisterKwh },
  ];
  const energyDetails: { at: Date; energyKwh: number }[] = [];
  let previous = 0;
  for (let tick = facts.startedAt + TICK_MS; tick < facts.endedAt; tick += TICK_MS) {
    const upToTick = energyOf(facts.segments, tick);
    energyDetails.push({ at: new Date(tick), energyKwh: round3(upToTick - previous) });
    previous = upToTick;
  }
  if (facts.endedAt > facts.startedAt) {
    energyDetails.push({ at: new Date(facts.endedAt), energyKwh: round3(energyKwh - previous) });
  }
  readings.push({
    at: new Date(facts.endedAt),
    kind: 'E',
    registerKwh: facts.startRegisterKwh + energyKwh,
  });
  const online = 1;
  const reliableClock = 4;
  const signed = facts.signedFlag ? 16 : 0;
  return {
    id: facts.id,
    chargerId: facts.chargerId,
    installationId: facts.installationId,
    deviceId: facts.deviceId,
    deviceName: facts.deviceName,
    userId: facts.user?.id,
    userFullName: facts.user?.fullName,
    userEmail: facts.user?.email,
    tokenName: facts.tokenName,
    authenticationCode: facts.authenticationCode,
    startedAt: new Date(facts.startedAt),
    endedAt: new Date(facts.endedAt),
    energyKwh,
    commitMetadata: online | reliableClock | signed,
    stoppedByRfid: false,
    signedSession: sessionOcmf(facts.device, readings, facts.sequence),
    energyDetails,
    firmware: facts.device.firmware,
  };
}

/** Charge history item (zaptec-api.md §5.6); EnergyDetails only with DetailLevel=1. */
export function historyWire(session: CompletedChargeSession, withEnergyDetails: boolean): object {
  const [major, minor, build, revision] = session.firmware.split('.').map(Number);
  return {
    Id: session.id,
    DeviceId: session.deviceId,
    StartDateTime: zaptecTime(session.startedAt),
    EndDateTime: zaptecTime(session.endedAt),
    Energy: session.energyKwh,
    CommitMetadata: session.commitMetadata,
    CommitEndDateTime: zaptecTime(session.endedAt),
    UserFullName: session.userFullName,
    ChargerId: session.chargerId,
    DeviceName: session.deviceName,
    UserEmail: session.userEmail,
    UserId: session.userId,
    TokenName: session.tokenName,
    EnergyDetails: withEnergyDetails
      ? session.energyDetails.map((tick) => ({
          Timestamp: offsetTime(tick.at),
          Energy: tick.energyKwh,
        }))
      : undefined,
    ChargerFirmwareVersion: {
      Major: major ?? 0,
      Minor: minor ?? 0,
      Build: build ?? 0,
      Revision: revision ?? 0,
      MajorRevision: 0,
      MinorRevision: 0,
    },
    SignedSession: session.signedSession,
  };
}

/** Value of observation 723 CompletedSession: a JSON document inside a string (§5.5). */
export function completedSessionValue(session: CompletedChargeSession): string {
  return JSON.stringify({
    SessionId: session.id,
    Energy: session.energyKwh,
    StartDateTime: sessionTime(session.startedAt),
    EndDateTime: sessionTime(session.endedAt),
    ReliableClock: true,
    StoppedByRFID: session.stoppedByRfid,
    AuthenticationCode: session.authenticationCode,
    FirstAuthenticatedDateTime: session.authenticationCode ? sessionTime(session.startedAt) : '',
    SignedSession: session.signedSession,
  });
}

/** `GET /api/session/{id}` (SessionEndData, §5.7). */
export function sessionEndWire(session: CompletedChargeSession): object {
  return {
    SessionId: session.id,
    SessionStart: session.startedAt.toISOString(),
    SessionEnd: session.endedAt.toISOString(),
    Energy: session.energyKwh,
    SignedSession: session.signedSession,
  };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
