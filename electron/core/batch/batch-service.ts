import type {
  BatchCancelResult,
  BatchDetail,
  BatchExport,
  BatchSummary,
  CsvFile,
  CsvImportResult,
  CsvPreview,
  DistributeCreateInput,
  DistributePlan,
  DistributePlanInput,
  GenerateCreateInput,
} from '../../../shared/domain/batch';
import {
  distributeCreateInputSchema,
  distributePlanInputSchema,
} from '../../../shared/domain/batch';
import type { SlotPlanner } from '../accounts/accounts-module';
import type { ConfigService } from '../configs/configs-module';
import type { NewBatchItemRow } from '../db/schema';
import type { DistributionService } from '../distribution/distribution-module';
import { AppError } from '../errors';
import { BATCH_PRIORITY, type JobQueue } from '../jobs/jobs-module';
import type { Clock, IdGenerator, Logger } from '../ports';
import { exportResults } from './batch-export';
import type { BatchLifecycle, BatchLifecycleDeps } from './batch-lifecycle';
import type { BatchRepository } from './batch-repository';
import { csvContext, distributeRequests } from './batch-inputs';
import { checkCsv } from './csv-validation';
import { createGenerateBatch } from './generate-batch';
import { planSlots } from './slot-plan';

export interface BatchServiceDeps {
  repository: BatchRepository;
  lifecycle: BatchLifecycle;
  queue: Pick<JobQueue, 'cancel' | 'get'>;
  accounts: BatchLifecycleDeps['accounts'];
  media: Pick<BatchLifecycleDeps['media'], 'get' | 'findKnown'>;
  distribution: Pick<DistributionService, 'waitingPlan' | 'retry'>;
  configs: Pick<ConfigService, 'require' | 'list'>;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

/** Batches as the person sees them: create (CSV, distribute), follow, steer, export. */
export class BatchService {
  constructor(private readonly deps: BatchServiceDeps) {}

  async list(): Promise<BatchSummary[]> {
    const rows = await this.deps.repository.listBatches();
    return Promise.all(rows.map((row) => this.deps.lifecycle.summary(row)));
  }

  async get(id: string): Promise<BatchDetail> {
    const batch = await this.requireBatch(id);
    const items = await this.deps.lifecycle.itemDtos(await this.deps.repository.items(id));
    return { batch: await this.deps.lifecycle.summary(batch), items };
  }

  async previewCsv(file: CsvFile): Promise<CsvPreview> {
    return (await checkCsv(file.fileName, file.text, await csvContext(this.deps))).preview;
  }

  /** Imports the valid rows not imported before; rows without a time get the next free slot. */
  async importCsv(input: {
    fileName: string;
    text: string;
    name?: string | undefined;
    concurrency: number;
    startAt: number | null;
  }): Promise<CsvImportResult> {
    const { clock, ids, repository } = this.deps;
    const { preview, posts } = await checkCsv(
      input.fileName,
      input.text,
      await csvContext(this.deps),
    );
    if (posts.length === 0) return { preview, batch: null, created: 0 };
    const now = clock.now();
    const startAt = Math.max(input.startAt ?? now, now);
    const planner = await this.planner();
    const batchId = ids.newId();
    const items: NewBatchItemRow[] = posts.map((p, position) => {
      let plannedAt = p.scheduledAt;
      if (plannedAt === null) {
        const slot = planner.firstFree(p.account.id, startAt);
        if (slot.at !== null) plannedAt = slot.at;
      }
      if (plannedAt !== null) planner.take(p.account.id, plannedAt);
      return {
        id: ids.newId(),
        batch_id: batchId,
        position,
        row_number: p.rowNumber,
        row_key: p.rowKey,
        external_id: p.externalId,
        account_id: p.account.id,
        platform: p.account.platform,
        media_id: p.mediaId,
        media_path: p.mediaPath,
        media_name: p.mediaName,
        // A row rendering on demand keeps its config's id with its post (see `configIdOf`).
        post: JSON.stringify(p.configId ? { ...p.post, configId: p.configId } : p.post),
        planned_at: plannedAt,
        state: 'pending',
        message: null,
        job_id: null,
        target_id: null,
        started_at: null,
        finished_at: null,
        created_at: now,
        updated_at: now,
      };
    });
    const created = await repository.createBatch(
      {
        id: batchId,
        name: input.name ?? input.fileName.replace(/\.csv$/i, ''),
        kind: 'csv',
        state: startAt > now ? 'waiting' : 'running',
        concurrency: input.concurrency,
        priority: BATCH_PRIORITY,
        start_at: startAt,
        created_at: now,
        updated_at: now,
        finished_at: null,
      },
      items,
    );
    this.deps.logger.info('CSV imported as a batch', { batchId, rows: preview.validRows, created });
    if (created === 0) return { preview, batch: null, created };
    await this.deps.lifecycle.feed(batchId);
    return { preview, batch: await this.summaryOf(batchId), created };
  }

