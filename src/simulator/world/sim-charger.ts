import {
  type ChargingSegment,
  type CompletedChargeSession,
  completeSession,
  completedSessionValue,
} from './charge-session';
import { type DemoCharger, DeviceType } from './demo-data';
import { stableId } from './ids';
import { meterValueOcmf, type OcmfDevice } from './ocmf';
import { Random } from './random';
import { decimal3 } from './wire-format';

/** ChargerOperationModes (observation 710). */
export const Mode = { Disconnected: 1, Requesting: 2, Charging: 3, Finished: 5 } as const;

/** Observation ids this model keeps current (constants `Observations`). */
export const Obs = {
  IsOnline: -2,
  Pulse: -1,
  Capabilities: 100,
  AuthenticationRequired: 120,
  CommunicationMode: 150,
  PermanentCableLock: 151,
  HmiBrightness: 153,
  Temperature: 201,
  Humidity: 270,
  Voltage1: 501,
  Voltage2: 502,
  Voltage3: 503,
  Current1: 507,
  Current2: 508,
  Current3: 509,
  MaxCurrent: 510,
  MinCurrent: 511,
  TotalChargePower: 513,
  SetPhases: 519,
  MaxPhases: 520,
  OfflinePhase: 522,
  OfflineCurrent: 523,
  SessionEnergy: 553,
  SignedMeterValue: 554,
  MeterValueInterval: 555,
  ChargeCurrentSet: 708,
  OperationMode: 710,
  IsEnabled: 711,
  FinalStopActive: 718,
  SessionIdentifier: 721,
  CurrentUserUuid: 722,
  CompletedSession: 723,
  Warnings: 804,
  SignalStrength: 809,
  FirmwareVersion: 911,
} as const;

export interface StateEntry {
  value: string | undefined;
  at: number;
}

interface OpenSession {
  id: string;
  userId: string | undefined;
  startedAt: number;
  startRegisterKwh: number;
  segments: ChargingSegment[];
  /** kWh the car still takes before it is full. */
  needKwh: number;
  authorized: boolean;
}

export interface ChargerContext {
  installationId: string;
  circuitId: string;
  requiresAuthentication: boolean;
  /** 6.x constants: commit flag 16 means Signed. */
  signedFlag: boolean;
  person(id: string): { id: string; fullName: string; email: string } | undefined;
  onCompleted(session: CompletedChargeSession): void;
}

const MINUTE = 60_000;

/**
 * One charger of the live world: its state observations (each with its own last-change time),
 * settings and the session lifecycle 1 Disconnected → 2 Requesting → 3 Charging → 5 Finished → 1,
 * driven by a deterministic random plan and by commands.
 */
export class SimCharger {
  readonly states = new Map<number, StateEntry>();
  /** Bumped on every state change, so a rendered state array can be reused until then. */
  revision = 0;
  registerKwh: number;
  firmware = { current: '3.2.2.0', available: '3.2.2.0' };
  private readonly random: Random;
  private session: OpenSession | undefined;
  private sessionCount = 0;
  private nextEventAt = 0;
  private nextMeterAt: number;
  private onlineAgainAt: number | undefined;
  private advancedTo: number;
  private paused = false;

  constructor(
    readonly info: DemoCharger,
    readonly context: ChargerContext,
    now: number,
    startRegisterKwh: number,
  ) {
    this.random = new Random(`live:${info.id}`);
    this.registerKwh = startRegisterKwh;
    this.advancedTo = now;
    this.nextMeterAt = now + this.meterIntervalMs();
    this.initialStates(now);
    // About half the chargers (by their seeded dice) have a car charging when the world starts.
    if (this.random.next() < 0.5) {
      this.arrive(now);
      this.authorize(now);
    } else {
      this.nextEventAt = now + this.random.integer(5, 90) * MINUTE;
    }
  }

  get isGo(): boolean {
    return this.info.deviceType === DeviceType.Go;
  }

  get mode(): number {
    return Number(this.states.get(Obs.OperationMode)?.value ?? Mode.Disconnected);
  }

  get online(): boolean {
    return this.onlineAgainAt === undefined;
  }

