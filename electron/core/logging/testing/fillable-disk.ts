import * as nodeFs from 'node:fs';
import type { LogFileSystem } from '../file-logger';

/** The real file calls, with a switch that makes opening and writing fail as a full disk does. */
export function fillableDisk(): { disk: { full: boolean }; fileSystem: LogFileSystem } {
  const disk = { full: false };
  const enospc = () =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const fileSystem: LogFileSystem = {
    ...nodeFs,
    writeSync: ((...args: Parameters<typeof nodeFs.writeSync>) => {
      if (disk.full) throw enospc();
      return (nodeFs.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof nodeFs.writeSync,
    openSync: ((...args: Parameters<typeof nodeFs.openSync>) => {
      if (disk.full) throw enospc();
      return nodeFs.openSync(...args);
    }) as typeof nodeFs.openSync,
  };
  return { disk, fileSystem };
}
