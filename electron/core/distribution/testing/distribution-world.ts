import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { Account } from '../../../../shared/domain/accounts';
import type { DistributionTarget } from '../../../../shared/domain/distribution';
import type { PlatformId } from '../../../../shared/domain/platforms';
import {
  connect,
  createAccountsWorld,
  invokeOk,
  type AccountsWorld,
} from '../../accounts/testing/accounts-test-kit';
import type { DistributionTargetRow } from '../../db/schema';
import type { EngineOptions } from '../../engine';
import { fastRuntime } from '../../platforms/testing/upload-test-kit';

/** A real 3 s 540x960 H.264 file (every platform's rules accept it), made once per world. */
export function makeTestVideo(dir: string): string {
  const file = join(dir, 'clip.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=540x960:rate=30',
    '-t',
    '3',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-y',
    file,
  ]);
  return file;
}

export interface DistributionWorld extends AccountsWorld {
  video: string;
  accounts: Record<PlatformId, Account>;
  target(id: string): Promise<DistributionTargetRow>;
  waitForState(id: string, state: DistributionTargetRow['state']): Promise<DistributionTargetRow>;
  post(platforms: PlatformId[], runVideoId?: string): Promise<DistributionTarget[]>;
  /** Moves the fake clock in queue-poll steps, letting the queue wake between them. */
  tick(ms: number): Promise<void>;
  /** Sets the minimum gap between posts of the platform's account (null: none, no other limit). */
  setMinGap(platform: PlatformId, minutes: number | null): Promise<void>;
}

/** The engine on the five unified emulators with one connected account per platform. */
export async function createDistributionWorld(
  options: Partial<EngineOptions> = {},
): Promise<DistributionWorld> {
  const world = await createAccountsWorld({
    options: { platformSettings: { runtime: fastRuntime }, ...options },
  });
  const dir = mkdtempSync(join(tmpdir(), 'reelpilot-distribution-'));
  const video = makeTestVideo(dir);
  const platforms: PlatformId[] = ['youtube', 'tiktok', 'instagram', 'facebook', 'x'];
  for (const platform of platforms) {
    if (platform === 'facebook' || platform === 'instagram') {
      const existing = await invokeOk<Account[]>(world.t, 'accounts:list', {});
      if (existing.some((a) => a.platform === platform)) continue;
    }
    await connect(world, platform);
  }
  const all = await invokeOk<Account[]>(world.t, 'accounts:list', {});
  const accounts = Object.fromEntries(
    platforms.map((p) => {
      const account = all.find((a) => a.platform === p);
      if (!account) throw new Error(`no ${p} account connected`);
      return [p, account];
    }),
  ) as Record<PlatformId, Account>;
  for (const account of all) {
    await world.t.engine.services.accounts.updateLimits(account.id, {
      postsPerHour: null,
      postsPerDay: null,
      minGapMinutes: null,
    });
  }
  const service = world.t.engine.services.distribution;
  const db = world.t.engine.database.db;
  const target = async (id: string) =>
    db
      .selectFrom('distribution_targets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  let n = 0;
  return {
    ...world,
    video,
    accounts,
    target,
    async tick(ms) {
      const step = 5000;
      for (let left = ms; left > 0; left -= step) {
        world.clock.advance(Math.min(step, left));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    async setMinGap(platform, minutes) {
      await world.t.engine.services.accounts.updateLimits(accounts[platform].id, {
        postsPerHour: null,
        postsPerDay: null,
        minGapMinutes: minutes,
      });
    },
    async waitForState(id, state) {
      await vi.waitFor(async () => expect((await target(id)).state).toBe(state), {
        timeout: 8000,
        interval: 20,
      });
      return target(id);
    },
    post(list, runVideoId) {
      n += 1;
      return service.distribute(
        {
          runVideoId: runVideoId ?? `run-video-${n}`,
          configId: null,
          title: `Clip ${n}`,
          filePath: video,
        },
        list.map((p) => ({
          accountId: accounts[p].id,
          settings: {
            title: `Clip ${n}`,
            caption: `Clip ${n} #reelpilot`,
            // An unaudited TikTok app may only post privately: the UI offers nothing else.
            privacy: accounts[p].audience === 'private_only' ? 'private' : 'public',
          },
        })),
      );
    },
    async dispose() {
      await world.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
