import type { Account } from '../../../shared/domain/accounts';
import type { BatchItem, BatchSummary } from '../../../shared/domain/batch';
import type { JobSummary } from '../../../shared/domain/jobs';
import type { MediaItem } from '../../../shared/domain/media';
import type { ConfigService } from '../configs/configs-module';
import type { BatchItemRow, BatchItemUpdate, BatchRow } from '../db/schema';
import type { DistributionService } from '../distribution/distribution-module';
import { AppError, describeError } from '../errors';
import {
  BATCH_PRIORITY,
  PermanentJobError,
  type JobContext,
  type JobHandler,
  type JobQueue,
} from '../jobs/jobs-module';
import type { MediaService } from '../media/media-module';
import type { Clock, EventSink, Logger } from '../ports';
import type { ExecutionService } from '../runs/runs-module';
import { etaOf, followTarget, postOf, toItemDto, toSummary } from './batch-dto';
import {
  BATCH_ITEM_JOB,
  batchItemJobSchema,
  configIdOf,
  libraryVideo,
  postSettingsOf,
  type BatchItemJobData,
} from './batch-item-job';
import type { BatchRepository } from './batch-repository';
import { GenerateItems } from './generate-items';
import { renderOnDemand } from './render-on-demand';

export interface BatchLifecycleDeps {
  repository: BatchRepository;
  queue: Pick<JobQueue, 'enqueue' | 'cancel' | 'get'>;
  accounts: { get(id: string): Promise<Account>; list(): Promise<Account[]> };
  media: Pick<MediaService, 'get' | 'importFiles' | 'findKnown'>;
  distribution: Pick<DistributionService, 'distribute' | 'retry'>;
  /** Config runs, for generate batches (a run per item, started under the item's key). */
  runs: Pick<ExecutionService, 'startRunOnce' | 'requireRun' | 'cancelRun'>;
  /** The configs CSV rows render their videos from on demand. */
  configs: Pick<ConfigService, 'require'>;
  timeZone(): Promise<string>;
  clock: Clock;
  events: EventSink;
  logger: Logger;
}

const finalItem = new Set<BatchItemRow['state']>(['succeeded', 'failed', 'skipped', 'cancelled']);

/**
 * Runs batches: feeds each batch's items to the queue (at most its concurrency in flight, in
 * planned order), runs an item by handing its post to distribution (each item a job with its
 * own key, so a crash or a second start never hands it over twice), and follows the posts'
 * states to the items. Pause, resume, cancel and retry change what is fed.
 */
export class BatchLifecycle {
  private readonly feeding = new Map<string, Promise<void>>();
  private accounts: { at: number; byId: Map<string, Account> } | null = null;

  readonly generate: GenerateItems;

  constructor(private readonly deps: BatchLifecycleDeps) {
    this.generate = new GenerateItems({
      repository: deps.repository,
      runs: deps.runs,
      updateItem: (id, update) => this.updateItem(id, update),
      finishItem: (item, outcome) => this.finishItem(item, outcome),
      feed: (batchId) => this.feed(batchId),
      now: () => deps.clock.now(),
    });
  }

  itemHandler(): JobHandler<BatchItemJobData> {
    return {
      kind: BATCH_ITEM_JOB,
      concurrency: 4,
      maxAttempts: 3,
      leaseMs: 60_000,
      backoff: { baseMs: 5_000, capMs: 5 * 60_000 },
      parseData: (data) => batchItemJobSchema.parse(data),
      run: (data, context) => this.runItem(data, context),
      onSettled: (job, data) => this.itemJobSettled(job, data),
    };
  }

  /** Queues what each batch may run now (after a start or a restart). */
  async feedAll(): Promise<void> {
    for (const batch of await this.deps.repository.activeBatches()) await this.feed(batch.id);
  }

  /** Gives the batch's next items to the queue, up to its concurrency; marks it done at the end. */
  feed(batchId: string): Promise<void> {
    const previous = this.feeding.get(batchId) ?? Promise.resolve();
    const next = previous.then(() => this.feedOnce(batchId));
    const kept = next.catch((error: unknown) =>
      this.deps.logger.error('batch not fed', { batchId, error: describeError(error) }),
    );
    this.feeding.set(batchId, kept);
    void kept.finally(() => {
      if (this.feeding.get(batchId) === kept) this.feeding.delete(batchId);
    });
    return next;
  }

  private async feedOnce(batchId: string): Promise<void> {
    const { repository, queue, clock } = this.deps;
    const batch = await repository.getBatch(batchId);
    if (!batch || (batch.state !== 'running' && batch.state !== 'waiting')) return;
    const free = batch.concurrency - (await repository.inFlight(batchId));
    if (free > 0) {
      for (const item of await repository.nextToQueue(batchId, free)) {
        const { job } = await queue.enqueue(
          BATCH_ITEM_JOB,
          { itemId: item.id, round: item.round },
          {
            idempotencyKey: `batch-item:${item.id}:${item.round}`,
            priority: BATCH_PRIORITY,
            notBefore: Math.max(item.planned_at ?? 0, batch.start_at, clock.now()),
          },
        );
        await this.updateItem(item.id, { job_id: job.id });
      }
    }
    const counts = await repository.counts(batchId);
    if (counts.pending + counts.running === 0) {
      await repository.updateBatch(batchId, {
        state: 'done',
        finished_at: clock.now(),
        updated_at: clock.now(),
      });
    }
    await this.emitBatch(batchId);
  }

