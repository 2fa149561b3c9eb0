import { PrismaService } from '../../src/database/prisma.service';
import { ACCOUNTS, INSTALLATIONS } from '../../src/simulator/world/demo-data';
import { startTestGateway, type TestGateway } from '../support/gateway';

const home = INSTALLATIONS.find((installation) => installation.name === 'Home')!;
const driveway = home.circuits[0].chargers.find((charger) => charger.name === 'Driveway')!;
// As a client may send them: ids are GUIDs in any case.
const DRIVEWAY = driveway.id.toUpperCase();
const HOME = home.id.toUpperCase();

/**
 * Issue 9 items 27 and 29: every write takes its context (who, which installation, which
 * request) from one decorator, and its target id as the edge checked it: an id sent in upper
 * case is recorded, and sent upstream, in Zaptec's lower case.
 */
describe('the context of every write', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { constantsVersion: '6.5.8' } });
  });
  afterAll(() => gateway.close());

  it.each([
    [
      'charger.command',
      `/v1/chargers/${DRIVEWAY}/commands`,
      'post',
      { command: 'StopChargingFinal' },
    ],
    ['charger.authorize', `/v1/chargers/${DRIVEWAY}/authorize`, 'post', undefined],
    ['charger.settings', `/v1/chargers/${DRIVEWAY}/settings`, 'patch', { maxChargeCurrent: 16 }],
    ['installation.limits', `/v1/installations/${HOME}/limits`, 'post', { availableCurrent: 25 }],
  ] as const)(
    '%s is audited with the caller, the installation, the request id and the lowercase id',
    async (action, path, method, body) => {
      const owner = await gateway.as('owner');
      const requestId = `write-${action}`;
      const call = owner[method](path).set('x-request-id', requestId);
      const response = await (body === undefined ? call : call.send(body));
      expect(response.headers['x-request-id']).toBe(requestId);
      expect(response.status).toBeLessThan(500);

      const rows = await gateway.app.get(PrismaService).auditEvent.findMany({
        where: { action, requestId },
      });
      const targetId = action === 'installation.limits' ? home.id : driveway.id;
      expect(rows).toEqual([
        expect.objectContaining({
          actorId: ACCOUNTS.owner.id,
          installationId: home.id,
          targetId,
          requestId,
        }),
      ]);
    },
  );

  it("takes ids in any case in paths and filters, and answers with Zaptec's lower case", async () => {
    const owner = await gateway.as('owner');
    const charger = await owner.get(`/v1/chargers/${DRIVEWAY}`).expect(200);
    expect(charger.body.id).toBe(driveway.id);
    const listed = await owner.get(`/v1/chargers?installationId=${HOME}`).expect(200);
    expect(listed.body.map((item: { id: string }) => item.id)).toContain(driveway.id);
    const history = await owner
      .get(`/v1/charge-history?installationId=${HOME}&chargerId=${DRIVEWAY}&pageSize=5`)
      .expect(200);
    expect(history.body.items.length).toBeGreaterThan(0);
  });
});
