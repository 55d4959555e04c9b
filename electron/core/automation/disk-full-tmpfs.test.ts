import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationStatus } from '../../../shared/domain/automation';
import { createFileLogger } from '../logging/file-logger';
import { flushAsync } from '../testing/test-database';
import { createTestEngine, ok, type TestEngine } from '../testing/test-engine';

/**
 * The same as disk-full.test.ts on a real, small file system: a 24 MiB tmpfs holding the data
 * folder and the logs, filled to the last byte. Mounting needs root (CI runs as root on a fresh
 * machine); where mounting is not permitted the test says why and is skipped, and the
 * injected-fault test still covers the engine.
 */
const cleanups: Array<() => void> = [];
let t: TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function mountTinyDisk(): string | { cannot: string } {
  const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'rp-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(mountPoint, { recursive: true, force: true });
    const why = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return { cannot: why };
  }
  cleanups.push(() => {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  return mountPoint;
}

/** Writes zeros until the file system has no byte left. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    expect((error as { code?: string }).code).toBe('ENOSPC');
  }
  try {
    for (;;) writeSync(fd, block, 0, 512);
  } catch {
    // Every last byte is taken.
  } finally {
    closeSync(fd);
  }
}

const diskFullWords = /^The disk holding your ReelPilot data is full, so this was not saved\./;

describe('a full disk, for real', () => {
  it('on a filled tmpfs: the engine stays up, says the disk is full, and goes on after', async (context) => {
    if (process.platform !== 'linux') {
      context.skip(
        'tmpfs mounts are a Linux feature; the injected-fault test covers this platform',
      );
      return;
    }
    const mounted = mountTinyDisk();
    if (typeof mounted !== 'string') {
      context.skip(
        `a tmpfs cannot be mounted here (${mounted.cannot}); the injected-fault test still ran`,
      );
      return;
    }
    const dataDir = path.join(mounted, 'data');
    const logger = createFileLogger({ dir: path.join(dataDir, 'logs') });
    cleanups.push(() => logger.close());
    t = await createTestEngine({
      dataDir,
      logger,
      options: {
        generation: null,
        automation: {
          // The real free space of the tmpfs (statfs), not the test default.
          freeBytes: undefined,
          diskFull: { checkMs: 5_000, resumeBytes: 4 * 1024 ** 2, fullBelowBytes: 64 * 1024 },
        },
      },
    });
    const engine = t;
    await ok(engine.engine.invoke('settings:update', { timeZone: 'Europe/Paris' }));

    fillUp(path.join(mounted, 'filler'));
    const big = {
      favouriteConfigIds: Array.from({ length: 10 }, (_, i) => `${i}${'z'.repeat(60_000)}`),
    };
    const refused = await engine.engine.invoke('automation:updatePreferences', big);
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!refused.ok) expect(refused.error.message).toMatch(diskFullWords);
    // The symptom: never "cannot rollback - no transaction is active".
    const settings = await engine.engine.invoke('settings:update', { timeZone: 'Asia/Tokyo' });
    if (!settings.ok) expect(settings.error.message).toMatch(diskFullWords);
    // More than the last page of the log file can take.
    for (let i = 0; i < 100; i += 1)
      logger.info('lines the full disk cannot take', { i, pad: 'x'.repeat(200) });
    const held = await ok<AutomationStatus>(engine.engine.invoke('automation:status', {}));
    expect(held.diskFull).toMatchObject({ dataDir });
    expect(engine.notifications.filter((n) => n.causeKey === 'disk-full')).toHaveLength(1);

    rmSync(path.join(mounted, 'filler'));
    engine.clock.advance(5_000);
    await flushAsync();
    await expect
      .poll(
        async () =>
          (await ok<AutomationStatus>(engine.engine.invoke('automation:status', {}))).diskFull,
      )
      .toBeNull();
    await ok(engine.engine.invoke('automation:updatePreferences', big));
    expect(await ok(engine.engine.invoke('settings:get', {}))).toMatchObject({
      timeZone: settings.ok ? 'Asia/Tokyo' : 'Europe/Paris',
    });
    logger.info('written after the space came back');
    const log = readFileSync(path.join(dataDir, 'logs', 'reelpilot.log'), 'utf8');
    expect(log).toContain('log lines lost: the log file could not be written');
    expect(log).toContain('written after the space came back');
  });
});
