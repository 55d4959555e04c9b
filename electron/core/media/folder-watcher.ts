import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { kindOfName } from '../../../shared/domain/media';
import { describeError } from '../errors';
import type { Clock, Logger } from '../ports';

export interface WatchState {
  path: string;
  active: boolean;
  problem: string | null;
}

/**
 * Watches folders for new media and hands the new files over in batches once they have been
 * quiet for a moment: a camera import or a copy writes a file in many steps, and importing it
 * half-written would report a corrupt file that is only unfinished.
 */
export class FolderWatcher {
  private readonly watchers = new Map<
    string,
    { watcher: FSWatcher | null; problem: string | null }
  >();
  private readonly pending = new Map<string, number>();
  private cancelTimer: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      clock: Clock;
      logger: Logger;
      onFiles: (paths: string[]) => Promise<void>;
      /** Files that disappeared from a watched folder (deleted or moved away). */
      onGone?: (paths: string[]) => Promise<void>;
      debounceMs?: number;
      /** Folders whose events are ignored (the library's own copies). */
      ignoreDirs?: readonly string[];
    },
  ) {}

  watch(folder: string): WatchState {
    const existing = this.watchers.get(folder);
    if (existing)
      return { path: folder, active: existing.watcher !== null, problem: existing.problem };
    let watcher: FSWatcher | null = null;
    let problem: string | null = null;
    try {
      watcher = watch(folder, { recursive: true, persistent: false }, (_event, name) => {
        if (name) this.touched(path.join(folder, name.toString()));
      });
      watcher.on('error', (error) => {
        const entry = this.watchers.get(folder);
        if (entry) {
          entry.watcher = null;
          entry.problem = `Watching stopped: ${describeError(error)}`;
        }
        this.deps.logger.warn('folder watch stopped', { folder, error: describeError(error) });
      });
    } catch (error) {
      problem =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'The folder does not exist. Reconnect the drive or remove it from the list.'
          : `The folder cannot be watched: ${describeError(error)}`;
    }
    this.watchers.set(folder, { watcher, problem });
    return { path: folder, active: watcher !== null, problem };
  }

  state(folder: string): WatchState {
    const entry = this.watchers.get(folder);
    return {
      path: folder,
      active: !!entry?.watcher,
      problem: entry ? entry.problem : 'Not watched.',
    };
  }

  unwatch(folder: string): void {
    this.watchers.get(folder)?.watcher?.close();
    this.watchers.delete(folder);
  }

  close(): void {
    this.closed = true;
    for (const { watcher } of this.watchers.values()) watcher?.close();
    this.watchers.clear();
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Exposed for tests: what a file system event does. */
  touched(file: string): void {
    if (this.closed) return;
    if (path.basename(file).startsWith('.') || !kindOfName(file)) return;
    if ((this.deps.ignoreDirs ?? []).some((dir) => file.startsWith(dir + path.sep))) return;
    this.pending.set(file, this.deps.clock.now());
    this.cancelTimer?.();
    this.cancelTimer = this.deps.clock.setTimeout(
      () => void this.flush(),
      this.deps.debounceMs ?? 1500,
    );
  }

  private async flush(): Promise<void> {
    this.cancelTimer = null;
    const files = [...this.pending.keys()];
    this.pending.clear();
    const ready: string[] = [];
    const gone: string[] = [];
    for (const file of files) {
      try {
        if ((await stat(file)).isFile()) ready.push(file);
      } catch {
        gone.push(file);
      }
    }
    if (this.closed) return;
    try {
      if (gone.length > 0) await this.deps.onGone?.(gone);
      if (ready.length > 0) await this.deps.onFiles(ready);
    } catch (error) {
      this.deps.logger.warn('watched folder import failed', { error: describeError(error) });
    }
  }
}