  get device(): OcmfDevice {
    return {
      deviceId: this.info.deviceId,
      gateway: this.isGo ? 'ZAPTEC GO' : 'ZAPTEC PRO',
      firmware: this.firmware.current,
    };
  }

  /** Runs the plan up to `to` (simulated ms): every due event in order, energy in between. */
  advanceTo(to: number): void {
    while (true) {
      const next = Math.min(this.nextEventAt, this.nextMeterAt, this.onlineAgainAt ?? Infinity);
      if (next > to) break;
      this.accumulate(next);
      if (next === this.onlineAgainAt) this.comeOnline(next);
      else if (next === this.nextMeterAt) this.reportMeter(next);
      else this.runPlannedEvent(next);
    }
    this.accumulate(to);
  }

  // ---- commands and settings (validated by the caller against the current state) ----

  pause(now: number): void {
    // A segment ends where charging stopped: accumulate moves it only while charging, so idle
    // time after it never counts as energy.
    this.accumulate(now);
    this.paused = true;
    this.set(Obs.FinalStopActive, '1', now);
    this.set(Obs.OperationMode, String(Mode.Finished), now);
    this.setPower(0, now);
    this.nextEventAt = now + this.random.integer(60, 180) * MINUTE;
  }

  resume(now: number): void {
    this.paused = false;
    this.set(Obs.FinalStopActive, '0', now);
    this.startCharging(now);
  }

  /** DeauthorizeAndStop (10001): the session ends now; the car stays, unauthorised. */
  deauthorize(now: number): void {
    if (this.session) this.commit(now);
    this.paused = false;
    this.set(Obs.FinalStopActive, '0', now);
    this.set(Obs.SessionIdentifier, '', now);
    this.set(Obs.OperationMode, String(Mode.Requesting), now);
    this.setPower(0, now);
    this.nextEventAt = now + this.random.integer(10, 60) * MINUTE;
  }

  /** authorizecharge: a car waiting in Requesting starts charging. */
  authorizeNow(now: number): boolean {
    if (this.mode !== Mode.Requesting || this.session?.authorized) return false;
    // After DeauthorizeAndStop the car is still connected: authorising it starts a new session.
    if (!this.session) this.arrive(now);
    this.authorize(now);
    return true;
  }

  restart(now: number): void {
    this.set(Obs.IsOnline, '0', now);
    this.onlineAgainAt = now + MINUTE;
  }

  upgradeFirmware(now: number): void {
    this.firmware.current = this.firmware.available;
    this.restart(now);
  }

  /** chargers/{id}/update fields, already validated; values in A, phases, seconds. */
  applySettings(settings: Partial<Record<number, number>>, now: number): void {
    for (const [id, value] of Object.entries(settings)) {
      if (value === undefined) continue;
      const stateId = Number(id);
      const integral =
        stateId === Obs.MaxPhases ||
        stateId === Obs.OfflinePhase ||
        stateId === Obs.MeterValueInterval;
      this.set(stateId, integral ? String(value) : decimal3(value), now);
    }
    if (this.mode === Mode.Charging) {
      this.accumulate(now);
      this.startCharging(now);
    }
  }

  setLocal(stateId: number, value: string, now: number): void {
    this.set(stateId, value, now);
  }

  stateValue(id: number): string | undefined {
    return this.states.get(id)?.value;
  }

  // ---- the plan ----

  private runPlannedEvent(now: number): void {
    switch (this.mode) {
      case Mode.Disconnected:
        this.arrive(now);
        if (!this.context.requiresAuthentication) this.authorize(now);
        else this.nextEventAt = now + this.random.integer(1, 3) * MINUTE;
        break;
      case Mode.Requesting:
        if (this.session && !this.session.authorized) this.authorize(now);
        else this.leave(now);
        break;
      case Mode.Charging:
        this.finish(now);
        break;
      default:
        this.leave(now);
    }
  }

