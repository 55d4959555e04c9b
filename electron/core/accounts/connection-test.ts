import type { ConnectionTest } from '../../../shared/domain/accounts';
import { platformNames } from '../../../shared/domain/platforms';
import type { StoredAccount } from './accounts-repository';
import { OAuthError } from './oauth/oauth-http';
import type { OAuthProvider, ProbeResult, ProviderContext } from './providers/provider';
import { TokenError } from './token-service';

type Check = ConnectionTest['checks'][number];

/**
 * What the outcome means for the account: `broken` (the platform answered, but something is
 * wrong that a retry will not fix) puts it in `error`; `unreachable` leaves it as it is;
 * `reconnect` was already handled by the token service.
 */
export type TestVerdict = 'ok' | 'broken' | 'unreachable' | 'reconnect';

export interface ConnectionTestDeps {
  provider: OAuthProvider;
  context(): Promise<ProviderContext>;
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  scopes(): Promise<string[]>;
  now(): number;
}

async function probeOnce(deps: ConnectionTestDeps, account: StoredAccount, token: string) {
  return deps.provider.probe(await deps.context(), token, account.remote_id);
}

/**
 * Calls the platform's cheapest identity endpoint and says, in words, what works: the token,
 * the permissions, uploads, and whether posts can be public.
 */
export async function runConnectionTest(
  account: StoredAccount,
  deps: ConnectionTestDeps,
): Promise<{ result: ConnectionTest; probe: ProbeResult | null; verdict: TestVerdict }> {
  const name = platformNames[account.platform];
  const testedAt = deps.now();
  type Outcome = { result: ConnectionTest; probe: ProbeResult | null; verdict: TestVerdict };
  const failed = (verdict: TestVerdict, message: string): Outcome => ({
    probe: null,
    verdict,
    result: {
      accountId: account.id,
      ok: false,
      summary: message,
      checks: [{ id: 'token', ok: false, message }],
      testedAt,
    },
  });

  let probe: ProbeResult;
  try {
    let token = await deps.getAccessToken();
    try {
      probe = await probeOnce(deps, account, token);
    } catch (error) {
      // A token we thought valid was refused: renew once, which also confirms a dead grant.
      if (!(error instanceof OAuthError)) throw error;
      if (error.status !== 401 && error.kind !== 'invalid_grant') throw error;
      token = await deps.getAccessToken({ forceRefresh: true });
      probe = await probeOnce(deps, account, token);
    }
  } catch (error) {
    if (error instanceof TokenError && error.kind === 'auth') {
      return failed('reconnect', `${name} no longer accepts this sign-in. Reconnect the account.`);
    }
    if (error instanceof TokenError || (error instanceof OAuthError && error.kind !== 'other')) {
      return failed(
        'unreachable',
        `${name} could not be reached just now: ${error.message} The account was left as it is; test again later.`,
      );
    }
    return failed('broken', error instanceof Error ? error.message : String(error));
  }

  const granted = new Set(await deps.scopes());
  const missing = deps.provider.requiredScopes.filter((s) => !granted.has(s));
  const uploads = deps.provider.uploadScopes.every((s) => granted.has(s));
  const checks: Check[] = [
    {
      id: 'token',
      ok: probe.remoteId === account.remote_id,
      message:
        probe.remoteId === account.remote_id
          ? `Token valid: signed in to ${name} as ${probe.handle}.`
          : `The token belongs to another ${name} account (${probe.handle}). Reconnect the right one.`,
    },
    {
      id: 'scopes',
      ok: missing.length === 0,
      message:
        missing.length === 0
          ? 'Permissions sufficient: every permission ReelPilot needs was granted.'
          : `Missing permissions: ${missing.join(', ')}. Reconnect and allow them.`,
    },
    {
      id: 'uploads',
      ok: uploads,
      message: uploads
        ? 'Uploads allowed.'
        : `Uploads are not allowed: the ${deps.provider.uploadScopes.join(', ')} permission was not granted.`,
    },
    {
      id: 'audience',
      ok: probe.audience === 'public' ? true : probe.audience === 'private_only' ? false : null,
      message:
        probe.audience === 'public'
          ? 'Posts can be public.'
          : probe.audience === 'private_only'
            ? `Private only: ${probe.audienceNote ?? `${name} allows only private posts for this app.`}`
            : (probe.audienceNote ?? `${name} does not say whether posts can be public.`),
    },
  ];
  const ok = checks.every((c) => c.ok !== false || c.id === 'audience');
  const summary = ok
    ? probe.audience === 'private_only'
      ? `${probe.handle} works, but posts stay private until the app is audited.`
      : `${probe.handle} is ready to post.`
    : (checks.find((c) => c.ok === false)?.message ?? 'The test failed.');
  return {
    probe,
    verdict: ok ? 'ok' : 'broken',
    result: { accountId: account.id, ok, summary, checks, testedAt },
  };
}
