import { chmod, copyFile, mkdir, opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  kindOfName,
  type ImportReport,
  type MediaItem,
  type MediaOrigin,
} from '../../../shared/domain/media';
import { describeError } from '../errors';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import type { FfmpegTools } from '../ffmpeg/ffmpeg-module';
import { readImageHeader } from './image-header';
import { freeName, hashFile, readFailure } from './media-files';
import { mimeByExtension, ProbeError, probeMedia, type ProbeFacts } from './media-probe';
import type { MediaRepository } from './media-repository';

type Failure = ImportReport['failed'][number];

export interface ImportOptions {
  copy?: boolean;
  tags?: readonly string[];
  origin?: MediaOrigin;
  /** Folders never walked into (the app's own cache). */
  ignoreDirs?: readonly string[];
}

interface Candidate {
  path: string;
  /** Chosen one by one (a bad file is an error) or found in a folder (other files are skipped). */
  explicit: boolean;
}

/**
 * One import: walks folders, then for each file checks it, hashes it, links duplicates, probes
 * it and stores it. A bad file becomes one line of the report; the rest goes on.
 */
export class MediaImport {
  private readonly report: ImportReport;
  private readonly inFlightHashes = new Map<string, Promise<string | null>>();
  private lastProgressAt = 0;
  private done = 0;
  private cancelled = false;
  private lastChangedAt = 0;
  private announced = 0;

  constructor(
    private readonly deps: {
      repository: MediaRepository;
      tools: () => Promise<FfmpegTools>;
      clock: Clock;
      ids: IdGenerator;
      events: EventSink;
      logger: Logger;
      mediaDir: string;
      onImported: (item: MediaItem) => void;
      concurrency?: number;
    },
    private readonly options: ImportOptions,
    importId: string,
  ) {
    this.report = {
      importId,
      imported: [],
      duplicates: [],
      failed: [],
      total: 0,
      skipped: 0,
      durationMs: 0,
    };
  }

  /** Stops after the files being worked on now; the report covers what was done. */
  cancel(): void {
    this.cancelled = true;
  }

  async run(paths: readonly string[]): Promise<ImportReport> {
    const started = this.deps.clock.now();
    try {
      this.progress('scanning', null, true);
      const candidates = await this.collect(paths);
      this.report.total = candidates.length;
      this.progress('importing', null, true);
      const tools = candidates.length > 0 ? await this.deps.tools() : null;
      let next = 0;
      const worker = async () => {
        while (next < candidates.length && !this.cancelled) {
          const candidate = candidates[next++];
          if (!candidate || !tools) break;
          await this.importOne(candidate, tools);
          this.done += 1;
          this.progress('importing', candidate.path, false);
        }
      };
      await Promise.all(
        Array.from({ length: Math.max(1, this.deps.concurrency ?? 2) }, () => worker()),
      );
      this.report.durationMs = Math.max(0, this.deps.clock.now() - started);
      return this.report;
    } finally {
      // Always said, even when the import fails as a whole, so no progress bar is left hanging.
      this.progress('done', null, true);
    }
  }

  private progress(
    phase: 'scanning' | 'importing' | 'done',
    current: string | null,
    force: boolean,
  ) {
    const now = this.deps.clock.now();
    // A big import shows up in the gallery as it goes, not only at the end.
    if (phase === 'importing' && now - this.lastChangedAt >= 2000) {
      const fresh = this.report.imported.slice(this.announced).map((item) => item.id);
      if (fresh.length > 0) {
        this.lastChangedAt = now;
        this.announced = this.report.imported.length;
        this.deps.events.emit('media:changed', { reason: 'import', ids: fresh.slice(0, 1000) });
      }
    }
    if (!force && now - this.lastProgressAt < 150 && this.done < this.report.total) return;
    this.lastProgressAt = now;
    this.deps.events.emit('media:importProgress', {
      importId: this.report.importId,
      phase,
      done: this.done,
      total: this.report.total,
      imported: this.report.imported.length,
      duplicates: this.report.duplicates.length,
      failed: this.report.failed.length,
      current,
    });
  }

  private async collect(paths: readonly string[]): Promise<Candidate[]> {
    const seen = new Set<string>();
    const out: Candidate[] = [];
    const ignore = new Set((this.options.ignoreDirs ?? []).map((d) => path.resolve(d)));
    const walk = async (dir: string) => {
      if (ignore.has(dir)) return;
      let handle;
      try {
        handle = await opendir(dir);
      } catch (error) {
        this.report.failed.push(readFailure(dir, error));
        return;
      }
      const subdirs: string[] = [];
      for await (const entry of handle) {
        if (entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) subdirs.push(full);
        else if (entry.isFile() || entry.isSymbolicLink()) {
          if (!kindOfName(entry.name)) {
            this.report.skipped += 1;
            continue;
          }
          if (!seen.has(full)) {
            seen.add(full);
            out.push({ path: full, explicit: false });
          }
        }
      }
      subdirs.sort();
      for (const sub of subdirs) await walk(sub);
    };
    for (const given of paths) {
      const full = path.resolve(given);
      let info;
      try {
        info = await stat(full);
      } catch (error) {
        this.report.failed.push(readFailure(full, error));
        continue;
      }
      if (info.isDirectory()) await walk(full);
      else if (!seen.has(full)) {
        seen.add(full);
        out.push({ path: full, explicit: true });
      }
    }
    return out;
  }

  private fail(failure: Failure): void {
    this.report.failed.push(failure);
  }