  private arrive(now: number): void {
    this.sessionCount += 1;
    const userId = this.random.pick(this.info.drivers);
    this.session = {
      id: stableId(`session:${this.info.id}:${now}:${this.sessionCount}`),
      userId,
      startedAt: now,
      startRegisterKwh: this.registerKwh,
      segments: [],
      needKwh: this.random.between(4, 35),
      authorized: false,
    };
    this.set(Obs.OperationMode, String(Mode.Requesting), now);
    this.set(Obs.SessionIdentifier, this.session.id, now);
    this.set(Obs.CurrentUserUuid, userId, now);
    this.set(Obs.SessionEnergy, decimal3(0), now);
  }

  private authorize(now: number): void {
    if (!this.session) return;
    this.session.authorized = true;
    this.startCharging(now);
  }

  private startCharging(now: number): void {
    const session = this.session;
    if (!session) return;
    const powerW = this.chargePower();
    session.segments.push({ from: now, to: now, powerW });
    this.set(Obs.OperationMode, String(Mode.Charging), now);
    this.setPower(powerW, now);
    const remainingKwh = Math.max(0.1, session.needKwh - this.sessionEnergy());
    // Without power the car never gets full; it leaves after a while instead.
    this.nextEventAt =
      powerW > 0
        ? now + Math.ceil((remainingKwh / (powerW / 1000)) * 3_600_000)
        : now + this.random.integer(60, 180) * MINUTE;
  }

  private finish(now: number): void {
    this.accumulate(now);
    this.set(Obs.OperationMode, String(Mode.Finished), now);
    this.setPower(0, now);
    this.nextEventAt = now + this.random.integer(10, 120) * MINUTE;
  }

  private leave(now: number): void {
    if (this.session) this.commit(now);
    this.paused = false;
    this.set(Obs.FinalStopActive, '0', now);
    this.set(Obs.OperationMode, String(Mode.Disconnected), now);
    this.set(Obs.SessionIdentifier, '', now);
    this.setPower(0, now);
    this.nextEventAt = now + this.random.integer(30, 240) * MINUTE;
  }

  private commit(now: number): void {
    const session = this.session;
    if (!session) return;
    this.accumulate(now);
    this.session = undefined;
    const completed = completeSession({
      id: session.id,
      chargerId: this.info.id,
      installationId: this.context.installationId,
      deviceId: this.info.deviceId,
      deviceName: this.info.name,
      user: session.userId ? this.context.person(session.userId) : undefined,
      tokenName: this.context.requiresAuthentication ? `RFID-${this.info.pin}` : undefined,
      authenticationCode: this.context.requiresAuthentication
        ? `nfc-04${this.info.deviceId.slice(-6)}A6E7`
        : '',
      startedAt: session.startedAt,
      endedAt: now,
      startRegisterKwh: session.startRegisterKwh,
      segments: session.segments,
      signedFlag: this.context.signedFlag,
      device: this.device,
      sequence: this.sessionCount,
    });
    this.set(Obs.CompletedSession, completedSessionValue(completed), now);
    this.context.onCompleted(completed);
  }

  private comeOnline(now: number): void {
    this.onlineAgainAt = undefined;
    this.set(Obs.IsOnline, '1', now);
    this.set(Obs.FirmwareVersion, this.firmware.current, now);
  }

  private reportMeter(now: number): void {
    this.set(
      Obs.SignedMeterValue,
      meterValueOcmf(this.device, new Date(now), this.registerKwh, this.sessionCount),
      now,
    );
    this.set(Obs.Pulse, undefined, now);
    this.nextMeterAt = now + this.meterIntervalMs();
  }

  // ---- energy ----

  private accumulate(to: number): void {
    if (to <= this.advancedTo) return;
    const segment = this.session?.segments.at(-1);
    if (segment && this.mode === Mode.Charging && !this.paused) {
      const before = this.sessionEnergy();
      segment.to = to;
      this.registerKwh += this.sessionEnergy() - before;
      this.set(Obs.SessionEnergy, decimal3(this.sessionEnergy()), to);
    }
    this.advancedTo = to;
  }

  private sessionEnergy(): number {
    return (this.session?.segments ?? []).reduce(
      (sum, s) => sum + (s.powerW * (s.to - s.from)) / 3_600_000_000,
      0,
    );
  }

