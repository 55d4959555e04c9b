import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererCsp } from '../../shared/security/content-security-policy';
import { APP_URL, appSchemePrivileges, handleAppRequest } from './app-protocol';

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rp-app-protocol-'));
  rendererDir = path.join(root, 'out', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ReelPilot</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log("app")');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(rendererDir, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(rendererDir, 'assets', 'font.woff2'), 'wOF2');
  writeFileSync(path.join(root, 'out', 'secret.txt'), 'not part of the renderer');
  writeFileSync(path.join(root, 'secrets.json'), '{"token":"x"}');
  symlinkSync(path.join(root, 'secrets.json'), path.join(rendererDir, 'assets', 'link.json'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, init?: RequestInit) =>
  handleAppRequest(new Request(url, init), rendererDir);

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(APP_URL).toBe('app://reelpilot/index.html');
    expect(appSchemePrivileges).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('serves the built page with the CSP as a header, and the assets with their types', async () => {
    for (const url of ['app://reelpilot/index.html', 'app://reelpilot/']) {
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe(rendererCsp('desktop'));
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('<title>ReelPilot</title>');
    }
    const types: Array<[string, string]> = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/font.woff2', 'font/woff2'],
    ];
    for (const [file, type] of types) {
      const response = await get(`app://reelpilot/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(type);
      expect(response.headers.get('cache-control')).toContain('immutable');
    }
    const head = await get('app://reelpilot/assets/index-abc.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves only built files: traversal, links out, other hosts and methods are refused', async () => {
    const attempts = [
      'app://reelpilot/../secret.txt',
      'app://reelpilot/..%2fsecret.txt',
      'app://reelpilot/%2e%2e/secret.txt',
      'app://reelpilot/%2E%2E%2F%2E%2E%2Fsecrets.json',
      'app://reelpilot/assets/../../secret.txt',
      'app://reelpilot/assets/..%5c..%5csecret.txt',
      'app://reelpilot/assets/link.json',
      'app://reelpilot/assets',
      'app://reelpilot/nosuchfile.js',
      'app://reelpilot/%00index.html',
      'app://other-host/index.html',
      `app://reelpilot/${encodeURIComponent(path.join(root, 'secrets.json'))}`,
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      const body = await response.text();
      expect(body, url).not.toContain('not part of the renderer');
      expect(body, url).not.toContain('token');
    }
    expect((await get('app://reelpilot/index.html', { method: 'POST', body: 'x' })).status).toBe(
      405,
    );
  });
});
