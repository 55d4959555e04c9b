import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MediaItem, MediaKind } from '../../../shared/domain/media';
import { describeError } from '../errors';
import type { Clock, EventSink, Logger } from '../ports';
import type { FfmpegTools } from '../ffmpeg/ffmpeg-module';
import type { MediaRepository } from './media-repository';

export const THUMBNAIL_SIZE = 320;

/** Thumbnails are cached by content: the same picture imported twice is drawn once. */
export function thumbnailPath(cacheDir: string, contentHash: string, kind: MediaKind): string {
  if (!/^[a-f0-9]{64}$/.test(contentHash)) throw new Error('not a content hash');
  const ext = kind === 'audio' ? '.png' : '.jpg';
  return path.join(cacheDir, 'thumbnails', contentHash.slice(0, 2), contentHash + ext);
}

function runFfmpeg(ffmpeg: string, args: string[], signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args],
      { timeout: 60_000, signal, maxBuffer: 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) {
          const said = stderr.trim().split('\n').pop();
          reject(new Error(said || describeError(error)));
        } else resolve();
      },
    );
  });
}

const batchSize = 8;

const scale = `scale=${THUMBNAIL_SIZE}:${THUMBNAIL_SIZE}:force_original_aspect_ratio=decrease`;

/** Draws one thumbnail: a frame for pictures and videos, a waveform for sound. */
export async function drawThumbnail(
  ffmpeg: string,
  item: Pick<MediaItem, 'path' | 'kind' | 'durationMs'>,
  target: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = tempBeside(target);
  const output = ['-frames:v', '1', '-update', '1', temp];
  try {
    if (item.kind === 'audio') {
      await runFfmpeg(
        ffmpeg,
        [
          '-i',
          item.path,
          '-filter_complex',
          `aformat=channel_layouts=mono,showwavespic=s=${THUMBNAIL_SIZE * 2}x${Math.round(THUMBNAIL_SIZE / 2)}:colors=#7c6ff0`,
          ...output,
        ],
        signal,
      );
    } else if (item.kind === 'image') {
      await runFfmpeg(ffmpeg, ['-i', item.path, '-vf', scale, '-q:v', '4', ...output], signal);
    } else {
      // A frame a little way in shows the subject better than a black first frame.
      const at = item.durationMs ? Math.min(1, item.durationMs / 1000 / 10) : 0;
      try {
        await runFfmpeg(
          ffmpeg,
          ['-ss', at.toFixed(3), '-i', item.path, '-vf', scale, '-q:v', '4', ...output],
          signal,
        );
      } catch {
        await runFfmpeg(ffmpeg, ['-i', item.path, '-vf', scale, '-q:v', '4', ...output], signal);
      }
      if (!existsSync(temp)) {
        await runFfmpeg(ffmpeg, ['-i', item.path, '-vf', scale, '-q:v', '4', ...output], signal);
      }
    }
    if (!existsSync(temp) || statSync(temp).size === 0)
      throw new Error('ffmpeg produced no picture.');
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}

function tempBeside(target: string): string {
  return target.replace(/(\.\w+)$/, `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp$1`);
}

/** Draws several picture thumbnails with one ffmpeg run; throws if any input is unreadable. */
export async function drawImageBatch(
  ffmpeg: string,
  jobs: ReadonlyArray<{ item: Pick<MediaItem, 'path'>; target: string }>,
  signal: AbortSignal,
): Promise<void> {
  const temps = jobs.map(({ target }) => {
    mkdirSync(path.dirname(target), { recursive: true });
    return tempBeside(target);
  });
  try {
    const args: string[] = [];
    for (const { item } of jobs) args.push('-i', item.path);
    temps.forEach((temp, index) => {
      args.push('-map', `${index}:v:0`, '-vf', scale, '-q:v', '4', '-frames:v', '1');
      args.push('-update', '1', temp);
    });
    await runFfmpeg(ffmpeg, args, signal);
    temps.forEach((temp) => {
      if (!existsSync(temp) || statSync(temp).size === 0)
        throw new Error('ffmpeg produced no picture.');
    });
    jobs.forEach(({ target }, index) => renameSync(temps[index] ?? '', target));
  } finally {
    for (const temp of temps) rmSync(temp, { force: true });
  }
}

/**
 * Makes thumbnails in the background, a few at a time, so an import of thousands of files
 * returns at once and the gallery fills in as pictures arrive.
 */
export class ThumbnailWorker {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private readonly abort = new AbortController();
  private stopped = false;
  private readonly idleWaiters: Array<() => void> = [];
  private finishedIds: string[] = [];
  private cancelFlush: (() => void) | null = null;
  private made = 0;

  constructor(
    private readonly deps: {
      repository: MediaRepository;
      tools: () => Promise<FfmpegTools>;
      cacheDir: string;
      clock: Clock;
      events: EventSink;
      logger: Logger;
      concurrency?: number;
    },
  ) {}

  /** Picks up thumbnails left pending by an earlier run. */
  async resume(): Promise<void> {
    const ids = await this.deps.repository.idsWithThumbnail('pending', 100_000);
    this.enqueue(ids);
  }

  enqueue(ids: readonly string[]): void {
    if (this.stopped) return;
    for (const id of ids) {
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      this.queue.push(id);
    }
    this.pump();
  }

  get pending(): number {
    return this.queue.length + this.running;
  }

  get thumbnailsMade(): number {
    return this.made;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    this.queued.clear();
    this.abort.abort();
    await this.idle();
    this.flush();
  }

  private pump(): void {
    const limit = this.deps.concurrency ?? 2;
    while (this.running < limit && this.queue.length > 0) {
      const ids = this.queue.splice(0, batchSize);
      this.running += 1;
      void this.processBatch(ids).finally(() => {
        for (const id of ids) this.queued.delete(id);
        this.running -= 1;
        this.pump();
        if (this.pending === 0) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
    }
  }

  private async processBatch(ids: string[]): Promise<void> {
    let items: MediaItem[];
    try {
      items = (await this.deps.repository.getMany(ids)).filter((item) => !item.missing);
    } catch {
      return;
    }
    const todo: Array<{ item: MediaItem; target: string }> = [];
    for (const item of items) {
      const target = thumbnailPath(this.deps.cacheDir, item.contentHash, item.kind);
      if (existsSync(target)) await this.settle(item.id, null);
      else todo.push({ item, target });
    }
    const images = todo.filter(({ item }) => item.kind === 'image');
    let singles = todo;
    if (images.length > 1 && !this.stopped) {
      // Many small pictures cost more in starting ffmpeg than in drawing: one run draws them all.
      try {
        const tools = await this.deps.tools();
        await drawImageBatch(tools.ffmpegPath, images, this.abort.signal);
        for (const { item } of images) {
          this.made += 1;
          await this.settle(item.id, null);
        }
        singles = todo.filter(({ item }) => item.kind !== 'image');
      } catch {
        // One unreadable picture fails the whole run; each is then drawn alone for its own answer.
      }
    }
    for (const { item, target } of singles) {
      if (this.stopped) return;
      try {
        const tools = await this.deps.tools();
        await drawThumbnail(tools.ffmpegPath, item, target, this.abort.signal);
        this.made += 1;
        await this.settle(item.id, null);
      } catch (error) {
        await this.settle(item.id, error);
      }
    }
  }

  private async settle(id: string, error: unknown): Promise<void> {
    if (this.stopped) return;
    try {
      if (error === null) await this.deps.repository.setThumbnail(id, 'ready', null);
      else {
        const message = describeError(error);
        this.deps.logger.warn('thumbnail failed', { id, error: message });
        await this.deps.repository.setThumbnail(id, 'failed', message.slice(0, 500));
      }
    } catch {
      return;
    }
    this.finished(id);
  }

  /** Finished ids go out in small batches: one event per thumbnail would flood the UI. */
  private finished(id: string): void {
    this.finishedIds.push(id);
    if (this.finishedIds.length >= 200) this.flush();
    else this.cancelFlush ??= this.deps.clock.setTimeout(() => this.flush(), 300);
  }

  private flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    if (this.finishedIds.length === 0) return;
    const ids = this.finishedIds;
    this.finishedIds = [];
    this.deps.events.emit('media:thumbnails', { ids });
  }
}
