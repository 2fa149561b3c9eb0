import { Obs } from '../../src/simulator/world/observations';
import { advanceClock, DEMO, FIXED_START } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { simulatedState } from './chargers-support';

/**
 * Zaptec serves a charger's state from a ~15 s cache (zaptec-api.md §4, §8), and so does the
 * simulator here (the other suites turn it off): a command is accepted at once, yet the gateway's
 * `/v1/chargers/{id}/state` shows its effect only once upstream's cached copy has expired.
 */
describe("charger state behind Zaptec's 15 s state cache", () => {
  let gateway: TestGateway;
  const driveway = DEMO.chargerId('Driveway');

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { constantsVersion: '6.5.8', start: FIXED_START, stateCacheSeconds: 15 },
    });
  });
  afterAll(() => gateway?.close());

  const finalStopActive = async (): Promise<unknown> => {
    const owner = await gateway.as('owner');
    const { body } = await owner.get(`/v1/chargers/${driveway}/state`).expect(200);
    return body.values.finalStopActive;
  };

  it('shows a pause only after upstream has served its cached state for 15 s', async () => {
    const owner = await gateway.as('owner');
    // The seeded world has a car charging at Driveway at the fixed start.
    expect(simulatedState(gateway, driveway).get(Obs.OperationMode)).toBe('3');
    expect(await finalStopActive()).toBe(false);

    await owner
      .post(`/v1/chargers/${driveway}/commands`)
      .send({ command: 'StopChargingFinal' })
      .expect(202);
    expect(simulatedState(gateway, driveway).get(Obs.FinalStopActive)).toBe('1');
    expect(await finalStopActive()).toBe(false);

    await advanceClock(gateway.simulator, 14);
    expect(await finalStopActive()).toBe(false);
    await advanceClock(gateway.simulator, 1);
    expect(await finalStopActive()).toBe(true);
  });
});
