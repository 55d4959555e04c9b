import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from '../../../emulators/drive/drive-emulator';
import { FOLDER_MIME } from '../../../emulators/drive/drive-emulator-state';
import { spawnTsx, until } from '../testing/child-engine';

let dir: string;
let drive: DriveEmulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelpilot-drive-crash-'));
  drive = await startDriveEmulator();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await drive.close();
  rmSync(dir, { recursive: true, force: true });
});

function runEngine(mode: 'upload' | 'resume', clockOffsetMs: number, filePath: string) {
  const configPath = join(dir, `${mode}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      mode,
      dataDir: join(dir, 'data'),
      filePath,
      clockOffsetMs,
      endpointOverrides: { drive: drive.endpoints },
      app: drive.state.auth.app,
    }),
  );
  return spawnTsx(join(import.meta.dirname, 'testing', 'drive-upload-child.ts'), [configPath]);
}

function track<T extends { child: ChildProcess }>(run: T): T {
  children.push(run.child);
  return run;
}

describe('the engine killed with SIGKILL in the middle of a Drive upload', () => {
  it('resumes the saved session after a restart: one file on Drive, the same bytes', async () => {
    const bytes = randomBytes(4 * 1024 * 1024);
    const filePath = join(dir, 'render.mp4');
    writeFileSync(filePath, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const chunks = () => drive.requests.filter((r) => r.route === 'drive.upload.chunk').length;
    // Slow chunks, so the kill lands in the middle of the upload.
    drive.faults.arm('drive.upload.chunk', { type: 'delay', ms: 150 }, 1000);

    const first = track(runEngine('upload', 0, filePath));
    await until(() => chunks() >= 4, 'four chunks to reach the emulator');
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    expect(first.out()).toMatch(/uploadId/);
    const stored = () => [...drive.state.files.values()].filter((f) => f.mimeType !== FOLDER_MIME);
    expect(stored()).toHaveLength(0);
    const sessionsBefore = drive.state.uploads.sessions.size;
    const chunksBefore = chunks();
    drive.faults.clear();

    // Two minutes later (the lease has run out): the same session goes on from where it stood.
    const second = track(runEngine('resume', 120_000, filePath));
    const [code] = (await once(second.child, 'exit')) as [number];
    expect(code, second.err()).toBe(0);
    expect(second.out()).toMatch(/"state":"done"/);
    expect(stored()).toHaveLength(1);
    expect(stored()[0]?.sha256).toBe(sha256);
    expect(drive.state.uploads.sessions.size).toBe(sessionsBefore);
    // Resumed, not restarted: a probe plus the chunks still missing, fewer than the file's 16.
    expect(chunks() - chunksBefore).toBeLessThan(16);
  }, 90_000);
});
