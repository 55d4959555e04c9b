import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from './app-identity';
import { electronNativeBinding } from './native-binding';
import { allTrayIconFiles } from './tray';

/**
 * What can be checked of the installers without the Electron binary: electron-builder's own
 * schema check of electron-builder.yml, and that what it names exists and fits the app's code.
 * (docs/desktop.md: a packaging run with a stand-in Electron checks the rest by hand.)
 */
const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as {
    getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

interface Platform {
  target: string[];
  icon: string;
  category?: string;
  [key: string]: unknown;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  /** As written, or as electron-builder normalises it: `[{ filter: [...] }]`. */
  files: Array<string | { filter: string[] }>;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: Array<{ from: string; to?: string; filter?: string[] }>;
  electronFuses: Record<string, boolean>;
  linux: Platform & { desktop: { entry: Record<string, string> }; maintainer: string };
  win: Platform;
  mac: Platform & { hardenedRuntime: boolean };
  directories: { output: string; buildResources: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  return getConfig(root, path.join(root, 'electron-builder.yml'), null);
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii'), file).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A path pattern of electron-builder's `filter`/`files` lists (only the forms we use). */
function matches(pattern: string, file: string): boolean {
  const source = pattern
    .replace(/[.+^$()|[\]\\]/g, '\\$&')
    .replace(/\{([^}]+)\}/g, (_m, list: string) => `(${list.split(',').join('|')})`)
    .replace(/\*\*/g, '@@ANY@@')
    .replace(/\*/g, '[^/]*')
    .replace(/@@ANY@@/g, '.*');
  return new RegExp(`^${source}$`).test(file);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema check, which refuses a misspelt option', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration(
        { ...config, linux: { ...config.linux, categroy: 'Video' } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration\.linux/);
  });

  it('names the app as the shell does', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      productName: string;
    };
    expect(pkg.productName).toBe(PRODUCT_NAME);
  });

  it('packs the built app, and nothing of the sources or source maps', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    const included = (file: string) => {
      let taken = false;
      const patterns = config.files.flatMap((entry) =>
        typeof entry === 'string' ? [entry] : entry.filter,
      );
      for (const pattern of patterns) {
        if (pattern.startsWith('!')) {
          if (matches(pattern.slice(1), file)) taken = false;
        } else if (matches(pattern, file)) taken = true;
      }
      return taken;
    };
    for (const file of [
      pkg.main,
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
    ]) {
      expect(included(file), file).toBe(true);
    }
    for (const file of [
      'electron/main/index.ts',
      'renderer/src/main.tsx',
      'out/main/index.js.map',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
    ]) {
      expect(included(file), file).toBe(false);
    }
    expect(config.asar).toBe(true);
  });

  it('keeps the SQLite module out of the archive, where the shell looks for it', async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(false);
    const native = config.extraResources.find((entry) => entry.from.startsWith('.native/'));
    expect(native).toEqual({
      from: '.native/electron/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    const resourcesPath = mkdtempSync(path.join(os.tmpdir(), 'rp-resources-'));
    try {
      mkdirSync(path.join(resourcesPath, 'native'));
      writeFileSync(path.join(resourcesPath, native?.to ?? ''), 'addon');
      expect(electronNativeBinding({ packaged: true, appPath: '/app.asar', resourcesPath })).toBe(
        path.join(resourcesPath, 'native', 'better_sqlite3.node'),
      );
    } finally {
      rmSync(resourcesPath, { recursive: true, force: true });
    }
    const scriptOutput = readFileSync(path.join(root, 'scripts/build-electron-native.mjs'), 'utf8');
    expect(scriptOutput).toContain("'.native/electron'");
  });

  it('ships every tray icon and the font the engine renders with', async () => {
    const config = await loadConfig();
    const resources = config.extraResources.find((entry) => entry.from === 'resources');
    // `to: .` is normalised away: the resources root.
    expect(resources?.to ?? '.').toBe('.');
    for (const file of allTrayIconFiles()) {
      const relative = `tray/${file}`;
      expect(
        resources?.filter?.some((pattern) => matches(pattern, relative)),
        relative,
      ).toBe(true);
      const size = pngSize(path.join(root, 'resources', relative));
      const expected = file.includes('@2x') ? 32 : 16;
      expect(size, relative).toEqual({ width: expected, height: expected });
    }
    expect(
      resources?.filter?.some((pattern) => matches(pattern, 'fonts/DejaVuSans-Bold.ttf')),
    ).toBe(true);
    expect(existsSync(path.join(root, 'resources/fonts/DejaVuSans-Bold.ttf'))).toBe(true);
  });

  it('turns off the fuses an attacker could use, and file:// privileges', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has an icon each platform can use (electron-builder converts them to icns and ico)', async () => {
    const config = await loadConfig();
    const minimum = { mac: 512, win: 256, linux: 256 } as const;
    for (const platform of ['mac', 'win', 'linux'] as const) {
      const icon = path.join(root, config[platform].icon);
      const size = pngSize(icon);
      expect(size.width, platform).toBe(size.height);
      expect(size.width, platform).toBeGreaterThanOrEqual(minimum[platform]);
    }
  });

  it('builds installers per platform, with a valid Linux desktop entry', async () => {
    const config = await loadConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac).toMatchObject({
      category: 'public.app-category.video',
      hardenedRuntime: true,
    });
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);

    // Freedesktop menu spec: one main category, with the additional one it requires.
    const mainCategories = [
      'AudioVideo',
      'Audio',
      'Video',
      'Development',
      'Education',
      'Game',
      'Graphics',
      'Network',
      'Office',
      'Science',
      'Settings',
      'System',
      'Utility',
    ];
    expect(mainCategories).toContain(config.linux.category);
    const entry = config.linux.desktop.entry;
    const categories = (entry.Categories ?? '').split(';').filter(Boolean);
    expect(entry.Categories).toMatch(/;$/);
    expect(categories[0]).toBe(config.linux.category);
    expect(categories.some((c) => c === 'Audio' || c === 'Video')).toBe(true);
    expect(entry).toMatchObject({ Name: PRODUCT_NAME, StartupWMClass: PRODUCT_NAME });
    expect(entry.Comment?.length).toBeGreaterThan(0);
    expect(entry.Keywords).toMatch(/;$/);
  });
});
