import { resultSchema } from '../../../shared/contract';
import { importReportSchema, type ImportReport } from '../../../shared/domain/media';
import { api, ApiError, call } from './api-client';

export interface UploadProgress {
  /** Files handed over so far, of `total`. */
  sent: number;
  total: number;
  current: string | null;
}

/** Adds up the reports of several uploads into one, the way one import reports. */
export function mergeReports(reports: ImportReport[]): ImportReport {
  return {
    importId: reports.map((r) => r.importId).join(','),
    imported: reports.flatMap((r) => r.imported),
    duplicates: reports.flatMap((r) => r.duplicates),
    failed: reports.flatMap((r) => r.failed),
    total: reports.reduce((sum, r) => sum + r.total, 0),
    skipped: reports.reduce((sum, r) => sum + r.skipped, 0),
    durationMs: reports.reduce((sum, r) => sum + r.durationMs, 0),
  };
}

async function uploadOne(file: File): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(`/api/media/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiError({
      code: 'UNAVAILABLE',
      message: `${file.name} could not be sent: ReelPilot is not answering. Is it still running?`,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({
      code: 'UNAVAILABLE',
      message: `The upload of ${file.name} got an unreadable answer (${response.status}).`,
    });
  }
  const parsed = resultSchema(importReportSchema).safeParse(body);
  if (!parsed.success)
    throw new ApiError({
      code: 'INTERNAL',
      message: 'The upload answer did not match the contract.',
    });
  if (!parsed.data.ok) throw new ApiError(parsed.data.error);
  return parsed.data.value;
}

/**
 * Brings dropped or picked files into the library. The desktop app knows their real paths and
 * links them where they are; a browser has no paths, so it uploads them to the library folder.
 * One file failing to upload is reported with the others, never stops them.
 */
export async function addFiles(
  files: File[],
  onProgress: (progress: UploadProgress) => void,
  options: { copy?: boolean } = {},
): Promise<ImportReport> {
  const pathFor = api().files?.pathForFile;
  if (pathFor) {
    const paths = files.map((file) => pathFor(file)).filter((p) => p !== '');
    if (paths.length > 0) {
      onProgress({ sent: 0, total: paths.length, current: null });
      return call('media:import', { paths, copy: options.copy ?? false });
    }
  }
  const reports: ImportReport[] = [];
  for (const [index, file] of files.entries()) {
    onProgress({ sent: index, total: files.length, current: file.name });
    try {
      reports.push(await uploadOne(file));
    } catch (error) {
      reports.push({
        importId: `upload-${index}`,
        imported: [],
        duplicates: [],
        failed: [
          {
            path: file.name,
            reason: 'unreadable',
            message: error instanceof Error ? error.message : String(error),
          },
        ],
        total: 1,
        skipped: 0,
        durationMs: 0,
      });
    }
  }
  onProgress({ sent: files.length, total: files.length, current: null });
  return mergeReports(reports);
}
