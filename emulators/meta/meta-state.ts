import { TokenRegistry } from '../kit/emulator-kit';
import { OAuthEmulation } from '../kit/oauth-emulation';
import type { PlatformEmulatorOptions } from '../kit/platform-emulator';

export interface MetaPage {
  id: string;
  name: string;
  pictureUrl: string;
  instagram: { id: string; username: string; name: string; pictureUrl: string } | null;
}

/** One Meta login: short-lived user tokens (auth.tokens), long-lived ones, and Page tokens. */
export interface MetaEmulatorState {
  auth: OAuthEmulation;
  longLived: TokenRegistry;
  pageTokens: TokenRegistry;
  user: { id: string; name: string };
  pages: MetaPage[];
  /** The permissions the person granted at the last consent. */
  grantedScopes: string[];
}

const DAY = 24 * 3600_000;

export function createMetaState(options: PlatformEmulatorOptions = {}): MetaEmulatorState {
  const now = options.now;
  return {
    auth: new OAuthEmulation({
      app: options.app ?? { clientId: '100000000000777', clientSecret: 'sandbox-meta-secret' },
      accountId: '10000000000000042',
      accessTtlMs: options.accessTtlMs ?? 3600_000,
      refreshTtlMs: 3600_000,
      rotateRefresh: false,
      challengeEncoding: 'base64url',
      now,
    }),
    longLived: new TokenRegistry({
      accessTtlMs: 60 * DAY,
      refreshTtlMs: 60 * DAY,
      rotateRefresh: false,
      now,
    }),
    // Page tokens derived from a long-lived user token do not expire.
    pageTokens: new TokenRegistry({
      accessTtlMs: 100 * 365 * DAY,
      refreshTtlMs: 100 * 365 * DAY,
      rotateRefresh: false,
      now,
    }),
    user: { id: '10000000000000042', name: 'Sandbox Person' },
    pages: [
      {
        id: '100000000000101',
        name: 'ReelPilot Sandbox Page',
        pictureUrl: 'https://scontent.xx.fbcdn.net/sandbox-page.jpg',
        instagram: {
          id: '17841400000000101',
          username: 'reelpilot.sandbox',
          name: 'ReelPilot Sandbox',
          pictureUrl: 'https://scontent.cdninstagram.com/sandbox-ig.jpg',
        },
      },
      {
        id: '100000000000102',
        name: 'Second Sandbox Page',
        pictureUrl: 'https://scontent.xx.fbcdn.net/sandbox-page-2.jpg',
        instagram: null,
      },
    ],
    grantedScopes: [],
  };
}
