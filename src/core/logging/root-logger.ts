import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../../config/app-config';

export type { PinoLogger };

/** Paths whose values must never reach a log line, whoever logs an object holding them. */
export const REDACTED_PATHS = [
  '*.authorization',
  '*.cookie',
  '*["x-api-key"]',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  // An API key's secret, should a minted key's DTO ever be logged.
  '*.secret',
];

/**
 * The gateway's one pino logger: JSON lines on stdout, or pino-pretty for a terminal. Every app
 * builds its own (tests pass `destination` to read what was logged).
 */
export function createRootLogger(
  config: AppConfig['log'],
  destination?: DestinationStream,
): PinoLogger {
  const options = {
    level: config.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (config.pretty) return pino({ ...options, transport: { target: 'pino-pretty' } });
  // Asynchronous writes: a line per request must not cost each request a blocking write to
  // stdout (pino flushes what is pending when the process exits). And few of them: a write
  // goes out once 8 KiB are pending (30 request lines or so), or at the latest after 100 ms.
  // A write per event-loop turn was a syscall and a thread-pool round trip every few requests;
  // under `npm run bench`'s load that was ~10% of a cache hit.
  return pino(
    options,
    pino.destination({ dest: 1, sync: false, minLength: 8192, periodicFlush: 100 }),
  );
}