  private chargePower(): number {
    const maxCurrent = Number(this.stateValue(Obs.MaxCurrent) ?? 32);
    const phases = this.isGo ? 1 : Math.min(3, Number(this.stateValue(Obs.MaxPhases) ?? 3));
    const carCurrent = this.isGo ? 32 : 16;
    const current = Math.min(maxCurrent, carCurrent);
    // Below the 6 A of IEC 61851 a car does not charge at all.
    if (current < 6) return 0;
    return Math.round(phases * 230 * current * 0.98 * 10) / 10;
  }

  private setPower(powerW: number, now: number): void {
    const phases = this.isGo ? 1 : 3;
    const current = powerW > 0 ? powerW / (phases * 230 * 0.98) : 0;
    this.set(Obs.TotalChargePower, decimal3(powerW), now);
    this.set(Obs.Current1, decimal3(current), now);
    this.set(Obs.Current2, decimal3(phases === 3 ? current : 0), now);
    this.set(Obs.Current3, decimal3(phases === 3 ? current : 0), now);
    this.set(Obs.ChargeCurrentSet, decimal3(powerW > 0 ? Math.round(current) : 0), now);
  }

  private meterIntervalMs(): number {
    const configured = Number(this.stateValue(Obs.MeterValueInterval));
    return (
      (Number.isFinite(configured) && configured > 0 ? configured : this.isGo ? 3600 : 900) * 1000
    );
  }

  private set(id: number, value: string | undefined, at: number): void {
    const current = this.states.get(id);
    // Like the real API, each state keeps the time of its last change, not of its last report;
    // the pulse (-1) has no value and is refreshed every time.
    if (current && current.value === value && id !== Obs.Pulse) return;
    this.states.set(id, { value, at });
    this.revision += 1;
  }

  private initialStates(now: number): void {
    const since = now - this.random.integer(2, 60) * 24 * 60 * MINUTE;
    const initial: [number, string | undefined][] = [
      [Obs.IsOnline, '1'],
      [Obs.Pulse, undefined],
      [Obs.AuthenticationRequired, this.context.requiresAuthentication ? '1' : '0'],
      [Obs.CommunicationMode, this.isGo ? 'Wifi' : 'LTE'],
      [Obs.PermanentCableLock, '0'],
      [Obs.HmiBrightness, '0.500'],
      [Obs.Temperature, decimal3(this.random.between(8, 24))],
      [Obs.Humidity, decimal3(this.random.between(30, 60))],
      [Obs.Voltage1, decimal3(this.random.between(228, 234))],
      [Obs.Voltage2, decimal3(this.isGo ? 0 : this.random.between(228, 234))],
      [Obs.Voltage3, decimal3(this.isGo ? 0 : this.random.between(228, 234))],
      [Obs.MaxCurrent, decimal3(this.isGo ? 32 : 16)],
      [Obs.MinCurrent, decimal3(6)],
      [Obs.SetPhases, this.isGo ? '1' : '4'],
      [Obs.MaxPhases, this.isGo ? '1' : '3'],
      [Obs.OfflinePhase, '0'],
      [Obs.OfflineCurrent, decimal3(-1)],
      [Obs.MeterValueInterval, this.isGo ? '3600' : '900'],
      [Obs.OperationMode, String(Mode.Disconnected)],
      [Obs.IsEnabled, '1'],
      [Obs.FinalStopActive, '0'],
      [Obs.SessionIdentifier, ''],
      [Obs.CurrentUserUuid, undefined],
      [Obs.SessionEnergy, decimal3(0)],
      [Obs.Warnings, '0'],
      [Obs.SignalStrength, String(this.random.integer(-85, -55))],
      [Obs.FirmwareVersion, this.firmware.current],
    ];
    if (this.isGo) {
      initial.push([
        Obs.Capabilities,
        '{"CommunicationModes":["LTE","WiFi"],"DeviceType":"Go","MeterCalibrated":false,"OcppVersions":["V1_6"],"SchemaVersion":"2.1"}',
      ]);
    }
    for (const [id, value] of initial) this.states.set(id, { value, at: since });
    this.states.set(Obs.SignedMeterValue, {
      value: meterValueOcmf(this.device, new Date(since), this.registerKwh, 0),
      at: since,
    });
    this.setPower(0, since);
  }
}
