import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from './database';

export interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  context?: string;
  [field: string]: unknown;
}

/**
 * What an app logged, line by line, parsed (pino writes one JSON object per line). Both wait for
 * the end of the event-loop turn first: request lines are written in one batch per turn
 * (src/core/logging/request-line-writer.ts), and a response can reach the client earlier.
 */
export interface CapturedLog {
  lines(): Promise<LogLine[]>;
  /** The raw text, e.g. to prove something never appears in any line. */
  text(): Promise<string>;
}

const turnEnded = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The real gateway (bootstrap.ts, own database) with its log written to memory instead of stdout. */
export async function startLoggedApp(
  env: Record<string, string> = {},
): Promise<{ app: NestFastifyApplication; log: CapturedLog; databaseUrl: string }> {
  let text = '';
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SIMULATOR_PORT: '0',
    // Off unless a suite asks: its background calls would add lines to every captured log.
    INGESTION_ENABLED: 'false',
    // Counted on every request, never reached: suites make many calls as one user; the
    // rate-limit suite sets its own quotas.
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_KEY: '1000000',
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const app = await createApp({
    config,
    logDestination: { write: (chunk: string) => void (text += chunk) },
  });
  const log: CapturedLog = {
    text: async () => {
      await turnEnded();
      return text;
    },
    lines: async () => {
      await turnEnded();
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogLine);
    },
  };
  return { app, log, databaseUrl };
}
