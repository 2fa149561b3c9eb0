import { type CompletedChargeSession } from './charge-session';
import { SimClock } from './clock';
import {
  type DemoCharger,
  type DemoInstallation,
  generatedSite,
  INSTALLATIONS,
  personName,
} from './demo-data';
import { generateHistory } from './history';
import { DeviceType } from './demo-data';
import { Obs } from './observations';
import { SimCharger } from './sim-charger';

export interface WorldOptions {
  start: Date;
  clockSpeed: number;
  historyDays: number;
  /** Chargers of the generated installation "Depot" (SIMULATOR_SITE_CHARGERS); 0: the demo only. */
  siteChargers?: number;
  /** 6.x constants: commit flag 16 means Signed. */
  signedFlag: boolean;
  /**
   * Whether a Pro reports 707 ChargeCurrentInstallationMaxLimit: the 4.7.0 constants name it,
   * 6.x dropped it; a Go reports 546 under either (§5.4, §11).
   */
  proInstallationLimit: boolean;
}

/** A demo installation as the live world keeps it: its limits change through the API. */
export interface SimInstallation extends Omit<DemoInstallation, 'circuits'> {
  availableCurrentPhase1: number;
  availableCurrentPhase2: number;
  availableCurrentPhase3: number;
  threeToOnePhaseSwitchCurrent: number;
  minPowerOfflineMode: number | undefined;
  authenticationType: number;
  updatedOn: Date;
}

/**
 * The current every phase of the installation can take: `AvailableCurrent` as the real API
 * serves it next to `MaxCurrent` (HA#60), and what 546/707 report. Set per phase, the three may
 * differ; the single value is then their minimum [inferred].
 */
export function availableCurrentOf(installation: SimInstallation): number {
  return Math.min(
    installation.availableCurrentPhase1,
    installation.availableCurrentPhase2,
    installation.availableCurrentPhase3,
  );
}

export interface SimCircuit {
  id: string;
  installationId: string;
  name: string;
  maxCurrent: number;
}

export interface PlacedCharger {
  charger: SimCharger;
  installation: SimInstallation;
  circuit: SimCircuit;
}

/**
 * The simulated Zaptec cloud's data: demo installations (and the generated site, when asked for),
 * live chargers and their history.
 */
export class World {
  readonly clock: SimClock;
  readonly installations = new Map<string, SimInstallation>();
  readonly circuits = new Map<string, SimCircuit>();
  readonly chargers = new Map<string, PlacedCharger>();
  /** Finished sessions, oldest first. */
  readonly history: CompletedChargeSession[] = [];
  private readonly sessionsById = new Map<string, CompletedChargeSession>();

  constructor(options: WorldOptions) {
    this.clock = new SimClock(options.start, options.clockSpeed);
    const now = options.start.getTime();
    const person = (id: string) => {
      const found = personName(id);
      return found ? { id, ...found } : undefined;
    };
    for (const demo of [...INSTALLATIONS, ...generatedSite(options.siteChargers ?? 0)]) {
      const { circuits, ...fields } = demo;
      const installation: SimInstallation = {
        ...fields,
        availableCurrentPhase1: demo.maxCurrent,
        availableCurrentPhase2: demo.maxCurrent,
        availableCurrentPhase3: demo.maxCurrent,
        threeToOnePhaseSwitchCurrent: 0,
        minPowerOfflineMode: undefined,
        authenticationType: 0,
        updatedOn: demo.createdOn,
        roles: { ...demo.roles },
      };
      this.installations.set(installation.id, installation);
      for (const demoCircuit of circuits) {
        const circuit = {
          id: demoCircuit.id,
          installationId: demo.id,
          name: demoCircuit.name,
          maxCurrent: demoCircuit.maxCurrent,
        };
        this.circuits.set(circuit.id, circuit);
        for (const demoCharger of demoCircuit.chargers) {
          const limitId =
            demoCharger.deviceType === DeviceType.Go
              ? Obs.InstallationMaxLimitGo
              : options.proInstallationLimit
                ? Obs.InstallationMaxLimitPro
                : undefined;
          const context = {
            installationId: demo.id,
            requiresAuthentication: demo.isRequiredAuthentication,
            signedFlag: options.signedFlag,
            installationLimit:
              limitId === undefined
                ? undefined
                : { stateId: limitId, amps: availableCurrentOf(installation) },
            person,
          };
          const past = generateHistory(demoCharger, context, now, options.historyDays);
          past.sessions.forEach((session) => this.record(session));
          const charger = this.liveCharger(demoCharger, circuit.id, context, now, past.registerKwh);
          this.chargers.set(charger.info.id, { charger, installation, circuit });
        }
      }
    }
    this.history.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  }

  /** Brings every charger up to the clock; cheap when nothing is due. */
  syncAll(): void {
    const now = this.clock.nowMs();
    for (const { charger } of this.chargers.values()) charger.advanceTo(now);
  }

  /** One charger brought up to the clock, or undefined for an unknown id. */
  charger(id: string): PlacedCharger | undefined {
    const placed = this.chargers.get(id);
    placed?.charger.advanceTo(this.clock.nowMs());
    return placed;
  }

  /** After installation/update: its chargers report the new available current. */
  installationLimitsChanged(installation: SimInstallation): void {
    const now = this.clock.nowMs();
    for (const { charger, installation: where } of this.chargers.values()) {
      if (where.id !== installation.id) continue;
      charger.advanceTo(now);
      charger.setInstallationLimit(availableCurrentOf(installation), now);
    }
  }

  session(id: string): CompletedChargeSession | undefined {
    return this.sessionsById.get(id);
  }

  /** UserRoles flags of `userId` on an installation (0: none). */
  rolesOn(installationId: string, userId: string): number {
    return this.installations.get(installationId)?.roles[userId] ?? 0;
  }

  private liveCharger(
    demo: DemoCharger,
    circuitId: string,
    context: Omit<ConstructorParameters<typeof SimCharger>[1], 'circuitId' | 'onCompleted'>,
    now: number,
    registerKwh: number,
  ): SimCharger {
    return new SimCharger(
      demo,
      { ...context, circuitId, onCompleted: (session) => this.record(session) },
      now,
      registerKwh,
    );
  }

  private record(session: CompletedChargeSession): void {
    this.history.push(session);
    this.sessionsById.set(session.id, session);
  }
}
