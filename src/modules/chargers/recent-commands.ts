import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import { type ExpectedState, expectedStateAfter } from './command-policy';

/**
 * Zaptec serves `/state` from a ~15 s cache (zaptec-api.md §8, via HA#189) but validates commands
 * against the device's live state (§6). For that long after a command, the state we can read
 * still shows the charger as it was: checked against it, a resume right after a pause would be
 * refused. So what a command we sent is known to have changed is laid over the state read until
 * upstream's copy has caught up.
 */
export const UPSTREAM_STATE_CACHE_MS = 15_000;

@Injectable()
export class RecentCommands {
  // A margin over Zaptec's window: how old its cached copy is, we cannot tell to the second.
  private readonly expected = new LRUCache<string, ExpectedState>({
    max: 10_000,
    ttl: UPSTREAM_STATE_CACHE_MS + 5_000,
  });

  /** Remembers what `command`, just accepted by Zaptec, changed on the charger. */
  recordSent(chargerId: string, command: string): void {
    const effect = expectedStateAfter(command);
    if (effect) this.expected.set(chargerId, { ...this.expected.get(chargerId), ...effect });
  }

  /** The state as read, with the values our recent commands are known to have set. */
  overlay(chargerId: string, state: readonly ZaptecStateItem[]): readonly ZaptecStateItem[] {
    const expected = this.expected.get(chargerId);
    if (!expected) return state;
    const at = new Date().toISOString();
    const known = Object.entries(expected).map(([id, value]) => ({
      ChargerId: chargerId,
      StateId: Number(id),
      Timestamp: at,
      ValueAsString: value,
    }));
    const overridden = new Set(known.map((item) => item.StateId));
    return [...state.filter((item) => !overridden.has(item.StateId)), ...known];
  }
}
