import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../logging/file-logger';
import { createTestEngine } from '../testing/test-engine';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * Every folder and file below `dir` with its permission bits, and whether it is private (0700 a
 * folder, 0600 a file); symlinks left out.
 */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.isSymbolicLink()) continue;
      const target = path.join(current, entry.name);
      const mode = (statSync(target).mode & 0o777).toString(8);
      found[path.relative(dir, target)] =
        mode === (entry.isDirectory() ? '700' : '600') ? 'private' : mode;
      if (entry.isDirectory()) walk(target);
    }
  };
  found['.'] = (statSync(dir).mode & 0o777).toString(8);
  walk(dir);
  return found;
}

describe.runIf(process.platform !== 'win32')('data folder permissions', () => {
  it('a new data folder is for its owner only: folders 0700, database, log and side files 0600', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'rp-perm-'));
    folders.push(parent);
    const dataDir = path.join(parent, 'ReelPilot');
    const logger = createFileLogger({ dir: path.join(dataDir, 'logs') });
    const t = await createTestEngine({ dataDir, logger });
    await t.engine.invoke('settings:update', { theme: 'dark' });
    logger.info('a line');
    const seen = modes(dataDir);
    await t.dispose();
    logger.close();
    expect(seen['.']).toBe('700');
    expect(Object.keys(seen)).toEqual(
      expect.arrayContaining([
        'reelpilot.db',
        'reelpilot.db-wal',
        'reelpilot.db-shm',
        'engine.lock',
        'logs/reelpilot.log',
      ]),
    );
    for (const [name, mode] of Object.entries(seen)) {
      if (name !== '.') expect(mode, name).toBe('private');
    }
  });

  it('tightens an existing folder made open by an older version or a copy, and leaves symlinks', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rp-perm-'));
    folders.push(dataDir);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'rp-outside-'));
    folders.push(outside);
    writeFileSync(path.join(outside, 'mine.txt'), 'not ReelPilot’s');
    chmodSync(path.join(outside, 'mine.txt'), 0o644);
    for (const dir of ['logs', 'media/library', 'media/renders', 'cache/thumbnails']) {
      mkdirSync(path.join(dataDir, dir), { recursive: true, mode: 0o755 });
      chmodSync(path.join(dataDir, dir), 0o755);
    }
    const files = {
      'logs/reelpilot.log': '{}\n',
      'logs/reelpilot.log.1': '{}\n',
      'secrets.vault': '{}',
      'media/library/beach.jpg': 'jpeg',
      'media/renders/morning.mp4': 'mp4',
      'cache/thumbnails/beach.webp': 'webp',
    };
    for (const [name, body] of Object.entries(files)) {
      writeFileSync(path.join(dataDir, name), body);
      chmodSync(path.join(dataDir, name), 0o644);
    }
    chmodSync(dataDir, 0o755);
    symlinkSync(path.join(outside, 'mine.txt'), path.join(dataDir, 'media', 'linked.txt'));

    const t = await createTestEngine({ dataDir });
    await t.dispose();
    const seen = modes(dataDir);
    expect(seen['.']).toBe('700');
    for (const [name, mode] of Object.entries(seen)) {
      if (name !== '.') expect(mode, name).toBe('private');
    }
    expect(Object.keys(seen)).toEqual(
      expect.arrayContaining([...Object.keys(files), 'reelpilot.db', 'media/renders']),
    );
    // A link points outside: what it points to is not ReelPilot's to change.
    expect((statSync(path.join(outside, 'mine.txt')).mode & 0o777).toString(8)).toBe('644');
  });
});
