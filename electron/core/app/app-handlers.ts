import type { appChannels } from '../../../shared/contract/app-channels';
import type { DatabaseHandle } from '../db/connection';
import { AppError } from '../errors';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { EnginePorts } from '../ports';
import { relocateData } from './data-location';

export interface AppFacts {
  appVersion: string;
  mode: 'desktop' | 'headless';
  dataDirPinned: boolean;
  defaultDataDir: string;
  schemaVersion: number;
}

export function appHandlers(
  ports: EnginePorts,
  database: DatabaseHandle,
  facts: AppFacts,
): DomainHandlers<typeof appChannels> {
  return {
    'app:info': async () => ({
      name: 'ReelPilot',
      version: facts.appVersion,
      mode: facts.mode,
      dataDir: ports.paths.dataDir,
      dataDirPinned: facts.dataDirPinned,
      platform: process.platform,
      schemaVersion: facts.schemaVersion,
      capabilities: {
        startAtLogin: ports.desktop !== null,
        nativeDialogs: facts.mode === 'desktop',
      },
      secretStore: ports.secrets.info(),
    }),
    'app:relocateData': async ({ target }) => {
      if (facts.dataDirPinned) {
        throw new AppError(
          'BAD_INPUT',
          'The data folder was given on the command line (--data), so it cannot be moved from here. Start ReelPilot with another --data folder instead.',
        );
      }
      const result = relocateData({
        raw: database.raw,
        from: ports.paths.dataDir,
        target,
        defaultDir: facts.defaultDataDir,
      });
      ports.logger.info('data folder relocated', {
        target: result.target,
        copiedFiles: result.copiedFiles,
      });
      return {
        ...result,
        restartRequired: true as const,
        message: `Your data was copied to ${result.target}. Restart ReelPilot to use it; the old folder ${ports.paths.dataDir} can be deleted afterwards.`,
      };
    },
    'app:openExternal': async ({ url }) => {
      if (!ports.desktop) return { opened: false };
      await ports.desktop.openExternal(url);
      return { opened: true };
    },
  };
}
