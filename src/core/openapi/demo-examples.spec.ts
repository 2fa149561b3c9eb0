import { ACCOUNTS, INSTALLATIONS } from '../../simulator/world/demo-data';
import { firstSessionId } from '../../simulator/world/history';
import { DEMO_EXAMPLES } from './demo-examples';

describe('the demo ids of the OpenAPI examples', () => {
  it("are the simulator's stable ids of the owner, Home, its Garage circuit, Driveway and its first session, and the admin's Office", () => {
    const office = INSTALLATIONS.find((installation) => installation.name === 'Office')!;
    const home = INSTALLATIONS.find((installation) => installation.name === 'Home')!;
    const garage = home.circuits.find((circuit) => circuit.name === 'Garage')!;
    const driveway = garage.chargers.find((charger) => charger.name === 'Driveway')!;
    expect(DEMO_EXAMPLES).toEqual({
      userId: ACCOUNTS.owner.id,
      installationId: home.id,
      officeInstallationId: office.id,
      circuitId: garage.id,
      chargerId: driveway.id,
      chargerDeviceId: driveway.deviceId,
      sessionId: firstSessionId(driveway.id),
    });
  });
});
