import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../shared/contract';
import { rendererCsp } from '../shared/security/content-security-policy';
import { handleAppRequest } from '../electron/main/app-protocol';

const root = path.resolve(import.meta.dirname, '..');
let out: string;

/**
 * The desktop build, made the way `npm run build` (and so `npm run dist`) makes it, into a
 * temporary folder so that the check always sees the current sources.
 */
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'rp-build-'));
  await promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--outDir',
      out,
      '--logLevel',
      'error',
    ],
    { cwd: root, timeout: 120_000 },
  );
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(out, file), 'utf8');

describe('desktop build output', () => {
  it('has the main process as an ES module that leaves electron and native modules outside', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
      type: string;
    };
    expect(pkg).toMatchObject({ main: 'out/main/index.js', type: 'module' });
    const main = read('main/index.js');
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).toMatch(/from "better-sqlite3"/);
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toContain('app://reelpilot/index.html');
    expect(main).not.toContain('file://');
    // Nothing of the tests or the emulators rides along.
    expect(main).not.toMatch(/fake-electron|FakeClock|start-all-emulators/);
  });

  it('has the preload as CommonJS that exposes window.api and nothing else', () => {
    const preload = read('preload/index.cjs');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*(import|export) /m);
    // Run it the way a sandboxed preload runs: CommonJS, with only `electron` to require.
    const exposed: Record<string, unknown> = {};
    const listened: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: (channel: string) => listened.push(channel),
        removeListener: () => {},
      },
      webUtils: { getPathForFile: () => '' },
    };
    const module = { exports: {} };
    const required: string[] = [];
    vm.runInNewContext(preload, {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name === 'electron') return electron;
        throw new Error(`A sandboxed preload cannot require ${name}`);
      },
    });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Api;
    expect(api.transport).toBe('ipc');
    api.on('automation:status', () => {});
    expect(listened).toEqual(['reelpilot:event']);
  });

  it('has the renderer: index.html with the CSP meta tag, no inline script, and its assets', async () => {
    const html = read('renderer/index.html');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta?.[1]?.replace(/&#39;/g, "'")).toBe(rendererCsp('meta'));
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    for (const script of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(script[1]).toMatch(/ src="/);
      expect(script[2]?.trim()).toBe('');
    }
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    expect(assets.some((asset) => asset.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      expect(asset, 'relative, so app:// and the host both find it').toMatch(/^\.\/assets\//);
      expect(existsSync(path.join(out, 'renderer', asset))).toBe(true);
      // And the desktop protocol serves it from the build.
      const response = await handleAppRequest(
        new Request(`app://reelpilot/${asset.slice(2)}`),
        path.join(out, 'renderer'),
      );
      expect(response.status, asset).toBe(200);
    }
    const page = await handleAppRequest(
      new Request('app://reelpilot/index.html'),
      path.join(out, 'renderer'),
    );
    expect(page.headers.get('content-security-policy')).toBe(rendererCsp('desktop'));
  });
});
