import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { FieldErrorDto, PROBLEM_CONTENT_TYPE, ProblemDto } from '../errors/problem';
import { GATEWAY_VERSION } from '../version';
import { schemaKeywordsOf } from './api-schema-keywords.decorator';

export const DOCS_PATH = 'docs';
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

const DESCRIPTION = `
One shared, rate-budgeted, cached connection to the Zaptec EV-charger cloud for all your apps, plus
the history Zaptec forgets (charge sessions with signed meter data, charger observations).

**Authentication.** End users sign in with their Zaptec credentials and send the access token as
\`Authorization: Bearer <token>\`; a sign-in tried here authorizes this page.

**Partners (API keys).** An installation's Administrator mints a key with POST /v1/api-keys
(\`{name, installationIds, roles, expiresAt?}\`, roles no larger than their own there); the secret
\`zgw_…\` is shown once. Send it as \`X-Api-Key: zgw_…\` (or as \`Authorization: Bearer zgw_…\`): the
key acts with its roles on its installations only, and calls Zaptec as the gateway's service
account. GET /v1/api-keys lists keys with their last use, DELETE /v1/api-keys/{id} revokes one at
once. What keys and users do is in each installation's audit log (GET /v1/installations/{id}/audit).

**Rate limits.** Each API key and each signed-in user has a quota of requests per window (cached
answers count too); past it the answer is 429 \`RATE_LIMITED\` with \`Retry-After\`. Every answer
carries \`RateLimit-Policy\` (the quota) and \`RateLimit\` (what is left), as the IETF draft says.

**Authorization.** Every call is checked against the caller's Zaptec role flags per installation
(UserRoles: User 1, Owner 2, Maintainer 4, Administrator 8). No role on an object answers 404,
too weak a role answers 403.

**Errors.** Every error is \`application/problem+json\` (RFC 9457) with a stable \`code\`; branch on
\`code\`, never on \`detail\`. Quote \`requestId\` (also the \`X-Request-Id\` header) when reporting.
`.trim();

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('zaptec-gateway')
    .setVersion(GATEWAY_VERSION)
    .setDescription(DESCRIPTION)
    .setLicense('MIT', 'https://spdx.org/licenses/MIT.html')
    // Relative: Swagger UI and generated clients call the gateway that served the document.
    .addServer('/', 'This gateway')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'Access token from POST /v1/auth/login (an API key secret `zgw_…` is accepted here too).',
      },
      BEARER_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
        description:
          "Partner API key `zgw_…` from POST /v1/api-keys: acts with the key's roles on its installations only.",
      },
      API_KEY_SCHEME,
    )
    .addTag('auth', 'Sign-in with Zaptec credentials, token refresh, sign-out, who am I')
    .addTag('constants', "Zaptec's constants (enums), decoded")
    .addTag('installations', 'Installations, their hierarchy, limits and firmware')
    .addTag('circuits', 'Circuits of an installation')
    .addTag('chargers', 'Chargers, live state, settings, commands, charge authorization')
    .addTag('charge-history', "Zaptec's live charge history")
    .addTag(
      'sessions',
      'Stored charge sessions: months of history, cursor paging, CSV, signed meter data',
    )
    .addTag('api-keys', 'Partner API keys: minted by an installation Administrator, revocable')
    .addTag('health', 'Liveness and readiness probes')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto],
    // Generated clients name their functions after these: `listChargers`, not `Chargers_list`.
    // Handler names are verb-noun and unique across controllers (a test checks uniqueness).
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  describeAccess(document);
  describeRateLimits(document);
  describeCachedReads(document);
  describeProblems(document);
  describeRequestBodies(document);
  return document;
}

/**
 * Request bodies as the validation pipe takes them: unknown fields are refused
 * (forbidNonWhitelisted), and rules across fields come from the DTO's `@ApiSchemaKeywords`.
 */
function describeRequestBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) {
    const keywords = schemaKeywordsOf(name);
    if (keywords && !('$ref' in schema)) Object.assign(schema, keywords);
  }
  for (const { operation } of operationsOf(document)) {
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      const name = media.schema?.$ref?.split('/').pop();
      const schema = name === undefined ? undefined : schemas[name];
      if (schema && !('$ref' in schema)) schema.additionalProperties = false;
    }
  }
}

interface Operation {
  description?: string;
  'x-cache'?: {
    scope: 'resource' | 'principal' | 'everyone';
    ttlVariable: string;
    defaultTtlSeconds: number;
  };
  security?: unknown[];
  'x-required-roles'?: string[];
  parameters?: { in?: string; name?: string; schema?: { example?: unknown } }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<
    string,
    {
      content?: Record<
        string,
        { schema?: unknown; examples?: Record<string, { value?: unknown }> }
      >;
      headers?: Record<string, unknown>;
    }
  >;
}

function operationsOf(document: OpenAPIObject): { path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(item as Record<string, unknown>)
      .filter(
        (operation): operation is Operation => typeof operation === 'object' && operation !== null,
      )
      .map((operation) => ({ path, operation })),
  );
}

interface ProblemSchema {
  allOf?: [unknown, { properties?: { code?: SchemaObject & { title?: string } } }];
}

/**
 * The codes a response can have, as a schema of its own named by its title (e.g.
 * `GetCharger404Code`): generated clients then get a stable enum type instead of one named
 * after the property path.
 */
function namedCodeEnum(document: OpenAPIObject, schema: unknown): unknown {
  const parts = (schema as ProblemSchema | undefined)?.allOf;
  const code = parts?.[1].properties?.code;
  if (!parts || !code?.title) return schema;
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  schemas[code.title] = code;
  const properties = {
    ...parts[1].properties,
    code: { $ref: `#/components/schemas/${code.title}` },
  };
  return { allOf: [parts[0], { ...parts[1], properties }] };
}

