import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startYouTubeEmulator,
  type YouTubeEmulator,
} from '../../../emulators/youtube/youtube-emulator';

let dir: string;
let emulator: YouTubeEmulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelpilot-engine-crash-'));
  emulator = await startYouTubeEmulator();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

function runEngine(mode: 'post' | 'resume', clockOffsetMs: number, video: string) {
  const configPath = join(dir, `${mode}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      mode,
      dataDir: join(dir, 'data'),
      videoPath: video,
      clockOffsetMs,
      endpointOverrides: { youtube: emulator.endpoints },
      app: emulator.state.auth.app,
    }),
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'testing', 'engine-child.ts'), configPath],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the engine killed with SIGKILL in the middle of an upload', () => {
  it('resumes the same upload session after a restart: one post, the same bytes', async () => {
    const video = join(dir, 'video.mp4');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=540x960:rate=30', '-t', '3'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '10', '-pix_fmt', 'yuv420p'],
      ...['-y', video],
    ]);
    const sha256 = createHash('sha256').update(readFileSync(video)).digest('hex');
    const chunks = () => emulator.requests.filter((r) => r.route === 'youtube.upload.chunk').length;
    // Slow chunks, so the kill lands in the middle of the upload.
    emulator.faults.arm('youtube.upload.chunk', { type: 'delay', ms: 150 }, 1000);

    const first = runEngine('post', 0, video);
    await until(() => chunks() >= 3, 'three chunks to reach the emulator');
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    expect(first.out()).toMatch(/targetId/);
    expect(emulator.state.videos.size).toBe(0);
    const before = chunks();
    emulator.faults.clear();

    // Two minutes later: the dead worker's lease (60 s) has run out.
    const second = runEngine('resume', 120_000, video);
    const [code] = (await once(second.child, 'exit')) as [number];
    expect(second.err()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(second.out().trim())).toEqual({ state: 'success', error: null });
    expect(emulator.state.videos.size).toBe(1);
    expect([...emulator.state.videos.values()][0]?.sha256).toBe(sha256);
    // One session, resumed from the server's offset: far fewer chunks than a fresh upload.
    expect(emulator.state.uploads.sessions.size).toBe(1);
    const total = Math.ceil(readFileSync(video).length / (256 * 1024));
    expect(chunks() - before).toBeLessThan(total);
  }, 90_000);
});
