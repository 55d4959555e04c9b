/**
 * Work a person asked for just now (Run now) goes before automatic work, and Pause all does not
 * hold it: pausing stops the automation, not the person.
 */
export const PERSON_REQUESTED_PRIORITY = 1;
/** Work the scheduler or a retry started. */
export const AUTOMATIC_PRIORITY = 0;
