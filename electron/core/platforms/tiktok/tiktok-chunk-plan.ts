/** Splits a file by TikTok's chunk rules (PLATFORMS.md); the limits are configurable. */
export interface TikTokChunkRules {
  minChunkBytes: number;
  maxChunkBytes: number;
  maxFinalChunkBytes: number;
  maxChunks: number;
}

export const defaultTikTokChunkRules: TikTokChunkRules = {
  minChunkBytes: 5 * 1024 * 1024,
  maxChunkBytes: 64 * 1024 * 1024,
  maxFinalChunkBytes: 128 * 1024 * 1024,
  maxChunks: 1000,
};

export interface ChunkPlan {
  chunkSize: number;
  totalChunkCount: number;
}

/**
 * A file under the minimum goes whole; otherwise `total_chunk_count = floor(size / chunk)` and
 * the last chunk takes the remainder (so it may exceed `chunk`, never the final maximum).
 */
export function planChunks(size: number, preferred: number, rules: TikTokChunkRules): ChunkPlan {
  if (size < rules.minChunkBytes) return { chunkSize: size, totalChunkCount: 1 };
  let chunk = Math.min(Math.max(preferred, rules.minChunkBytes), rules.maxChunkBytes, size);
  if (Math.floor(size / chunk) > rules.maxChunks) chunk = Math.ceil(size / rules.maxChunks);
  const count = Math.floor(size / chunk);
  const last = size - (count - 1) * chunk;
  if (last > rules.maxFinalChunkBytes || chunk > rules.maxChunkBytes)
    throw new RangeError(`A ${size}-byte file cannot be split within TikTok's chunk rules.`);
  return { chunkSize: chunk, totalChunkCount: count };
}

export function chunkRange(plan: ChunkPlan, size: number, index: number) {
  const start = index * plan.chunkSize;
  const end = index === plan.totalChunkCount - 1 ? size : start + plan.chunkSize;
  return { start, end };
}
