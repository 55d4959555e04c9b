import { describe, expect, it } from 'vitest';
import {
  classifyHttpFailure,
  classifyNetworkFailure,
  classifyTokenProviderFailure,
  parseRetryAfter,
  type PlatformError,
} from './error-classification';
import { googleFailureDetail } from './google/google-errors';
import { msUntilMidnightPacific } from './youtube/youtube-quota';
import { graphFailureDetail } from './meta/meta-errors';
import { tiktokFailureDetail } from './tiktok/tiktok-errors';

const noHeaders = { get: () => undefined };
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] });

describe('error classification', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('waits until the next midnight in Pacific time, across daylight saving', () => {
    // 2026-01-15 12:00 UTC is 04:00 PST: 20 h to midnight.
    expect(msUntilMidnightPacific(Date.UTC(2026, 0, 15, 12))).toBe(20 * 3_600_000);
    // 2026-07-15 12:00 UTC is 05:00 PDT: 19 h.
    expect(msUntilMidnightPacific(Date.UTC(2026, 6, 15, 12))).toBe(19 * 3_600_000);
    // 2026-03-08 (DST starts at 02:00): 00:30 PST is 08:30 UTC; the day has 23 h.
    expect(msUntilMidnightPacific(Date.UTC(2026, 2, 8, 8, 30))).toBe(22.5 * 3_600_000);
  });

  it('maps statuses to kinds, with Retry-After on rate errors', () => {
    const now = 0;
    const kinds = [401, 429, 500, 503, 408, 400, 413].map((status) =>
      classifyHttpFailure('youtube', status, headers({ 'retry-after': '9' }), {}, now),
    );
    expect(kinds.map((e) => e.kind)).toEqual([
      'auth',
      'rate',
      'transient',
      'transient',
      'transient',
      'content',
      'content',
    ]);
    expect(kinds[1]?.retryAfterMs).toBe(9_000);
    expect(kinds[0]).toMatchObject({ tokenExpired: true, reconnect: false, code: 'FORBIDDEN' });
    expect(kinds[5]?.code).toBe('BAD_INPUT');
  });

  it('reads each platform error body: quota, rate codes, expired and revoked tokens', () => {
    const now = Date.UTC(2026, 0, 15, 12);
    const quota = googleFailureDetail(
      403,
      { error: { code: 403, message: 'quota', errors: [{ reason: 'quotaExceeded' }] } },
      now,
    );
    expect(quota).toMatchObject({
      kind: 'rate',
      reason: 'quotaExceeded',
      retryAfterMs: 20 * 3_600_000,
    });
    expect(
      googleFailureDetail(403, { error: { errors: [{ reason: 'forbidden' }] } }, now),
    ).toMatchObject({ kind: 'auth', reconnect: true });
    expect(
      graphFailureDetail({ error: { code: 190, error_subcode: 463, message: 'expired' } }),
    ).toMatchObject({ kind: 'auth', tokenExpired: true });
    expect(
      graphFailureDetail({ error: { code: 190, error_subcode: 460, message: 'password changed' } }),
    ).toMatchObject({ kind: 'auth', reconnect: true });
    expect(graphFailureDetail({ error: { code: 9, error_subcode: 2207042 } }).kind).toBe('rate');
    expect(
      graphFailureDetail({ error: { code: 100, message: 'bad caption' } }).kind,
    ).toBeUndefined();
    expect(
      graphFailureDetail({ debug_info: { retriable: true, type: 'ProcessingFailedError' } }).kind,
    ).toBe('transient');
    expect(tiktokFailureDetail({ error: { code: 'spam_risk_too_many_posts' } }).kind).toBe('rate');
    expect(
      tiktokFailureDetail({ error: { code: 'unaudited_client_can_only_post_to_private_accounts' } })
        .kind,
    ).toBeUndefined();
    const unaudited = classifyHttpFailure(
      'tiktok',
      403,
      noHeaders,
      tiktokFailureDetail({
        error: {
          code: 'unaudited_client_can_only_post_to_private_accounts',
          message: 'Only private posts',
        },
      }),
      0,
    );
    expect(unaudited.kind).toBe('content');
    expect(unaudited.message).toMatch(/TikTok rejected the post: Only private posts\. Change/);
  });

  it('treats resets as transient, and only a confirmed invalid grant as reconnect', () => {
    const reset = classifyNetworkFailure(
      'x',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    ) as PlatformError;
    expect(reset).toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/ECONNRESET/),
    });
    const abort = new DOMException('stopped', 'AbortError');
    expect(classifyNetworkFailure('x', abort)).toBe(abort);
    expect(
      classifyTokenProviderFailure('x', Object.assign(new Error('bad'), { code: 'invalid_grant' })),
    ).toMatchObject({ kind: 'auth', reconnect: true });
    expect(classifyTokenProviderFailure('x', new Error('getaddrinfo EAI_AGAIN'))).toMatchObject({
      kind: 'transient',
    });
  });
});
