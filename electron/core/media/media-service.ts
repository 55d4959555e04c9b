import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  defaultUploadLimitBytes,
  mediaListInputSchema,
  mediaQuerySchema,
  type ImportReport,
  type MediaItem,
  type MediaListInput,
  type MediaPage,
  type MediaQuery,
  type VerifyReport,
  type WatchedFolder,
} from '../../../shared/domain/media';
import { AppError, describeError } from '../errors';
import type { Clock, DesktopIntegration, EventSink, IdGenerator, Logger, Paths } from '../ports';
import type { FfmpegTools } from '../ffmpeg/ffmpeg-module';
import { hashFile } from './media-files';
import { FolderWatcher } from './folder-watcher';
import { MediaFileAccess } from './media-file-access';
import { MediaImport, type ImportOptions } from './media-import';
import type { MediaRepository } from './media-repository';
import { ThumbnailWorker } from './thumbnail-worker';

export interface MediaServiceDeps {
  repository: MediaRepository;
  tools: () => Promise<FfmpegTools>;
  paths: Paths;
  clock: Clock;
  ids: IdGenerator;
  events: EventSink;
  logger: Logger;
  desktop: DesktopIntegration | null;
  thumbnailConcurrency?: number;
  importConcurrency?: number;
  uploadLimitBytes?: number;
  watchDebounceMs?: number;
  /** Config previews served beside library files (`preview` variant of media addresses). */
  previewFile?: (id: string) => string | null;
}

/**
 * The media library: what other domains call (render jobs list media and register their
 * outputs) and what the media channels expose. Imports run one after another so that duplicate
 * detection by content never races with itself.
 */
export class MediaService {
  readonly thumbnails: ThumbnailWorker;
  readonly files: MediaFileAccess;
  private readonly watcher: FolderWatcher;
  private importChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly missingNoticed = new Set<string>();
  private starting: Promise<void> | null = null;
  private currentImport: MediaImport | null = null;

  constructor(private readonly deps: MediaServiceDeps) {
    this.thumbnails = new ThumbnailWorker({
      repository: deps.repository,
      tools: deps.tools,
      cacheDir: deps.paths.cacheDir,
      clock: deps.clock,
      events: deps.events,
      logger: deps.logger,
      concurrency: deps.thumbnailConcurrency ?? 2,
    });
    this.files = new MediaFileAccess(
      {
        get: (id) => deps.repository.get(id),
        previewFile: (id) => deps.previewFile?.(id) ?? null,
        noticeMissing: (id) => this.noticeMissing(id),
        noticeThumbnailGone: (id) => {
          if (this.closed) return;
          void deps.repository
            .setThumbnail(id, 'pending', null)
            .then(() => this.thumbnails.enqueue([id]))
            .catch((error: unknown) =>
              deps.logger.warn('gone thumbnail not queued again', {
                mediaId: id,
                error: describeError(error),
              }),
            );
        },
      },
      deps.paths.cacheDir,
    );
    this.watcher = new FolderWatcher({
      clock: deps.clock,
      logger: deps.logger,
      debounceMs: deps.watchDebounceMs,
      ignoreDirs: [deps.paths.mediaDir, deps.paths.cacheDir],
      onGone: async (files) => {
        const changed: string[] = [];
        for (const file of files) {
          const item = await deps.repository.findByPath(file);
          if (item && !item.missing) {
            await deps.repository.setMissing(item.id, true, deps.clock.now());
            changed.push(item.id);
          }
        }
        if (changed.length > 0)
          deps.events.emit('media:changed', { reason: 'missing', ids: changed.slice(0, 1000) });
      },
      onFiles: async (files) => {
        const report = await this.importFiles(files, {});
        if (report.imported.length > 0)
          deps.logger.info('watched folders imported files', { count: report.imported.length });
      },
    });
  }

  get uploadLimitBytes(): number {
    return this.deps.uploadLimitBytes ?? defaultUploadLimitBytes;
  }

  /** Background start: resumes thumbnails, checks files still exist, resumes folder watches. */
  start(): Promise<void> {
    this.starting ??= this.startOnce();
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    for (const folder of await this.deps.repository.watchedFolders())
      this.watcher.watch(folder.path);
    await this.verify();
    await this.thumbnails.resume();
  }

  async close(): Promise<void> {
    this.closed = true;
    // A failed start was logged where it was started; closing only waits for it.
    await this.starting?.catch(() => undefined);
    this.watcher.close();
    // A long import stops after the files in hand; what was imported stays imported.
    this.currentImport?.cancel();
    await this.importChain.catch(() => undefined);
    await this.thumbnails.shutdown();
  }

