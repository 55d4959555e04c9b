import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', ...args], { stdio: 'pipe' });
}

/** Tiny real media made by ffmpeg, for tests and the benchmark. */
export const makeMedia = {
  image(dir: string, name = 'red.png', color = 'red', size = '64x48'): string {
    const file = path.join(dir, name);
    ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:s=${size}`, '-frames:v', '1', file]);
    return file;
  },
  video(dir: string, name = 'clip.mp4', seconds = 1): string {
    const file = path.join(dir, name);
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=64x48:rate=10:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=330:duration=${seconds}`,
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-shortest',
      file,
    ]);
    return file;
  },
  audio(dir: string, name = 'tone.wav', seconds = 1): string {
    const file = path.join(dir, name);
    ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, file]);
    return file;
  },
  corrupt(dir: string, name = 'broken.mp4'): string {
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.from('this is not a video at all, just some text '.repeat(20)));
    return file;
  },
  empty(dir: string, name = 'empty.jpg'): string {
    const file = path.join(dir, name);
    writeFileSync(file, '');
    return file;
  },
};
