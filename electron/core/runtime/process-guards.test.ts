import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const child = path.join(import.meta.dirname, 'testing', 'guarded-child.ts');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runChild(mode = '') {
  dir = mkdtempSync(path.join(os.tmpdir(), 'rp-guards-'));
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', child, dir, mode]);
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

const logOf = () =>
  readFileSync(path.join(dir, 'reelpilot.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { message: string; error: string });

describe('process guards', () => {
  it('log an unhandled rejection and a full disk and keep the process alive', async () => {
    const { stdout, code } = await runChild();
    expect(stdout).toBe('alive\n');
    expect(code).toBe(0);
    const log = logOf();
    expect(log.map((entry) => entry.message)).toEqual([
      'a failed promise was not handled; ReelPilot goes on',
      'an error was not handled; ReelPilot goes on',
    ]);
    expect(log[0]?.error).toContain('nobody listens to this one');
    expect(log[1]?.error).toContain('ENOSPC');
  }, 30_000);

  it('hand any other uncaught exception to the shell, after logging it', async () => {
    const { stdout, code } = await runChild('then-a-bug');
    expect(stdout).toBe('alive\nfatal\n');
    expect(code).toBe(70);
    expect(logOf().at(-1)).toMatchObject({ message: 'an unexpected error stops ReelPilot' });
    expect(logOf().at(-1)?.error).toContain('TypeError: a bug');
  }, 30_000);
});
