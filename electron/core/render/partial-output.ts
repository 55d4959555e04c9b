import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * ffmpeg writes here and the file is renamed to its real name only on success, so a crash or a
 * cancel never leaves a half-written video under the name an upload would pick up. The name sits
 * beside the output, so the rename never crosses file systems.
 */
export function partialPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  return path.join(dir, `.${path.basename(outputPath)}.${randomBytes(4).toString('hex')}.part`);
}
