import { createFileLogger } from '../../logging/file-logger';
import { installProcessGuards } from '../process-guards';

// A process with the guards on, as the desktop app and the host run: it meets an unhandled
// rejection and a full disk thrown from a timer, then says it is still alive.
const logger = createFileLogger({ dir: process.argv[2] as string });
installProcessGuards({
  logger,
  onFatal: () => {
    process.stdout.write('fatal\n');
    process.exit(70);
  },
});
void Promise.reject(new Error('nobody listens to this one'));
setTimeout(() => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}, 10);
setTimeout(() => {
  process.stdout.write('alive\n');
  if (process.argv[3] === 'then-a-bug') throw new TypeError('a bug');
  logger.close();
}, 100);
