import * as nodeFs from 'node:fs';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from './file-logger';
import { fillableDisk } from './testing/fillable-disk';

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

describe('file logger on a full disk', () => {
  it('never throws, and says how many lines were lost once it can write again', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-log-'));
    const { disk, fileSystem } = fillableDisk();
    const logger = createFileLogger({ dir, fileSystem, maxBytes: 400, keep: 2 });
    logger.info('before');
    disk.full = true;
    // Called the way .catch handlers call it: a throw here would end the process.
    expect(() => {
      for (let i = 0; i < 5; i += 1) logger.error('while full', { i, pad: 'x'.repeat(100) });
    }).not.toThrow();
    disk.full = false;
    logger.info('after');
    logger.close();
    const text = [`${dir}/reelpilot.log.1`, `${dir}/reelpilot.log`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('');
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.message)).toEqual([
      'before',
      'log lines lost: the log file could not be written',
      'after',
    ]);
    expect(lines[1]).toMatchObject({ level: 'warn', lost: 5, reason: 'ENOSPC' });
  });

  it('starts even when the log file cannot be opened, and writes once it can', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-log-'));
    const { disk, fileSystem } = fillableDisk();
    disk.full = true;
    const logger = createFileLogger({ dir, fileSystem });
    logger.info('lost');
    disk.full = false;
    logger.info('kept');
    logger.close();
    const messages = readFileSync(path.join(dir, 'reelpilot.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toEqual(['log lines lost: the log file could not be written', 'kept']);
  });

  it('creates the log folder and files for their owner only', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rp-log-'));
    const logs = path.join(dir, 'logs');
    const logger = createFileLogger({ dir: logs, maxBytes: 200, keep: 1 });
    for (let i = 0; i < 10; i += 1) logger.info('line', { i, pad: 'x'.repeat(60) });
    logger.close();
    if (process.platform === 'win32') return;
    expect(nodeFs.statSync(logs).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(logs)) {
      expect(nodeFs.statSync(path.join(logs, name)).mode & 0o777, name).toBe(0o600);
    }
  });
});
