/**
 * TikTok's chunk rules as its Content Posting API states them (PLATFORMS.md), written here
 * rather than taken from the adapter: an emulator sharing the code it checks could not catch
 * its bugs. Chunks of 5 MB to 64 MB, the last one up to 128 MB; a file under 5 MB goes whole;
 * `total_chunk_count = floor(video_size / chunk_size)`, 1 to 1,000 chunks, sent in order.
 * Tests shrink the sizes to keep their files small.
 */
export interface TikTokChunkRules {
  minChunkBytes: number;
  maxChunkBytes: number;
  maxFinalChunkBytes: number;
  maxChunks: number;
}

export const tiktokChunkRules: TikTokChunkRules = {
  minChunkBytes: 5 * 1024 * 1024,
  maxChunkBytes: 64 * 1024 * 1024,
  maxFinalChunkBytes: 128 * 1024 * 1024,
  maxChunks: 1000,
};

/** What is wrong with an init's `source_info`, in TikTok's words; null when it is acceptable. */
export function chunkProblem(
  rules: TikTokChunkRules,
  size: number,
  chunk: number,
  count: number,
): string | null {
  if (size < rules.minChunkBytes)
    return chunk === size && count === 1
      ? null
      : 'A video under the minimum chunk size must be uploaded whole.';
  if (chunk < rules.minChunkBytes || chunk > rules.maxChunkBytes)
    return `chunk_size must be between ${rules.minChunkBytes} and ${rules.maxChunkBytes} bytes.`;
  if (count !== Math.floor(size / chunk))
    return 'total_chunk_count must be floor(video_size / chunk_size).';
  if (count < 1 || count > rules.maxChunks)
    return `total_chunk_count must be 1 to ${rules.maxChunks}.`;
  if (size - (count - 1) * chunk > rules.maxFinalChunkBytes) return 'The final chunk is too large.';
  return null;
}

/**
 * The bytes chunk `index` must carry: every chunk is `chunk_size` long except the last, which
 * takes the remainder of the file.
 */
export function expectedChunk(
  upload: { videoSize: number; chunkSize: number; totalChunkCount: number },
  index: number,
): { start: number; end: number } {
  const start = index * upload.chunkSize;
  const end = index === upload.totalChunkCount - 1 ? upload.videoSize : start + upload.chunkSize;
  return { start, end };
}
