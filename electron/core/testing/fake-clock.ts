import type { Clock } from '../ports';

interface Timer {
  at: number;
  callback: () => void;
  id: number;
}

/** A clock that moves only when told: `advance` runs due timers in order. */
export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private current = Date.UTC(2026, 0, 15, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): () => void {
    const timer = { at: this.current + Math.max(0, ms), callback, id: this.nextId++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t.id !== timer.id);
    };
  }

  /** Jumps the wall clock without running timers (a suspend, or the user changing the time). */
  jump(ms: number): void {
    this.current += ms;
  }

  set(time: number): void {
    this.current = time;
  }

  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = end;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
