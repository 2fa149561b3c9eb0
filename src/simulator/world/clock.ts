/**
 * The simulated time. It runs at `speed` times real time from where it was last set, and tests
 * can stop it (speed 0) and step it; the world follows it on every read.
 */
export class SimClock {
  private anchorReal = Date.now();
  private anchorSim: number;
  private currentSpeed: number;

  constructor(start: Date, speed: number) {
    this.anchorSim = start.getTime();
    this.currentSpeed = speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.anchorSim + (Date.now() - this.anchorReal) * this.currentSpeed;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  setSpeed(speed: number): void {
    this.rebase(this.nowMs());
    this.currentSpeed = speed;
  }

  advance(ms: number): void {
    this.rebase(this.nowMs() + ms);
  }

  set(to: Date): void {
    this.rebase(to.getTime());
  }

  private rebase(simMs: number): void {
    this.anchorReal = Date.now();
    this.anchorSim = simMs;
  }
}
