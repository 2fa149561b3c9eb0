import { completedSessionValue } from './charge-session';
import { ChargerStates } from './charger-states';
import { type DemoCharger, DeviceType } from './demo-data';
import {
  chargePower,
  chargingTimeMs,
  meterIntervalMs,
  powerStates,
  sessionEnergyKwh,
} from './electrical';
import { initialStates } from './initial-states';
import { Mode, Obs } from './observations';
import { type ChargerContext, closeSession, type OpenSession, openSession } from './open-session';
import { meterValueOcmf, type OcmfDevice } from './ocmf';
import { Random } from './random';
import { decimal3 } from './wire-format';

const MINUTE = 60_000;

/**
 * One charger of the live world: its state observations (each with its own last-change time),
 * settings and the session lifecycle 1 Disconnected → 2 Requesting → 3 Charging → 5 Finished → 1,
 * driven by a deterministic random plan and by commands.
 */
export class SimCharger {
  readonly states = new ChargerStates();
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
    const initial = initialStates(this, this.random, now);
    for (const [id, value] of initial.states) this.states.set(id, { value, at: initial.since });
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
      chargerId: this.info.id,
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

  /** The installation's available current changed (installation/update). */
  setInstallationLimit(amps: number, now: number): void {
    const stateId = this.context.installationLimit?.stateId;
    if (stateId !== undefined) this.set(stateId, decimal3(amps), now);
  }

  setLocal(stateId: number, value: string, now: number): void {
    this.set(stateId, value, now);
  }

  stateValue(id: number): string | undefined {
    return this.states.value(id);
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
    const session = openSession(this.info, this.random, now, this.sessionCount, this.registerKwh);
    this.session = session;
    this.set(Obs.OperationMode, String(Mode.Requesting), now);
    this.set(Obs.SessionIdentifier, session.id, now);
    this.set(Obs.CurrentUserUuid, session.userId, now);
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
    const powerW = chargePower({
      isGo: this.isGo,
      maxCurrent: Number(this.stateValue(Obs.MaxCurrent) ?? 32),
      maxPhases: Number(this.stateValue(Obs.MaxPhases) ?? 3),
    });
    session.segments.push({ from: now, to: now, powerW });
    this.set(Obs.OperationMode, String(Mode.Charging), now);
    this.setPower(powerW, now);
    const remainingKwh = Math.max(0.1, session.needKwh - this.sessionEnergy());
    // Without power the car never gets full; it leaves after a while instead.
    this.nextEventAt =
      powerW > 0
        ? now + chargingTimeMs(remainingKwh, powerW)
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
    const completed = closeSession(session, this, now, this.sessionCount);
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
    return sessionEnergyKwh(this.session?.segments ?? []);
  }

  private setPower(powerW: number, now: number): void {
    for (const [id, value] of powerStates(powerW, this.isGo)) this.set(id, value, now);
  }

  private meterIntervalMs(): number {
    return meterIntervalMs(Number(this.stateValue(Obs.MeterValueInterval)), this.isGo);
  }

  private set(id: number, value: string | undefined, at: number): void {
    this.states.change(id, value, at);
  }
}
