import { afterEach, describe, expect, it } from 'vitest';
import type { ApiTokenInfo, CreatedApiToken } from '../../../shared/domain/api-tokens';
import { createTestEngine, type TestEngine } from '../testing/test-engine';

let t: TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

async function ok<T>(engine: TestEngine, channel: string, input: unknown = {}): Promise<T> {
  const result = await engine.engine.invoke(channel, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('API tokens', () => {
  it('are shown once, stored only as a hash, verified, kept across restarts and revoked', async () => {
    t = await createTestEngine();
    const created = await ok<CreatedApiToken>(t, 'apiTokens:create', { name: '  Agency CRM ' });
    expect(created.token).toMatch(/^rpk_[\w-]{43}$/);
    expect(created.info).toMatchObject({ name: 'Agency CRM', lastUsedAt: null });
    expect(created.token.startsWith(created.info.prefix)).toBe(true);
    expect(await ok<ApiTokenInfo[]>(t, 'apiTokens:list')).toEqual([created.info]);
    expect(JSON.stringify(await ok(t, 'apiTokens:list'))).not.toContain(created.token);

    const stored = t.engine.database.raw.prepare('SELECT key, value FROM settings').all();
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(8));

    t.clock.advance(5_000);
    const tokens = t.engine.services.apiTokens;
    expect(tokens.verify(created.token)).toMatchObject({ id: created.info.id });
    const altered = created.token.slice(0, -1) + (created.token.endsWith('A') ? 'B' : 'A');
    expect(tokens.verify(altered)).toBeNull();
    expect(tokens.verify('not-a-token')).toBeNull();

    const dataDir = t.dataDir;
    await t.engine.close();
    t = await createTestEngine({ dataDir });
    const again = t.engine.services.apiTokens;
    expect(again.verify(created.token)).toMatchObject({ id: created.info.id });
    expect((await ok<ApiTokenInfo[]>(t, 'apiTokens:list'))[0]?.lastUsedAt).not.toBeNull();

    expect(await ok(t, 'apiTokens:revoke', { id: created.info.id })).toEqual({ revoked: true });
    expect(again.verify(created.token)).toBeNull();
    expect(await ok(t, 'apiTokens:revoke', { id: created.info.id })).toEqual({ revoked: false });
  });

  it('refuses a token without a name', async () => {
    t = await createTestEngine();
    const result = await t.engine.invoke('apiTokens:create', { name: '   ' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('Give the token a name') },
    });
  });
});
