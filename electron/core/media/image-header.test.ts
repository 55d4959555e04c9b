import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageHeader } from './image-header';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-header-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function picture(name: string, extra: string[] = []): string {
  const file = path.join(dir, name);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=123x45',
    '-frames:v',
    '1',
    ...extra,
    file,
  ]);
  return file;
}

describe('image headers', () => {
  it.each([
    ['a.png', 'png'],
    ['a.jpg', 'mjpeg'],
    ['a.gif', 'gif'],
    ['a.webp', 'webp'],
    ['a.bmp', 'bmp'],
  ])('reads the size of %s made by ffmpeg', async (name, codec) => {
    expect(await readImageHeader(picture(name))).toEqual({ codec, width: 123, height: 45 });
  });

  it('leaves anything it cannot read with certainty to ffprobe', async () => {
    const junk = path.join(dir, 'junk.png');
    writeFileSync(junk, 'not a picture');
    expect(await readImageHeader(junk)).toBeNull();
    const truncated = path.join(dir, 'truncated.jpg');
    writeFileSync(truncated, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]));
    expect(await readImageHeader(truncated)).toBeNull();
    expect(await readImageHeader(path.join(dir, 'absent.png'))).toBeNull();
  });
});
