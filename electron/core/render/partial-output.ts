import { randomBytes } from 'node:crypto';
import { link, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RenderError } from './ffmpeg-process';

/**
 * ffmpeg writes here and the file is renamed to its real name only on success, so a crash or a
 * cancel never leaves a half-written video under the name an upload would pick up. The name sits
 * beside the output, so the rename never crosses file systems.
 */
export function partialPathFor(outputPath: string): string {
  const dir = path.dirname(outputPath);
  return path.join(dir, `.${path.basename(outputPath)}.${randomBytes(4).toString('hex')}.part`);
}

/**
 * Gives the finished file its real name without ever replacing a file already there: an upload
 * may be reading a video under that name. `link` fails when the name exists; where links are
 * not supported (some external drives) the name is checked and then renamed.
 */
export async function publishOutput(partial: string, outputPath: string): Promise<void> {
  try {
    await link(partial, outputPath);
    await rm(partial, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existing(outputPath);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV')
      throw error;
  }
  const taken = await stat(outputPath).then(
    () => true,
    () => false,
  );
  if (taken) throw existing(outputPath);
  await rename(partial, outputPath);
}

function existing(outputPath: string): RenderError {
  return new RenderError(
    'input',
    `A file named ${path.basename(outputPath)} already exists in ${path.dirname(outputPath)}; ReelPilot never replaces a rendered video (a post may be uploading it). Render again to get a new file.`,
  );
}
