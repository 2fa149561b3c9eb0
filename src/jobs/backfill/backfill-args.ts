import { parseArgs } from 'node:util';

export const BACKFILL_USAGE =
  'usage: npm run backfill -- --from <ISO date/time, UTC> [--to <ISO date/time; default now>] [--installation <uuid>]';

export interface BackfillArgs {
  readonly from: Date;
  readonly to: Date;
  readonly installationId: string | undefined;
}

/** Bad arguments: the CLI prints the message (one line, then the usage) and exits 1. */
export class BackfillUsageError extends Error {
  constructor(problem: string) {
    super(`backfill: ${problem}\n${BACKFILL_USAGE}`);
    this.name = 'BackfillUsageError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A date, or a date and time; without a zone it is UTC (Date.parse would take a bare time as local).
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function dateOf(name: string, value: string): Date {
  if (!ISO.test(value))
    throw new BackfillUsageError(`--${name} ${value} is not an ISO date or time`);
  const zoned = value.length === 10 || /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const date = new Date(zoned);
  // new Date rolls 2026-02-30 over into March: the date must read back as written.
  if (
    Number.isNaN(date.getTime()) ||
    ((zoned.endsWith('Z') || zoned.length === 10) &&
      date.toISOString().slice(0, 10) !== value.slice(0, 10))
  )
    throw new BackfillUsageError(`--${name} ${value} is not a valid date`);
  return date;
}

export function parseBackfillArgs(args: readonly string[], now = new Date()): BackfillArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        installation: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new BackfillUsageError((error as Error).message.split('\n')[0]);
  }
  if (values.from === undefined) throw new BackfillUsageError('--from is required');
  const from = dateOf('from', values.from);
  const to = values.to === undefined ? now : dateOf('to', values.to);
  if (to <= from) throw new BackfillUsageError('--to must be later than --from');
  const installationId = values.installation?.toLowerCase();
  if (installationId !== undefined && !UUID.test(installationId))
    throw new BackfillUsageError(`--installation ${values.installation} is not a UUID`);
  return { from, to, installationId };
}
