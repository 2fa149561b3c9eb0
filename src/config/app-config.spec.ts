import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { simulatorEnvSchema } from '../simulator/simulator-options';
import { envSchema } from './env.schema';

describe('loadConfig', () => {
  it('fills every variable with its documented default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      http: {
        host: '0.0.0.0',
        port: 3000,
        shutdownTimeoutMs: 10_000,
        trustProxy: false,
        corsOrigins: [],
      },
      log: { level: 'info', pretty: false, hitLinesPerSecond: 100 },
      database: { url: undefined, embeddedPort: 0, migrateOnStart: true },
      upstream: { url: undefined, simulatorEnv: {} },
    });
    expect(config.database.embeddedDataDir).toMatch(/\.data\/postgres$/);
  });

  it.each([
    ['true', true],
    ['2', 2],
    ['10.0.0.1,10.0.0.0/8', ['10.0.0.1', '10.0.0.0/8']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });

  it('treats an empty value as not set', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });

  it('reads typed values', () => {
    const config = loadConfig({
      PORT: '8080',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      LOG_HIT_LINES_PER_S: '0',
      MIGRATE_ON_START: 'false',
      DATABASE_URL: 'postgresql://u:p@db:5432/gateway',
    });
    expect(config.http.port).toBe(8080);
    expect(config.log).toEqual({ level: 'debug', pretty: true, hitLinesPerSecond: 0 });
    expect(config.database.migrateOnStart).toBe(false);
    expect(config.database.url).toBe('postgresql://u:p@db:5432/gateway');
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a port number (0-65535) (got "abc")'],
    ['PORT', '70000', 'PORT must be a port number (0-65535) (got "70000")'],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [
      'TRUST_PROXY',
      'everyone',
      'TRUST_PROXY must be true, false, a number of proxy hops, or comma-separated proxy addresses/CIDRs (got "everyone")',
    ],
    [
      'LOG_HIT_LINES_PER_S',
      '-1',
      'LOG_HIT_LINES_PER_S must be at least 0 (0 logs no hit lines, only their count) (got "-1")',
    ],
    ['MIGRATE_ON_START', 'maybe', 'MIGRATE_ON_START must be true or false (got "maybe")'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgres:// or postgresql:// URL'],
    [
      'ZAPTEC_API_URL',
      'ftp://x',
      'ZAPTEC_API_URL must be an http:// or https:// URL, e.g. https://api.zaptec.com',
    ],
    [
      'CORS_ORIGINS',
      'https://app.example.com/path',
      'CORS_ORIGINS must be comma-separated origins such as https://app.example.com (no path) (got "https://app.example.com/path")',
    ],
  ])('rejects %s=%s with one line naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      new ConfigError(`Invalid configuration: ${message}`),
    );
  });

  it('reads CORS_ORIGINS as a list of origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).http
        .corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it("passes the SIMULATOR_* variables on unread: they are the simulator's to parse", () => {
    const config = loadConfig({ SIMULATOR_PORT: '-1', SIMULATOR_CONSTANTS: '6.5.8', PORT: '80' });
    expect(config.upstream.simulatorEnv).toEqual({
      SIMULATOR_PORT: '-1',
      SIMULATOR_CONSTANTS: '6.5.8',
    });
  });

  it('does not import the simulator (production config stands on its own)', () => {
    const sources = readdirSync(__dirname).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'),
    );
    for (const file of sources) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      expect({ file, importsSimulator: /from '[./]*\/simulator\//.test(source) }).toEqual({
        file,
        importsSimulator: false,
      });
    }
  });

  it('never echoes the value of a URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('reads METRICS_TOKEN, refuses a short one and never echoes it', () => {
    expect(loadConfig({}).metrics.token).toBeUndefined();
    const token = 'm'.repeat(16);
    expect(loadConfig({ METRICS_TOKEN: token }).metrics.token).toBe(token);
    expect(() => loadConfig({ METRICS_TOKEN: 'hunter2' })).toThrow(
      new ConfigError('Invalid configuration: METRICS_TOKEN must be at least 16 characters'),
    );
  });

  it("runs ingestion by default at the pace of Zaptec's state cache, and reads its settings", () => {
    expect(loadConfig({}).ingestion).toEqual({
      enabled: true,
      stateIntervalMs: 15_000,
      historyIntervalMs: 300_000,
      maxRequestsPerSecond: 5,
    });
    expect(
      loadConfig({
        INGESTION_ENABLED: 'false',
        INGESTION_STATE_INTERVAL_S: '1',
        INGESTION_HISTORY_INTERVAL_S: '60',
        INGESTION_MAX_REQUESTS_PER_S: '2.5',
      }).ingestion,
    ).toEqual({
      enabled: false,
      stateIntervalMs: 1_000,
      historyIntervalMs: 60_000,
      maxRequestsPerSecond: 2.5,
    });
  });

  it.each([
    ['INGESTION_ENABLED', 'yes', 'must be true or false'],
    ['INGESTION_STATE_INTERVAL_S', '0', 'must be at least 1 (second)'],
    ['INGESTION_STATE_INTERVAL_S', '1.5', 'must be a whole number of seconds'],
    ['INGESTION_HISTORY_INTERVAL_S', '86401', 'must be at most 86400 (seconds)'],
    ['INGESTION_MAX_REQUESTS_PER_S', '0', 'must be more than 0 (requests per second)'],
    ['INGESTION_MAX_REQUESTS_PER_S', '11', "must be at most 10 (Zaptec's limit per account)"],
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      new ConfigError(`Invalid configuration: ${name} ${message} (got "${value}")`),
    );
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_FORMAT: 'xml' })).toThrow(
      /PORT must be .*; LOG_FORMAT must be json or pretty/,
    );
  });

  it('refuses to start in production without JWT_SECRET, and never echoes a secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /^Invalid configuration: JWT_SECRET must be at least 32 characters$/,
        ),
      }),
    );
  });

  it('generates a JWT secret outside production and derives the token key from the secret', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    expect(first.auth.jwtSecretGenerated).toBe(true);
    expect(first.auth.jwtSecret).not.toBe(second.auth.jwtSecret);
    const secret = 'x'.repeat(40);
    const fixed = loadConfig({ JWT_SECRET: secret });
    expect(fixed.auth).toMatchObject({ jwtSecret: secret, jwtSecretGenerated: false });
    expect(fixed.auth.tokenEncryptionKey).toHaveLength(32);
    expect(
      fixed.auth.tokenEncryptionKey.equals(
        loadConfig({ JWT_SECRET: secret }).auth.tokenEncryptionKey,
      ),
    ).toBe(true);
  });

  it('documents every variable in .env.example and the README', () => {
    const names = [...Object.keys(envSchema.shape), ...Object.keys(simulatorEnvSchema.shape)];
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(names.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
    expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
