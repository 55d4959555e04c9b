/** What `JobHolds.onChange` tells the queue. */
export interface HoldChange {
  /**
   * Kinds whose running jobs must stop now without spending an attempt (the machine is going to
   * sleep): they go back to the queue and continue from their saved progress when claimed again.
   */
  suspend: readonly string[];
}

/**
 * Something outside the queue that holds jobs back without touching them (Pause all, the
 * machine's sleep). The queue asks it before every claim and follows its changes; the queue
 * never learns why work is held.
 */
export interface JobHolds {
  /**
   * For a kind: `null` claims as usual, a number claims only jobs of at least that priority,
   * `Infinity` claims none.
   */
  claimFloor(kind: string): number | null;
  /** Called on every change of the holds; returns the unsubscribe. */
  onChange(listener: (change: HoldChange) => void): () => void;
}
