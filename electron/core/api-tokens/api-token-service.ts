import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ApiTokenInfo, CreatedApiToken } from '../../../shared/domain/api-tokens';
import { AppError, describeError } from '../errors';
import type { Clock, IdGenerator, Logger } from '../ports';
import type { KeyedSetting } from '../settings/settings-module';

export const API_TOKEN_PREFIX = 'rpk_';
const MAX_TOKENS = 20;
/** "Last used" is written at most this often per token. */
const LAST_USED_WRITE_MS = 60_000;

export const storedTokensSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    /** SHA-256 of the token, hex. The token itself is never stored. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.number().int(),
    lastUsedAt: z.number().int().nullable(),
  }),
);
type StoredToken = z.infer<typeof storedTokensSchema>[number];

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function toInfo({ hash: _hash, ...info }: StoredToken): ApiTokenInfo {
  return info;
}

/**
 * Long-lived tokens with which scripts call the headless host's API. A token is 256 random
 * bits, shown once; only its SHA-256 is kept (a slow hash adds nothing to a secret this long).
 * `verify` is synchronous, for the host's access check, and compares in constant time; until
 * `load` has read the stored hashes (the module's `recover`, before the host listens) it
 * accepts no token.
 */
export class ApiTokenService {
  private lastWritten = new Map<string, number>();
  private tokens: StoredToken[] = [];
  private loading: Promise<void> | null = null;

  constructor(
    private readonly setting: KeyedSetting<z.infer<typeof storedTokensSchema>>,
    private readonly deps: { clock: Clock; ids: IdGenerator; logger: Logger },
  ) {}

  /** Reads the stored hashes once; every later call waits for the same read. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      this.tokens = (await this.setting.read()) ?? [];
    })();
    return this.loading;
  }

  async list(): Promise<ApiTokenInfo[]> {
    await this.load();
    return this.tokens.map(toInfo);
  }

  async create(name: string): Promise<CreatedApiToken> {
    await this.load();
    if (this.tokens.length >= MAX_TOKENS) {
      throw new AppError(
        'CONFLICT',
        `There are already ${MAX_TOKENS} API tokens. Revoke the ones no longer used first.`,
      );
    }
    const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const stored: StoredToken = {
      id: this.deps.ids.newId(),
      name: name.trim(),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 4),
      hash: sha256(token).toString('hex'),
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
    };
    await this.save([...this.tokens, stored]);
    this.deps.logger.info('API token created', { id: stored.id, name: stored.name });
    return { token, info: toInfo(stored) };
  }

  async revoke(id: string): Promise<boolean> {
    await this.load();
    const rest = this.tokens.filter((token) => token.id !== id);
    if (rest.length === this.tokens.length) return false;
    await this.save(rest);
    this.deps.logger.info('API token revoked', { id });
    return true;
  }

  /** The token's entry when `presented` is a valid API token, else null. */
  verify(presented: string): ApiTokenInfo | null {
    if (!presented.startsWith(API_TOKEN_PREFIX)) return null;
    const digest = sha256(presented);
    let match: StoredToken | null = null;
    // Every entry is compared, so the time taken says nothing about which one matched.
    for (const token of this.tokens) {
      if (timingSafeEqual(digest, Buffer.from(token.hash, 'hex'))) match = token;
    }
    if (!match) return null;
    this.touch(match);
    return toInfo(match);
  }

  private touch(token: StoredToken): void {
    const now = this.deps.clock.now();
    token.lastUsedAt = now;
    if (now - (this.lastWritten.get(token.id) ?? -Infinity) < LAST_USED_WRITE_MS) return;
    this.lastWritten.set(token.id, now);
    void this.setting
      .write(this.tokens, now)
      .catch((error: unknown) =>
        this.deps.logger.warn('API token use not recorded', { error: describeError(error) }),
      );
  }

  /** The list changes at once (a second create in the meantime builds on it), then is stored. */
  private async save(tokens: StoredToken[]): Promise<void> {
    const previous = this.tokens;
    this.tokens = tokens;
    try {
      await this.setting.write(tokens, this.deps.clock.now());
    } catch (error) {
      this.tokens = previous;
      throw error;
    }
  }
}
