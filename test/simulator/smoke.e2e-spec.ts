import type { RunningSimulator } from '../../src/simulator/simulator';
import { call, loginAs, startTestSimulator } from '../support/simulator';

describe('simulator smoke', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(() => simulator.close());

  it('signs in the owner and lists the two Home chargers', async () => {
    const token = await loginAs(simulator, 'owner');
    const chargers = await call(simulator, token, 'GET', '/api/chargers');
    expect(chargers.status).toBe(200);
    expect(chargers.json.Pages).toBe(1);
    expect(chargers.json.Data.map((charger: { Name: string }) => charger.Name).sort()).toEqual([
      'Driveway',
      'Garage',
    ]);
  });
});
