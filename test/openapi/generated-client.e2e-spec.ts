import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { storeWorldHistory } from '../modules/sessions/sessions-support';
import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS } from '../support/simulator';
import { makeDataDir } from '../support/temp-dir';

/**
 * Issue 5: "a client generated from /docs-json by a standard OpenAPI generator signs in and lists
 * chargers without hand edits". The client is generated here with @hey-api/openapi-ts (types, SDK
 * functions named after the operationIds, its fetch client), a partner's code is written against
 * it, type-checked strictly, compiled and run against the real gateway in a separate Node process.
 */

const run = promisify(execFile);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const owner = ACCOUNTS.owner;
const admin = ACCOUNTS.admin;
const NAMED_SCHEMA = /^#\/components\/schemas\/[^/]+$/;

/** What a partner writes: nothing but the generated SDK, no casts, no `any`, no hand edits. */
const CONSUMER = `
import { client } from './client/client.gen.js';
import { createClient, createConfig } from './client/client/index.js';
import {
  createApiKey,
  login,
  listChargers,
  listSessions,
  getChargerState,
  getConstants,
  getMe,
  type ChargerListItemDto,
  type CreatedApiKeyDto,
  type TokenType,
  type UserRoleName,
} from './client/index.js';

export async function signInAndListChargers(baseUrl: string) {
  client.setConfig({ baseUrl });
  const signedIn = await login({
    body: { username: ${JSON.stringify(owner.email)}, password: ${JSON.stringify(owner.password)} },
    throwOnError: true,
  });
  const tokenType: TokenType = signedIn.data.tokenType;
  const accessToken: string = signedIn.data.accessToken;
  client.setConfig({ auth: () => accessToken });

  const me = await getMe({ throwOnError: true });
  const home = me.data.installations.find((installation) => installation.name === 'Home');
  if (!home) throw new Error('no installation named Home');
  const homeRoles: UserRoleName[] = home.roles;

  const constants = await getConstants({ throwOnError: true });
  const version: string = constants.data.version;

  const listed = await listChargers({ query: { installationId: home.id }, throwOnError: true });
  const chargers: ChargerListItemDto[] = listed.data;

  return {
    statuses: [signedIn.response.status, me.response.status, constants.response.status, listed.response.status],
    tokenType,
    username: me.data.username,
    home: { id: home.id, roles: homeRoles },
    constantsVersion: version,
    chargers: chargers.map((charger) => ({
      id: charger.id,
      name: charger.name,
      installationId: charger.installationId,
      roles: charger.roles,
    })),
  };
}

/**
 * A partner's integration (issue 13): an Administrator signs in once and mints a key; from then
 * on the partner's server holds nothing but the key, in a client of its own.
 */
export async function mintKeyAndReadWithIt(baseUrl: string, installationId: string) {
  client.setConfig({ baseUrl });
  const signedIn = await login({
    body: { username: ${JSON.stringify(admin.email)}, password: ${JSON.stringify(admin.password)} },
    throwOnError: true,
  });
  const accessToken = signedIn.data.accessToken;
  client.setConfig({ auth: () => accessToken });
  const minted = await createApiKey({
    body: { name: 'Billing system', installationIds: [installationId], roles: 8 },
    throwOnError: true,
  });
  const key: CreatedApiKeyDto = minted.data;

  const partner = createClient(createConfig({ baseUrl, auth: () => key.secret }));
  const listed = await listChargers({ client: partner, query: { installationId }, throwOnError: true });
  const first = listed.data[0];
  if (!first) throw new Error('the key lists no chargers');
  const state = await getChargerState({ client: partner, path: { id: first.id }, throwOnError: true });
  const sessions = await listSessions({
    client: partner,
    query: { installationId, limit: 5 },
    throwOnError: true,
  });

  return {
    statuses: [minted.response.status, listed.response.status, state.response.status, sessions.response.status],
    secretPrefix: key.secret.slice(0, 4),
    keyRoles: key.roles,
    chargers: listed.data.map((charger) => charger.installationId),
    stateOf: state.data.chargerId,
    firstChargerId: first.id,
    // The quota the answer was counted against: the key's, not the admin's.
    policies: [listed, state, sessions].map(({ response }) => response.headers.get('ratelimit-policy')),
    sessions: sessions.data.items.map((session) => session.installationId),
    nextCursor: sessions.data.nextCursor,
  };
}
`;