  private async runItem({ itemId, round }: BatchItemJobData, context: JobContext) {
    const { repository, clock } = this.deps;
    let item = await repository.getItem(itemId);
    // A job of an earlier round (the item was paused or retried since), or a final item.
    if (!item || item.round !== round || finalItem.has(item.state)) return { skipped: true };
    const batch = await repository.getBatch(item.batch_id);
    if (!batch || batch.state === 'cancelled') return { skipped: true };
    if (batch.state === 'paused') {
      // Paused after this job was queued: it goes back and waits for Resume.
      await this.updateItem(item.id, { job_id: null, round: item.round + 1 });
      return { held: true };
    }
    if (item.target_id) return { handedOver: item.target_id };
    if (batch.state === 'waiting') {
      await repository.updateBatch(batch.id, { state: 'running', updated_at: clock.now() });
      await this.emitBatch(batch.id);
    }
    if (batch.kind === 'generate') return this.generate.run(item, batch.generate, context);
    await this.updateItem(item.id, {
      state: 'running',
      message: 'Preparing the post…',
      started_at: item.started_at ?? clock.now(),
    });
    context.signal.throwIfAborted();
    const configId = configIdOf(item);
    if (configId && !item.media_id && !item.media_path) {
      const rendered = await renderOnDemand(
        {
          configs: this.deps.configs,
          runs: this.deps.runs,
          updateItem: (id, update) => this.updateItem(id, update),
          now: () => clock.now(),
        },
        item,
        configId,
        postOf(item),
        context,
      );
      // From here on it is a media row's item: the rendered file is its video.
      item = await this.updateItem(item.id, {
        media_path: rendered,
        message: 'Preparing the post…',
      });
    }
    const media = await this.mediaOf(item);
    const account = await this.deps.accounts.get(item.account_id ?? '').catch(() => {
      throw new PermanentJobError(
        'The account was removed from ReelPilot. Connect it again, then retry this item.',
      );
    });
    // The last step before the post exists: nothing is handed over once the job was stopped.
    context.signal.throwIfAborted();
    // Handing over is idempotent, yet a worker that lost this item must not make its post.
    await context.assertOwner();
    const [target] = await this.deps.distribution.distribute(
      libraryVideo(media),
      [{ accountId: account.id, settings: postSettingsOf(postOf(item), account) }],
      { priority: BATCH_PRIORITY },
    );
    if (!target) throw new Error('distribution gave no post for the item');
    const row = (await repository.targets([target.id])).get(target.id);
    const latest = await repository.getItem(item.id);
    if (latest?.state === 'cancelled') {
      // Cancelled while handing over: the post has not started; its upload is dropped too.
      const job = row?.job_id ? await this.deps.queue.get(row.job_id) : null;
      if (job?.state === 'queued') await this.deps.queue.cancel(job.id);
      return { cancelled: true };
    }
    if (row && row.created_at < item.created_at) {
      await this.finishItem(item, {
        state: 'skipped',
        message: `This video was already posted or planned on ${account.handle}; a video never goes twice to one account.`,
      });
      return { skipped: true };
    }
    const claimed = await repository.claimTarget(item.id, target.id, clock.now());
    if (!claimed) {
      // Another row's video is the same file: that row's post is this one; nothing goes twice.
      const [owner] = await repository.itemsOfTarget(target.id);
      const where =
        owner?.batch_id === item.batch_id && owner.row_number !== null
          ? `Row ${owner.row_number} of this batch posts the same video`
          : owner?.batch_id === item.batch_id
            ? 'Another item of this batch posts the same video'
            : 'Another batch posts the same video';
      await this.finishItem(item, {
        state: 'skipped',
        message: `${where} to ${account.handle}; a video never goes twice to one account.`,
      });
      return { skipped: true };
    }
    await this.emitItem(claimed);
    await this.syncTarget(target.id);
    return { targetId: target.id };
  }

  private async mediaOf(item: BatchItemRow): Promise<MediaItem> {
    let mediaId = item.media_id;
    if (!mediaId && item.media_path) {
      const report = await this.deps.media.importFiles([item.media_path]);
      mediaId = report.imported[0]?.id ?? report.duplicates[0]?.existingId ?? null;
      if (!mediaId)
        throw new PermanentJobError(
          `${item.media_path} could not be added to the library: ${report.failed[0]?.message ?? 'it is not a video ReelPilot can read'}. Fix the file, then retry this item.`,
        );
      await this.updateItem(item.id, { media_id: mediaId });
    }
    if (!mediaId) throw new PermanentJobError('The item names no video.');
    const media = await this.deps.media.get(mediaId).catch(() => null);
    if (!media)
      throw new PermanentJobError(
        'Its video was removed from the library. Import it again, then retry.',
      );
    if (media.missing)
      throw new PermanentJobError(
        `The file of ${media.name} is gone from ${media.path}. Put it back, then retry this item.`,
      );
    return media;
  }

