import { ACCOUNTS, DeviceType, Role } from './demo-data';
import { stableId } from './ids';
import { Obs } from './observations';
import { World } from './world';

const START = new Date('2026-03-02T10:00:00.000Z');
const worldWith = (siteChargers?: number) =>
  new World({
    start: START,
    clockSpeed: 0,
    historyDays: 10,
    siteChargers,
    signedFlag: true,
    proInstallationLimit: false,
  });
const DEPOT = stableId('installation:Depot');

describe('the generated site (SIMULATOR_SITE_CHARGERS)', () => {
  it('adds nothing at 0: the demo world exactly', () => {
    const plain = worldWith();
    const zero = worldWith(0);
    expect([...zero.installations.values()].map((i) => i.name)).toEqual(['Home', 'Office']);
    expect([...zero.chargers.keys()]).toEqual([...plain.chargers.keys()]);
    expect(zero.history.map((session) => session.id)).toEqual(
      plain.history.map((session) => session.id),
    );
  });

  it('adds "Depot" with N Pro chargers in circuits of up to 25, the admin as Administrator', () => {
    const world = worldWith(60);
    const depot = world.installations.get(DEPOT);
    expect(depot?.name).toBe('Depot');
    expect(world.rolesOn(DEPOT, ACCOUNTS.admin.id)).toBe(Role.Administrator);
    expect(world.rolesOn(DEPOT, ACCOUNTS.owner.id)).toBe(0);
    const placed = [...world.chargers.values()].filter(
      ({ installation }) => installation.id === DEPOT,
    );
    expect(placed).toHaveLength(60);
    const perCircuit = new Map<string, number>();
    for (const { circuit } of placed) {
      perCircuit.set(circuit.name, (perCircuit.get(circuit.name) ?? 0) + 1);
    }
    expect([...perCircuit]).toEqual([
      ['Circuit 1', 25],
      ['Circuit 2', 25],
      ['Circuit 3', 10],
    ]);
    expect(placed.every(({ charger }) => charger.info.deviceType === DeviceType.Pro)).toBe(true);
    expect(placed[0].charger.info).toMatchObject({
      id: stableId('charger:ZCS100001'),
      name: 'Depot 1',
      deviceId: 'ZCS100001',
    });
    // The demo's installations are still there, unchanged.
    expect(world.installations.size).toBe(3);
  });

  it('gives every Depot charger live states and history, the same on every run', () => {
    const world = worldWith(30);
    const again = worldWith(30);
    const depotSessions = world.history.filter((session) => session.installationId === DEPOT);
    // ~0.75 sessions per charger and day over 10 days.
    expect(depotSessions.length).toBeGreaterThan(30 * 10 * 0.5);
    expect(new Set(depotSessions.map((session) => session.chargerId)).size).toBe(30);
    expect(again.history.map((session) => session.id)).toEqual(
      world.history.map((session) => session.id),
    );
    const modes = new Set<string | undefined>();
    for (const { charger, installation } of world.chargers.values()) {
      if (installation.id !== DEPOT) continue;
      expect(charger.states.get(Obs.OperationMode)).toBeDefined();
      expect(charger.states.get(Obs.SignedMeterValue)?.value).toMatch(/^OCMF\|/);
      modes.add(charger.states.get(Obs.OperationMode)?.value);
    }
    // Some charging, some not: a plausible site, not 30 copies of one charger.
    expect(modes.size).toBeGreaterThan(1);
  });
});
