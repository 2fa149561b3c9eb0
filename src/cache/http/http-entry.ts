import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CacheEntry } from '../cache-store';
import type { CacheResult } from '../cache.service';

/** A cached answer: the JSON bytes as sent, and their ETag, built once when it was fetched. */
export interface HttpBody {
  readonly body: Buffer;
  readonly etag: string;
}

export function httpBodyOf(payload: unknown): HttpBody {
  const body = Buffer.from(JSON.stringify(payload));
  // A strong validator of the bytes (RFC 9110 §8.8.3): equal bytes, equal tag.
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, etag };
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Sets the headers of a cached answer and returns the stored bytes to send; `notModified`
 * (an onSend hook) turns it into a 304 when the caller already has them.
 */
export function cachedReply(
  reply: FastifyReply,
  entry: CacheEntry<HttpBody>,
  result: CacheResult,
  now = Date.now(),
): Buffer | '' {
  const headers = cacheHeaders(entry, result, now);
  for (let at = 0; at < headers.length; at += 2) reply.header(headers[at], headers[at + 1]);
  reply.header('content-type', JSON_CONTENT_TYPE);
  return entry.value.body;
}

/**
 * What every answer from the cache says of itself, as name, value, name, value… (the shape
 * `writeHead` takes): where it came from, how old it is, how long the caller may keep it.
 */
export function cacheHeaders(
  entry: CacheEntry<HttpBody>,
  result: CacheResult,
  now = Date.now(),
): string[] {
  const fresh = result === 'STALE' ? 0 : Math.max(0, Math.floor((entry.freshUntil - now) / 1000));
  return [
    'x-cache',
    result,
    'age',
    String(Math.max(0, Math.floor((now - entry.fetchedAt) / 1000))),
    'cache-control',
    `private, max-age=${fresh}`,
    'etag',
    entry.value.etag,
  ];
}

/**
 * A 200 whose ETag the caller sent in `If-None-Match` becomes a 304 without a body (RFC 9110
 * §15.4.5), whether the hot path or the handler produced it.
 */
export function notModified(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): unknown {
  const ifNoneMatch = request.headers['if-none-match'];
  const etag = reply.getHeader('etag');
  if (reply.statusCode !== 200 || !ifNoneMatch || typeof etag !== 'string') return payload;
  if (!etagMatches(ifNoneMatch, etag)) return payload;
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}

/** `If-None-Match: "a", W/"b"` or `*` (RFC 9110 §13.1.2: weak comparison). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
