import { readSeedConstants, type SeedVersion } from '../../seed/seed-constants';
import { parseLosslessJson } from '../../upstream/zaptec/lossless-json';
import type { ZaptecConstants, ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import { ConstantsCatalog } from '../constants/constants-catalog';
import { StateIds } from './charger-observations';
import { camelCase, toChargerStateDto } from './charger-state.mapper';
import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';
import { toChargerSettingsDto } from './chargers.mapper';

const catalogOf = (version: SeedVersion) =>
  new ConstantsCatalog(
    parseLosslessJson(readSeedConstants(version).toString('utf8')) as ZaptecConstants,
    'upstream',
  );
const v4 = catalogOf('4.7.0');
const v6 = catalogOf('6.5.8');
const PRO = 1;
const GO = 4;
const ID = '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c';

const item = (StateId: number, ValueAsString?: string): ZaptecStateItem => ({
  ChargerId: ID,
  StateId,
  Timestamp: '2022-12-05T13:10:10.837',
  ValueAsString,
});

describe('the state ids the gateway reads itself', () => {
  it('are the ids the 6.5.8 constants name for every device schema of a charger', () => {
    for (const deviceType of [PRO, GO]) {
      for (const [name, id] of Object.entries(StateIds)) {
        expect([name, v6.observationId(name, deviceType)]).toEqual([name, id]);
      }
    }
  });

  it('mean the same in 4.7.0 where it names them (718, 763 and 555 came later)', () => {
    const later: number[] = [
      StateIds.FinalStopActive,
      StateIds.NextScheduleEvent,
      StateIds.SignedMeterValueInterval,
    ];
    for (const [name, id] of Object.entries(StateIds)) {
      const named = v4.observationName(id);
      if (later.includes(id)) {
        expect(named).toBeUndefined();
      } else expect([id, named]).toEqual([id, name]);
    }
  });
});

describe('decoding the charger state', () => {
  const state = [
    item(-2, '1'),
    item(-1),
    item(150, 'LTE'),
    item(510, '16.000'),
    item(513, '7214.500'),
    item(710, '3'),
    item(718, '1'),
    item(721, ''),
    item(804, '18014398509481985'),
    item(809, '-70'),
    item(911, '3.2.2.0'),
    item(99999, '42'),
  ];

  it('names and types the values through the 6.x device schema', () => {
    const dto = toChargerStateDto(ID, GO, state, v6);
    expect(dto.values).toEqual({
      isOnline: true,
      pulse: null,
      communicationMode: 'LTE',
      chargerMaxCurrent: 16,
      totalChargePower: 7214.5,
      chargerOperationMode: 'Connected_Charging',
      finalStopActive: true,
      sessionIdentifier: null,
      warnings: '18014398509481985',
      communicationSignalStrength: -70,
      smartComputerSoftwareApplicationVersion: '3.2.2.0',
    });
    expect(dto.observations.find((o) => o.stateId === 99999)).toEqual({
      stateId: 99999,
      name: undefined,
      value: 42,
      valueAsString: '42',
      timestamp: '2022-12-05T13:10:10.837Z',
    });
  });

  it('keeps the warnings bit mask exact past 2^53 and decodes its bits', () => {
    const { warnings } = toChargerStateDto(ID, GO, state, v6);
    // 2^54 + 1: a JSON number would round it to 18014398509481984.
    expect(warnings).toEqual({ value: '18014398509481985', names: ['HUMIDITY', 'MOTOR'] });
  });

  it('falls back to the global lists and SmartWarnings without schemas (4.7.0)', () => {
    const dto = toChargerStateDto(ID, PRO, [item(718, '1'), item(804, '3'), item(710, '5')], v4);
    expect(dto.values).toEqual({ warnings: '3', chargerOperationMode: 'Connected_Finished' });
    expect(dto.observations[0]).toMatchObject({ stateId: 710 });
    expect(dto.warnings?.names).toEqual(['WARNING_HUMIDITY', 'WARNING_TEMPERATURE']);
  });

  it('leaves an operation mode the constants do not name as its number', () => {
    expect(toChargerStateDto(ID, PRO, [item(710, '6')], v6).values.chargerOperationMode).toBe(6);
  });
});

describe('settings from the state', () => {
  it('reads 510/511/520/522/523/555 and leaves out what is not reported', () => {
    const settings = toChargerSettingsDto(ID, [
      item(510, '16.000'),
      item(511, '6.000'),
      item(520, '3'),
      item(522, '0'),
      item(523, '-1.000'),
    ]);
    expect(settings).toEqual({
      chargerId: ID,
      maxChargeCurrent: 16,
      minChargeCurrent: 6,
      maxChargePhases: 3,
      offlineChargePhase: 0,
      offlineChargeCurrent: -1,
      meterValueInterval: undefined,
    });
  });
});

describe('names and times', () => {
  it.each([
    ['ChargerOperationMode', 'chargerOperationMode'],
    ['IsOnline', 'isOnline'],
    ['MIDBlinkEnabled', 'midBlinkEnabled'],
    ['TemperatureInternal5', 'temperatureInternal5'],
  ])('camelCases %s as %s', (name, expected) => expect(camelCase(name)).toBe(expected));

  it('reads Zaptec times as UTC and keeps explicit zones', () => {
    expect(fromZaptecTime('2022-09-28T13:43:03')).toBe('2022-09-28T13:43:03.000Z');
    expect(fromZaptecTime('2025-06-07T09:30:01.007+00:00')).toBe('2025-06-07T09:30:01.007Z');
    expect(fromZaptecTime('garbage')).toBeUndefined();
    expect(fromZaptecTime(undefined)).toBeUndefined();
  });
});