/** Runs the compiled consumer's FLOW in its own Node process, as a partner's app would. */
const RUNNER = `
const consumer = await import(process.env.CONSUMER_URL);
try {
  const flow = consumer[process.env.FLOW];
  process.stdout.write(JSON.stringify(await flow(process.env.GATEWAY_URL, process.env.FLOW_ARG)));
} catch (error) {
  // throwOnError rejects with the problem+json body, not an Error.
  console.error(error instanceof Error ? error : JSON.stringify(error));
  process.exitCode = 1;
}
`;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  skipLibCheck: true,
};

type Json = Record<string, any>;

/** Every object in the document with its JSON path, for the document-wide checks. */
function* walk(node: unknown, path: string): Generator<[Json, string]> {
  if (!node || typeof node !== 'object') return;
  yield [node, path];
  for (const [key, child] of Object.entries(node)) yield* walk(child, `${path}/${key}`);
}

function operations(document: Json): { where: string; operation: Json }[] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, operation })),
  );
}

describe('a client generated from /docs-json', () => {
  let gateway: TestGateway;
  let baseUrl: string;
  let dir: string;
  let document: Json;
  let program: ts.Program;
  let generated: readonly unknown[];

  beforeAll(async () => {
    // The demo admin is the service account partner keys call Zaptec as.
    gateway = await startTestGateway({
      env: { ZAPTEC_USERNAME: admin.email, ZAPTEC_PASSWORD: admin.password },
    });
    await gateway.app.listen(0, '127.0.0.1');
    baseUrl = await gateway.app.getUrl();
    const response = await fetch(`${baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Json;

    dir = await makeDataDir('openapi-client');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    // ESM only (no "require" export), so loaded the way ESM is.
    const { createClient } = await import('@hey-api/openapi-ts');
    // It answers an unusable document with no outputs rather than an error.
    generated = await createClient({
      input: structuredClone(document),
      output: { path: join(dir, 'client'), module: { extension: '.js' } },
      plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
      logs: { level: 'silent', file: false },
      interactive: false,
    });
    await writeFile(join(dir, 'consumer.ts'), CONSUMER);
    await writeFile(join(dir, 'runner.mjs'), RUNNER);

    program = ts.createProgram([join(dir, 'consumer.ts')], {
      ...COMPILER_OPTIONS,
      outDir: join(dir, 'dist'),
    });
    program.emit(); // emits even with type errors, so the runtime test reports on its own
  });

  afterAll(async () => {
    await gateway?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('the document', () => {
    it('gives every operation a unique operationId that is a valid identifier', () => {
      const seen = new Map<string, string>();
      const problems: string[] = [];
      for (const { where, operation } of operations(document)) {
        const id = operation.operationId as string | undefined;
        if (!id || !/^[A-Za-z_$][\w$]*$/.test(id)) problems.push(`${where}: operationId ${id}`);
        else if (seen.has(id)) problems.push(`${where}: operationId ${id} also on ${seen.get(id)}`);
        else seen.set(id, where);
      }
      expect(problems).toEqual([]);
      expect(seen.size).toBeGreaterThan(0);
    });

    it('gives every 2xx response a JSON schema (204 has no body)', () => {
      const problems: string[] = [];
      for (const { where, operation } of operations(document)) {
        for (const [status, response] of Object.entries(operation.responses as Json)) {
          if (!status.startsWith('2')) continue;
          const content = (response as Json).content as Json | undefined;
          if (status === '204') {
            if (content) problems.push(`${where} ${status}: has a body`);
          } else if (!content?.['application/json']?.schema) {
            problems.push(`${where} ${status}: no application/json schema`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('resolves every $ref', async () => {
      const refs = await SwaggerParser.resolve(structuredClone(document) as never);
      const problems = [...walk(document, '#')]
        .filter(([node]) => typeof node.$ref === 'string' && !refs.exists(node.$ref, {}))
        .map(([node, path]) => `${path}: ${node.$ref}`);
      expect(problems).toEqual([]);
    });

    it('names every enum: no inline enum in a request, response or parameter schema', () => {
      // A named enum is a schema of its own under components/schemas; generators that emit enums
      // (or enum types) otherwise invent a name from the property path, which changes with it.
      const problems = [...walk(document, '#')]
        .filter(([node, path]) => Array.isArray(node.enum) && !NAMED_SCHEMA.test(path))
        .map(([node, path]) => `${path}: enum ${JSON.stringify(node.enum)} has no name`);
      expect(problems).toEqual([]);
    });
  });

  it("type-checks a partner's code against the generated client, strictly", async () => {
    expect(generated).toHaveLength(1);
    const files = await readdir(join(dir, 'client'), { recursive: true });
    expect(files).toEqual(expect.arrayContaining(['sdk.gen.ts', 'types.gen.ts']));
    const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const file = diagnostic.file.fileName.replace(`${dir}/`, '');
      return `${file}:${line + 1}:${character + 1} ${message}`;
    });
    expect(errors).toEqual([]);
  });

  /** Runs one of the consumer's flows in its own process; its JSON result. */
  const runFlow = async (flow: string, argument = ''): Promise<Json> => {
    const { stdout } = await run(process.execPath, [join(dir, 'runner.mjs')], {
      env: {
        ...process.env,
        CONSUMER_URL: pathToFileURL(join(dir, 'dist', 'consumer.js')).href,
        GATEWAY_URL: baseUrl,
        FLOW: flow,
        FLOW_ARG: argument,
      },
      timeout: 15_000,
    });
    return JSON.parse(stdout) as Json;
  };

  it("signs in, reads /v1/me and /v1/constants and lists the owner's chargers with it", async () => {
    const outcome = await runFlow('signInAndListChargers');
    expect(outcome.statuses).toEqual([200, 200, 200, 200]);
    expect(outcome.tokenType).toBe('Bearer');
    expect(outcome.username).toBe(owner.email);
    expect(outcome.home.roles).toContain('Owner');
    expect(outcome.constantsVersion).toEqual(expect.any(String));
    expect(outcome.chargers).toHaveLength(2);
    expect(outcome.chargers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Driveway', installationId: outcome.home.id }),
        expect.objectContaining({ name: 'Garage', installationId: outcome.home.id }),
      ]),
    );
  });

  it('mints a key as an Administrator, then lists chargers, reads a state and sessions with the key alone', async () => {
    const office = DEMO.office.id;
    const stored = (await storeWorldHistory(gateway)).filter(
      (session) => session.installationId === office,
    );
    expect(stored.length).toBeGreaterThan(0);

    const outcome = await runFlow('mintKeyAndReadWithIt', office);
    expect(outcome.statuses).toEqual([201, 200, 200, 200]);
    expect(outcome.secretPrefix).toBe('zgw_');
    expect(outcome.keyRoles).toEqual(['Administrator']);
    expect(outcome.chargers.length).toBeGreaterThan(0);
    expect(new Set(outcome.chargers)).toEqual(new Set([office]));
    expect(outcome.stateOf).toBe(outcome.firstChargerId);
    expect(outcome.policies).toEqual([0, 1, 2].map(() => expect.stringMatching(/^"per-key";/)));
    expect(outcome.sessions).toHaveLength(Math.min(5, stored.length));
    expect(new Set(outcome.sessions)).toEqual(new Set([office]));
  });
});
