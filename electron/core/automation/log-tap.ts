import { saysDiskFull } from '../errors';
import type { LogFields, Logger } from '../ports';

/**
 * The logger the watched modules get: it passes everything on, and tells the disk watch when a
 * warning or an error names a full disk. Every module already logs its failures with the error's
 * words (`describeError`), so the job queue, the scheduler, the uploads and the IPC registry are
 * all heard without a hook into any of them.
 */
export function tapLogger(inner: Logger, onDiskFull: (message: string) => void): Logger {
  const heard = (message: string, fields: LogFields | undefined) => {
    if (!fields) return;
    for (const value of Object.values(fields)) {
      if (typeof value === 'string' && saysDiskFull(value)) {
        onDiskFull(message);
        return;
      }
    }
  };
  return {
    debug: (message, fields) => inner.debug(message, fields),
    info: (message, fields) => inner.info(message, fields),
    warn(message, fields) {
      inner.warn(message, fields);
      heard(message, fields);
    },
    error(message, fields) {
      inner.error(message, fields);
      heard(message, fields);
    },
    child: (bindings) => tapLogger(inner.child(bindings), onDiskFull),
  };
}
