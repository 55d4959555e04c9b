/** A sliding-window request limit (TikTok's 6 inits a minute per token, Meta's 30 Reels a day). */
export class RateWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; returns the milliseconds until the next allowed one when over the limit. */
  take(key: string): number | null {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return (recent[0] ?? now) + this.windowMs - now;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return null;
  }

  usage(key: string): number {
    const now = this.now();
    return (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs).length;
  }
}
