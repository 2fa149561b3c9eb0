import type { ConstantsCatalog, EnumMap } from './constants-catalog';
import { type ConstantsDto, ConstantsSource } from './dto/constants.dto';

const NAMED = {
  userRoles: 'UserRoles',
  chargerOperationModes: 'ChargerOperationModes',
  commands: 'Commands',
  observations: 'Observations',
  settings: 'Settings',
  errorCodes: 'ErrorCodes',
  deviceTypes: 'DeviceTypes',
  sessionCommitMetadata: 'SessionCommitMetadata',
} as const;

export function toConstantsDto(catalog: ConstantsCatalog): ConstantsDto {
  const named = Object.fromEntries(
    Object.entries(NAMED).map(([field, zaptecName]) => [field, numbers(catalog.enum(zaptecName))]),
  ) as Record<keyof typeof NAMED, Record<string, number>>;
  return {
    version: catalog.version,
    source: catalog.source === 'upstream' ? ConstantsSource.upstream : ConstantsSource.seed,
    ...named,
    enums: Object.fromEntries(
      catalog.enumNames().map((name) => [name, numbers(catalog.enum(name))]),
    ),
    schemas: catalog.schemas.map((schema) => ({
      name: schema.name,
      deviceType: schema.deviceType,
      observations: numbers(schema.observations),
      commands: numbers(schema.commands),
      settings: numbers(schema.settings),
      warnings: Object.fromEntries(
        [...schema.warnings].map(([key, value]) => [key, String(value)]),
      ),
    })),
  };
}

/** Enums of small ids; a value past 2^53 (only warning flags have them) is left out here. */
function numbers(map: EnumMap): Record<string, number> {
  return Object.fromEntries(
    [...map]
      .filter(([, value]) => typeof value === 'number')
      .map(([key, value]) => [key, Number(value)]),
  );
}
