import { spawn } from 'node:child_process';
import { AppError } from '../errors';

/** Why a render did not finish; the job queue retries `ffmpeg` failures, never `cancelled`. */
export type RenderFailure = 'cancelled' | 'ffmpeg-missing' | 'input' | 'ffmpeg';

export class RenderError extends AppError {
  constructor(
    readonly reason: RenderFailure,
    message: string,
    details?: { stderrTail?: string; exitCode?: number | null },
  ) {
    super(
      reason === 'ffmpeg-missing'
        ? 'UNAVAILABLE'
        : reason === 'input'
          ? 'BAD_INPUT'
          : reason === 'cancelled'
            ? 'CONFLICT'
            : 'INTERNAL',
      message,
      details,
    );
    this.name = 'RenderError';
  }
}

export function isRenderCancelled(error: unknown): boolean {
  return error instanceof RenderError && error.reason === 'cancelled';
}

/** The last lines of ffmpeg's log, which hold the reason of a failure. */
export class StderrTail {
  private text = '';
  constructor(private readonly maxChars = 4000) {}
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.maxChars * 2);
  }
  lines(count = 12): string {
    return this.text
      .split(/\r?\n/)
      .map((line) => line.trimEnd())
      .filter((line) => line.length > 0)
      .slice(-count)
      .join('\n')
      .slice(-this.maxChars);
  }
}

export interface RunOptions {
  ffmpegPath: string;
  args: string[];
  signal?: AbortSignal | undefined;
  /** Receives ffmpeg's stdout (the `-progress pipe:1` stream). */
  onStdout?: (chunk: string) => void;
  /** What the failure message says was being made, e.g. "the video". */
  what: string;
}

/** stderr patterns that mean a source file is missing or unreadable rather than ffmpeg failing. */
const inputProblems = [
  /No such file or directory/i,
  /Invalid data found when processing input/i,
  /could not find codec parameters/i,
  /Permission denied/i,
  /does not contain any stream/i,
  /Stream specifier .* matches no streams/i,
];

/**
 * Runs ffmpeg to completion. Aborting the signal kills ffmpeg at once and rejects with a
 * `cancelled` RenderError after the process has exited, so callers can delete its files safely.
 */
export function runFfmpeg(options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new RenderError('cancelled', `Making ${options.what} was cancelled.`));
      return;
    }
    const tail = new StderrTail();
    const child = spawn(options.ffmpegPath, options.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => options.onStdout?.(chunk));
    child.stderr.on('data', (chunk: string) => tail.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        new RenderError(
          'ffmpeg-missing',
          `ffmpeg could not be started (${error.code ?? error.message}) from ${options.ffmpegPath}. Check the ffmpeg path in Settings.`,
        ),
      );
    });
    child.on('close', (code, signalName) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (cancelled) {
        reject(new RenderError('cancelled', `Making ${options.what} was cancelled.`));
        return;
      }
      if (code === 0) {
        resolve();
        return;
      }
      const stderrTail = tail.lines();
      const isInput = inputProblems.some((pattern) => pattern.test(stderrTail));
      const how =
        code === null ? `was stopped by ${signalName ?? 'a signal'}` : `exited with code ${code}`;
      reject(
        new RenderError(
          isInput ? 'input' : 'ffmpeg',
          isInput
            ? `ffmpeg could not read a source file while making ${options.what}: check that the files exist and open in a media player. ffmpeg said:\n${stderrTail}`
            : `ffmpeg failed while making ${options.what} (it ${how}). ffmpeg said:\n${stderrTail}`,
          { stderrTail, exitCode: code },
        ),
      );
    });
  });
}
