/**
 * An engine process for the data-folder lock test. On `go N AT` (stdin) it starts an engine on
 * DATA at the wall-clock time AT and prints `won N` or `refused N <why>`; on `release N` the
 * winner closes its engine and prints `released N`. `hold` keeps it until it is killed.
 */
import { createInterface } from 'node:readline';
import path from 'node:path';
import { ensureDirectories, makePaths } from '../data-location';
import { createEngine, type Engine } from '../../engine';
import { isAppError } from '../../errors';
import { silentLogger } from '../../logging/file-logger';
import type { EnginePorts } from '../../ports';
import { noPowerEvents, randomIds, systemClock } from '../../runtime/node-ports';
import { createVaultSecretStore } from '../../secrets/vault-secret-store';

const dataDir = process.argv[2] ?? '';
const paths = makePaths(dataDir, path.resolve(import.meta.dirname, '../../../../resources'));
ensureDirectories(paths);
const ports: EnginePorts = {
  clock: systemClock,
  ids: randomIds,
  logger: silentLogger,
  paths,
  secrets: createVaultSecretStore({
    file: path.join(dataDir, 'secrets.vault'),
    keyFile: path.join(dataDir, 'secrets.key'),
  }),
  notifier: { notify: () => {} },
  power: noPowerEvents,
  http: globalThis.fetch,
  events: { emit: () => {} },
  desktop: null,
};

let engine = null as Engine | null;
const say = (line: string) => process.stdout.write(`${line}\n`);

async function start(round: string): Promise<void> {
  try {
    engine = await createEngine(ports, {
      appVersion: '0.0.0-lock',
      mode: 'headless',
      dataDirPinned: true,
      defaultDataDir: dataDir,
      generation: null,
      shutdownGraceMs: 0,
    });
    say(`won ${round}`);
  } catch (error) {
    const conflict = isAppError(error) && error.code === 'CONFLICT';
    say(`${conflict ? 'refused' : 'error'} ${round} ${String((error as Error).message)}`);
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const [command, round = '', at = '0'] = line.trim().split(' ');
  if (command === 'go') {
    setTimeout(() => void start(round), Math.max(0, Number(at) - Date.now()));
  } else if (command === 'release') {
    await engine?.close();
    engine = null;
    say(`released ${round}`);
  }
}
