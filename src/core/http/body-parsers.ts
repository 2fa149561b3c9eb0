import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiProblem } from '../errors/problem';
import { validationProblem } from '../errors/validation';

/**
 * Deepest JSON body accepted. Our DTOs nest three levels at most; a body nested thousands of
 * levels deep overflowed class-transformer's stack (500) and cost the event loop seconds.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The gateway's body parsers, for every route at once (Nest's defaults are turned off):
 * - JSON only. Form and text bodies are refused with 415: a browser can send those cross-origin
 *   without a preflight, which made login a login-CSRF target.
 * - An empty body of any content type is no body. HTTP clients send
 *   `Content-Type: application/octet-stream` with `Content-Length: 0` on a POST without data
 *   (aiohttp, as Home Assistant's Zaptec integration uses); routes that take no body accept it,
 *   routes that take one answer 400 for the missing fields.
 * - JSON nested deeper than MAX_JSON_DEPTH is refused before it is parsed.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  // Fastify's own parser: keeps its __proto__ / constructor.prototype poisoning protection.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();

  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (nestingDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        validationProblem(
          'body',
          `body must not nest objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
        ),
        undefined,
      );
      return;
    }
    // Callback style: it completes through `done` and returns nothing to wait for.
    void parseJson(request, text, done);
  });

  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    if ((body as Buffer).length === 0) {
      done(null, undefined);
      return;
    }
    done(
      new ApiProblem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted: send application/json.`,
      ),
      undefined,
    );
  });
}

/**
 * Whether JSON text nests objects/arrays deeper than `limit`: one pass over the characters,
 * counting brackets outside strings. Cheap next to parsing, and it does not allocate.
 */
export function nestingDeeperThan(text: string, limit: number): boolean {
  const QUOTE = 34;
  const BACKSLASH = 92;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) index++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}
