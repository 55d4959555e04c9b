import { createHash, randomBytes } from 'node:crypto';

/** Most platforms take base64url(SHA-256); TikTok's desktop flow takes the hex digest. */
export type ChallengeEncoding = 'base64url' | 'hex';

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** RFC 7636: a 43 to 128 character verifier from the unreserved set, and its S256 challenge. */
export function createPkce(encoding: ChallengeEncoding = 'base64url'): PkcePair {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier, encoding), method: 'S256' };
}

export function pkceChallenge(verifier: string, encoding: ChallengeEncoding): string {
  return createHash('sha256').update(verifier).digest(encoding);
}

/** An unguessable `state` binding the browser's answer to the flow that asked. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
