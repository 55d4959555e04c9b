import { describe, expect, it } from 'vitest';
import {
  classifyNetworkFailure,
  contentError,
  isPlatformError,
  rateError,
  transientError,
  type PlatformError,
} from './error-classification';
import { HttpTimeoutError } from './http/http-request';
import { duringLookup, irreversibleCall, outcomeOfFailure } from './irreversible-call';

const kindOf = (error: unknown) => (isPlatformError(error) ? error.kind : 'not a PlatformError');

describe('the outcome of a failed irreversible call', () => {
  it('is unknown when the answer never came or a gateway answered 5xx', () => {
    const reset = transientError('x', 'ECONNRESET', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(kindOf(outcomeOfFailure('x', reset))).toBe('unknown');
    expect((outcomeOfFailure('x', reset) as PlatformError).message).toMatch(
      /cannot tell yet whether the post exists on X \(the answer never arrived .*socket hang up\)/,
    );
    const gateway = transientError('instagram', 'HTTP 502', { status: 502 });
    expect(kindOf(outcomeOfFailure('instagram', gateway))).toBe('unknown');
    expect(kindOf(outcomeOfFailure('x', new Error('aborted')))).toBe('unknown');
  });

  it('stays what it was when the answer refused the post or nothing was sent', () => {
    const refused = contentError('x', 'too long', { status: 400 });
    expect(outcomeOfFailure('x', refused)).toBe(refused);
    const limited = rateError('x', 'slow down', { status: 429 });
    expect(outcomeOfFailure('x', limited)).toBe(limited);
    const notSent = transientError('tiktok', 'ECONNREFUSED', { notSent: true });
    expect(outcomeOfFailure('tiktok', notSent)).toBe(notSent);
  });

  it('is transient when a DNS failure or a connect timeout proves the request never left', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.x.com'), { code: 'ENOTFOUND' });
    const connect = new HttpTimeoutError('connect', 30_000);
    for (const [error, connected] of [
      [dns, true],
      [connect, false],
    ] as const) {
      await expect(
        irreversibleCall('x', () => Promise.reject(classifyNetworkFailure('x', error, connected))),
      ).rejects.toMatchObject({ kind: 'transient', notSent: true });
    }
    // The same timeout once connected may have sent the post: unknown.
    await expect(
      irreversibleCall('x', () =>
        Promise.reject(classifyNetworkFailure('x', new HttpTimeoutError('idle', 120_000), true)),
      ),
    ).rejects.toMatchObject({ kind: 'unknown' });
  });

  it('wraps the call, and a lookup that fails proves nothing either way', async () => {
    await expect(
      irreversibleCall('facebook', () => Promise.reject(transientError('facebook', 'reset'))),
    ).rejects.toMatchObject({ kind: 'unknown' });
    await expect(
      duringLookup('youtube', () => Promise.reject(contentError('youtube', 'bad filter'))),
    ).rejects.toMatchObject({ kind: 'unknown' });
    const limited = rateError('youtube', 'quota', {});
    await expect(duringLookup('youtube', () => Promise.reject(limited))).rejects.toBe(limited);
  });
});
