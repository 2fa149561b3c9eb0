import type { Principal, ResolvedAccess } from '../../core/auth/principal';
import { ApiProblem } from '../../core/errors/problem';
import type { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { ConstantsService } from '../constants/constants.service';
import { CircuitsService } from './circuits.service';

const principal = { kind: 'user', id: 'u1', sessionId: 's1', upstream: {} } as Principal;
const access: ResolvedAccess = { installationId: 'home', roles: 2 };

describe('CircuitsService', () => {
  it('answers 404, not 500, when Zaptec sends the hierarchy without circuits', async () => {
    const zaptec = { hierarchy: () => Promise.resolve({ Id: 'home', Name: 'Home' }) };
    const service = new CircuitsService(
      zaptec as unknown as ZaptecApi,
      {} as unknown as ConstantsService,
    );
    const error: unknown = await service.circuit(principal, 'c1', access).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).getStatus()).toBe(404);
  });
});
