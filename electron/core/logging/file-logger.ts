import * as nodeFs from 'node:fs';
import path from 'node:path';
import type { LogFields, Logger } from '../ports';

type Level = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The few file calls the logger makes; tests pass their own to make the disk fail. */
export type LogFileSystem = Pick<
  typeof nodeFs,
  | 'closeSync'
  | 'existsSync'
  | 'mkdirSync'
  | 'openSync'
  | 'renameSync'
  | 'statSync'
  | 'unlinkSync'
  | 'writeSync'
>;

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
  fileSystem?: LogFileSystem;
}

interface Sink {
  write(line: string): void;
  close(): void;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * JSON lines, one object per event, rotated by size: `reelpilot.log`, then `.1` … `.keep`.
 * Writes are synchronous so that the last lines before a crash are on disk.
 *
 * Logging never throws: a logger is called from `.catch` handlers, and a throw there (a full
 * disk) would be an unhandled rejection that ends the process. A line that cannot be written
 * is counted, and the first line written afterwards is preceded by how many were lost and why.
 * The folder is created for its owner only (0700), the files likewise (0600).
 */
function createRotatingSink(
  options: Required<Pick<FileLoggerOptions, 'dir' | 'fileName' | 'maxBytes' | 'keep'>> & {
    fs: LogFileSystem;
    clock: () => number;
  },
): Sink {
  const { fs } = options;
  const file = path.join(options.dir, options.fileName);
  let fd: number | null = null;
  let size = 0;
  let lost = 0;
  let lostBecause = '';

  const open = (): number => {
    if (fd !== null) return fd;
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const opened = fs.openSync(file, 'a', 0o600);
    fd = opened;
    size = fs.statSync(file).size;
    return opened;
  };
  const closeQuietly = () => {
    if (fd === null) return;
    try {
      fs.closeSync(fd);
    } catch {
      // Closing a file we could not write to: nothing more to do.
    }
    fd = null;
  };
  const rotate = () => {
    closeQuietly();
    const oldest = `${file}.${options.keep}`;
    if (fs.existsSync(oldest)) fs.unlinkSync(oldest);
    for (let index = options.keep - 1; index >= 1; index -= 1) {
      const from = `${file}.${index}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${index + 1}`);
    }
    fs.renameSync(file, `${file}.1`);
    size = 0;
  };
  const append = (line: string) => {
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > options.maxBytes) rotate();
    fs.writeSync(open(), line);
    size += bytes;
  };

  try {
    open();
  } catch {
    // The disk may be full or the folder unwritable at start: each write tries again.
    closeQuietly();
  }

  return {
    write(line) {
      try {
        if (lost > 0) {
          append(
            JSON.stringify({
              time: new Date(options.clock()).toISOString(),
              level: 'warn',
              message: 'log lines lost: the log file could not be written',
              lost,
              reason: lostBecause,
            }) + '\n',
          );
          lost = 0;
        }
        append(line);
      } catch (error) {
        lost += 1;
        lostBecause = codeOf(error);
        // The descriptor may be what broke (a removed folder): open afresh next time.
        closeQuietly();
      }
    },
    close() {
      closeQuietly();
    },
  };
}

export interface ClosableLogger extends Logger {
  close(): void;
}

export function createFileLogger(options: FileLoggerOptions): ClosableLogger {
  const now = options.clock ?? Date.now;
  const sink = createRotatingSink({
    dir: options.dir,
    fileName: options.fileName ?? 'reelpilot.log',
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    keep: options.keep ?? 5,
    fs: options.fileSystem ?? nodeFs,
    clock: now,
  });
  const minimum = levelRank[options.level ?? 'info'];
  let closed = false;

  const make = (bindings: LogFields): Logger => {
    const log = (level: Level, message: string, fields?: LogFields) => {
      if (closed || levelRank[level] < minimum) return;
      const time = new Date(now()).toISOString();
      let line: string;
      try {
        const entry = {
          time,
          level,
          message,
          ...bindings,
          ...fields,
        };
        line = JSON.stringify(entry) + '\n';
      } catch {
        line =
          JSON.stringify({
            time,
            level,
            message,
            note: 'fields were not serialisable',
          }) + '\n';
      }
      sink.write(line);
      if (options.echo) {
        try {
          process.stderr.write(line);
        } catch {
          // A closed terminal must not stop the engine; the file has the line.
        }
      }
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
