import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../errors/problem';
import { GATEWAY_VERSION } from '../version';

export const DOCS_PATH = 'docs';
export const BEARER_SCHEME = 'bearer';

const DESCRIPTION = `
One shared, rate-budgeted, cached connection to the Zaptec EV-charger cloud for all your apps, plus
the history Zaptec forgets (charge sessions with signed meter data, charger observations).

**Authentication.** End users sign in with their Zaptec credentials and send the access token as
\`Authorization: Bearer <token>\`; a sign-in tried here authorizes this page.

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
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /v1/auth/login.',
      },
      BEARER_SCHEME,
    )
    .addTag('auth', 'Sign-in with Zaptec credentials, token refresh, sign-out, who am I')
    .addTag('constants', "Zaptec's constants (enums), decoded")
    .addTag('installations', 'Installations, their hierarchy, limits and firmware')
    .addTag('circuits', 'Circuits of an installation')
    .addTag('chargers', 'Chargers, live state, settings, commands, charge authorization')
    .addTag('charge-history', "Zaptec's live charge history")
    .addTag('health', 'Liveness and readiness probes')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto],
    // Generated clients name their functions after these: `listChargers`, not `Chargers_list`.
    // Handler names are verb-noun and unique across controllers (a test checks uniqueness).
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  describeAccess(document);
  return document;
}

type Operation = { description?: string; security?: unknown[]; 'x-required-roles'?: string[] };

/** Every operation states who may call it in words, next to its `x-required-roles` list. */
function describeAccess(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Operation[]) {
      const roles = operation['x-required-roles'];
      if (!roles || typeof operation !== 'object') continue;
      const access =
        roles.length > 0
          ? `**Required roles** (any of, on the object's installation): ${roles.join(', ')}. No role on the object answers 404, a weaker role 403.`
          : operation.security?.length
            ? '**Access:** any signed-in caller.'
            : '**Access:** public, no token needed.';
      operation.description = operation.description
        ? `${operation.description}\n\n${access}`
        : access;
    }
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
