import { describe, expect, it } from 'vitest';
import { latestPush } from './latest-push';

/** A read whose answer the test gives when it wants. */
function reads() {
  const waiting: Array<(value: string) => void> = [];
  return {
    read: () => new Promise<string>((resolve) => waiting.push(resolve)),
    answer: (index: number, value: string) => waiting[index]?.(value),
  };
}

describe('latestPush', () => {
  it('answers an older read finishing late, but does not push it over the newer one', async () => {
    const pushed: string[] = [];
    const { read, answer } = reads();
    const push = latestPush(read, (value) => pushed.push(value));
    const older = push();
    const newer = push();
    answer(1, 'ended');
    expect(await newer).toBe('ended');
    answer(0, 'running');
    expect(await older).toBe('running');
    expect(pushed).toEqual(['ended']);
  });

  it('pushes every read that finishes in the order they began', async () => {
    const pushed: string[] = [];
    const { read, answer } = reads();
    const push = latestPush(read, (value) => pushed.push(value));
    const first = push();
    const second = push();
    answer(0, 'paused');
    await first;
    answer(1, 'resumed');
    await second;
    expect(pushed).toEqual(['paused', 'resumed']);
  });
});
