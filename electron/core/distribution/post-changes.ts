import type { Account } from '../../../shared/domain/accounts';
import {
  postTextSchema,
  type DistributionTarget,
  type EditPostInput,
  type PostChange,
  type PostTextDto,
  type RescheduleInput,
} from '../../../shared/domain/distribution';
import { platformNames, type PlatformId } from '../../../shared/domain/platforms';
import type { ChangeSource, DistributionTargetRow } from '../db/schema';
import { AppError, isAppError } from '../errors';
import type { JobQueue } from '../jobs/jobs-module';
import type { PlatformAdapter, VideoFacts } from '../platforms/platform-adapter';
import type { Clock, IdGenerator, Logger } from '../ports';
import type { DistributionAccounts } from './distribution-accounts';
import type { DistributionRepository } from './distribution-repository';
import { checkEditedText, editabilityOf, samePostText } from './post-edit';
import { parsePostSettings, postTextOf, withPostText } from './post-settings';
import { clockIn, dayClockIn, startOfZonedDay } from '../time/zoned-time';
import { planWaitingPosts } from './waiting-posts';

export interface PostChangesDeps {
  repository: DistributionRepository;
  accounts: DistributionAccounts;
  adapterFor(platform: PlatformId): PlatformAdapter;
  queue: Pick<JobQueue, 'reschedule'>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Pushes a changed target to the UI and returns what it shows. */
  changed(row: DistributionTargetRow): Promise<DistributionTarget>;
  /** Queues a new upload job for a waiting post whose job is gone, not before `at`. */
  requeue(row: DistributionTargetRow, at: number): Promise<void>;
}

const MINUTE = 60_000;
const YEAR = 366 * 86_400_000;

const busy =
  'This post is being uploaded right now, so it cannot change. Wait until it is posted or fails.';

/** A time in the person's zone, as the engine says it: "14:30", or "Tue 3 Mar, 14:30". */
export function slotWords(at: number, timeZone: string, now: number): string {
  const sameDay = startOfZonedDay(at, timeZone) === startOfZonedDay(now, timeZone);
  return sameDay ? clockIn(at, timeZone) : dayClockIn(at, timeZone);
}

/**
 * What the person changes on a post after it was made (docs/distribution.md): its title,
 * caption, hashtags and privacy while it waits or after it failed, and its time while it waits.
 * Every change is written only if no upload job took the post meanwhile, with its record.
 */
export class PostChanges {
  constructor(private readonly deps: PostChangesDeps) {}

  private async require(targetId: string): Promise<DistributionTargetRow> {
    const row = await this.deps.repository.getTarget(targetId);
    if (!row) throw new AppError('NOT_FOUND', 'That post no longer exists. Refresh the list.');
    return row;
  }

  private async accountOf(row: DistributionTargetRow): Promise<Account> {
    try {
      return await this.deps.accounts.get(row.account_id);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND')
        throw new AppError(
          'CONFLICT',
          'The account of this post was removed from ReelPilot. Connect it again to change or post it.',
        );
      throw error;
    }
  }

  private async sizeOf(row: DistributionTargetRow): Promise<Pick<VideoFacts, 'sizeBytes'>> {
    const video = await this.deps.repository.getVideo(row.video_id);
    const facts = JSON.parse(row.facts ?? video?.facts ?? '{}') as Partial<VideoFacts>;
    return { sizeBytes: facts.sizeBytes ?? 0 };
  }

  /** Changes a waiting or failed post's text and privacy, checked against its platform. */
  async edit(input: EditPostInput, by: ChangeSource): Promise<DistributionTarget> {
    const { repository, clock } = this.deps;
    const row = await this.require(input.targetId);
    const adapter = this.deps.adapterFor(row.platform);
    const editability = editabilityOf(row, adapter, await this.sizeOf(row));
    if (!editability.allowed) throw new AppError('CONFLICT', editability.reason ?? busy);
    if (await repository.jobRunning(row)) throw new AppError('CONFLICT', busy);
    const account = await this.accountOf(row);
    const settings = parsePostSettings(row.settings);
    const before = postTextOf(settings, row.platform);
    checkEditedText({ ...input, title: input.title }, account);
    const wanted: PostTextDto = {
      title: before.title === null ? null : (input.title ?? ''),
      text: input.text,
      hashtags: input.hashtags,
      privacy: input.privacy,
    };
    if (samePostText(before, wanted)) return this.deps.changed(row);

    const next = withPostText(settings, wanted, account);
    const restart = editability.restartsUpload;
    const now = clock.now();
    const written = await repository.changeTarget(
      row,
      {
        settings: JSON.stringify(next),
        updated_at: now,
        ...(restart
          ? { upload_state: null, tracking_id: null, phase: null, sent_bytes: 0, total_bytes: 0 }
          : {}),
      },
      {
        id: this.deps.ids.newId(),
        target_id: row.id,
        kind: 'text',
        at: now,
        by,
        before: JSON.stringify(before),
        after: JSON.stringify(postTextOf(next, row.platform)),
        upload: row.upload_state === null ? 'none' : restart ? 'restarted' : 'kept',
      },
    );
    if (!written) throw await this.changedMeanwhile(row.id);
    this.deps.logger.info('post text edited', { targetId: row.id, by, restart });
    return this.deps.changed(await this.require(row.id));
  }

