import { z } from 'zod';
import { contract, pushEvents, type Channel } from '../../shared/contract';
import { appErrorSchema } from '../../shared/contract/envelope';
import { emptyInput } from '../../shared/contract/empty-input';
import * as accounts from '../../shared/domain/accounts';
import * as alerts from '../../shared/domain/alerts';
import * as apiTokens from '../../shared/domain/api-tokens';
import * as appInfo from '../../shared/domain/app-info';
import * as automation from '../../shared/domain/automation';
import * as configRuns from '../../shared/domain/config-runs';
import * as configs from '../../shared/domain/configs';
import * as distribution from '../../shared/domain/distribution';
import * as errorLog from '../../shared/domain/error-log';
import * as health from '../../shared/domain/health';
import * as jobs from '../../shared/domain/jobs';
import * as media from '../../shared/domain/media';
import * as notifications from '../../shared/domain/notifications';
import * as platforms from '../../shared/domain/platforms';
import * as render from '../../shared/domain/render';
import * as schedule from '../../shared/domain/schedule';
import * as screens from '../../shared/domain/screens';
import * as settings from '../../shared/domain/settings';

type JsonObject = Record<string, unknown>;

const schemaRef = (id: string) => `#/components/schemas/${id}`;

/** Component names from the names the schemas are exported under: `configRunSchema` → ConfigRun. */
function exportedSchemaNames(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>([
    [emptyInput, 'Empty'],
    [appErrorSchema, 'AppError'],
  ]);
  const modules = [
    accounts,
    alerts,
    apiTokens,
    appInfo,
    automation,
    configRuns,
    configs,
    distribution,
    errorLog,
    health,
    jobs,
    media,
    notifications,
    platforms,
    render,
    schedule,
    screens,
    settings,
  ];
  for (const module of modules) {
    for (const [key, value] of Object.entries(module)) {
      if (!(value instanceof z.ZodType) || !key.endsWith('Schema') || names.has(value)) continue;
      const base = key.slice(0, -'Schema'.length);
      names.set(value, base.charAt(0).toUpperCase() + base.slice(1));
    }
  }
  return names;
}

function pascal(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * One JSON Schema per schema object, under its exported name (or a name made from the first
 * channel or event using it), so a schema several channels share is written once.
 */
function components(
  entries: Array<{ schema: z.ZodType; fallback: string }>,
  io: 'input' | 'output',
  names: Map<z.ZodType, string>,
  suffix: string,
): { ids: Map<z.ZodType, string>; schemas: Record<string, JsonObject> } {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const { schema, fallback } of entries) {
    if (ids.has(schema)) continue;
    const id = `${names.get(schema) ?? fallback}${suffix}`;
    ids.set(schema, id);
    registry.add(schema, { id });
  }
  const generated = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: schemaRef,
  }) as { schemas: Record<string, JsonObject> };
  const schemas: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    // Inside an OpenAPI document the schemas are not standalone: no $schema or $id of their own.
    const { $schema: _schema, $id: _id, ...rest } = schema;
    schemas[id] = rest;
  }
  return { ids, schemas };
}

const errorResponses = {
  '400': { description: 'The body is not JSON.', $ref: '#/components/responses/Error' },
  '401': {
    description: 'No valid token: this run’s token, its cookie, or an API token.',
    $ref: '#/components/responses/Error',
  },
  '403': {
    description: 'Refused: another site, a rebound host name, or a channel API tokens may not use.',
    $ref: '#/components/responses/Error',
  },
  '413': { description: 'The body is larger than 1 MiB.', $ref: '#/components/responses/Error' },
};

/**
 * The headless host's HTTP API as an OpenAPI 3.1 document, generated from the contract: one
 * `POST /api/invoke/{channel}` per channel (the request body is the channel's input, the answer
 * the envelope with its output), the server-sent event stream with every event's payload, the
 * media routes, and the ways to authenticate. `docs/api/openapi.json` is this document, written
 * by `npm run api:openapi`; a test keeps it current.
 */
