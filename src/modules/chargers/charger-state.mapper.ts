import type { ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import type { ConstantsCatalog } from '../constants/constants-catalog';
import {
  BOOLEAN_OBSERVATIONS,
  ENUM_OBSERVATIONS,
  StateIds,
  TEXT_OBSERVATIONS,
} from './charger-observations';
import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';
import type {
  ChargerObservationDto,
  ChargerStateDto,
  ChargerWarningsDto,
  ObservationValue,
} from './dto/charger-state.dto';

/** Zaptec writes numbers as plain decimals (`"32.000"`, `"-70"`, §5.4). */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Zaptec's state array as named, typed values, decoded through the constants upstream serves
 * (the charger's device schema first, 6.x).
 */
export function toChargerStateDto(
  chargerId: string,
  deviceType: number,
  state: readonly ZaptecStateItem[],
  catalog: ConstantsCatalog,
): ChargerStateDto {
  const observations = [...state]
    .sort((a, b) => a.StateId - b.StateId)
    .map((item) => toObservation(item, deviceType, catalog));
  const values: Record<string, ObservationValue> = {};
  for (const observation of observations) {
    if (observation.name) values[camelCase(observation.name)] = observation.value;
  }
  const warnings = state.find((item) => item.StateId === StateIds.Warnings)?.ValueAsString;
  return {
    chargerId,
    deviceType,
    constantsVersion: catalog.version,
    values,
    warnings: warnings === undefined ? undefined : decodeWarnings(warnings, deviceType, catalog),
    observations,
  };
}

function toObservation(
  item: ZaptecStateItem,
  deviceType: number,
  catalog: ConstantsCatalog,
): ChargerObservationDto {
  const name = catalog.observationName(item.StateId, deviceType);
  return {
    stateId: item.StateId,
    name,
    value: typedValue(item, name, catalog),
    valueAsString: item.ValueAsString,
    timestamp: fromZaptecTime(item.Timestamp),
  };
}

/** Exported for its unit test: the typing rules in one place. */
export function typedValue(
  item: ZaptecStateItem,
  name: string | undefined,
  catalog: ConstantsCatalog,
): ObservationValue {
  const text = item.ValueAsString;
  if (text === undefined || text === '') return null;
  // The warnings bit mask stays text whatever the constants call it: a number would round it.
  if (item.StateId === StateIds.Warnings || (name && TEXT_OBSERVATIONS.has(name))) return text;
  if (name && BOOLEAN_OBSERVATIONS.has(name) && (text === '0' || text === '1')) return text === '1';
  if (!DECIMAL.test(text)) return text;
  const number = Number(text);
  // An integer past 2^53 would come out rounded: keep it exact as text.
  if (!text.includes('.') && !Number.isSafeInteger(number)) return text;
  const enumName = name ? ENUM_OBSERVATIONS[name] : undefined;
  if (enumName && Number.isInteger(number)) return catalog.nameOf(enumName, number) ?? number;
  return number;
}

/**
 * The names of the set warning bits: the device schema's `Warnings` (6.x) or, for constants
 * without schemas (4.7.0), `SmartWarnings`. BigInt throughout, since 6.x bits reach 2^56.
 */
function decodeWarnings(
  text: string,
  deviceType: number,
  catalog: ConstantsCatalog,
): ChargerWarningsDto {
  if (!/^\d+$/.test(text)) return { value: text, names: [] };
  const map = catalog.schemaFor(deviceType)?.warnings;
  const names =
    map && map.size > 0
      ? catalog.flagNames('Warnings', BigInt(text), map)
      : catalog.flagNames('SmartWarnings', BigInt(text));
  return { value: text, names };
}

/** `ChargerOperationMode` → `chargerOperationMode`, `MIDBlinkEnabled` → `midBlinkEnabled`. */
export function camelCase(name: string): string {
  const leadingCaps = /^[A-Z]+(?=[A-Z][a-z]|\d|$)|^[A-Z]/.exec(name)?.[0] ?? '';
  return leadingCaps.toLowerCase() + name.slice(leadingCaps.length);
}