  /** Moves a waiting post to `at`, if the pacing rules and the platform's caps allow it then. */
  async reschedule(input: RescheduleInput, by: ChangeSource): Promise<DistributionTarget> {
    const { repository, clock } = this.deps;
    const row = await this.require(input.targetId);
    if (row.state !== 'pending')
      throw new AppError(
        'CONFLICT',
        row.state === 'success'
          ? 'This post is already published; its time cannot change.'
          : row.state === 'failed'
            ? 'This post failed. Retry it first; it can be moved while it waits.'
            : busy,
      );
    if (await repository.jobRunning(row)) throw new AppError('CONFLICT', busy);
    const now = clock.now();
    // A time in the minute just gone (a drop on "now") means as soon as possible.
    if (input.at < now - MINUTE)
      throw new AppError('CONFLICT', 'That time has passed. Pick a time from now on.');
    if (input.at > now + YEAR) throw new AppError('CONFLICT', 'Pick a time within the next year.');
    const at = Math.max(input.at, now);

    const account = await this.accountOf(row);
    const { planner } = await planWaitingPosts(repository, this.deps.accounts, row.id);
    const slot = planner.firstFree(row.account_id, at);
    const where = `${account.handle} on ${platformNames[row.platform]}`;
    if (slot.at === null)
      throw new AppError(
        'CONFLICT',
        `${where} cannot post until you act: ${slot.reason ?? 'the account is held.'}`,
        { nearest: null },
      );
    if (slot.at > at)
      throw new AppError(
        'CONFLICT',
        `${(slot.reason ?? 'The pacing rules hold this post back.').replace(/\.$/, '')} (${where}): the nearest free slot is ${slotWords(slot.at, planner.timeZone, now)} (${planner.timeZone}).`,
        { nearest: slot.at },
      );

    const written = await repository.changeTarget(
      row,
      { not_before: at, waiting_until: at, error_message: null, updated_at: now },
      {
        id: this.deps.ids.newId(),
        target_id: row.id,
        kind: 'time',
        at: now,
        by,
        before: JSON.stringify({ notBefore: row.not_before }),
        after: JSON.stringify({ notBefore: at }),
        upload: null,
      },
    );
    if (!written) throw await this.changedMeanwhile(row.id);
    // The job wakes at the new time (earlier or later); one that is gone is queued again.
    const moved = row.job_id !== null && (await this.deps.queue.reschedule(row.job_id, at));
    const updated = await this.require(row.id);
    if (!moved) await this.deps.requeue(updated, at);
    this.deps.logger.info('post moved', { targetId: row.id, by, at });
    return this.deps.changed(await this.require(row.id));
  }

  /** The person's changes to a post, newest first. */
  async changes(targetId: string): Promise<PostChange[]> {
    await this.require(targetId);
    const rows = await this.deps.repository.changesOf(targetId);
    return rows.map((row): PostChange => {
      if (row.kind === 'time') {
        const before = JSON.parse(row.before) as { notBefore: number | null };
        const after = JSON.parse(row.after) as { notBefore: number };
        return {
          kind: 'time',
          id: row.id,
          at: row.at,
          by: row.by,
          from: before.notBefore,
          to: after.notBefore,
        };
      }
      return {
        kind: 'text',
        id: row.id,
        at: row.at,
        by: row.by,
        before: postTextSchema.parse(JSON.parse(row.before)),
        after: postTextSchema.parse(JSON.parse(row.after)),
        upload: row.upload ?? 'none',
      };
    });
  }

  /** Why a change could not be written: the post moved on between the read and the write. */
  private async changedMeanwhile(targetId: string): Promise<AppError> {
    const fresh = await this.require(targetId);
    if (fresh.state === 'processing' || (await this.deps.repository.jobRunning(fresh)))
      return new AppError('CONFLICT', busy);
    if (fresh.state === 'success')
      return new AppError('CONFLICT', 'This post was published meanwhile; it cannot change.');
    return new AppError(
      'CONFLICT',
      'This post changed while you were editing it. Look at it again, then make your change.',
    );
  }
}
