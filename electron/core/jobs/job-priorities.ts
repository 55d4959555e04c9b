/**
 * Work a person asked for just now (Run now) goes before automatic work, and Pause all does not
 * hold it: pausing stops the automation, not the person.
 */
export const PERSON_REQUESTED_PRIORITY = 1;
/** Work the scheduler or a retry started. */
export const AUTOMATIC_PRIORITY = 0;
/** A batch's items and their posts: the person started the batch, so it goes before automatic work. */
export const BATCH_PRIORITY = 1;
/**
 * Aging keeps automatic work from starving behind a long batch: a job that has been due this
 * long is taken as if it had the batch priority, and among equals the one due first goes first.
 * A scheduled run's upload waits at most about this long (plus the jobs already running).
 */
export const AGING_MS = 5 * 60_000;
