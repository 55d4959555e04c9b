import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from '../electron/host/openapi-document';
import { appVersion } from '../electron/host/start-headless';

const root = path.resolve(import.meta.dirname, '..');
export const openApiFile = path.join(root, 'docs', 'api', 'openapi.json');

/** The document as `docs/api/openapi.json` holds it: generated, then formatted like the repo. */
export async function renderOpenApi(): Promise<string> {
  const options = (await resolveConfig(openApiFile)) ?? {};
  return format(JSON.stringify(buildOpenApiDocument(appVersion())), {
    ...options,
    parser: 'json',
  });
}

export function readOpenApiFile(): string | null {
  try {
    return readFileSync(openApiFile, 'utf8');
  } catch {
    return null;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = await renderOpenApi();
  mkdirSync(path.dirname(openApiFile), { recursive: true });
  writeFileSync(openApiFile, text);
  console.log(`Wrote ${path.relative(root, openApiFile)} (${Math.round(text.length / 1024)} KiB).`);
}
