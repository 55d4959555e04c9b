import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHeadless, type HeadlessApp } from '../../electron/host/serve-headless';
import { startAllEmulators, type RunningEmulators } from '../start-all-emulators';
import { seedSandboxAccounts } from './sandbox-accounts';

const open: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function sandbox(
  dataDir: string,
): Promise<{ app: HeadlessApp; emulators: RunningEmulators }> {
  const emulators = await startAllEmulators();
  open.push(emulators);
  const app = await startHeadless({
    dataDir,
    staticDir: dataDir,
    endpointOverrides: emulators.endpointOverrides,
  });
  open.push({ close: () => app.stop() });
  return { app, emulators };
}

describe('the sandbox on a data folder it used before', () => {
  it('signs its accounts in again to the new emulators, so posts do not ask to reconnect', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-sandbox-'));
    dirs.push(dataDir);
    const first = await sandbox(dataDir);
    expect((await seedSandboxAccounts(first.app.engine, first.emulators)).connected).toHaveLength(
      5,
    );
    for (const thing of open.splice(0).reverse()) await thing.close();

    const second = await sandbox(dataDir);
    const seeded = await seedSandboxAccounts(second.app.engine, second.emulators);
    expect(seeded).toEqual({
      connected: [],
      reconnected: expect.arrayContaining(['x', 'youtube']),
    });
    const accounts = second.app.engine.services.accounts;
    for (const account of await accounts.list()) {
      expect(account.status).toBe('active');
      const token = await accounts.getAccessToken(account.id);
      const registry = second.emulators.emulators[account.platform].state.tokens;
      expect(registry.checkAccess(`Bearer ${token}`), account.platform).toHaveProperty('token');
    }
  }, 60_000);
});
