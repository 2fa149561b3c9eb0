import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CircuitDto } from '../../circuits/dto/circuit.dto';

/** An installation's circuits and the chargers on each. */
export class HierarchyDto {
  @ApiProperty({ format: 'uuid', example: 'aaa13ff9-e69c-4469-bc4b-d64feb50e603' })
  id!: string;

  @ApiProperty({ example: 'Home' })
  name!: string;

  @ApiPropertyOptional({ example: 4 })
  networkType?: number;

  @ApiPropertyOptional({ example: 'TN_3_Phase' })
  networkTypeName?: string;

  /** Empty while Zaptec is still provisioning the installation. */
  @ApiProperty({ type: [CircuitDto] })
  circuits!: CircuitDto[];
}
