import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/** The media type of every CSV answer (RFC 4180 §3, with the header row present). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

export type CsvValue = string | number | boolean | null | undefined;

/** A field as RFC 4180 §2 wants it: quoted when it holds a quote, comma, CR or LF. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated (RFC 4180 §2.1). */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Whether the caller asked for CSV: `Accept` lists text/csv with a higher weight than JSON
 * (RFC 9110 §12.5.1). Without an Accept header, or with `*\/*`, the answer is JSON.
 */
export function acceptsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  let csv = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) || 0 : 1;
    if (range.trim() === 'text/csv') csv = Math.max(csv, weight);
    else if (range.trim() === 'application/json') json = Math.max(json, weight);
  }
  return csv > 0 && csv >= json;
}

/**
 * A CSV answer streamed as its records are produced: the header row first, then one record per
 * row the generator yields, so a year of sessions is never held in memory. `filename` names the
 * download (Content-Disposition).
 */
export function csvFile(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
  filename: string,
): StreamableFile {
  async function* records(): AsyncGenerator<string> {
    yield csvRecord(header);
    for await (const row of rows) yield csvRecord(row);
  }
  return new StreamableFile(Readable.from(records()), {
    type: CSV_CONTENT_TYPE,
    disposition: `attachment; filename="${filename}"`,
  });
}