/** Problem answers: each example names the request it answers (the path with the example ids), each set of codes is a named enum. */
function describeProblems(document: OpenAPIObject): void {
  for (const { path, operation } of operationsOf(document)) {
    const instance = path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
      const example = parameter?.schema?.example;
      return typeof example === 'string' ? example : whole;
    });
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const media = response.content?.[PROBLEM_CONTENT_TYPE];
      if (!media?.examples) continue;
      const examples = Object.fromEntries(
        Object.entries(media.examples).map(([name, example]) => [
          name,
          { ...example, value: { ...(example.value as object), instance } },
        ]),
      );
      // Copies all the way down: a class-level declaration is one object shared by every route.
      operation.responses![status] = {
        ...response,
        content: {
          ...response.content,
          [PROBLEM_CONTENT_TYPE]: { schema: namedCodeEnum(document, media.schema), examples },
        },
      };
    }
  }
}

/** Every operation states who may call it in words, next to its `x-required-roles` list. */
function describeAccess(document: OpenAPIObject): void {
  for (const { operation } of operationsOf(document)) {
    const roles = operation['x-required-roles'];
    if (!roles) continue;
    // A public route says so: an empty list means "no token needed", where no `security` at all
    // would leave it undeclared (Redocly's security-defined).
    operation.security ??= [];
    const access =
      roles.length > 0
        ? `**Required roles** (any of, on the object's installation): ${roles.join(', ')}. No role on the object answers 404, a weaker role 403.`
        : operation.security.length > 0
          ? '**Access:** any signed-in caller.'
          : '**Access:** public, no token needed.';
    operation.description = operation.description
      ? `${operation.description}\n\n${access}`
      : access;
  }
}

const RATE_LIMIT_HEADERS = {
  RateLimit: {
    description:
      'What is left of your quota (draft-ietf-httpapi-ratelimit-headers): `"<policy>";r=<requests left>;t=<seconds until the window ends>`, e.g. `"per-user";r=599;t=60`.',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description:
      'Your quota: `"<policy>";q=<requests>;w=<window seconds>`; the policy is `per-user` for a signed-in user, `per-key` for an API key.',
    schema: { type: 'string' },
  },
};

/** Every call with a credential counts against its caller's quota, and its answers say so. */
function describeRateLimits(document: OpenAPIObject): void {
  for (const { operation } of operationsOf(document)) {
    if (!operation.security?.length) continue;
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!/^[23]/.test(status) && status !== '429') continue;
      // Copied: a class-level declaration is one object shared by every route.
      operation.responses![status] = {
        ...response,
        headers: { ...response.headers, ...RATE_LIMIT_HEADERS },
      };
    }
  }
}

const CACHE_HEADERS = {
  'X-Cache': {
    description:
      '`HIT` from the cache, `MISS` fetched now, `STALE` past its TTL (refreshing, or Zaptec failing).',
    schema: { $ref: '#/components/schemas/CacheResult' },
  },
  ETag: {
    description: 'Validator of these bytes: send it as `If-None-Match` for a 304.',
    schema: { type: 'string' },
  },
  Age: {
    description: 'Seconds since the answer was fetched from Zaptec.',
    schema: { type: 'integer' },
  },
  'Cache-Control': {
    description: '`private, max-age=<seconds it stays fresh>`; `max-age=0` when STALE.',
    schema: { type: 'string' },
  },
};

const CACHE_SCOPE_TEXT = {
  resource: 'one entry per object, shared by every caller the access check lets see it',
  principal: 'one entry per signed-in user',
  everyone: 'one entry for every signed-in caller',
};

/** A cached read says how long it is cached, for whom, and which headers tell about it. */
function describeCachedReads(document: OpenAPIObject): void {
  // Named, so generated clients get one enum type for it.
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    CacheResult: { type: 'string', enum: ['HIT', 'MISS', 'STALE'], title: 'CacheResult' },
  };
  for (const { operation } of operationsOf(document)) {
    const cache = operation['x-cache'];
    const ok = operation.responses?.['200'];
    if (!cache || !ok) continue;
    ok.headers = { ...ok.headers, ...CACHE_HEADERS };
    const text = `**Cached** for ${cache.defaultTtlSeconds} s (\`${cache.ttlVariable}\`), ${CACHE_SCOPE_TEXT[cache.scope]}; concurrent misses share one Zaptec call, and a write through the gateway to the object makes the next read ask Zaptec again.`;
    operation.description = operation.description ? `${operation.description}\n\n${text}` : text;
  }
}

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json (and /docs-yaml). */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
    customSiteTitle: 'zaptec-gateway API',
    swaggerOptions: {
      persistAuthorization: true,
      displayRequestDuration: true,
      responseInterceptor: authorizeWithSignInToken,
    },
  });
}

interface SwaggerUiResponse {
  url: string;
  status: number;
  obj?: { accessToken?: unknown };
}

/**
 * Runs in the browser (Swagger UI serializes it with toString, so it must not use anything from
 * this module): after "Try it out" on sign-in or refresh, the page is authorized with the new
 * access token, so a new user can call every route next without copying tokens around.
 */
function authorizeWithSignInToken(response: SwaggerUiResponse): SwaggerUiResponse {
  const page = globalThis as unknown as {
    ui?: { preauthorizeApiKey(scheme: string, value: string): void };
  };
  const token = response.obj?.accessToken;
  if (response.status === 200 && /\/v1\/auth\/(login|refresh)$/.test(response.url)) {
    if (typeof token === 'string') page.ui?.preauthorizeApiKey('bearer', token);
  }
  return response;
}
