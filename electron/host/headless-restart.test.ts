import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupList, BackupStatus, RestoreResult } from '../../shared/domain/backup';
import { acquireDataDirLock } from '../core/app/data-dir-lock';
import { dumpWork, seedWork } from '../core/backup/testing/seed-work';
import { startHeadless, type HeadlessApp } from './start-headless';

let app: HeadlessApp;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-restart-'));
  const staticDir = path.join(root, 'static');
  mkdirSync(staticDir);
  app = await startHeadless({ dataDir: path.join(root, 'data'), port: 0, staticDir });
});
afterAll(async () => {
  await app?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** A contract call over the host's HTTP, as the browser makes it. */
async function call<T>(channel: string, input: unknown): Promise<T> {
  const token = new URL(app.host.url).searchParams.get('token') ?? '';
  const response = await fetch(`http://127.0.0.1:${app.host.port}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.value as T;
}

async function until<T>(get: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the headless host after a restore', () => {
  it('restarts its engine in place: the same address, the restored data, the lock taken again', async () => {
    seedWork(app.engine.database.raw, { accounts: 3, configs: 2, videos: 10, metricsPerPost: 2 });
    const before = dumpWork(app.engine.database.raw);
    const { backupId } = await call<{ backupId: string }>('backup:run', {});
    await until(
      () => call<BackupList>('backup:list', {}),
      (list) => list.backups.some((b) => b.id === backupId),
    );
    app.engine.database.raw.exec('DELETE FROM accounts');
    const first = app.engine;

    const result = await call<RestoreResult>('backup:restore', {
      source: { from: 'local', backupId },
    });
    expect(result.state).toBe('restarting');
    await until(
      async () => app.engine,
      (engine) => engine !== first,
    );
    const status = await until(
      () => call<BackupStatus>('backup:status', {}),
      (s) => s.lastRestore?.backupId === backupId,
    );
    expect(status.lastRestore?.counts.accounts).toBe(3);
    expect(dumpWork(app.engine.database.raw)).toEqual(before);
    // The new engine holds the data-folder lock: a second one is refused.
    expect(() => acquireDataDirLock(app.dataDir)).toThrow(/already running/);
  });
});