  /** Imports files and folders; never throws for a bad file, only reports it. */
  importFiles(paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
    if (this.closed) return Promise.reject(new AppError('UNAVAILABLE', 'ReelPilot is closing.'));
    const run = this.importChain.then(() => {
      if (this.closed) throw new AppError('UNAVAILABLE', 'ReelPilot is closing.');
      const job = new MediaImport(
        {
          repository: this.deps.repository,
          tools: this.deps.tools,
          clock: this.deps.clock,
          ids: this.deps.ids,
          events: this.deps.events,
          logger: this.deps.logger,
          mediaDir: this.deps.paths.mediaDir,
          concurrency: this.deps.importConcurrency ?? 2,
          onImported: (item) => this.thumbnails.enqueue([item.id]),
        },
        { ignoreDirs: [this.deps.paths.cacheDir], ...options },
        this.deps.ids.newId(),
      );
      this.currentImport = job;
      return job.run(paths).finally(() => {
        if (this.currentImport === job) this.currentImport = null;
      });
    });
    // The chain only orders imports; each caller gets its own import's error through `run`.
    this.importChain = run.catch(() => undefined);
    return run.then((report) => {
      const ids = [
        ...report.imported.map((i) => i.id),
        ...report.duplicates.map((d) => d.existingId),
      ];
      if (ids.length > 0 || report.failed.length > 0)
        this.deps.events.emit('media:changed', { reason: 'import', ids: ids.slice(0, 1000) });
      this.deps.logger.info('media import finished', {
        imported: report.imported.length,
        duplicates: report.duplicates.length,
        failed: report.failed.length,
        skipped: report.skipped,
      });
      return report;
    });
  }

  /**
   * Adds a video ReelPilot rendered. Returns the item holding that content (an earlier item when
   * the same bytes were registered before); a file that cannot be used is an error.
   */
  async registerRendered(file: string, tags: readonly string[] = []): Promise<MediaItem> {
    const report = await this.importFiles([file], { origin: 'rendered', tags });
    const item = report.imported[0];
    if (item) return item;
    const duplicate = report.duplicates[0];
    if (duplicate) {
      const existing = await this.deps.repository.get(duplicate.existingId);
      if (existing) return existing;
    }
    throw new AppError(
      'BAD_INPUT',
      report.failed[0]?.message ?? `${file} could not be added to the library.`,
    );
  }

  async list(input: MediaListInput): Promise<MediaPage> {
    const parsed = mediaListInputSchema.parse(input);
    const { offset, limit, ...query } = parsed;
    const { items, total } = await this.deps.repository.list(query, offset, limit);
    return { items, total, offset };
  }

  async listIds(query: MediaQuery): Promise<string[]> {
    return this.deps.repository.listIds(mediaQuerySchema.parse(query));
  }

  async get(id: string): Promise<MediaItem> {
    const item = await this.deps.repository.get(id);
    if (!item)
      throw new AppError('NOT_FOUND', 'This media item is no longer in the library.', { id });
    return item;
  }

  /** The item whose file is at `file` (rendered videos are found by the path runs record). */
  findByPath(file: string): Promise<MediaItem | null> {
    return this.deps.repository.findByPath(file);
  }

  /**
   * The item imported from `file`: the one at that path, or the one it was a copy of when it was
   * imported. Nothing is read from the file.
   */
  async findKnown(file: string): Promise<MediaItem | null> {
    const atPath = await this.deps.repository.findByPath(file);
    if (atPath) return atPath;
    const copyOf = await this.deps.repository.findAlias(file);
    return copyOf ? this.deps.repository.get(copyOf) : null;
  }

  /**
   * The library item showing a rendered video: the one at its path or, when the library already
   * held the same bytes under an earlier render (each render keeps its own file), that one.
   */
  async findRendered(file: string): Promise<MediaItem | null> {
    const atPath = await this.deps.repository.findByPath(file);
    if (atPath) return atPath;
    try {
      return await this.deps.repository.findByHash(await hashFile(file));
    } catch {
      // The file is gone or unreadable: nothing in the library shows it.
      return null;
    }
  }

  getMany(ids: readonly string[]): Promise<MediaItem[]> {
    return this.deps.repository.getMany(ids);
  }

  async stats() {
    return { ...(await this.deps.repository.stats()), uploadLimitBytes: this.uploadLimitBytes };
  }

  async tag(ids: readonly string[], add: readonly string[], remove: readonly string[]) {
    const removeLower = new Set(remove.map((t) => t.toLowerCase()));
    let updated = 0;
    for (const item of await this.deps.repository.getMany(ids)) {
      const kept = item.tags.filter((t) => !removeLower.has(t.toLowerCase()));
      for (const tag of add) {
        if (!kept.some((t) => t.toLowerCase() === tag.toLowerCase())) kept.push(tag);
      }
      if (kept.join('\n') === item.tags.join('\n')) continue;
      await this.deps.repository.setTags(item.id, kept);
      updated += 1;
    }
    if (updated > 0)
      this.deps.events.emit('media:changed', { reason: 'tags', ids: ids.slice(0, 1000) });
    return updated;
  }

