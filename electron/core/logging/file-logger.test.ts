import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from './file-logger';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file logger', () => {
  it('writes one JSON object per line with bindings and fields', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-log-'));
    const logger = createFileLogger({ dir, clock: () => Date.UTC(2026, 0, 1) });
    logger.child({ domain: 'test' }).info('hello', { n: 1 });
    logger.debug('hidden below the level');
    logger.close();
    const lines = readFileSync(path.join(dir, 'reelpilot.log'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '2026-01-01T00:00:00.000Z',
      level: 'info',
      message: 'hello',
      domain: 'test',
      n: 1,
    });
  });

  it('rotates by size and keeps a bounded number of files', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-log-'));
    const logger = createFileLogger({ dir, maxBytes: 1000, keep: 3 });
    for (let i = 0; i < 200; i += 1) logger.info('line', { i, pad: 'x'.repeat(40) });
    logger.close();
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      'reelpilot.log',
      'reelpilot.log.1',
      'reelpilot.log.2',
      'reelpilot.log.3',
    ]);
    const last =
      readFileSync(path.join(dir, 'reelpilot.log'), 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ i: 199 });
    expect(existsSync(path.join(dir, 'reelpilot.log.4'))).toBe(false);
  });

  it('survives fields that cannot be serialised', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-log-'));
    const logger = createFileLogger({ dir });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    logger.warn('circular', { loop });
    logger.close();
    expect(readFileSync(path.join(dir, 'reelpilot.log'), 'utf8')).toContain(
      'fields were not serialisable',
    );
  });
});
