import { simulatorEnvSchema, simulatorOptionsFrom } from './simulator-options';

describe('simulator options', () => {
  it('defaults to the constants and state cache Zaptec serves today (6.5.8, 15 s)', () => {
    const options = simulatorOptionsFrom(simulatorEnvSchema.parse({}));
    expect(options).toMatchObject({ constantsVersion: '6.5.8', stateCacheSeconds: 15 });
  });

  it('reads SIMULATOR_STATE_CACHE_S, 0 turning the cache off', () => {
    const parse = (value: string) =>
      simulatorOptionsFrom(simulatorEnvSchema.parse({ SIMULATOR_STATE_CACHE_S: value }))
        .stateCacheSeconds;
    expect(parse('0')).toBe(0);
    expect(parse('2.5')).toBe(2.5);
  });

  it.each(['-1', 'soon', '3601'])('refuses SIMULATOR_STATE_CACHE_S=%s', (value) => {
    expect(simulatorEnvSchema.safeParse({ SIMULATOR_STATE_CACHE_S: value }).success).toBe(false);
  });
});
