import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE_NAME } from './data-dir-lock';

const child = path.join(import.meta.dirname, 'testing', 'engine-lock-child.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-lock-'));
  dirs.push(dir);
  return dir;
}

/** An engine process taking commands; `next()` resolves with the next line it prints. */
function engineProcess(dataDir: string) {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(proc);
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const take = waiting.shift();
    if (take) take(line);
    else lines.push(line);
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    proc,
    send: (line: string) => proc.stdin!.write(`${line}\n`),
    next: () =>
      new Promise<string>((resolve, reject) => {
        const line = lines.shift();
        if (line !== undefined) return resolve(line);
        const timer = setTimeout(() => reject(new Error(`no answer; stderr: ${stderr}`)), 60_000);
        waiting.push((l) => {
          clearTimeout(timer);
          resolve(l);
        });
      }),
  };
}

describe('the data-folder lock', () => {
  it('is held by one engine only, and is free again once released', () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(/already running on .* \(process \d+\)/);
    release();
    const again = acquireDataDirLock(dir);
    again();
    // Nobody deletes the lock file: holding it is what counts.
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(true);
  });

  it('lets exactly one of two engines started at the same instant run, 50 times', async () => {
    const dir = tempDir();
    const a = engineProcess(dir);
    const b = engineProcess(dir);
    const outcomes: string[] = [];
    for (let round = 1; round <= 50; round += 1) {
      const at = Date.now() + 30;
      a.send(`go ${round} ${at}`);
      b.send(`go ${round} ${at}`);
      const answers = [await a.next(), await b.next()];
      const won = answers.filter((line) => line.startsWith(`won ${round}`));
      const refused = answers.filter((line) => line.startsWith(`refused ${round}`));
      outcomes.push(`${won.length}/${refused.length}`);
      expect(answers.filter((line) => line.startsWith('error'))).toEqual([]);
      for (const [proc, answer] of [
        [a, answers[0]],
        [b, answers[1]],
      ] as const) {
        if (!answer?.startsWith('won')) continue;
        proc.send(`release ${round}`);
        expect(await proc.next()).toBe(`released ${round}`);
      }
    }
    expect(outcomes).toEqual(Array.from({ length: 50 }, () => '1/1'));
  }, 180_000);

  it('never blocks after the engine holding it was killed with SIGKILL', async () => {
    const dir = tempDir();
    const doomed = engineProcess(dir);
    doomed.send(`go 1 ${Date.now()}`);
    expect(await doomed.next()).toMatch(/^won 1/);
    doomed.proc.kill('SIGKILL');
    await once(doomed.proc, 'exit');
    const next = engineProcess(dir);
    next.send(`go 2 ${Date.now()}`);
    expect(await next.next()).toMatch(/^won 2/);
    next.send('release 2');
    expect(await next.next()).toBe('released 2');
  }, 60_000);
});
