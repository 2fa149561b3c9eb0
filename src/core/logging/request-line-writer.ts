import pino from 'pino';
import type { PinoLogger } from './root-logger';

/** What a request line says: never headers or bodies. */
export interface RequestLine {
  readonly reqId: string;
  readonly method: string;
  readonly route: string | undefined;
  /** Only when there is no route (a 404): the path asked for, without its query string. */
  readonly path?: string;
  readonly status: number;
  readonly durationMs: number;
  readonly principalId: string | undefined;
}

/**
 * Probes and the metrics scraper call these every few seconds: their lines are debug, so they
 * never drown the rest.
 */
const PROBE_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

const HIT_WINDOW_MS = 1000;

export interface RequestLineOptions {
  /**
   * Cache hits logged per second at most (`LOG_HIT_LINES_PER_S`); past that they are counted,
   * and one line per second says how many were not logged. Every other request is logged.
   */
  readonly hitLinesPerSecond: number;
  /** The clock (tests). */
  readonly now?: () => number;
}

/**
 * Writes the one line of each answered request (Fastify's onResponse hook and the cache's front
 * door), as pino would write it (level, time, pid, hostname, the fields, msg), to the root
 * logger's destination, with the lines of one event-loop turn in one write.
 *
 * Why not `logger.info()` per line: a cache hit costs ~100 µs here, and the line was ~10 µs of
 * it. Formatting is a fraction of that; most is the destination's per-call cost (sonic-boom
 * measures the byte length of its whole pending buffer on every write()), so under load a write
 * per line costs more the more lines wait. A line holds no secret by construction (ids, a route
 * pattern, a path without query), so pino's redaction has nothing to do either. Lines logged
 * inside a request (warnings, failures) still go through pino, before this line.
 */
export class RequestLineWriter {
  private readonly stream: pino.DestinationStream & { flushSync?: () => void };
  private readonly base: string;
  private pending = '';
  private readonly hitLinesPerSecond: number;
  private readonly now: () => number;
  private hitWindowEnd = 0;
  private hitsLogged = 0;
  private hitsNotLogged = 0;
  private hitSummary: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: PinoLogger,
    options: RequestLineOptions,
  ) {
    this.hitLinesPerSecond = options.hitLinesPerSecond;
    this.now = options.now ?? Date.now;
    // pino's own destination (stdout's sonic-boom, pino-pretty's worker, a test's sink).
    this.stream = (root as unknown as Record<symbol, RequestLineWriter['stream']>)[
      pino.symbols.streamSym
    ];
    // The root's bindings as pino writes them after the time (`,"pid":…,"hostname":…`).
    this.base = (root as unknown as Record<symbol, string>)[pino.symbols.chindingsSym];
    // A process that exits (start-gateway.ts does, after closing the app; a failed start does
    // at once) would never write the last turn's lines: they go out synchronously, as pino's own
    // pending lines do. close() hands them to the destination before pino's exit flush.
    process.once('exit', this.onExit);
  }

  /** At the app's close: what is pending goes to the destination now. */
  close(): void {
    process.removeListener('exit', this.onExit);
    this.summarizeHits();
    this.flush(false);
  }

  /**
   * Whether to log this cache hit (then `write()` its line): the first `hitLinesPerSecond` of
   * each second are, the rest are counted. A hit answered from memory costs a few microseconds,
   * and at tens of thousands a second its line was the largest part of that (measured under
   * `npm run bench`); a line per hit would also be gigabytes of logs an hour saying the same thing.
   * Metrics count every hit (`gateway_cache_requests_total`, the request duration histogram).
   */
  admitHit(): boolean {
    const now = this.now();
    if (now >= this.hitWindowEnd) {
      this.summarizeHits();
      this.hitWindowEnd = now + HIT_WINDOW_MS;
      this.hitsLogged = 0;
    }
    if (this.hitsLogged < this.hitLinesPerSecond) {
      this.hitsLogged += 1;
      return true;
    }
    if (this.hitsNotLogged === 0 && this.root.isLevelEnabled('info')) {
      // Also said when no hit follows to end the window.
      this.hitSummary = setTimeout(() => this.summarizeHits(), this.hitWindowEnd - now);
      this.hitSummary.unref();
    }
    this.hitsNotLogged += 1;
    return false;
  }

  private summarizeHits(): void {
    clearTimeout(this.hitSummary);
    this.hitSummary = undefined;
    const notLogged = this.hitsNotLogged;
    if (notLogged === 0) return;
    this.hitsNotLogged = 0;
    this.flush(false); // the lines of the hits that were logged come first
    this.root.info(
      { hitsNotLogged: notLogged, hitLinesPerSecond: this.hitLinesPerSecond },
      `${notLogged} cache hits not logged (LOG_HIT_LINES_PER_S=${this.hitLinesPerSecond})`,
    );
  }

  private readonly onExit = () => {
    this.summarizeHits();
    this.flush(true);
  };

  write(line: RequestLine): void {
    const level = line.route && PROBE_ROUTES.has(line.route) ? 'debug' : 'info';
    if (!this.root.isLevelEnabled(level)) return;
    const where = line.route ?? line.path ?? '';
    const text =
      `{"level":${this.root.levels.values[level]},"time":${Date.now()}${this.base}` +
      `,"reqId":${JSON.stringify(line.reqId)},"method":${JSON.stringify(line.method)}` +
      (line.route === undefined ? '' : `,"route":${JSON.stringify(line.route)}`) +
      (line.path === undefined ? '' : `,"path":${JSON.stringify(line.path)}`) +
      `,"status":${line.status},"durationMs":${Math.round(line.durationMs * 10) / 10}` +
      (line.principalId === undefined ? '' : `,"principalId":${JSON.stringify(line.principalId)}`) +
      `,"msg":${JSON.stringify(`${line.method} ${where} ${line.status}`)}}\n`;
    if (this.pending === '') setImmediate(() => this.flush(false));
    this.pending += text;
  }

  private flush(exiting: boolean): void {
    if (this.pending !== '') {
      const text = this.pending;
      this.pending = '';
      this.stream.write(text);
    }
    if (exiting) {
      try {
        this.stream.flushSync?.();
      } catch {
        // A destination still busy with an earlier write: pino's own exit flush had the same.
      }
    }
  }
}
