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

  it('adds no generated site by default, and reads SIMULATOR_SITE_CHARGERS up to 1000', () => {
    const parse = (env: Record<string, string>) =>
      simulatorOptionsFrom(simulatorEnvSchema.parse(env)).siteChargers;
    expect(parse({})).toBe(0);
    expect(parse({ SIMULATOR_SITE_CHARGERS: '150' })).toBe(150);
    expect(parse({ SIMULATOR_SITE_CHARGERS: '1000' })).toBe(1000);
  });

  it.each(['-1', '1001', '2.5', 'many'])('refuses SIMULATOR_SITE_CHARGERS=%s', (value) => {
    expect(simulatorEnvSchema.safeParse({ SIMULATOR_SITE_CHARGERS: value }).success).toBe(false);
  });
});
