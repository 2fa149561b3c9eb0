import type { ZaptecConstants, ZaptecEnum } from '../../upstream/zaptec/types/wire';

/** A decoded `name → value` enum; flag values past 2^53 stay exact as bigint. */
export type EnumMap = ReadonlyMap<string, number | bigint>;

export interface DeviceSchema {
  readonly name: string;
  readonly deviceType: number;
  readonly observations: EnumMap;
  readonly commands: EnumMap;
  readonly settings: EnumMap;
  readonly warnings: EnumMap;
}

/**
 * The constants upstream serves (4.7.0 or 6.x), decoded once: names ↔ ids for commands,
 * observations, settings, roles and error codes. Device-specific ids come from `Schema.<device>`
 * when present (6.x), else from the global lists (4.7.0). Nothing here is hard-coded per version.
 */
export class ConstantsCatalog {
  readonly version: string;
  readonly source: 'upstream' | 'seed';
  private readonly enums = new Map<string, EnumMap>();
  readonly schemas: readonly DeviceSchema[];

  constructor(raw: ZaptecConstants, source: 'upstream' | 'seed') {
    this.source = source;
    this.version = typeof raw.Version === 'string' ? raw.Version : 'unknown';
    for (const [name, value] of Object.entries(raw)) {
      if (isEnum(value)) this.enums.set(name, toMap(value));
    }
    this.schemas = Object.entries(raw.Schema ?? {}).map(([name, schema]) => ({
      name,
      deviceType: schema.DeviceType,
      observations: toMap(schema.ObservationIds ?? {}),
      commands: toMap(schema.CommandIds ?? {}),
      settings: toMap(schema.SettingIds ?? {}),
      warnings: toMap(schema.Warnings ?? {}),
    }));
  }

  /** A top-level enum by its Zaptec name, e.g. `UserRoles`, `ChargerOperationModes`. */
  enum(name: string): EnumMap {
    return this.enums.get(name) ?? new Map();
  }

  enumNames(): string[] {
    return [...this.enums.keys()];
  }

  /**
   * The name of `value` in enum `name`, e.g. (`ChargerOperationModes`, 3) → Connected_Charging;
   * undefined for an unknown value or none (Zaptec may leave any field out, zaptec-api.md §1).
   */
  nameOf(name: string, value: number | bigint | undefined): string | undefined {
    return value === undefined ? undefined : keyOf(this.enum(name), value);
  }

  /** Names of the flags set in `value` (e.g. `SessionCommitMetadata` 5 → Online, ReliableClock). */
  flagNames(name: string, value: number | bigint, map: EnumMap = this.enum(name)): string[] {
    const bits = BigInt(value);
    return [...map]
      .filter(([, flag]) => BigInt(flag) !== 0n && (bits & BigInt(flag)) === BigInt(flag))
      .map(([key]) => key);
  }

  schemaFor(deviceType: number | undefined): DeviceSchema | undefined {
    return this.schemas.find((schema) => schema.deviceType === deviceType);
  }

  /** Command id by name for a device type (its schema in 6.x, the global list otherwise). */
  commandId(name: string, deviceType?: number): number | undefined {
    const value = (this.schemaFor(deviceType)?.commands ?? this.enum('Commands')).get(name);
    return value === undefined ? undefined : Number(value);
  }

  commandNames(deviceType?: number): string[] {
    return [...(this.schemaFor(deviceType)?.commands ?? this.enum('Commands')).keys()];
  }

  /** Observation (state) name by id for a device type. */
  observationName(id: number, deviceType?: number): string | undefined {
    const schema = this.schemaFor(deviceType)?.observations;
    return (schema && keyOf(schema, id)) ?? keyOf(this.enum('Observations'), id);
  }

  observationId(name: string, deviceType?: number): number | undefined {
    const value =
      this.schemaFor(deviceType)?.observations.get(name) ?? this.enum('Observations').get(name);
    return value === undefined ? undefined : Number(value);
  }

  /** Setting ids (the subset of observations a user may change). */
  settingName(id: number, deviceType?: number): string | undefined {
    const schema = this.schemaFor(deviceType)?.settings;
    return (schema && keyOf(schema, id)) ?? keyOf(this.enum('Settings'), id);
  }

  errorName(code: number): string | undefined {
    return keyOf(this.enum('ErrorCodes'), code);
  }
}

/** value → first name, per enum, built on first use: state mapping looks up ~90 ids per call. */
const reverseIndexes = new WeakMap<EnumMap, Map<bigint, string>>();

function keyOf(map: EnumMap, id: number | bigint): string | undefined {
  // BigInt() throws on fractions, which name nothing.
  if (typeof id === 'number' && !Number.isInteger(id)) return undefined;
  let index = reverseIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const [key, value] of map) if (!index.has(BigInt(value))) index.set(BigInt(value), key);
    reverseIndexes.set(map, index);
  }
  return index.get(BigInt(id));
}

function isEnum(value: unknown): value is ZaptecEnum {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return (
    entries.length > 0 &&
    entries.every((entry) => typeof entry === 'number' || typeof entry === 'bigint')
  );
}

function toMap(value: ZaptecEnum): EnumMap {
  return new Map(Object.entries(value));
}
