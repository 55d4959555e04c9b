import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { YouTubeAdapter } from '../electron/core/platforms/youtube/youtube-adapter';

/**
 * Upload throughput and memory: a large file through the YouTube adapter to the emulator (in a
 * child process) against a raw HTTP PUT of the same file to the same server, in the same run.
 * Targets: adapter/raw throughput ratio >= 0.8, client peak RSS growth < 64 MiB.
 */
const MiB = 1024 * 1024;
const size = Number(process.env.UPLOAD_BENCH_BYTES ?? 1024 * MiB);
const chunkBytes = process.env.UPLOAD_BENCH_CHUNK_BYTES
  ? Number(process.env.UPLOAD_BENCH_CHUNK_BYTES)
  : undefined;
const rounds = Number(process.env.UPLOAD_BENCH_ROUNDS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function makeFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  const block = randomBytes(4 * MiB);
  const out = createWriteStream(path);
  for (let written = 0; written < size; written += block.length) {
    const piece = block.subarray(0, Math.min(block.length, size - written));
    // Vary each block so the data is not one repeated pattern.
    piece.writeUInt32LE(written >>> 0, 0);
    hash.update(piece);
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return hash.digest('hex');
}

function rawPut(baseUrl: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/raw`, {
      method: 'PUT',
      headers: { 'content-length': String(size), 'content-type': 'application/octet-stream' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`raw PUT ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    pipeline(createReadStream(path, { highWaterMark: MiB }), req).catch(reject);
  });
}

function sampleRss() {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return peak - start;
  };
}

const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

const dir = mkdtempSync(join(tmpdir(), 'reelpilot-upload-bench-'));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'upload-bench-emulator.ts')],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
try {
  const file = join(dir, 'video.mp4');
  console.log(`Preparing a ${(size / MiB).toFixed(0)} MiB file...`);
  const sha256 = await makeFile(file);
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  const { baseUrl, accessToken } = JSON.parse(line) as { baseUrl: string; accessToken: string };

  const adapter = new YouTubeAdapter({
    endpoints: { youtube: { uploadBaseUrl: baseUrl, apiBaseUrl: baseUrl } },
    ...(chunkBytes === undefined ? {} : { chunkBytes }),
  });
  // Alternating rounds, medians: the machine is shared, so single runs are noisy.
  const rawTimes: number[] = [];
  const adapterTimes: number[] = [];
  let rssGrowth = 0;
  let lastVideoId = '';
  for (let round = 0; round < rounds; round += 1) {
    const rawStarted = performance.now();
    await rawPut(baseUrl, file);
    rawTimes.push(performance.now() - rawStarted);

    const stopSampling = sampleRss();
    const started = performance.now();
    const result = await adapter.publish(
      {
        id: `bench-${round}`,
        video: {
          path: file,
          sizeBytes: size,
          durationSec: 60,
          width: 1080,
          height: 1920,
          fps: 30,
          mimeType: 'video/mp4',
        },
        settings: { title: 'Upload benchmark', caption: 'bench', privacy: 'private' },
      },
      {
        getAccessToken: () => Promise.resolve(accessToken),
        saveState: () => Promise.resolve(),
        beforeIrreversible: () => Promise.resolve(),
      },
    );
    adapterTimes.push(performance.now() - started);
    rssGrowth = Math.max(rssGrowth, stopSampling());
    if (result.state === 'waiting') throw new Error('The benchmark upload never reached YouTube.');
    lastVideoId = result.trackingId;
  }
  const rawMs = median(rawTimes);
  const adapterMs = median(adapterTimes);

  const state = (await (await fetch(`${baseUrl}/__emulator/state`)).json()) as {
    state: { videos: Array<{ id: string; sha256: string }>; raw: { sha256: string | null } };
  };
  const uploaded = state.state.videos.find((v) => v.id === lastVideoId);
  const ratio = rawMs / adapterMs;
  console.log(
    `file              ${(size / MiB).toFixed(0)} MiB, ${chunkBytes === undefined ? 'default' : `${chunkBytes / MiB} MiB`} chunks, median of ${rounds} alternating rounds`,
  );
  console.log(
    `raw PUT           ${mbps(size, rawMs).toFixed(1)} MiB/s (${(rawMs / 1000).toFixed(2)} s)`,
  );
  console.log(
    `YouTube adapter   ${mbps(size, adapterMs).toFixed(1)} MiB/s (${(adapterMs / 1000).toFixed(2)} s)`,
  );
  console.log(
    `ratio             ${ratio.toFixed(2)} (target >= 0.80) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}`,
  );
  console.log(
    `client peak RSS   +${(rssGrowth / MiB).toFixed(1)} MiB (target < 64 MiB) ${rssGrowth < 64 * MiB ? 'OK' : 'ABOVE TARGET'}`,
  );
  console.log(
    `bytes verified    ${uploaded?.sha256 === sha256 && state.state.raw.sha256 === sha256 ? 'yes (SHA-256 match)' : 'NO: hash mismatch'}`,
  );
  if (uploaded?.sha256 !== sha256) process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
