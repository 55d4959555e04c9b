import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from '../testing/test-engine';
import { defaultDataDir, resolveDataDir } from './data-location';

let root: string;
let t: TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
  rmSync(root, { recursive: true, force: true });
});

describe('data folder', () => {
  it('uses the platform app-data folder by default', () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rp-loc-'));
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/ReelPilot');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/ReelPilot');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(
      '/Users/u/Library/Application Support/ReelPilot',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u'),
    ).toContain('ReelPilot');
  });

  it('prefers the command line, then the moved location, then the default', () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rp-loc-'));
    const fallback = path.join(root, 'default');
    expect(resolveDataDir(fallback)).toEqual({ dataDir: fallback, pinned: false });
    expect(resolveDataDir(fallback, path.join(root, 'cli'))).toEqual({
      dataDir: path.join(root, 'cli'),
      pinned: true,
    });
    mkdirSync(fallback);
    writeFileSync(
      path.join(fallback, 'data-location.json'),
      JSON.stringify({ dataDir: path.join(root, 'moved') }),
    );
    expect(resolveDataDir(fallback)).toEqual({ dataDir: path.join(root, 'moved'), pinned: false });
    writeFileSync(path.join(fallback, 'data-location.json'), '{broken');
    expect(resolveDataDir(fallback)).toEqual({ dataDir: fallback, pinned: false });
  });

  it('copies the data to a new folder, which a restarted engine then uses', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rp-loc-'));
    const fallback = path.join(root, 'default');
    mkdirSync(fallback);
    t = await createTestEngine({
      dataDir: fallback,
      options: { dataDirPinned: false, defaultDataDir: fallback },
    });
    await t.engine.invoke('settings:update', { theme: 'dark' });
    writeFileSync(path.join(fallback, 'media', 'keep.txt'), 'library copy');

    const target = path.join(root, 'new home');
    const moved = await t.engine.invoke('app:relocateData', { target });
    expect(moved).toMatchObject({ ok: true, value: { target, restartRequired: true } });
    expect(readFileSync(path.join(target, 'media', 'keep.txt'), 'utf8')).toBe('library copy');
    expect(resolveDataDir(fallback).dataDir).toBe(target);
    await t.dispose();
    t = null;

    t = await createTestEngine({ dataDir: target });
    expect(await t.engine.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    });
  });

  it('refuses a relative, non-empty, nested or pinned target and changes nothing', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rp-loc-'));
    const fallback = path.join(root, 'default');
    mkdirSync(fallback);
    t = await createTestEngine({
      dataDir: fallback,
      options: { dataDirPinned: false, defaultDataDir: fallback },
    });
    const full = path.join(root, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'x'), 'x');
    for (const target of ['relative/dir', full, path.join(fallback, 'inside'), fallback]) {
      expect(await t.engine.invoke('app:relocateData', { target })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
    }
    expect(existsSync(path.join(fallback, 'data-location.json'))).toBe(false);
    await t.dispose();

    t = await createTestEngine();
    const pinned = await t.engine.invoke('app:relocateData', {
      target: path.join(root, 'elsewhere'),
    });
    expect(pinned).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('--data') },
    });
  });
});
