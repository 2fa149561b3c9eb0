import { Obs } from '../../src/simulator/world/observations';
import { advanceClock, DEMO, FIXED_START } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { SEND_COMMAND, simulatedState, upstreamCalls } from './chargers-support';

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

  it('judges a command sent right after another by what that one did, not by the stale state upstream serves', async () => {
    const owner = await gateway.as('owner');
    // Pause Driveway again from a fresh cache window, then resume at once: upstream's cached
    // state still says "not paused", yet the device is paused, so the resume must reach Zaptec.
    await advanceClock(gateway.simulator, 20);
    await owner.get(`/v1/chargers/${driveway}/state`).expect(200); // caches "paused" (from test 1)
    await owner
      .post(`/v1/chargers/${driveway}/commands`)
      .send({ command: 'ResumeCharging' })
      .expect(202);
    expect(simulatedState(gateway, driveway).get(Obs.FinalStopActive)).toBe('0');
    const sentBefore = upstreamCalls(gateway, SEND_COMMAND);
    await owner
      .post(`/v1/chargers/${driveway}/commands`)
      .send({ command: 'StopChargingFinal' })
      .expect(202);
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(sentBefore + 1);
    expect(simulatedState(gateway, driveway).get(Obs.FinalStopActive)).toBe('1');

    // A second pause is refused by what we know the first one did, without asking Zaptec.
    const { body } = await owner
      .post(`/v1/chargers/${driveway}/commands`)
      .send({ command: 'StopChargingFinal' })
      .expect(409);
    expect(body.code).toBe('COMMAND_PRECONDITION_FAILED');
    expect(upstreamCalls(gateway, SEND_COMMAND)).toBe(sentBefore + 1);
  });
});
