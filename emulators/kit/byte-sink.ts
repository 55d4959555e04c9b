import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where an emulator puts uploaded bytes: it counts and hashes them instead of keeping them, so a
 * gigabyte upload costs no memory, and a test can still compare the SHA-256 with the source file.
 * Hash states are copied at commit points so a client may re-send from an earlier boundary.
 */
export class ByteSink {
  private hash: Hash = createHash('sha256');
  private committedBytes = 0;
  private readonly checkpoints = new Map<number, Hash>([[0, createHash('sha256')]]);
  private finalDigest: string | null = null;

  constructor(readonly totalBytes: number) {}

  get committed(): number {
    return this.committedBytes;
  }

  get complete(): boolean {
    return this.committedBytes === this.totalBytes;
  }

  /**
   * Moves back to an earlier commit point (a re-sent chunk); false when there is none. A complete
   * upload is sealed (TikTok publishes once the last chunk is in) unless `reopen`: X keeps the
   * media open for a re-sent last segment until FINALIZE.
   */
  rewindTo(offset: number, reopen = false): boolean {
    if (offset === this.committedBytes) return true;
    const saved = this.checkpoints.get(offset);
    if (!saved || (this.finalDigest !== null && !reopen)) return false;
    this.hash = saved.copy();
    this.committedBytes = offset;
    this.finalDigest = null;
    return true;
  }

  private commit(hash: Hash, offset: number): void {
    this.hash = hash;
    this.committedBytes = offset;
    this.checkpoints.set(offset, hash.copy());
    if (this.checkpoints.size > 16) {
      const oldest = this.checkpoints.keys().next().value;
      if (oldest !== undefined) this.checkpoints.delete(oldest);
    }
    if (offset === this.totalBytes) this.finalDigest = hash.copy().digest('hex');
  }

  /**
   * Streams `length` bytes of a request body in at the current offset. When the client goes
   * away mid-body, only whole `granule`s are kept (Google keeps 256 KiB units), or nothing.
   * Returns `overflow` when the body is longer than announced. `onData` sees every accepted
   * piece with its offset in the file (an emulator that keeps the bytes writes them there).
   */
  async receive(
    body: Readable,
    length: number,
    granule?: number,
    onData?: (piece: Buffer, offset: number) => void,
  ): Promise<'complete' | 'aborted' | 'overflow' | 'short'> {
    const start = this.committedBytes;
    const work = this.hash.copy();
    let received = 0;
    let lastGranule: { hash: Hash; offset: number } | null = null;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        if (received + chunk.length > length) return 'overflow';
        onData?.(chunk, start + received);
        if (granule) {
          let position = 0;
          while (position < chunk.length) {
            const toBoundary = granule - ((received + position) % granule);
            const piece = chunk.subarray(position, position + toBoundary);
            work.update(piece);
            position += piece.length;
            if ((received + position) % granule === 0)
              lastGranule = { hash: work.copy(), offset: start + received + position };
          }
        } else {
          work.update(chunk);
        }
        received += chunk.length;
      }
    } catch {
      if (lastGranule) this.commit(lastGranule.hash, lastGranule.offset);
      return 'aborted';
    }
    if (received < length) {
      if (lastGranule) this.commit(lastGranule.hash, lastGranule.offset);
      return 'short';
    }
    this.commit(work, start + received);
    return 'complete';
  }

  /** SHA-256 of everything, once every byte has arrived. */
  digest(): string | null {
    return this.finalDigest;
  }
}
