import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { toWireJson } from '../world/wire-format';

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  return reply.status(status).type(JSON_TYPE).send(toWireJson(body));
}

/** Success with an empty body (updates, commands). */
export function sendEmpty(reply: FastifyReply, status = 200): FastifyReply {
  return reply.status(status).header('content-length', '0').send();
}

/** Business errors: HTTP 500 with `{Code, Details, StackTrace}` (zaptec-api.md §6, §8). */
export function sendZaptecError(reply: FastifyReply, code: number, details: string): FastifyReply {
  return reply
    .status(500)
    .type(JSON_TYPE)
    .send(JSON.stringify({ Code: code, Details: details, StackTrace: null }));
}

/** The camelCase 404 the state endpoint answers since 2025-03 (§4); used for every unknown id. */
export function sendNotFound(reply: FastifyReply, what: string): FastifyReply {
  return reply
    .status(404)
    .type(JSON_TYPE)
    .send(JSON.stringify({ errorCode: 512, message: `${what} not found.` }));
}

/** 401/403 have no documented body (§8): empty. */
export function sendUnauthorized(reply: FastifyReply): FastifyReply {
  return reply
    .status(401)
    .header('www-authenticate', 'Bearer')
    .header('content-length', '0')
    .send();
}

export function sendForbidden(reply: FastifyReply): FastifyReply {
  return sendEmpty(reply, 403);
}

/** ASP.NET Core's answer to a value that does not bind (a bad GUID, a negative page). */
export function sendBindingError(reply: FastifyReply, field: string, value: string): FastifyReply {
  return reply
    .status(400)
    .type('application/problem+json; charset=utf-8')
    .send(
      JSON.stringify({
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { [field]: [`The value '${value}' is not valid.`] },
        traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
      }),
    );
}

/** The nginx front's pages (§8): 429 from the limiter, 502/503/504 when the app is away. */
export function sendNginxError(reply: FastifyReply, status: 429 | 502 | 503 | 504): FastifyReply {
  const titles = {
    429: '429 Too Many Requests',
    502: '502 Bad Gateway',
    503: '503 Service Temporarily Unavailable',
    504: '504 Gateway Time-out',
  } as const;
  const title = titles[status];
  if (status === 429) void reply.header('retry-after', '1');
  return reply
    .status(status)
    .type('text/html')
    .send(
      `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.29.0</center>\r\n</body>\r\n</html>\r\n`,
    );
}
