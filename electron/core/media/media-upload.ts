import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportReport } from '../../../shared/domain/media';
import { AppError } from '../errors';
import { freeName } from './media-files';
import type { MediaService } from './media-service';

/** A file name from a browser, made safe to create in the library folder. */
export function safeUploadName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  const name = cleaned.replace(/^\.+/, '').slice(-180);
  return name || 'upload';
}

class TooLarge extends Error {}

/**
 * Receives one uploaded file into the library folder and imports it. The body is streamed to a
 * temporary file first, so a cut connection or a file over the limit leaves nothing behind; a
 * duplicate or unusable upload is removed again (it is ReelPilot's own copy).
 */
export async function receiveUpload(options: {
  media: MediaService;
  body: Readable;
  name: string;
  declaredLength: number | null;
  mediaDir: string;
  tempDir: string;
  limitBytes: number;
  tags?: readonly string[];
}): Promise<ImportReport> {
  const name = safeUploadName(options.name);
  const limitText = `${Math.round(options.limitBytes / 1024 / 1024)} MB`;
  if (options.declaredLength !== null && options.declaredLength > options.limitBytes) {
    throw new AppError(
      'BAD_INPUT',
      `${name} is larger than the upload limit of ${limitText}. Copy it to the computer running ReelPilot and import it from there.`,
    );
  }
  await mkdir(options.tempDir, { recursive: true });
  const temp = path.join(
    options.tempDir,
    `upload-${Date.now()}-${Math.random().toString(36).slice(2)}.part`,
  );
  let received = 0;
  const limit = options.limitBytes;
  try {
    await pipeline(
      options.body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          received += chunk.length;
          if (received > limit) throw new TooLarge();
          yield chunk;
        }
      },
      createWriteStream(temp, { flags: 'wx' }),
    );
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof TooLarge) {
      throw new AppError(
        'BAD_INPUT',
        `${name} is larger than the upload limit of ${limitText}. Copy it to the computer running ReelPilot and import it from there.`,
      );
    }
    throw new AppError(
      'UNAVAILABLE',
      `The upload of ${name} was interrupted before it finished. Nothing was added; try again.`,
    );
  }
  if (options.declaredLength !== null && received !== options.declaredLength) {
    await rm(temp, { force: true });
    throw new AppError(
      'UNAVAILABLE',
      `The upload of ${name} was cut short (${received} of ${options.declaredLength} bytes). Try again.`,
    );
  }
  const dir = path.join(options.mediaDir, 'uploads');
  await mkdir(dir, { recursive: true });
  const target = await freeName(dir, name);
  await rename(temp, target);
  let report: ImportReport;
  try {
    report = await options.media.importFiles([target], {
      origin: 'uploaded',
      tags: options.tags ?? [],
    });
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  if (report.imported.length === 0) await rm(target, { force: true });
  // The person knows the file by the name they uploaded, not by where it was stored.
  return {
    ...report,
    duplicates: report.duplicates.map((d) => ({ ...d, path: name })),
    failed: report.failed.map((f) => ({ ...f, path: name })),
  };
}