  async planDistribute(input: DistributePlanInput): Promise<DistributePlan> {
    const parsed = distributePlanInputSchema.parse(input);
    const planner = await this.planner();
    const requests = await distributeRequests(this.deps, parsed.mediaIds, parsed.accountIds);
    const { slots, warnings } = planSlots(
      planner,
      requests.map((r) => r.request),
      parsed,
    );
    return { timeZone: planner.timeZone, slots, warnings };
  }

  async createDistribute(input: DistributeCreateInput): Promise<BatchSummary> {
    const parsed = distributeCreateInputSchema.parse(input);
    const { clock, ids, repository } = this.deps;
    const planner = await this.planner();
    const requests = await distributeRequests(this.deps, parsed.mediaIds, parsed.accountIds);
    const { slots } = planSlots(
      planner,
      requests.map((r) => r.request),
      parsed,
    );
    const now = clock.now();
    const batchId = ids.newId();
    const items: NewBatchItemRow[] = requests.map(({ request, media, platform }, position) => {
      const slot = slots[position]!;
      const unplannable = !request.alreadyPosted && slot.at === null;
      return {
        id: ids.newId(),
        batch_id: batchId,
        position,
        row_number: null,
        row_key: `media:${request.mediaId}`,
        external_id: null,
        account_id: request.accountId,
        platform,
        media_id: media.id,
        media_path: null,
        media_name: media.name,
        post: JSON.stringify(parsed.post),
        planned_at: slot.at,
        state: request.alreadyPosted || unplannable ? 'skipped' : 'pending',
        message: request.alreadyPosted
          ? 'This video is already posted or planned on this account; a video never goes twice to one account.'
          : unplannable
            ? (slot.reason ?? 'The pacing rules leave no time for this post.')
            : null,
        job_id: null,
        target_id: null,
        started_at: null,
        finished_at: request.alreadyPosted || unplannable ? now : null,
        created_at: now,
        updated_at: now,
      };
    });
    const created = await repository.createBatch(
      {
        id: batchId,
        name: parsed.name,
        kind: 'distribute',
        state: parsed.from > now ? 'waiting' : 'running',
        concurrency: parsed.concurrency,
        priority: BATCH_PRIORITY,
        start_at: Math.max(parsed.from, now),
        created_at: now,
        updated_at: now,
        finished_at: null,
      },
      items,
    );
    if (created === 0)
      throw new AppError(
        'CONFLICT',
        'Every one of these videos is already in a batch for these accounts. Choose other videos or accounts.',
      );
    await this.deps.lifecycle.feed(batchId);
    return this.summaryOf(batchId);
  }

  /** N videos from a config, or one per topic line; each item renders through a config run. */
  async createGenerate(input: GenerateCreateInput): Promise<BatchSummary> {
    const batchId = await createGenerateBatch(this.deps, input);
    await this.deps.lifecycle.feed(batchId);
    return this.summaryOf(batchId);
  }

  async pause(id: string): Promise<BatchSummary> {
    const batch = await this.requireBatch(id);
    if (batch.state !== 'running' && batch.state !== 'waiting')
      throw new AppError(
        'CONFLICT',
        `This batch is ${batch.state}; only a running batch can pause.`,
      );
    await this.deps.repository.updateBatch(id, {
      state: 'paused',
      updated_at: this.deps.clock.now(),
    });
    // Items on the queue and not started go back to wait; started ones finish.
    for (const item of await this.deps.repository.itemsIn(id, ['pending'])) {
      if (item.job_id) await this.cancelQueuedJob(item.job_id);
      await this.deps.lifecycle.updateItem(item.id, { job_id: null, round: item.round + 1 });
    }
    return this.summaryOf(id);
  }

  async resume(id: string): Promise<BatchSummary> {
    const batch = await this.requireBatch(id);
    if (batch.state !== 'paused')
      throw new AppError('CONFLICT', `This batch is ${batch.state}; only a paused batch resumes.`);
    const now = this.deps.clock.now();
    await this.deps.repository.updateBatch(id, {
      state: batch.start_at > now ? 'waiting' : 'running',
      updated_at: now,
    });
    await this.deps.lifecycle.feed(id);
    return this.summaryOf(id);
  }

