import type { Account } from '../../../shared/domain/accounts';
import type { PlatformId } from '../../../shared/domain/platforms';
import type { DistributionTargetRow, DistributionVideoRow } from '../db/schema';
import type { PlatformAdapter, PostSettings, VideoFacts } from '../platforms/platform-adapter';
import type { Clock, IdGenerator } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository } from './distribution-repository';

export interface NewTarget {
  accountId: string;
  settings: PostSettings;
}

export interface HandOverVideo {
  id?: string;
  runVideoId: string | null;
  configId: string | null;
  title: string;
  filePath: string;
}

export interface HandOverDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  adapterFor(platform: PlatformId): PlatformAdapter;
  /** Size, duration, dimensions and frame rate of a rendered file. */
  probe(path: string): Promise<VideoFacts>;
  /** The file to upload to a platform when it needs its own variant (X: at most 1280x1024). */
  variantFor?(platform: PlatformId, facts: VideoFacts): Promise<VideoFacts | null>;
  clock: Clock;
  ids: IdGenerator;
}

interface PreparedTarget {
  account: Account;
  settings: PostSettings;
  variant: VideoFacts | null;
  problem: string | null;
}

/**
 * The hand-over's writing half, apart from the service's queueing: everything a target needs
 * (its account, its platform's variant of the file, the platform's rules) is ready before one
 * transaction writes the video and all its targets, so a failure leaves nothing behind.
 */
export async function handOverTargets(
  deps: HandOverDeps,
  video: HandOverVideo,
  targets: NewTarget[],
): Promise<{ video: DistributionVideoRow; targets: DistributionTargetRow[] }> {
  const { repository, clock, ids } = deps;
  // A video recorded under its own id before was probed then: its file is the same.
  const known = video.id ? await repository.getVideo(video.id) : undefined;
  const facts = known ? (JSON.parse(known.facts) as VideoFacts) : await deps.probe(video.filePath);
  const prepared: PreparedTarget[] = [];
  for (const target of targets) {
    const account = await deps.accounts.get(target.accountId);
    const variant = (await deps.variantFor?.(account.platform, facts)) ?? null;
    // The platform's rules (text and video) are checked before anything is uploaded: a post
    // that breaks one is made failed, with the words of the problem, and never uploaded.
    const problems = deps.adapterFor(account.platform).validate(variant ?? facts, target.settings);
    prepared.push({
      account,
      settings: target.settings,
      variant,
      problem: problems.length > 0 ? problems.map((p) => p.message).join(' ') : null,
    });
  }
  const now = clock.now();
  return repository.createVideoWithTargets(
    {
      id: video.id ?? ids.newId(),
      run_video_id: video.runVideoId,
      config_id: video.configId,
      title: video.title,
      file_path: video.filePath,
      facts: JSON.stringify(facts),
      created_at: now,
    },
    (row) =>
      prepared.map(({ account, settings, variant, problem }) => ({
        id: ids.newId(),
        video_id: row.id,
        account_id: account.id,
        platform: account.platform,
        state: problem === null ? 'pending' : 'failed',
        settings: JSON.stringify(settings),
        file_path: variant?.path ?? null,
        facts: variant ? JSON.stringify(variant) : null,
        upload_state: null,
        phase: null,
        tracking_id: null,
        remote_id: null,
        url: null,
        error_kind: problem === null ? null : 'content',
        error_message: problem,
        waiting_until: null,
        job_id: null,
        published_at: null,
        metrics_at: null,
        created_at: now,
        updated_at: now,
      })),
  );
}
