import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, eventNames, type Channel } from '../shared/contract';
import { buildOpenApiDocument } from '../electron/host/openapi-document';
import { createTestEngine, type TestEngine } from '../electron/core/testing/test-engine';
import { readOpenApiFile, renderOpenApi } from './openapi';

type Json = Record<string, unknown>;
const document = buildOpenApiDocument('1.2.3') as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refs(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

// The document's own schemas, compiled by a JSON Schema 2020-12 validator (OpenAPI 3.1's dialect).
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
ajv.addSchema({ $id: 'openapi', ...document } as Json);
const validate = (schemaRef: string, value: unknown) => {
  const check = ajv.getSchema(`openapi${schemaRef}`);
  if (!check) throw new Error(`No schema at ${schemaRef}`);
  return check(value) ? null : check.errors;
};

function operation(channel: Channel) {
  return document.paths[`/api/invoke/${channel}`]?.post as {
    requestBody: { content: { 'application/json': { schema: { $ref: string } } } };
    responses: { '200': { content: { 'application/json': { schema: Json } } } };
  };
}

let t: TestEngine;
beforeAll(async () => {
  t = await createTestEngine();
});
afterAll(async () => t.dispose());

describe('OpenAPI document', () => {
  it('is current in docs/api/openapi.json (run `npm run api:openapi` after changing the contract)', async () => {
    expect(readOpenApiFile()).toBe(await renderOpenApi());
  });

  it('is a well-formed OpenAPI 3.1 document covering every channel and event', () => {
    expect(document).toMatchObject({ openapi: '3.1.0', info: { version: '1.2.3' } });
    for (const channel of channelNames) {
      expect(operation(channel), channel).toBeDefined();
    }
    const xEvents = (document.paths['/api/events']?.get as { 'x-events': Json })['x-events'];
    expect(Object.keys(xEvents).sort()).toEqual([...eventNames].sort());

    const operationIds: string[] = [];
    const tags = new Set((document.tags as Array<{ name: string }>).map((tag) => tag.name));
    const schemes = Object.keys((document.components as Json).securitySchemes as Json);
    for (const [route, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(['get', 'post', 'put', 'delete', 'head'], route).toContain(method);
        operationIds.push(op.operationId as string);
        expect(op.responses, route).toBeDefined();
        for (const tag of op.tags as string[])
          if (route.startsWith('/api/invoke/')) expect(tags).toContain(tag);
        const declared = ((op.parameters as Array<{ name: string; in: string }>) ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name);
        expect(declared.sort(), route).toEqual(
          [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(),
        );
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const requirement of document.security as Json[]) {
      for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
    }
    for (const ref of refs(document)) expect(pointer(document, ref), ref).toBeDefined();
    for (const id of Object.keys(document.components.schemas)) {
      expect(ajv.getSchema(`openapi#/components/schemas/${id}`), id).toBeDefined();
    }
  });

  it('describes what the channels accept, the way the engine checks it', () => {
    const input = (channel: Channel) =>
      operation(channel).requestBody.content['application/json'].schema.$ref;
    expect(validate(input('settings:update'), { theme: 'dark' })).toBeNull();
    expect(validate(input('settings:update'), { theme: 'neon' })).not.toBeNull();
    expect(validate(input('settings:update'), { colour: 'red' })).not.toBeNull();
    expect(validate(input('apiTokens:create'), { name: 'CRM' })).toBeNull();
    expect(validate(input('automation:pause'), {})).toBeNull();
    expect(validate(input('automation:pause'), { now: true })).not.toBeNull();
  });

  it('describes what the engine really answers', async () => {
    const samples: Array<[Channel, unknown]> = [
      ['app:info', {}],
      ['settings:get', {}],
      ['automation:status', {}],
      ['automation:preferences', {}],
      ['configs:defaults', {}],
      ['configs:list', {}],
      ['jobs:list', {}],
      ['apiTokens:create', { name: 'Script' }],
      ['apiTokens:list', {}],
    ];
    for (const [channel, payload] of samples) {
      const answer = await t.engine.invoke(channel, payload);
      expect(answer.ok, channel).toBe(true);
      const path = `/api/invoke/${channel}`.replace(/\//g, '~1');
      const check = ajv.compile({
        $ref: `openapi#/paths/${path}/post/responses/200/content/application~1json/schema`,
      });
      expect(check(answer), `${channel}: ${JSON.stringify(check.errors)}`).toBe(true);
      // And it is not a schema that accepts anything.
      expect(check({ ok: true, value: 'not the answer' }), channel).toBe(false);
    }
    const refused = await t.engine.invoke('settings:update', { theme: 'neon' });
    const check = ajv.getSchema('openapi#/components/schemas/ErrorEnvelope');
    expect(check?.(refused)).toBe(true);
  });
});
