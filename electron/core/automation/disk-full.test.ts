import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomationStatus } from '../../../shared/domain/automation';
import type { ConfigRun } from '../../../shared/domain/configs';
import { sampleConfig } from '../configs/testing/sample-config';
import { createFileLogger } from '../logging/file-logger';
import { fillableDisk } from '../logging/testing/fillable-disk';
import { flushAsync } from '../testing/test-database';
import { createTestEngine, ok, type TestEngine } from '../testing/test-engine';

const MINUTE = 60_000;
const GB = 1024 ** 3;

let t: TestEngine | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await t?.dispose();
  t = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A full disk through the ports, in one process: SQLite limited to the pages it has
 * (`max_page_count`: every write needing a new page fails with SQLITE_FULL), the log file's
 * writes failing with ENOSPC, and the free space the engine reads set to nothing.
 */
async function engineOnAFillableDisk() {
  const { disk, fileSystem } = fillableDisk();
  const space = { free: 100 * GB };
  const logsDir = mkdtempSync(path.join(os.tmpdir(), 'rp-full-logs-'));
  const logger = createFileLogger({ dir: logsDir, fileSystem });
  cleanups.push(() => {
    logger.close();
    rmSync(logsDir, { recursive: true, force: true });
  });
  t = await createTestEngine({
    logger,
    options: {
      generation: null,
      automation: {
        freeBytes: async () => space.free,
        diskFull: { checkMs: 5_000, resumeBytes: GB, fullBelowBytes: 1024 },
      },
    },
  });
  const engine = t;
  const raw = engine.engine.database.raw;
  raw.exec('CREATE TABLE filler (body BLOB)');
  return {
    engine,
    logFile: path.join(logsDir, 'reelpilot.log'),
    fill() {
      raw.pragma(`max_page_count = ${Number(raw.pragma('page_count', { simple: true })) + 2}`);
      try {
        for (;;) raw.prepare('INSERT INTO filler VALUES (randomblob(1000))').run();
      } catch (error) {
        expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      }
      disk.full = true;
      space.free = 0;
    },
    makeRoom() {
      raw.exec('DELETE FROM filler');
      raw.pragma('max_page_count = 1073741823');
      disk.full = false;
      space.free = 100 * GB;
    },
    async walk(ms: number) {
      for (let moved = 0; moved < ms; moved += MINUTE) {
        engine.clock.advance(Math.min(MINUTE, ms - moved));
        await flushAsync();
      }
    },
  };
}

/** A write that needs new pages: ten long favourites in the automation preferences. */
const bigPreferences = {
  favouriteConfigIds: Array.from({ length: 10 }, (_, i) => `${i}-${'x'.repeat(3_000)}`),
};

describe('a full disk', () => {
  it('keeps the engine running, says so in words, holds the work, and goes on when there is room', async () => {
    const rig = await engineOnAFillableDisk();
    const { engine } = rig;
    const config = await ok<{ id: string; nextRunAt: number }>(
      engine.engine.invoke('configs:create', sampleConfig({ kind: 'hourly', minute: 0 })),
    );
    expect(config.nextRunAt).toBe(Date.parse('2026-01-15T13:00:00Z'));
    await rig.walk(10 * MINUTE);

    rig.fill();
    const refused = await engine.engine.invoke('automation:updatePreferences', bigPreferences);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringMatching(
          /^The disk holding your ReelPilot data is full, so this was not saved\..*carries on by itself/,
        ),
      },
    });
    // Asked again: the same words, and still one notification for the cause.
    expect(
      await engine.engine.invoke('automation:updatePreferences', bigPreferences),
    ).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // The alerts hand it on once they tried to record it (the full disk may refuse that too).
    await vi.waitFor(() =>
      expect(engine.notifications.filter((n) => n.causeKey === 'disk-full')).toEqual([
        expect.objectContaining({ kind: 'diskFull', level: 'error', title: 'The disk is full' }),
      ]),
    );
    const held = await ok<AutomationStatus>(engine.engine.invoke('automation:status', {}));
    expect(held.diskFull).toMatchObject({ dataDir: engine.dataDir });
    expect(held.state).toBe('attention');
    expect(held.attention).toContainEqual(
      expect.objectContaining({ message: 'The disk is full: work waits for space' }),
    );

    // 13:00 comes and goes while the disk is full: the scheduler is held, nothing is lost.
    await rig.walk(80 * MINUTE);
    expect(await ok<ConfigRun[]>(engine.engine.invoke('configs:history', { limit: 10 }))).toEqual(
      [],
    );

    rig.makeRoom();
    await rig.walk(MINUTE);
    const free = await ok<AutomationStatus>(engine.engine.invoke('automation:status', {}));
    expect(free.diskFull).toBeNull();
    expect(engine.notifications.filter((n) => n.kind === 'diskFull')).toEqual([
      expect.objectContaining({ level: 'error', title: 'The disk is full' }),
      expect.objectContaining({ level: 'info', title: 'There is room on the disk again' }),
    ]);
    // The missed 13:00 is run once, as a catch-up (which fails here for want of a renderer, as
    // this engine has none), and the refused change can be made now.
    const runs = await ok<ConfigRun[]>(engine.engine.invoke('configs:history', { limit: 10 }));
    expect(runs).toEqual([
      expect.objectContaining({
        configId: config.id,
        trigger: 'catchUp',
        scheduledFor: Date.parse('2026-01-15T13:00:00Z'),
      }),
    ]);
    await ok(engine.engine.invoke('automation:updatePreferences', bigPreferences));
    expect(await ok(engine.engine.invoke('configs:get', { id: config.id }))).toMatchObject({
      id: config.id,
    });

    // The log could not be written meanwhile; it says how much was lost.
    const log = readFileSync(rig.logFile, 'utf8');
    expect(log).toContain('"message":"log lines lost: the log file could not be written"');
    expect(log).toContain('"reason":"ENOSPC"');
    expect(log).toContain('there is room on the disk again; work goes on');
  });
});
