import { Obs } from './observations';

export interface StateEntry {
  value: string | undefined;
  /** Simulated ms of the last change. */
  at: number;
}

/** A charger's observations by id, as `/state` lists them. */
export class ChargerStates extends Map<number, StateEntry> {
  /** Bumped on every change, so a rendered state array can be reused until then. */
  revision = 0;

  value(id: number): string | undefined {
    return this.get(id)?.value;
  }

  /**
   * Like the real API, each state keeps the time of its last change, not of its last report;
   * the pulse (-1) has no value and is refreshed every time.
   */
  change(id: number, value: string | undefined, at: number): void {
    const current = this.get(id);
    if (current && current.value === value && id !== Obs.Pulse) return;
    this.set(id, { value, at });
    this.revision += 1;
  }
}
