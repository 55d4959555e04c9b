import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract';
import type { ImportReport } from '../../../shared/domain/media';
import { createTestEngine, type TestEngine } from '../testing/test-engine';
import { thumbnailPath } from './thumbnail-worker';
import { makeMedia } from './testing/make-media';

let t: TestEngine;
let src: string;

beforeEach(() => {
  src = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-media-src-'));
});
afterEach(async () => {
  await t?.dispose();
  rmSync(src, { recursive: true, force: true });
});

describe('media import', () => {
  it('probes real media and draws thumbnails for pictures, videos and sound', async () => {
    t = await createTestEngine();
    const files = [makeMedia.image(src), makeMedia.video(src), makeMedia.audio(src)];
    const result = (await t.engine.invoke('media:import', {
      paths: files,
      tags: ['beach'],
    })) as Result<ImportReport>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.failed).toEqual([]);
    const byKind = Object.fromEntries(result.value.imported.map((i) => [i.kind, i]));
    expect(byKind.image).toMatchObject({
      width: 64,
      height: 48,
      durationMs: null,
      tags: ['beach'],
    });
    expect(byKind.video).toMatchObject({
      width: 64,
      height: 48,
      rotation: 0,
      videoCodec: 'h264',
      audioCodec: 'aac',
      frameRate: 10,
      mime: 'video/mp4',
      origin: 'linked',
    });
    expect(byKind.video?.durationMs).toBeGreaterThan(900);
    expect(byKind.audio).toMatchObject({ videoCodec: null, audioCodec: 'pcm_s16le', width: null });
    expect(byKind.audio?.contentHash).toMatch(/^[a-f0-9]{64}$/);
    // Files stay where the person keeps them.
    expect(byKind.image?.path).toBe(files[0]);

    const media = t.engine.services.media;
    await media.thumbnails.idle();
    for (const item of result.value.imported) {
      const stored = await media.get(item.id);
      expect(stored.thumbnail).toBe('ready');
      const thumb = thumbnailPath(t.ports.paths.cacheDir, item.contentHash, item.kind);
      expect(statSync(thumb).size).toBeGreaterThan(0);
      const answer = await media.files.answer({
        variant: 'thumbnail',
        id: item.id,
        method: 'GET',
        range: null,
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(
        item.kind === 'audio' ? 'image/png' : 'image/jpeg',
      );
    }
    // A cleared cache is noticed when a thumbnail is asked for, and the picture drawn again.
    const first = result.value.imported[0];
    if (!first) throw new Error('nothing imported');
    rmSync(t.ports.paths.cacheDir, { recursive: true, force: true });
    const gone = await media.files.answer({
      variant: 'thumbnail',
      id: first.id,
      method: 'GET',
      range: null,
    });
    expect(gone.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await media.thumbnails.idle();
    expect(
      statSync(thumbnailPath(t.ports.paths.cacheDir, first.contentHash, first.kind)).size,
    ).toBeGreaterThan(0);

    expect(t.events.of('media:importProgress').at(-1)).toMatchObject({
      phase: 'done',
      done: 3,
      total: 3,
      imported: 3,
    });
  });

  it('reports corrupt, zero-byte, unsupported and unreadable files and imports the rest', async () => {
    t = await createTestEngine();
    const good = makeMedia.image(src, 'good.png');
    const corrupt = makeMedia.corrupt(src);
    const empty = makeMedia.empty(src);
    const text = path.join(src, 'notes.txt');
    makeMedia.empty(src, 'notes.txt');
    const locked = makeMedia.image(src, 'locked.png', 'blue');
    chmodSync(locked, 0o000);
    const runningAsRoot = process.getuid?.() === 0;
    const result = (await t.engine.invoke('media:import', {
      paths: [good, corrupt, empty, text, locked, path.join(src, 'gone.mp4')],
    })) as Result<ImportReport>;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { imported, failed } = result.value;
    const reasons = Object.fromEntries(failed.map((f) => [path.basename(f.path), f]));
    expect(reasons['broken.mp4']).toMatchObject({ reason: 'corrupt' });
    expect(reasons['broken.mp4']?.message).toMatch(/could not be read as a video/);
    expect(reasons['empty.jpg']).toMatchObject({ reason: 'empty' });
    expect(reasons['empty.jpg']?.message).toMatch(/0 bytes/);
    expect(reasons['notes.txt']).toMatchObject({ reason: 'unsupported' });
    expect(reasons['gone.mp4']).toMatchObject({ reason: 'not-found' });
    if (!runningAsRoot) expect(reasons['locked.png']).toMatchObject({ reason: 'unreadable' });
    expect(imported.map((i) => i.name)).toContain('good.png');
    expect(imported.length + failed.length).toBe(6);

    // What is already in the library is untouched by a later bad import.
    const again = await t.engine.invoke('media:import', { paths: [corrupt] });
    expect(again).toMatchObject({ ok: true, value: { failed: [{ reason: 'corrupt' }] } });
    const list = await t.engine.invoke('media:list', {});
    expect(list).toMatchObject({ ok: true, value: { total: imported.length } });
  });

  it('walks folders, skips non-media files and links duplicates instead of importing twice', async () => {
    t = await createTestEngine();
    mkdirSync(path.join(src, 'a', 'deep'), { recursive: true });
    makeMedia.image(path.join(src, 'a'), 'one.png', 'red');
    makeMedia.image(path.join(src, 'a', 'deep'), 'copy-of-one.png', 'red');
    makeMedia.image(src, 'two.png', 'green');
    makeMedia.empty(src, 'readme.md');
    makeMedia.empty(src, '.hidden.png');
    const first = (await t.engine.invoke('media:import', { paths: [src] })) as Result<ImportReport>;
    expect(first).toMatchObject({ ok: true, value: { total: 3, skipped: 1 } });
    if (!first.ok) return;
    expect(first.value.imported).toHaveLength(2);
    expect(first.value.duplicates).toHaveLength(1);

    const second = (await t.engine.invoke('media:import', {
      paths: [src],
    })) as Result<ImportReport>;
    expect(second).toMatchObject({ ok: true, value: { imported: [], failed: [] } });
    if (!second.ok) return;
    expect(second.value.duplicates).toHaveLength(3);

    const folder = await t.engine.invoke('media:list', { folder: path.join(src, 'a') });
    expect(folder).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('marks a vanished file missing, keeps it, and follows it to a known duplicate', async () => {
    t = await createTestEngine();
    const original = makeMedia.image(src, 'original.png', 'yellow');
    const imported = await t.engine.services.media.importFiles([original]);
    const id = imported.imported[0]?.id ?? '';
    const moved = path.join(src, 'moved.png');
    renameSync(original, moved);
    expect(await t.engine.invoke('media:verify', {})).toMatchObject({
      ok: true,
      value: { checked: 1, nowMissing: 1 },
    });
    expect(await t.engine.services.media.get(id)).toMatchObject({ missing: true });
    const answer = await t.engine.services.media.files.answer({
      variant: 'file',
      id,
      method: 'GET',
      range: null,
    });
    expect(answer.status).toBe(404);

    // Importing the moved file finds the same content and brings the item back.
    const back = await t.engine.services.media.importFiles([moved]);
    expect(back.duplicates).toEqual([{ path: moved, existingId: id, name: 'original.png' }]);
    expect(await t.engine.services.media.get(id)).toMatchObject({ missing: false, path: moved });
  });

  it('copies into the library folder when asked, registers rendered files, and tags', async () => {
    t = await createTestEngine();
    const file = makeMedia.video(src, 'render.mp4');
    const rendered = await t.engine.services.media.registerRendered(file, ['out']);
    expect(rendered).toMatchObject({ origin: 'rendered', kind: 'video', tags: ['out'] });
    expect(await t.engine.services.media.registerRendered(file)).toMatchObject({ id: rendered.id });

    const photo = makeMedia.image(src, 'photo.png', 'purple');
    const copied = (await t.engine.invoke('media:import', {
      paths: [photo],
      copy: true,
    })) as Result<ImportReport>;
    expect(copied.ok).toBe(true);
    if (!copied.ok) return;
    const item = copied.value.imported[0];
    expect(item?.origin).toBe('copied');
    expect(item?.path.startsWith(t.ports.paths.mediaDir)).toBe(true);
    expect(existsSync(item?.path ?? '')).toBe(true);

    await t.engine.invoke('media:tag', { ids: [item?.id ?? ''], add: ['Holiday'], remove: [] });
    const byTag = await t.engine.invoke('media:list', { search: 'holi' });
    expect(byTag).toMatchObject({ ok: true, value: { total: 1, items: [{ tags: ['Holiday'] }] } });
    const videos = await t.engine.invoke('media:list', { kinds: ['video'], sort: 'name' });
    expect(videos).toMatchObject({ ok: true, value: { total: 1 } });
    await expect(
      t.engine.services.media.registerRendered(path.join(src, 'nope.mp4')),
    ).rejects.toThrow(/does not exist/);
  });
});

describe('media probe', () => {
  it('reads the rotation of a phone video and its real duration', async () => {
    const { execFileSync } = await import('node:child_process');
    const { probeMedia } = await import('./media-probe');
    const plain = makeMedia.video(src, 'plain.mp4');
    const turned = path.join(src, 'turned.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      plain,
      '-c',
      'copy',
      '-metadata:s:v:0',
      'rotate=90',
      turned,
    ]);
    const facts = await probeMedia('ffprobe', turned, 'video');
    // ffprobe reports this file's display matrix as +90 (counter-clockwise); ffmpeg itself turns
    // it by -90, so the library records the clockwise turn ffmpeg will apply: 270.
    expect(facts).toMatchObject({ kind: 'video', width: 64, height: 48, rotation: 270 });
    expect(facts.durationMs).toBeGreaterThan(900);
    await expect(probeMedia('ffprobe', makeMedia.corrupt(src), 'video')).rejects.toThrow(
      /cannot read it/,
    );
  });
});

describe('thumbnails in batches', () => {
  it('draws many pictures in one run and still fails only the damaged one', async () => {
    t = await createTestEngine();
    const colours = ['red', 'green', 'blue', 'white', 'black', 'yellow'];
    const files = colours.map((c) => makeMedia.image(src, `${c}.png`, c));
    // A picture whose header is fine but whose image data is not: only a full decode finds it.
    const good = readFileSync(files[0] ?? '');
    const damaged = path.join(src, 'damaged.png');
    writeFileSync(damaged, Buffer.concat([good.subarray(0, 33), Buffer.alloc(60, 7)]));
    const report = await t.engine.services.media.importFiles([...files, damaged]);
    expect(report.imported).toHaveLength(7);
    await t.engine.services.media.thumbnails.idle();
    const { items } = await t.engine.services.media.list({ limit: 10 });
    const states = Object.fromEntries(items.map((i) => [i.name, i.thumbnail]));
    expect(states['damaged.png']).toBe('failed');
    for (const c of colours) expect(states[`${c}.png`]).toBe('ready');
    const failed = items.find((i) => i.name === 'damaged.png');
    expect(failed?.thumbnailError).toBeTruthy();
  });
});

describe('import failures as a whole', () => {
  it('says in words when ffmpeg is missing, and never leaves progress hanging', async () => {
    t = await createTestEngine();
    expect(
      await t.engine.invoke('settings:update', { ffmpegPath: process.execPath }),
    ).toMatchObject({ ok: true });
    const result = await t.engine.invoke('media:import', {
      paths: [makeMedia.image(src, 'x.png')],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/needs ffmpeg and ffprobe/) },
    });
    expect(t.events.of('media:importProgress').at(-1)).toMatchObject({ phase: 'done' });
  });

  it('stops a long import when the app closes, keeping what was imported', async () => {
    t = await createTestEngine();
    for (let i = 0; i < 12; i += 1)
      makeMedia.image(src, `p${i}.png`, `0x${(i * 20).toString(16).padStart(2, '0')}2040`);
    const running = t.engine.services.media.importFiles([src]);
    while (!t.events.of('media:importProgress').some((p) => p.phase === 'importing'))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await t.engine.close();
    const report = await running;
    expect(report.total).toBe(12);
    expect(report.imported.length).toBeLessThanOrEqual(12);
    // A new import after closing is refused in words rather than left waiting.
    await expect(t.engine.services.media.importFiles([src])).rejects.toThrow(/closing/);
  });
});
