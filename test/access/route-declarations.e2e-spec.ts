import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import {
  ACCESS_RULE,
  type AccessRule,
  ROLE_TARGET,
  type RoleTarget,
} from '../../src/core/auth/access.decorators';
import { startTestApp } from '../support/app';

interface Route {
  name: string;
  path: string;
  rule: AccessRule | undefined;
  target: RoleTarget | undefined;
  /** The kinds of Nest's own parameter decorators the handler uses (@Param, @Body, ...). */
  argumentKinds: RouteParamtypes[];
}

type Json = Record<string, any>;

/**
 * Routes deliberately left out of the OpenAPI document: GET /metrics is the operator's scrape
 * target (Prometheus text, loopback or METRICS_TOKEN), not an API for apps (issue 10).
 */
const UNDOCUMENTED = ['GET metrics// (MetricsController.scrapeMetrics)'];

/** Every handler of every controller Nest registered, with its access declaration. */
function registeredRoutes(app: NestFastifyApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const key of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = `${prefix}/${String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')}`;
        routes.push({
          name: `${method} ${path} (${type.name}.${key})`,
          path,
          rule: Reflect.getMetadata(ACCESS_RULE, handler) ?? Reflect.getMetadata(ACCESS_RULE, type),
          target:
            Reflect.getMetadata(ROLE_TARGET, handler) ?? Reflect.getMetadata(ROLE_TARGET, type),
          argumentKinds: Object.keys(
            (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, key) ?? {}) as object,
          ).map((argument) => Number(argument.split(':')[0]) as RouteParamtypes),
        });
      }
    }
  }
  return routes;
}

describe('route access declarations', () => {
  let app: NestFastifyApplication;
  let routes: Route[];

  beforeAll(async () => {
    app = await startTestApp();
    routes = registeredRoutes(app);
  });
  afterAll(() => app.close());

  it('finds the gateway routes (the walk itself works)', () => {
    expect(routes.map((route) => route.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GET health\/live/),
        expect.stringMatching(/^POST auth\/login/),
        expect.stringMatching(/^GET me\//),
      ]),
    );
  });

  it('declares @Public, @Authenticated or @RequireRoles on every registered route', () => {
    const undeclared = routes.filter((route) => route.rule === undefined).map((r) => r.name);
    expect(undeclared).toEqual([]);
  });

  it('names the object of every role-checked route that acts on one object by id', () => {
    const untargeted = routes
      .filter((route) => route.rule?.kind === 'roles' && /:id\b/.test(route.path) && !route.target)
      .map((route) => route.name);
    expect(untargeted).toEqual([]);
  });

  it('lists the required roles of every operation in the OpenAPI document', async () => {
    const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { 'x-required-roles'?: string[]; description?: string }>
      >;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method} ${path}`,
        operation,
      })),
    );
    const documented = routes.filter((route) => !UNDOCUMENTED.includes(route.name));
    expect(documented.length).toBe(routes.length - UNDOCUMENTED.length);
    expect(operations.length).toBe(documented.length);
    expect(Object.keys(document.paths)).not.toContain('/metrics');
    const missing = operations
      .filter(({ operation }) => !Array.isArray(operation['x-required-roles']))
      .map(({ name }) => name);
    expect(missing).toEqual([]);
    for (const { operation } of operations) {
      expect(operation.description).toMatch(/Required roles|Access:/);
    }
  });

  it('takes every object id from the guard (@TargetId), never as a raw @Param', () => {
    const raw = routes
      .filter((route) => route.argumentKinds.includes(RouteParamtypes.PARAM))
      .map((route) => route.name);
    expect(raw).toEqual([]);
  });

  it('documents each error status of every operation with its own example and named codes', async () => {
    const document = (await request(app.getHttpServer()).get('/docs-json').expect(200))
      .body as Json;
    const problems: string[] = [];
    for (const [path, methods] of Object.entries(document.paths as Json)) {
      for (const [method, operation] of Object.entries(methods as Json)) {
        for (const [status, response] of Object.entries(operation.responses as Json)) {
          if (Number(status) < 400) continue;
          const where = `${method} ${path} ${status}`;
          const media = response.content?.['application/problem+json'];
          const [base, narrowed] = media?.schema?.allOf ?? [];
          const codes = document.components.schemas[
            String(narrowed?.properties?.code?.$ref).split('/').pop()!
          ]?.enum as string[] | undefined;
          if (base?.$ref !== '#/components/schemas/ProblemDto' || !codes) {
            problems.push(`${where}: no named enum of codes`);
            continue;
          }
          if (narrowed.properties.status.type !== 'integer') problems.push(`${where}: status`);
          const examples = Object.values<Json>(media.examples ?? {});
          const exampleCodes = examples.map((example) => example.value.code);
          if (JSON.stringify(exampleCodes) !== JSON.stringify(codes)) {
            problems.push(`${where}: examples ${exampleCodes.join()} for codes ${codes.join()}`);
          }
          for (const { value } of examples) {
            if (value.status !== Number(status)) problems.push(`${where}: example status`);
            if (!String(value.instance).startsWith('/')) problems.push(`${where}: instance`);
            if (String(value.instance).includes('{')) problems.push(`${where}: ${value.instance}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