export function buildOpenApiDocument(version: string): JsonObject {
  const names = exportedSchemaNames();
  const channels = Object.keys(contract) as Channel[];
  const inputs = components(
    channels.map((channel) => ({
      schema: contract[channel].input,
      fallback: `${pascal(channel)}Input`,
    })),
    'input',
    names,
    'Input',
  );
  const outputs = components(
    [
      ...channels.map((channel) => ({
        schema: contract[channel].output as z.ZodType,
        fallback: `${pascal(channel)}Output`,
      })),
      ...Object.entries(pushEvents).map(([event, schema]) => ({
        schema: schema as z.ZodType,
        fallback: `${pascal(event)}Event`,
      })),
      { schema: appErrorSchema, fallback: 'AppError' },
    ],
    'output',
    names,
    '',
  );
  // Input names get "Input" only where an output of the same name exists.
  const inputSchemas: Record<string, JsonObject> = {};
  const inputIds = new Map<z.ZodType, string>();
  for (const [schema, id] of inputs.ids) {
    const plain = id.replace(/Input$/, '');
    const wanted = plain.endsWith('Input') || !(plain in outputs.schemas) ? plain : id;
    inputIds.set(schema, wanted);
  }
  const renamed = new Map([...inputs.ids].map(([schema, id]) => [id, inputIds.get(schema) ?? id]));
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => {
          if (key === '$ref' && typeof inner === 'string') {
            const id = inner.slice(schemaRef('').length);
            return [key, schemaRef(renamed.get(id) ?? id)];
          }
          return [key, rewrite(inner)];
        }),
      );
    }
    return value;
  };
  for (const [id, schema] of Object.entries(inputs.schemas)) {
    inputSchemas[renamed.get(id) ?? id] = rewrite(schema) as JsonObject;
  }

  const paths: Record<string, JsonObject> = {};
  for (const channel of channels) {
    const [domain] = channel.split(':');
    const input = inputIds.get(contract[channel].input) ?? '';
    const output = outputs.ids.get(contract[channel].output as z.ZodType) ?? '';
    paths[`/api/invoke/${channel}`] = {
      post: {
        operationId: channel.replace(':', '_'),
        tags: [domain],
        summary: channel,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: schemaRef(input) } } },
        },
        responses: {
          '200': {
            description:
              'The envelope: `{ok: true, value}` with the answer, or `{ok: false, error}` with a code and a message in words (bad input, not found, conflict…). HTTP stays 200 for errors the operation itself reports.',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    {
                      type: 'object',
                      properties: { ok: { const: true }, value: { $ref: schemaRef(output) } },
                      required: ['ok', 'value'],
                    },
                    { $ref: '#/components/schemas/ErrorEnvelope' },
                  ],
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    };
  }
  const eventSchemas = Object.fromEntries(
    Object.entries(pushEvents).map(([event, schema]) => [
      event,
      { $ref: schemaRef(outputs.ids.get(schema as z.ZodType) ?? '') },
    ]),
  );
  paths['/api/events'] = {
    get: {
      operationId: 'events',
      tags: ['events'],
      summary: 'Push events (server-sent events)',
      description: `One \`text/event-stream\`: each message has \`event: <name>\` and \`data: <JSON payload>\`. A comment line every 25 s keeps the connection open. Events: ${Object.keys(
        pushEvents,
      )
        .map((name) => `\`${name}\``)
        .join(', ')}. The payload schema of each is under \`x-events\`.`,
      'x-events': eventSchemas,
      responses: {
        '200': {
          description: 'The event stream.',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        '401': errorResponses['401'],
        '403': errorResponses['403'],
      },
    },
  };
  paths['/api/openapi.json'] = {
    get: {
      operationId: 'openapi',
      tags: ['meta'],
      summary: 'This document',
      responses: {
        '200': {
          description: 'The OpenAPI document.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '401': errorResponses['401'],
      },
    },
  };
  const mediaId = {
    name: 'id',
    in: 'path',
    required: true,
    schema: { type: 'string' },
    description: 'A media library item id (from `media:list`).',
  };
  const fileResponses = (what: string) => ({
    '200': {
      description: what,
      content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
    },
    '206': { description: 'The requested byte range (`Range: bytes=…`).' },
    '304': { description: 'Not modified (`If-None-Match`).' },
    '404': { description: 'No such item, or its file is missing.' },
    '401': errorResponses['401'],
  });
  paths['/media/{id}'] = {
    get: {
      operationId: 'mediaFile',
      tags: ['media'],
      summary: 'A library file, with ranges',
      parameters: [mediaId],
      responses: fileResponses('The file.'),
    },
  };
  paths['/media/{id}/thumbnail'] = {
    get: {
      operationId: 'mediaThumbnail',
      tags: ['media'],
      summary: 'The thumbnail of a library item (JPEG)',
      parameters: [mediaId],
      responses: fileResponses('The thumbnail.'),
    },
  };
  paths['/media/preview/{id}'] = {
    get: {
      operationId: 'configPreviewFile',
      tags: ['media'],
      summary: 'A config preview video (from `configs:preview`)',
      parameters: [{ ...mediaId, description: 'The preview id.' }],
      responses: fileResponses('The preview video.'),
    },
  };
  paths['/api/media/upload'] = {
    post: {
      operationId: 'mediaUpload',
      tags: ['media'],
      summary: 'Add a file to the library (the raw file is the body)',
      parameters: [
        { name: 'name', in: 'query', required: true, schema: { type: 'string' } },
        {
          name: 'tag',
          in: 'query',
          required: false,
          schema: { type: 'array', items: { type: 'string' } },
          style: 'form',
          explode: true,
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        '200': {
          description: 'The import report in the envelope.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        ...errorResponses,
      },
    },
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'ReelPilot local API',
      version,
      description:
        'The API of the headless host (`npm run serve`): the same operations the app’s own interface uses. It listens on 127.0.0.1 only. Authenticate with `Authorization: Bearer <token>`: the token printed at start-up (valid for that run), or a long-lived API token created in Settings → API tokens (those cannot manage API tokens). The desktop app does not listen on the network. See docs/api.md.',
    },
    servers: [
      {
        url: 'http://127.0.0.1:{port}',
        variables: { port: { default: '4321', description: 'The port given with --port.' } },
      },
    ],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [...new Set(channels.map((channel) => channel.split(':')[0] ?? ''))].map((name) => ({
      name,
    })),
    paths,
    components: {
      schemas: {
        ...outputs.schemas,
        ...inputSchemas,
        ErrorEnvelope: {
          type: 'object',
          properties: { ok: { const: false }, error: { $ref: schemaRef('AppError') } },
          required: ['ok', 'error'],
        },
      },
      responses: {
        Error: {
          description: 'Refused before the operation ran.',
          content: { 'application/json': { schema: { $ref: schemaRef('ErrorEnvelope') } } },
        },
      },
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'This run’s token (printed by `npm run serve`) or a long-lived API token (`rpk_…`, Settings → API tokens).',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'reelpilot_token_{port}',
          description:
            'Set by the host when a browser opens the printed address; used by the app’s own interface.',
        },
      },
    },
  };
}