  private async itemJobSettled(job: JobSummary, data: BatchItemJobData | null): Promise<void> {
    if (!data) return;
    const { repository } = this.deps;
    const item = await repository.getItem(data.itemId);
    if (!item || item.round !== data.round || finalItem.has(item.state)) {
      if (item) await this.feed(item.batch_id);
      return;
    }
    const batch = await repository.getBatch(item.batch_id);
    // A CSV item rendering on demand has started only once its post is handed over.
    const started = item.target_id !== null || (item.run_id !== null && configIdOf(item) === null);
    if (job.state === 'dead' && !started) {
      await this.finishItem(item, {
        state: 'failed',
        message: job.lastError ?? 'The item stopped.',
      });
    } else if (job.state === 'cancelled' && !started) {
      if (batch?.state === 'paused')
        await this.updateItem(item.id, {
          state: 'pending',
          job_id: null,
          round: item.round + 1,
          message: null,
        });
      else
        await this.finishItem(item, { state: 'cancelled', message: 'Cancelled before posting.' });
    }
    await this.feed(item.batch_id);
  }

  /** Follows a post's new state to the items that made it. */
  async syncTarget(targetId: string): Promise<void> {
    const { repository } = this.deps;
    const items = (await repository.itemsOfTarget(targetId)).filter((i) => !finalItem.has(i.state));
    if (items.length === 0) return;
    const target = (await repository.targets([targetId])).get(targetId);
    if (!target) return;
    const { state, message } = followTarget(target, await this.deps.timeZone());
    for (const item of items) {
      if (item.state === state && item.message === message) continue;
      if (finalItem.has(state)) await this.finishItem(item, { state, message });
      else await this.updateItem(item.id, { state, message });
      if (finalItem.has(state)) await this.feed(item.batch_id);
    }
  }

  /** After a restart: the posts of items handed over may have moved on while nothing listened. */
  async syncHandedOver(): Promise<void> {
    const targets = new Set((await this.deps.repository.handedOver()).map((i) => i.target_id!));
    for (const id of targets) await this.syncTarget(id);
  }

  async finishItem(
    item: BatchItemRow,
    outcome: { state: BatchItemRow['state']; message: string | null },
  ): Promise<void> {
    await this.updateItem(item.id, {
      ...outcome,
      finished_at: this.deps.clock.now(),
    });
  }

  async updateItem(id: string, update: BatchItemUpdate): Promise<BatchItemRow> {
    const row = await this.deps.repository.updateItem(id, {
      ...update,
      updated_at: this.deps.clock.now(),
    });
    if (!row) throw new AppError('NOT_FOUND', 'That batch item no longer exists.');
    if ('state' in update || 'message' in update || 'target_id' in update) await this.emitItem(row);
    return row;
  }

  async summary(batch: BatchRow): Promise<BatchSummary> {
    const { repository, clock } = this.deps;
    const counts = await repository.counts(batch.id);
    const pace = await repository.pace(batch.id);
    const lastPlanned = pace.lastPlanned ?? null;
    return toSummary(batch, counts, etaOf(counts, pace, lastPlanned, clock.now()), lastPlanned);
  }

  /** Accounts by id for the items' handles, read at most every 2 s (items change in bursts). */
  private async accountsById(): Promise<Map<string, Account>> {
    const now = this.deps.clock.now();
    if (!this.accounts || now - this.accounts.at > 2_000 || now < this.accounts.at) {
      const list = await this.deps.accounts.list();
      this.accounts = { at: now, byId: new Map(list.map((a) => [a.id, a])) };
    }
    return this.accounts.byId;
  }

  async itemDtos(rows: BatchItemRow[]): Promise<BatchItem[]> {
    const accounts = await this.accountsById();
    const targets = await this.deps.repository.targets(
      rows.flatMap((r) => (r.target_id ? [r.target_id] : [])),
    );
    return rows.map((row) =>
      toItemDto(row, accounts, row.target_id ? targets.get(row.target_id) : undefined),
    );
  }

  async emitBatch(batchId: string): Promise<BatchSummary | null> {
    const batch = await this.deps.repository.getBatch(batchId);
    const summary = batch ? await this.summary(batch) : null;
    this.deps.events.emit('batch:changed', { id: batchId, batch: summary });
    return summary;
  }

  private async emitItem(row: BatchItemRow): Promise<void> {
    const [dto] = await this.itemDtos([row]);
    if (dto) this.deps.events.emit('batch:itemUpdated', dto);
  }
}
