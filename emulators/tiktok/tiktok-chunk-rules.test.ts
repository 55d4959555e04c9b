import { describe, expect, it } from 'vitest';
import { chunkProblem, expectedChunk, tiktokChunkRules } from './tiktok-chunk-rules';

const MiB = 1024 * 1024;
const problem = (size: number, chunk: number, count: number) =>
  chunkProblem(tiktokChunkRules, size, chunk, count);

describe("the TikTok emulator's own chunk rules", () => {
  it('takes a file under 5 MB whole, and only whole', () => {
    expect(problem(4 * MiB, 4 * MiB, 1)).toBeNull();
    expect(problem(4 * MiB, 1 * MiB, 4)).toMatch(/uploaded whole/);
  });

  it('wants total_chunk_count = floor(video_size / chunk_size), the remainder in the last chunk', () => {
    expect(problem(25_000_000, 10_000_000, 2)).toBeNull();
    expect(problem(25_000_000, 10_000_000, 3)).toMatch(/floor/);
    expect(
      expectedChunk({ videoSize: 25_000_000, chunkSize: 10_000_000, totalChunkCount: 2 }, 1),
    ).toEqual({ start: 10_000_000, end: 25_000_000 });
  });

  it('keeps chunks within 5 MB to 64 MB and at most 1,000 of them', () => {
    expect(problem(50 * MiB, 4 * MiB, 12)).toMatch(/between/);
    expect(problem(200 * MiB, 65 * MiB, 3)).toMatch(/between/);
    expect(problem(5 * MiB * 1001, 5 * MiB, 1001)).toMatch(/1 to 1000/);
    expect(problem(5 * MiB * 1000, 5 * MiB, 1000)).toBeNull();
  });
});
