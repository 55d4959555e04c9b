/**
 * Media library benchmark: makes N small media files (pictures, sound and videos, each
 * different), imports them into a fresh library, and prints the import rate, the thumbnail rate
 * and the time to the first page of the gallery.
 *
 *   npm run bench:media                 # 10,000 files
 *   MEDIA_BENCH_COUNT=500 npm run bench:media
 *   npx tsx bench/media-bench.ts 500
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'node:zlib';
import { ensureDirectories, makePaths } from '../electron/core/app/data-location';
import { createEngine } from '../electron/core/engine';
import { silentLogger } from '../electron/core/logging/file-logger';
import { makeMedia } from '../electron/core/media/testing/make-media';
import { noPowerEvents, randomIds, systemClock } from '../electron/core/runtime/node-ports';

const count = Number(process.argv[2] ?? process.env.MEDIA_BENCH_COUNT ?? 10_000);
if (!Number.isInteger(count) || count < 1) {
  console.error('Give the number of files as a whole number (argument or MEDIA_BENCH_COUNT).');
  process.exit(2);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 48×36 PNG with a colour and a stripe of its own. */
function png(index: number): Buffer {
  const width = 48;
  const height = 36;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    if (y === 0) {
      // The first pixel spells the index, so no two pictures are the same bytes.
      raw.set([index & 255, (index >> 8) & 255, (index >> 16) & 255], row + 1);
    }
    for (let x = 0; x < width; x += 1) {
      const stripe = x === index % width;
      if (y === 0 && x === 0) continue;
      raw[row + 1 + x * 3] = stripe ? 255 : (index * 37) & 255;
      raw[row + 2 + x * 3] = stripe ? 255 : (index * 91) & 255;
      raw[row + 3 + x * 3] = stripe ? 255 : (y * 7 + index) & 255;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real half-second mono WAV tone at a frequency of its own. */
function wav(index: number): Buffer {
  const rate = 8000;
  const samples = rate / 2;
  const data = Buffer.alloc(samples * 2);
  const frequency = 200 + (index % 800);
  const amplitude = 6000 + Math.floor(index / 800);
  for (let i = 0; i < samples; i += 1)
    data.writeInt16LE(
      Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * amplitude),
      i * 2,
    );
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** The same short video with a `free` box of its own at the end: valid MP4, unique bytes. */
function mp4(base: Buffer, index: number): Buffer {
  const payload = Buffer.from(`reelpilot-bench-${index}`);
  const box = Buffer.alloc(8);
  box.writeUInt32BE(8 + payload.length);
  box.write('free', 4);
  return Buffer.concat([base, box, payload]);
}

function rate(n: number, ms: number): string {
  return `${(n / (ms / 1000)).toFixed(1)}/s`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-media-bench-'));
  const source = path.join(root, 'source');
  mkdirSync(source);
  try {
    const started = performance.now();
    const base = readFileSync(makeMedia.video(root, 'base.mp4', 1));
    for (let i = 0; i < count; i += 1) {
      const folder = path.join(source, `folder-${Math.floor(i / 500)}`);
      if (i % 500 === 0) mkdirSync(folder);
      const kind = i % 20 === 0 ? 'video' : i % 10 === 5 ? 'audio' : 'image';
      const name = `item-${String(i).padStart(5, '0')}`;
      if (kind === 'image') writeFileSync(path.join(folder, `${name}.png`), png(i));
      else if (kind === 'audio') writeFileSync(path.join(folder, `${name}.wav`), wav(i));
      else writeFileSync(path.join(folder, `${name}.mp4`), mp4(base, i));
    }
    console.log(
      `Generated ${count} files in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const dataDir = path.join(root, 'data');
    const paths = makePaths(dataDir, path.join(root, 'resources'));
    ensureDirectories(paths);
    const engine = await createEngine(
      {
        clock: systemClock,
        ids: randomIds,
        logger: silentLogger,
        paths,
        secrets: {
          get: async () => null,
          set: async () => {},
          delete: async () => {},
          info: () => ({ backend: 'none', secure: false }),
        },
        notifier: { notify: () => {} },
        power: noPowerEvents,
        http: globalThis.fetch,
        events: { emit: () => {} },
        desktop: null,
      },
      {
        appVersion: 'bench',
        mode: 'headless',
        dataDirPinned: true,
        defaultDataDir: dataDir,
        media: { startInBackground: false },
      },
    );
    const media = engine.services.media;

    const importStart = performance.now();
    const report = await media.importFiles([source]);
    const importMs = performance.now() - importStart;
    console.log(
      `Import: ${report.imported.length} imported, ${report.duplicates.length} duplicates, ${report.failed.length} failed in ${(importMs / 1000).toFixed(1)} s = ${rate(report.imported.length, importMs)}`,
    );
    for (const failure of report.failed.slice(0, 5)) console.log(`  failed: ${failure.message}`);
    const doneDuringImport = media.thumbnails.thumbnailsMade;
    await media.thumbnails.idle();
    const thumbsMs = performance.now() - importStart;
    const made = media.thumbnails.thumbnailsMade;
    console.log(
      `Thumbnails: ${made} drawn (${doneDuringImport} while importing) in ${(thumbsMs / 1000).toFixed(1)} s from the start of the import = ${rate(made, thumbsMs)}`,
    );

    const measure = async (label: string, work: () => Promise<unknown>) => {
      await work();
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const t0 = performance.now();
        await work();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`${label}: median ${times[2]?.toFixed(1)} ms (best ${times[0]?.toFixed(1)} ms)`);
    };
    await measure('Gallery first page (media:list, 100 newest)', () =>
      engine.invoke('media:list', { offset: 0, limit: 100 }),
    );
    await measure('Gallery first screen (media:listIds all + media:getMany 200)', async () => {
      const ids = await engine.invoke('media:listIds', {});
      if (!ids.ok) throw new Error(ids.error.message);
      const value = ids.value as { ids: string[] };
      await engine.invoke('media:getMany', { ids: value.ids.slice(0, 200) });
    });
    await measure('Search "item-09" sorted by name, pictures only', () =>
      engine.invoke('media:list', { search: 'item-09', sort: 'name', kinds: ['image'] }),
    );
    await engine.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
