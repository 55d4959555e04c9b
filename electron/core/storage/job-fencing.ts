import type { JobContext } from '../jobs/jobs-module';

/**
 * What the exactly-once pass adds to the job context: `assertOwner()` confirms in the database
 * that this attempt still holds the job. Optional here so these handlers run on a queue with or
 * without it; once the queue provides it, it is called with no change to this file.
 */
type FencedContext = JobContext & { assertOwner?: () => Promise<void> };

/**
 * Called right before every step that cannot be taken back (a chunk that may complete a Drive
 * file, a deletion): stops when the job was cancelled, the app is stopping, or another worker
 * took the job over.
 */
export async function beforeIrreversibleStep(context: JobContext): Promise<void> {
  context.signal.throwIfAborted();
  await (context as FencedContext).assertOwner?.();
}
