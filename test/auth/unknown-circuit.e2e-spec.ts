import { UNKNOWN_ID } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { simulatorStats } from '../support/simulator';

// An empty circuit shows only in hierarchies, so an unknown circuit id costs a hierarchy read per
// installation the caller manages. The miss is remembered (as long as roles are), so repeating it
// costs Zaptec nothing.

describe('an unknown circuit id', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('is looked for upstream once; asking again answers 404 without calling Zaptec', async () => {
    const admin = await gateway.as('admin');
    await admin.get('/v1/me').expect(200); // loads the admin's roles
    const before = await simulatorStats(gateway.simulator);
    await admin.get(`/v1/circuits/${UNKNOWN_ID}`).expect(404);
    const afterFirst = await simulatorStats(gateway.simulator);
    expect(afterFirst.byRoute['GET /api/installation/:id/hierarchy']).toBeGreaterThan(
      before.byRoute['GET /api/installation/:id/hierarchy'] ?? 0,
    );

    const second = await admin.get(`/v1/circuits/${UNKNOWN_ID}`).expect(404);
    expect(second.body.code).toBe('NOT_FOUND');
    expect((await simulatorStats(gateway.simulator)).total).toBe(afterFirst.total);
  });
});
