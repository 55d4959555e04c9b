import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PlatformId } from '../../../../shared/domain/platforms';
import type { RunningEmulator, TokenRegistry } from '../../../../emulators/kit/emulator-kit';
import { startFacebookEmulator } from '../../../../emulators/facebook/facebook-emulator';
import { facebookPosts } from '../../../../emulators/facebook/facebook-emulator-state';
import { startInstagramEmulator } from '../../../../emulators/instagram/instagram-emulator';
import { startTikTokEmulator } from '../../../../emulators/tiktok/tiktok-emulator';
import { startXEmulator } from '../../../../emulators/x/x-emulator';
import { startYouTubeEmulator } from '../../../../emulators/youtube/youtube-emulator';
import type { PlatformAdapterSettings } from '../platform-adapters';
import { tempVideos } from './upload-test-kit';

const KiB = 1024;

interface Case {
  platform: PlatformId;
  start(): Promise<{
    emulator: RunningEmulator;
    tokens: TokenRegistry;
    posts(): Array<{ sha256: string }>;
    /** Upload sessions the platform saw created: a resume must not open a second one. */
    sessions(): number;
  }>;
  chunkRoute: string;
  settings(baseUrl: string): PlatformAdapterSettings;
  /** True once the saved state shows at least one chunk confirmed. */
  progressed(state: Record<string, unknown>): boolean;
}

const cases: Case[] = [
  {
    platform: 'youtube',
    start: async () => {
      const e = await startYouTubeEmulator();
      return {
        emulator: e,
        tokens: e.state.tokens,
        posts: () => [...e.state.videos.values()],
        sessions: () => e.state.uploads.sessions.size,
      };
    },
    chunkRoute: 'youtube.upload.chunk',
    settings: (url) => ({
      endpoints: { youtube: { uploadBaseUrl: url, apiBaseUrl: url } },
      youtubeChunkBytes: 256 * KiB,
    }),
    progressed: (s) => ((s.session as { offset?: number } | undefined)?.offset ?? 0) > 0,
  },
  {
    platform: 'tiktok',
    start: async () => {
      const e = await startTikTokEmulator({
        audited: true,
        chunkRules: {
          minChunkBytes: 64 * KiB,
          maxChunkBytes: 256 * KiB,
          maxFinalChunkBytes: 512 * KiB,
        },
      });
      return {
        emulator: e,
        tokens: e.state.tokens,
        posts: () => [...e.state.posts.values()],
        sessions: () => e.state.publishes.size,
      };
    },
    chunkRoute: 'tiktok.upload.chunk',
    settings: (url) => ({
      endpoints: { tiktok: { apiBaseUrl: url, uploadBaseUrl: url } },
      tiktokChunkBytes: 256 * KiB,
      tiktokChunkRules: {
        minChunkBytes: 64 * KiB,
        maxChunkBytes: 256 * KiB,
        maxFinalChunkBytes: 512 * KiB,
      },
    }),
    progressed: (s) => Number(s.nextChunk ?? 0) > 0,
  },
  {
    platform: 'instagram',
    start: async () => {
      const e = await startInstagramEmulator();
      return {
        emulator: e,
        tokens: e.state.tokens,
        posts: () => [...e.state.media.values()],
        sessions: () => e.state.containers.size,
      };
    },
    chunkRoute: 'instagram.upload',
    settings: (url) => ({
      endpoints: { instagram: { apiBaseUrl: `${url}/v21.0`, uploadBaseUrl: url } },
      metaChunkBytes: 256 * KiB,
    }),
    progressed: (s) => Number(s.offset ?? 0) > 0,
  },
  {
    platform: 'facebook',
    start: async () => {
      const e = await startFacebookEmulator();
      return {
        emulator: e,
        tokens: e.state.tokens,
        posts: () => facebookPosts(e.state),
        sessions: () => e.state.reels.size,
      };
    },
    chunkRoute: 'facebook.upload',
    settings: (url) => ({
      endpoints: { facebook: { apiBaseUrl: `${url}/v21.0`, uploadBaseUrl: url } },
      metaChunkBytes: 256 * KiB,
    }),
    progressed: (s) => Number(s.offset ?? 0) > 0,
  },
  {
    platform: 'x',
    start: async () => {
      const e = await startXEmulator();
      return {
        emulator: e,
        tokens: e.state.tokens,
        posts: () => [...e.state.tweets.values()],
        sessions: () => e.state.media.size,
      };
    },
    chunkRoute: 'x.media.append',
    settings: (url) => ({
      endpoints: { x: { apiBaseUrl: url, uploadBaseUrl: url } },
      xSegmentBytes: 256 * KiB,
    }),
    progressed: (s) => Number(s.nextSegment ?? 0) > 0,
  },
];

const files = tempVideos();
const children: ChildProcess[] = [];
afterAll(() => files.cleanup());
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runChild(configPath: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'publish-child.ts'), configPath],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.push(child);
  return child;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the child to make progress');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('an upload killed with SIGKILL continues from its saved state', () => {
  it.each(cases)(
    '$platform: one post, the same bytes',
    async (c) => {
      const { emulator, tokens, posts, sessions } = await c.start();
      try {
        const video = files.make(1100 * KiB, { width: 720, height: 1280 });
        const statePath = join(files.dir, `${c.platform}-state.json`);
        const resultPath = join(files.dir, `${c.platform}-result.json`);
        const configPath = join(files.dir, `${c.platform}-config.json`);
        const { sha256: _sha, ...facts } = video;
        writeFileSync(
          configPath,
          JSON.stringify({
            platform: c.platform,
            settings: c.settings(emulator.baseUrl),
            accessToken: tokens.issue('acct', []).accessToken,
            statePath,
            resultPath,
            job: {
              id: 'crash',
              targetId: '17841400000000001',
              video: facts,
              settings: { title: 'Crash test', caption: 'crash test', privacy: 'public' },
            },
          }),
        );
        // Slow chunks so the kill lands mid-upload.
        emulator.faults.arm(c.chunkRoute, { type: 'delay', ms: 150 }, 100);
        const first = runChild(configPath);
        await waitFor(
          () =>
            existsSync(statePath) &&
            c.progressed(JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>),
          20_000,
        );
        first.kill('SIGKILL');
        await once(first, 'exit');
        expect(existsSync(resultPath)).toBe(false);
        expect(posts()).toHaveLength(0);

        emulator.faults.clear();
        const second = runChild(configPath);
        let stderr = '';
        second.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const [code] = (await once(second, 'exit')) as [number];
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(posts()).toHaveLength(1);
        expect(posts()[0]?.sha256).toBe(video.sha256);
        expect(sessions()).toBe(1);
      } finally {
        await emulator.close();
      }
      // Two child processes start per case; a loaded machine slows their start-up.
    },
    90_000,
  );
});
