import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { LogFields, Logger } from '../ports';

type Level = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  level?: Level;
  clock?: () => number;
  /** Also write each line to stderr (headless mode, development). */
  echo?: boolean;
}

interface Sink {
  write(line: string): void;
  close(): void;
}

/**
 * JSON lines, one object per event, rotated by size: `reelpilot.log`, then `.1` … `.keep`.
 * Writes are synchronous so that the last lines before a crash are on disk.
 */
function createRotatingSink(
  options: Required<Pick<FileLoggerOptions, 'dir' | 'fileName' | 'maxBytes' | 'keep'>>,
): Sink {
  mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, options.fileName);
  let fd = openSync(file, 'a');
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = () => {
    closeSync(fd);
    const oldest = `${file}.${options.keep}`;
    if (existsSync(oldest)) unlinkSync(oldest);
    for (let index = options.keep - 1; index >= 1; index -= 1) {
      const from = `${file}.${index}`;
      if (existsSync(from)) renameSync(from, `${file}.${index + 1}`);
    }
    renameSync(file, `${file}.1`);
    fd = openSync(file, 'a');
    size = 0;
  };

  return {
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > options.maxBytes) rotate();
      writeSync(fd, line);
      size += bytes;
    },
    close() {
      closeSync(fd);
    },
  };
}

export interface ClosableLogger extends Logger {
  close(): void;
}

export function createFileLogger(options: FileLoggerOptions): ClosableLogger {
  const sink = createRotatingSink({
    dir: options.dir,
    fileName: options.fileName ?? 'reelpilot.log',
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    keep: options.keep ?? 5,
  });
  const minimum = levelRank[options.level ?? 'info'];
  const now = options.clock ?? Date.now;
  let closed = false;

  const make = (bindings: LogFields): Logger => {
    const log = (level: Level, message: string, fields?: LogFields) => {
      if (closed || levelRank[level] < minimum) return;
      const entry = { time: new Date(now()).toISOString(), level, message, ...bindings, ...fields };
      let line: string;
      try {
        line = JSON.stringify(entry) + '\n';
      } catch {
        line =
          JSON.stringify({
            time: entry.time,
            level,
            message,
            note: 'fields were not serialisable',
          }) + '\n';
      }
      sink.write(line);
      if (options.echo) process.stderr.write(line);
    };
    return {
      debug: (message, fields) => log('debug', message, fields),
      info: (message, fields) => log('info', message, fields),
      warn: (message, fields) => log('warn', message, fields),
      error: (message, fields) => log('error', message, fields),
      child: (more) => make({ ...bindings, ...more }),
    };
  };

  return Object.assign(make({}), {
    close() {
      if (closed) return;
      closed = true;
      sink.close();
    },
  });
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
