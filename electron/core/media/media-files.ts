import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../../shared/domain/media';
import { describeError } from '../errors';

/** SHA-256 of a file's content: how the library recognises the same media under two names. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(hash.digest('hex')));
  });
}

type Failure = ImportReport['failed'][number];

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export function readFailure(file: string, error: unknown): Failure {
  const code = errnoOf(error);
  if (code === 'ENOENT')
    return { path: file, reason: 'not-found', message: `${file} does not exist (any more).` };
  return {
    path: file,
    reason: 'unreadable',
    message:
      code === 'EACCES' || code === 'EPERM'
        ? `${file} cannot be read: permission denied. Give your user read access to it and import it again.`
        : `${file} cannot be read (${describeError(error)}).`,
  };
}

/** Picks a name in `dir` that does not exist yet, keeping the original name when it can. */
export async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = path.basename(name, ext) || 'file';
  for (let n = 0; n < 10_000; n += 1) {
    const candidate = path.join(dir, n === 0 ? stem + ext : `${stem} (${n})${ext}`);
    try {
      await stat(candidate);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return candidate;
      throw error;
    }
  }
  throw new Error(`no free file name for ${name} in ${dir}`);
}
