import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAllEmulators, type RunningEmulators } from './start-all-emulators';

let all: RunningEmulators;
beforeEach(async () => {
  all = await startAllEmulators();
});
afterEach(async () => {
  await all.close();
});

const redirectUri = 'http://127.0.0.1:9/callback';

/** A client's PKCE pair by RFC 7636 (S256), made here so the test owes nothing to the app. */
function createPkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(challenge: string, extra: Record<string, string> = {}) {
  const url = new URL(all.emulators.youtube.endpoints.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: all.apps.youtube.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 'st',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return fetch(url, { redirect: 'manual' });
}

function redeem(code: string, verifier: string, redirect = redirectUri) {
  return fetch(all.emulators.youtube.endpoints.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirect,
      client_id: all.apps.youtube.clientId,
      client_secret: all.apps.youtube.clientSecret,
    }),
  });
}

async function codeFor(challenge: string): Promise<string> {
  const location = new URL((await authorize(challenge)).headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('st');
  return location.searchParams.get('code')!;
}

describe('emulated OAuth', () => {
  it('binds a code to its PKCE verifier and redirect, once', async () => {
    const pkce = createPkce();
    const code = await codeFor(pkce.challenge);
    expect((await redeem(code, createPkce().verifier)).status).toBe(400);

    const fresh = await codeFor(pkce.challenge);
    expect(
      await (await redeem(fresh, pkce.verifier, 'http://127.0.0.1:10/callback')).json(),
    ).toMatchObject({
      error: 'invalid_grant',
    });

    const good = await codeFor(pkce.challenge);
    const answer = await redeem(good, pkce.verifier);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      token_type: 'Bearer',
      refresh_token: expect.stringMatching(/^rt_/),
    });
    expect(await (await redeem(good, pkce.verifier)).json()).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses requests without PKCE or with a non-loopback redirect, and denies when switched', async () => {
    expect((await authorize('', {})).status).toBe(400);
    expect((await authorize('abc', { redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    await fetch(`${all.emulators.youtube.baseUrl}/__emulator/auth/deny`, {
      method: 'POST',
      body: JSON.stringify({ deny: true }),
    });
    const denied = new URL((await authorize('abc')).headers.get('location')!);
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('code')).toBeNull();
  });

  it('answers 429 with Retry-After when armed over HTTP', async () => {
    await fetch(`${all.emulators.tiktok.baseUrl}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({
        route: 'tiktok.oauth.token',
        fault: { type: 'status', status: 429, headers: { 'retry-after': '30' } },
      }),
    });
    const answer = await fetch(all.emulators.tiktok.endpoints.tokenUrl, {
      method: 'POST',
      body: '',
    });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('30');
  });
});
