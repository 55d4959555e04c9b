import { describe, expect, it } from 'vitest';
import { authError, rateError, transientError } from './error-classification';
import { runtimeWith, TokenSession, withRetry } from './upload-runtime';

function recordingRuntime() {
  const sleeps: number[] = [];
  const runtime = runtimeWith({
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 },
    random: () => 1,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  return { runtime, sleeps };
}

describe('upload runtime', () => {
  it('retries transient failures with exponential backoff, honouring Retry-After', async () => {
    const { runtime, sleeps } = recordingRuntime();
    let calls = 0;
    const value = await withRetry(runtime, undefined, () => {
      calls += 1;
      if (calls === 1) throw transientError('youtube', 'HTTP 503');
      if (calls === 2) throw transientError('youtube', 'HTTP 503', { retryAfterMs: 3_000 });
      if (calls === 3) throw transientError('youtube', 'ECONNRESET');
      return Promise.resolve('done');
    });
    expect(value).toBe('done');
    expect(sleeps).toEqual([100, 3_000, 400]);
  });

  it('gives up after maxAttempts, and hands rate limits and long waits to the caller', async () => {
    const { runtime, sleeps } = recordingRuntime();
    await expect(
      withRetry(runtime, undefined, () => Promise.reject(transientError('x', 'HTTP 502'))),
    ).rejects.toMatchObject({ kind: 'transient' });
    expect(sleeps).toHaveLength(3);
    const rate = rateError('x', '429', { retryAfterMs: 1_000 });
    await expect(withRetry(runtime, undefined, () => Promise.reject(rate))).rejects.toBe(rate);
    const long = transientError('x', 'HTTP 503', { retryAfterMs: 60_000 });
    await expect(withRetry(runtime, undefined, () => Promise.reject(long))).rejects.toBe(long);
    expect(sleeps).toHaveLength(3);
  });

  it('refreshes the token once when the platform says it expired', async () => {
    const asked: Array<boolean | undefined> = [];
    const session = new TokenSession('tiktok', (options) => {
      asked.push(options?.forceRefresh);
      return Promise.resolve(options?.forceRefresh ? 'fresh' : 'stale');
    });
    const used: string[] = [];
    const result = await session.call((token) => {
      used.push(token);
      if (token === 'stale')
        return Promise.reject(authError('tiktok', 'access_token_invalid', { tokenExpired: true }));
      return Promise.resolve('ok');
    });
    expect(result).toBe('ok');
    expect(used).toEqual(['stale', 'fresh']);
    expect(asked).toEqual([undefined, true]);
  });
});
