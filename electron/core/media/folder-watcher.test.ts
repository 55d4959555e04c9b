import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, type TestEngine } from '../testing/test-engine';
import { makeMedia } from './testing/make-media';

let t: TestEngine;
let watched: string;

beforeEach(() => {
  watched = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-watched-'));
});
afterEach(async () => {
  await t?.dispose();
  rmSync(watched, { recursive: true, force: true });
});

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('watched folders', () => {
  it('imports what is there, then new files once they settle, and survives a restart', async () => {
    t = await createTestEngine();
    makeMedia.image(watched, 'before.png', 'red');
    const added = await t.engine.invoke('media:watchAdd', { path: watched });
    expect(added).toMatchObject({
      ok: true,
      value: { folders: [{ path: watched, active: true }] },
    });
    const total = async () => (await t.engine.services.media.list({})).total;
    await eventually(async () => (await total()) === 1, 'the initial import');

    makeMedia.image(watched, 'after.png', 'blue');
    // Nothing is imported before the quiet period has passed on the (fake) clock.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await total()).toBe(1);
    await eventually(async () => {
      t.clock.advance(2000);
      return (await total()) === 2;
    }, 'the watched import');

    // A file deleted from a watched folder is marked missing, not dropped.
    rmSync(path.join(watched, 'after.png'));
    await eventually(async () => {
      t.clock.advance(2000);
      const { items } = await t.engine.services.media.list({ search: 'after' });
      return items[0]?.missing === true;
    }, 'the deleted file to be marked missing');
    expect(await total()).toBe(2);

    const dataDir = t.dataDir;
    await t.engine.close();
    const reopened = await createTestEngine({ dataDir });
    expect(await reopened.engine.invoke('media:watchList', {})).toMatchObject({
      ok: true,
      value: { folders: [{ path: watched }] },
    });
    expect(await reopened.engine.invoke('media:watchRemove', { path: watched })).toMatchObject({
      ok: true,
      value: { folders: [] },
    });
    await reopened.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a folder that does not exist, in words', async () => {
    t = await createTestEngine();
    const result = await t.engine.invoke('media:watchAdd', { path: path.join(watched, 'nope') });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
