import type { LoggerService } from '@nestjs/common';
import type { PinoLogger } from './root-logger';
import { currentRequestLog } from './request-logging';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's start-up chatter (one line per module and per route, ~55 in all) is for debugging the
 * framework, not for running the gateway: logged at debug, so start-up shows what matters.
 */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Nest logs a start-up failure itself (with stack and colours) before it rethrows it to
 * `createApp`'s caller, which reports it in one line: the framework's copy is debug only.
 */
const RETHROWN_CONTEXTS = new Set(['ExceptionHandler']);

/**
 * Nest's LoggerService over pino. `new Logger('Context')` anywhere logs through this; inside a
 * request the line carries its `reqId` (see request-logging.ts).
 */
export class GatewayLogger implements LoggerService {
  constructor(private readonly root: PinoLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the logger's context last: `(message, ...rest, context)`. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params.length ? params.at(-1) : undefined;
    const rest = params.slice(0, -1).filter((param) => param !== undefined);
    const fields: Record<string, unknown> = typeof context === 'string' ? { context } : {};
    const effective = effectiveLevel(level, fields.context);
    const logger = currentRequestLog() ?? this.root;
    if (!logger.isLevelEnabled(effective)) return;

    let text: string | undefined;
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else text = String(message);
    // Nest's own error contract: `error(message, stack, context)`.
    const [first] = rest;
    if (typeof first === 'string') {
      if (level === 'error' && first.includes('\n    at ')) fields.stack = first;
      else text = text === undefined ? first : `${text} ${first}`;
    }
    logger[effective](fields, text);
  }
}

function effectiveLevel(level: Level, context: unknown): Level {
  if (typeof context !== 'string') return level;
  if (level === 'info' && FRAMEWORK_CONTEXTS.has(context)) return 'debug';
  if (level === 'error' && RETHROWN_CONTEXTS.has(context)) return 'debug';
  return level;
}