  /** Forgets items. Files are left on disk: the library never deletes a person's files. */
  async remove(ids: readonly string[]): Promise<number> {
    const removed = await this.deps.repository.remove(ids);
    if (removed > 0)
      this.deps.events.emit('media:changed', { reason: 'remove', ids: ids.slice(0, 1000) });
    return removed;
  }

  /**
   * Checks every file is still where the library thinks. A gone file is marked missing (or
   * followed to a known duplicate), never dropped; one that came back is unmarked.
   */
  async verify(): Promise<VerifyReport> {
    const { repository, clock } = this.deps;
    let nowMissing = 0;
    let found = 0;
    const changed: string[] = [];
    const entries = await repository.allPaths();
    for (const entry of entries) {
      const present = existsSync(entry.path);
      if (present && entry.missing) {
        await repository.setMissing(entry.id, false, clock.now());
        found += 1;
        changed.push(entry.id);
      } else if (!present && !entry.missing) {
        const alias = (await repository.aliasesOf(entry.id)).find((p) => existsSync(p));
        if (alias) {
          await repository.relink(entry.id, alias, Math.round(statSync(alias).mtimeMs));
        } else {
          await repository.setMissing(entry.id, true, clock.now());
          nowMissing += 1;
        }
        changed.push(entry.id);
      }
    }
    if (changed.length > 0)
      this.deps.events.emit('media:changed', { reason: 'verify', ids: changed.slice(0, 1000) });
    return { checked: entries.length, nowMissing, found };
  }

  async retryThumbnails(ids: readonly string[]): Promise<number> {
    const items = (await this.deps.repository.getMany(ids)).filter((i) => !i.missing);
    for (const item of items) await this.deps.repository.setThumbnail(item.id, 'pending', null);
    this.thumbnails.enqueue(items.map((i) => i.id));
    return items.length;
  }

  async choose(mode: 'files' | 'folder'): Promise<string[]> {
    const choose = this.deps.desktop?.chooseMediaPaths;
    if (!choose) {
      throw new AppError(
        'BAD_INPUT',
        'Choosing files from this computer needs the desktop app. In the browser, drop files on the upload area or use its file picker.',
      );
    }
    return choose(mode);
  }

  async watchedFolders(): Promise<WatchedFolder[]> {
    const folders = await this.deps.repository.watchedFolders();
    return folders.map((f) => {
      const state = this.watcher.state(f.path);
      return { path: f.path, addedAt: f.addedAt, active: state.active, problem: state.problem };
    });
  }

  async addWatchedFolder(folder: string): Promise<WatchedFolder[]> {
    const full = path.resolve(folder);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch (error) {
      throw new AppError('BAD_INPUT', `path: ${full} cannot be opened (${describeError(error)}).`, {
        issues: [{ path: 'path', message: `${full} does not exist or cannot be opened.` }],
      });
    }
    if (!isDir) {
      throw new AppError('BAD_INPUT', `path: ${full} is a file, not a folder.`, {
        issues: [{ path: 'path', message: 'Choose a folder, not a file.' }],
      });
    }
    await this.deps.repository.addWatchedFolder(full, this.deps.clock.now());
    this.watcher.watch(full);
    // What is already there is imported now; later files as they appear.
    void this.importFiles([full]).catch((error: unknown) =>
      this.deps.logger.warn('initial import of watched folder failed', {
        folder: full,
        error: describeError(error),
      }),
    );
    return this.watchedFolders();
  }

  async removeWatchedFolder(folder: string): Promise<WatchedFolder[]> {
    const full = path.resolve(folder);
    this.watcher.unwatch(full);
    await this.deps.repository.removeWatchedFolder(full);
    return this.watchedFolders();
  }

  /** Called when serving finds a file gone: marks it missing once, in the background. */
  private noticeMissing(id: string): void {
    if (this.missingNoticed.has(id) || this.closed) return;
    this.missingNoticed.add(id);
    void this.deps.repository
      .setMissing(id, true, this.deps.clock.now())
      .then(() => this.deps.events.emit('media:changed', { reason: 'missing', ids: [id] }))
      .catch((error: unknown) =>
        this.deps.logger.warn('missing file not marked', {
          mediaId: id,
          error: describeError(error),
        }),
      )
      .finally(() => this.missingNoticed.delete(id));
  }
}