  private async importOne(candidate: Candidate, tools: FfmpegTools): Promise<void> {
    const file = candidate.path;
    const name = path.basename(file);
    const kind = kindOfName(name);
    if (!kind) {
      const ext = path.extname(name);
      this.fail({
        path: file,
        reason: 'unsupported',
        message: `${name} is not a picture, video or sound file ReelPilot can use${ext ? ` (${ext})` : ''}.`,
      });
      return;
    }
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      this.fail(readFailure(file, error));
      return;
    }
    if (!info.isFile()) {
      this.fail({ path: file, reason: 'unsupported', message: `${name} is not a regular file.` });
      return;
    }
    if (info.size === 0) {
      this.fail({
        path: file,
        reason: 'empty',
        message: `${name} is empty (0 bytes): the copy or download probably did not finish.`,
      });
      return;
    }
    const { repository } = this.deps;
    const atPath = (await repository.findByPath(file)) ?? (await this.aliasItem(file));
    if (atPath) {
      if (atPath.path === file && atPath.missing) {
        await repository.setMissing(atPath.id, false, this.deps.clock.now());
      }
      this.report.duplicates.push({ path: file, existingId: atPath.id, name: atPath.name });
      return;
    }
    let hash: string;
    try {
      hash = await hashFile(file);
    } catch (error) {
      this.fail(readFailure(file, error));
      return;
    }
    const racing = this.inFlightHashes.get(hash);
    if (racing) {
      const id = await racing;
      if (id) {
        await repository.addAlias(file, id, this.deps.clock.now());
        this.report.duplicates.push({ path: file, existingId: id, name });
        return;
      }
    }
    const work = this.store(file, name, kind, hash, info.size, info.mtimeMs, tools);
    this.inFlightHashes.set(hash, work);
    await work;
  }

  /** Pictures with a header Node can read skip ffprobe: the thumbnail decodes them fully. */
  private async fastImageFacts(
    file: string,
    kind: NonNullable<ReturnType<typeof kindOfName>>,
  ): Promise<ProbeFacts | null> {
    if (kind !== 'image') return null;
    const header = await readImageHeader(file);
    if (!header) return null;
    return {
      kind: 'image',
      formatName: header.codec,
      durationMs: null,
      width: header.width,
      height: header.height,
      rotation: 0,
      videoCodec: header.codec,
      audioCodec: null,
      frameRate: null,
    };
  }

  private async aliasItem(file: string): Promise<MediaItem | null> {
    const id = await this.deps.repository.findAlias(file);
    return id ? this.deps.repository.get(id) : null;
  }

  /** Returns the id now holding this content, or null when the file failed. */
  private async store(
    file: string,
    name: string,
    kind: NonNullable<ReturnType<typeof kindOfName>>,
    hash: string,
    size: number,
    mtimeMs: number,
    tools: FfmpegTools,
  ): Promise<string | null> {
    const { repository, clock } = this.deps;
    const existing = await repository.findByHash(hash);
    if (existing) {
      if (existing.missing) {
        // The known copy is gone and this one has the same content: the item follows it.
        await repository.relink(existing.id, file, Math.round(mtimeMs));
      } else {
        await repository.addAlias(file, existing.id, clock.now());
      }
      this.report.duplicates.push({ path: file, existingId: existing.id, name: existing.name });
      return existing.id;
    }
    let facts: ProbeFacts;
    try {
      facts =
        (await this.fastImageFacts(file, kind)) ??
        (await probeMedia(tools.ffprobePath, file, kind));
    } catch (error) {
      this.fail({
        path: file,
        reason: 'corrupt',
        message: `${name} could not be read as ${kind === 'audio' ? 'sound' : kind === 'image' ? 'a picture' : 'a video'}: ${
          error instanceof ProbeError ? error.message : describeError(error)
        } The file may be damaged or incomplete.`,
      });
      return null;
    }
    let finalPath = file;
    let origin: MediaOrigin = this.options.origin ?? 'linked';
    if (this.options.copy && origin === 'linked') {
      try {
        const dir = path.join(this.deps.mediaDir, 'library');
        await mkdir(dir, { recursive: true });
        finalPath = await freeName(dir, name);
        await copyFile(file, finalPath);
        // A copy keeps the original's mode; in the data folder it is for its owner only.
        if (process.platform !== 'win32') await chmod(finalPath, 0o600);
        origin = 'copied';
      } catch (error) {
        this.fail({
          path: file,
          reason: 'unreadable',
          message: `${name} could not be copied into the library (${describeError(error)}). Check free disk space.`,
        });
        return null;
      }
    }
    const ext = path.extname(name).toLowerCase();
    const item = await repository.insert({
      id: this.deps.ids.newId(),
      path: finalPath,
      name,
      kind: facts.kind,
      size,
      content_hash: hash,
      mime: mimeByExtension[ext] ?? 'application/octet-stream',
      duration_ms: facts.durationMs,
      width: facts.width,
      height: facts.height,
      rotation: facts.rotation,
      video_codec: facts.videoCodec,
      audio_codec: facts.audioCodec,
      frame_rate: facts.frameRate,
      tags: JSON.stringify([...new Set(this.options.tags ?? [])]),
      origin,
      imported_at: clock.now(),
      modified_at: Math.round(mtimeMs),
      missing: 0,
      thumbnail_state: 'pending',
    });
    if (finalPath !== file) await repository.addAlias(file, item.id, clock.now());
    this.report.imported.push(item);
    this.deps.onImported(item);
    return item.id;
  }
}