  /** Stops the batch: waiting items are cancelled, posts already out stay out. */
  async cancel(id: string): Promise<BatchCancelResult> {
    const batch = await this.requireBatch(id);
    if (batch.state === 'cancelled' || batch.state === 'done')
      throw new AppError('CONFLICT', `This batch is already ${batch.state}.`);
    const { repository, lifecycle, clock } = this.deps;
    await repository.updateBatch(id, { state: 'cancelled', updated_at: clock.now() });
    const cancelledBefore = (await repository.counts(id)).cancelled;
    const open = await repository.itemsIn(id, ['pending', 'running']);
    const targets = await repository.targets(
      open.flatMap((i) => (i.target_id ? [i.target_id] : [])),
    );
    for (const item of open) {
      const target = item.target_id ? targets.get(item.target_id) : undefined;
      if (target) {
        // Its post waits for its upload: cancelling the upload job fails the post as cancelled.
        // A post being uploaded finishes; nothing posted is taken down.
        if (target.state === 'pending' && target.job_id) {
          // The item says so first, so the post's "failed: cancelled" does not become its state.
          await lifecycle.finishItem(item, {
            state: 'cancelled',
            message: 'Cancelled before posting.',
          });
          await this.cancelQueuedJob(target.job_id);
        }
        continue;
      }
      if (item.run_id) {
        await lifecycle.generate.cancel(item);
        continue;
      }
      // A running item stops through its job's AbortSignal; a queued one is dropped.
      if (item.job_id) await this.deps.queue.cancel(item.job_id).catch(() => undefined);
      const fresh = await repository.getItem(item.id);
      if (fresh && !fresh.target_id && (fresh.state === 'pending' || fresh.state === 'running')) {
        await lifecycle.finishItem(fresh, {
          state: 'cancelled',
          message: 'Cancelled before posting.',
        });
      }
    }
    const summary = await this.summaryOf(id);
    return {
      batch: summary,
      cancelled: summary.counts.cancelled - cancelledBefore,
      alreadyPosted: summary.counts.succeeded,
    };
  }

  /** Tries failed items again: a failed post through distribution's retry, others from the start. */
  async retry(id: string, itemIds?: readonly string[]): Promise<BatchSummary> {
    const batch = await this.requireBatch(id);
    if (batch.state === 'cancelled')
      throw new AppError(
        'CONFLICT',
        'This batch was cancelled. Import or create it again to post.',
      );
    const { repository, lifecycle, clock } = this.deps;
    const wanted = itemIds ? new Set(itemIds) : null;
    const failed = (await repository.itemsIn(id, ['failed'])).filter(
      (i) => !wanted || wanted.has(i.id),
    );
    if (failed.length === 0) throw new AppError('CONFLICT', 'No failed item to retry.');
    if (batch.state === 'done')
      await repository.updateBatch(id, {
        state: 'running',
        finished_at: null,
        updated_at: clock.now(),
      });
    for (const item of failed) {
      if (item.target_id) {
        await this.deps.distribution.retry(item.target_id);
        await lifecycle.updateItem(item.id, {
          state: 'running',
          message: 'Retrying…',
          finished_at: null,
        });
      } else {
        await lifecycle.updateItem(item.id, {
          state: 'pending',
          message: null,
          job_id: null,
          round: item.round + 1,
          finished_at: null,
        });
      }
    }
    await lifecycle.feed(id);
    return this.summaryOf(id);
  }

  /** Forgets the batch (its waiting items are cancelled first); its videos and posts stay. */
  async delete(id: string): Promise<{ deleted: boolean }> {
    const batch = await this.deps.repository.getBatch(id);
    if (!batch) return { deleted: false };
    if (batch.state !== 'done' && batch.state !== 'cancelled') await this.cancel(id);
    const deleted = await this.deps.repository.deleteBatch(id);
    await this.deps.lifecycle.emitBatch(id);
    return { deleted };
  }

  async export(id: string, format: 'csv' | 'json'): Promise<BatchExport> {
    const detail = await this.get(id);
    return exportResults(detail.batch, detail.items, format);
  }

  private async cancelQueuedJob(jobId: string): Promise<void> {
    const job = await this.deps.queue.get(jobId);
    if (job?.state === 'queued') await this.deps.queue.cancel(jobId).catch(() => undefined);
  }

  private async summaryOf(id: string): Promise<BatchSummary> {
    const summary = await this.deps.lifecycle.emitBatch(id);
    if (!summary) throw new AppError('NOT_FOUND', 'That batch no longer exists. Refresh the list.');
    return summary;
  }

  private async requireBatch(id: string) {
    const batch = await this.deps.repository.getBatch(id);
    if (!batch) throw new AppError('NOT_FOUND', 'That batch no longer exists. Refresh the list.');
    return batch;
  }

  /** The pacing rules with every waiting post and every batch's planned post counted. */
  private async planner(): Promise<SlotPlanner> {
    const { planner } = await this.deps.distribution.waitingPlan();
    for (const p of await this.deps.repository.plannedPending())
      if (p.planned_at !== null) planner.take(p.account_id, p.planned_at);
    return planner;
  }
}
