import { describe, expect, it } from 'vitest';
import type { RenderProgress } from '../../../shared/domain/render';
import { StderrTail } from './ffmpeg-process';
import { ProgressParser } from './ffmpeg-progress';

const block = (frame: number, outTimeUs: string, speed: string, end = false) =>
  `frame=${frame}\nfps=45.5\nstream_0_0_q=28.0\nbitrate=N/A\nout_time_us=${outTimeUs}\nout_time_ms=${outTimeUs}\nspeed=${speed}\nprogress=${end ? 'end' : 'continue'}\n`;

describe('ProgressParser', () => {
  it('reports fraction, fps, speed and ETA per block, even when split across chunks', () => {
    const reports: RenderProgress[] = [];
    const parser = new ProgressParser(300, 10, (p) => reports.push(p));
    const text = block(150, '5000000', '2x') + block(300, '10000000', '2.1x', true);
    parser.push(text.slice(0, 37));
    parser.push(text.slice(37));
    expect(reports).toEqual([
      { fraction: 0.5, framesDone: 150, totalFrames: 300, fps: 45.5, speed: 2, etaMs: 2500 },
      { fraction: 1, framesDone: 300, totalFrames: 300, fps: 45.5, speed: 2.1, etaMs: 0 },
    ]);
  });

  it('copes with the N/A values ffmpeg prints before the first frame', () => {
    const reports: RenderProgress[] = [];
    const parser = new ProgressParser(300, 10, (p) => reports.push(p));
    parser.push('frame=0\nfps=0.00\nout_time_us=N/A\nspeed=N/A\nprogress=continue\n');
    expect(reports).toEqual([
      { fraction: 0, framesDone: 0, totalFrames: 300, fps: null, speed: null, etaMs: null },
    ]);
  });

  it('never reports done before ffmpeg says so', () => {
    const reports: RenderProgress[] = [];
    const parser = new ProgressParser(100, 10, (p) => reports.push(p));
    parser.push(block(100, '10000000', '1x'));
    expect(reports[0]?.fraction).toBeLessThan(1);
  });
});

describe('StderrTail', () => {
  it('keeps the last lines only', () => {
    const tail = new StderrTail(100);
    for (let i = 0; i < 50; i++) tail.push(`line ${i}\n`);
    expect(tail.lines(3)).toBe('line 47\nline 48\nline 49');
  });
});
