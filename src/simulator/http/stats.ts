/** What the simulator was asked, for tests that prove coalescing and limits (`/__sim/stats`). */
export class SimulatorStats {
  private total = 0;
  private byRoute = new Map<string, number>();
  private byAccount = new Map<string, number>();
  private byStatus = new Map<number, number>();

  record(route: string, account: string | undefined, status: number): void {
    this.total += 1;
    increment(this.byRoute, route);
    increment(this.byAccount, account ?? 'anonymous');
    increment(this.byStatus, status);
  }

  snapshot(): object {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byAccount: Object.fromEntries(this.byAccount),
      byStatus: Object.fromEntries(this.byStatus),
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byAccount.clear();
    this.byStatus.clear();
  }
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
