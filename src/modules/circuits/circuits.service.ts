import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal, ResolvedAccess } from '../../core/auth/principal';
import { ApiProblem } from '../../core/errors/problem';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { ConstantsService } from '../constants/constants.service';
import { toCircuitDto } from './circuits.mapper';
import type { CircuitDto } from './dto/circuit.dto';

@Injectable()
export class CircuitsService {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly constants: ConstantsService,
  ) {}

  /**
   * Read from the installation's hierarchy: `/api/circuits/{id}` is internal and gone from
   * Zaptec's documentation (zaptec-api.md §4), and the fair-use rules allow documented endpoints
   * only (§1, §8). A hierarchy circuit is the same object (§5.3).
   */
  async circuit(principal: Principal, id: string, access: ResolvedAccess): Promise<CircuitDto> {
    const hierarchy = await this.zaptec.hierarchy(principal.upstream, access.installationId);
    // Zaptec leaves out empty lists like any null field (zaptec-api.md §1).
    const circuit = (hierarchy?.Circuits ?? []).find(
      (candidate) => candidate.Id.toLowerCase() === id,
    );
    if (!circuit) {
      throw new ApiProblem(HttpStatus.NOT_FOUND, 'NOT_FOUND', `No circuit ${id}.`);
    }
    return toCircuitDto(circuit, await this.constants.current(principal.upstream));
  }
}
