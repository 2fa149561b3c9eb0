import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../errors/problem';
import { GATEWAY_VERSION } from '../version';

export const DOCS_PATH = 'docs';
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

const DESCRIPTION = `
One shared, rate-budgeted, cached connection to the Zaptec EV-charger cloud for all your apps, plus
the history Zaptec forgets (charge sessions with signed meter data, charger observations).

**Authentication.** End users sign in with their Zaptec credentials and send the access token as
\`Authorization: Bearer <token>\`. Partners send an API key as \`X-Api-Key\`.

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
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Partner API key.' },
      API_KEY_SCHEME,
    )
    .addTag('health', 'Liveness and readiness probes')
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto],
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Swagger UI at /docs, the OpenAPI 3 document at /docs-json (and /docs-yaml). */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
    customSiteTitle: 'zaptec-gateway API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
