import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenRegistry } from '../../../../emulators/kit/emulator-kit';
import type {
  PublishContext,
  PublishJob,
  PublishResult,
  UploadProgress,
  VideoFacts,
} from '../platform-adapter';
import type { AdapterRuntime } from '../upload-runtime';

export type TempVideos = ReturnType<typeof tempVideos>;

/** A temp folder with random "video" files; `cleanup()` removes it. */
export function tempVideos() {
  const dir = mkdtempSync(join(tmpdir(), 'reelpilot-upload-'));
  return {
    dir,
    make(sizeBytes: number, facts: Partial<VideoFacts> = {}): VideoFacts & { sha256: string } {
      const bytes = randomBytes(sizeBytes);
      const path = join(dir, `video-${sizeBytes}-${Math.random().toString(36).slice(2)}.mp4`);
      writeFileSync(path, bytes);
      return {
        path,
        sizeBytes,
        durationSec: 30,
        width: 1080,
        height: 1920,
        fps: 30,
        mimeType: 'video/mp4',
        ...facts,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Backoff and polling without waiting, so fault tests stay fast. */
export const fastRuntime: Partial<AdapterRuntime> = {
  retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      setTimeout(resolve, Math.min(ms, 2));
    }),
  pollIntervalMs: 1,
  maxStatusPolls: 20,
  timeouts: { connectMs: 2_000, idleMs: 2_000, totalMs: 20_000 },
  lookupSettleMs: 0,
};

/**
 * What the accounts service does for the adapters: hands out the stored access token and, when
 * forced, refreshes it at the emulator's token registry; a refused refresh is an invalid grant.
 */
export function tokenProvider(tokens: TokenRegistry, accountId: string, scopes: string[] = []) {
  let issued = tokens.issue(accountId, scopes);
  const calls = { plain: 0, forced: 0 };
  const get: PublishContext['getAccessToken'] = async (options) => {
    if (!options?.forceRefresh) {
      calls.plain += 1;
      return issued.accessToken;
    }
    calls.forced += 1;
    const renewed = tokens.refresh(issued.refreshToken);
    if (!renewed)
      throw Object.assign(new Error('invalid_grant: Token has been expired or revoked.'), {
        code: 'invalid_grant',
      });
    issued = renewed;
    return issued.accessToken;
  };
  return { get, calls, accountId };
}

/**
 * A publish context that records saved states and progress, as the job queue would. A marker
 * (`beforeIrreversible`) is saved like any state, and its index is kept in `markers`.
 */
export function recordingContext(
  getAccessToken: PublishContext['getAccessToken'],
  hooks: {
    onSave?(state: unknown, index: number): void;
    /** Throwing here refuses the irreversible call, as a lost lease does. */
    beforeIrreversible?(state: unknown): void;
    signal?: AbortSignal;
  } = {},
) {
  const states: unknown[] = [];
  const markers: number[] = [];
  const progress: UploadProgress[] = [];
  const save = (state: unknown) => {
    states.push(JSON.parse(JSON.stringify(state)) as unknown);
    hooks.onSave?.(state, states.length - 1);
  };
  const context: PublishContext = {
    getAccessToken,
    saveState: async (state) => save(state),
    beforeIrreversible: async (state) => {
      markers.push(states.length);
      save(state);
      hooks.beforeIrreversible?.(state);
    },
    onProgress: (p) => progress.push(p),
    signal: hooks.signal,
  };
  return { context, states, markers, progress, last: () => states.at(-1) };
}

/**
 * A run that is cut off (aborted, as by a crash) right after it saved its state number `index`
 * (from 0): the next run resumes from `last()`.
 */
export function abortedAfterSave(getAccessToken: PublishContext['getAccessToken'], index: number) {
  const controller = new AbortController();
  return recordingContext(getAccessToken, {
    signal: controller.signal,
    onSave: (_state, saved) => {
      if (saved === index) controller.abort();
    },
  });
}

export function jobFor(
  video: VideoFacts,
  overrides: Partial<PublishJob> = {},
  settings: Partial<PublishJob['settings']> = {},
): PublishJob {
  return {
    id: 'job-1',
    video,
    settings: {
      title: 'A short title',
      caption: 'Caption #reelpilot',
      privacy: 'public',
      ...settings,
    },
    ...overrides,
  };
}

/** The post a `publish()` made: fails the test when it is still waiting or only processing. */
export function publishedPost(result: PublishResult) {
  if (result.state !== 'published')
    throw new Error(`expected a published post, got ${JSON.stringify(result)}`);
  return result;
}
