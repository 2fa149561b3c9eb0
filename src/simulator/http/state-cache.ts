import type { PlacedCharger } from '../world/world';
import { stateJson } from './routes/wire';

/**
 * Zaptec serves `/state` from a cache of about 15 s per charger (zaptec-api.md §4, §8; D2 via
 * HA#189), so a command's effect shows only once the cached copy expires. The simulated clock
 * times it: at speed 1 that is wall-clock time, as upstream's is, and tests that stop the clock
 * see the cache expire exactly when they step the clock past it (POST /__sim/clock).
 */
export class StateCache {
  private readonly served = new WeakMap<object, { json: string; until: number }>();

  constructor(private readonly ttlMs: number) {}

  /** The state array as JSON: the cached copy while it is fresh, else the charger's own now. */
  json(placed: PlacedCharger, nowMs: number): string {
    if (this.ttlMs <= 0) return stateJson(placed);
    const cached = this.served.get(placed.charger);
    if (cached && nowMs < cached.until) return cached.json;
    const json = stateJson(placed);
    this.served.set(placed.charger, { json, until: nowMs + this.ttlMs });
    return json;
  }
}
