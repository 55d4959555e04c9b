import { resultSchema } from '../../../shared/contract';
import { importReportSchema, type ImportReport } from '../../../shared/domain/media';
import { api, ApiError, call } from './api-client';

export interface UploadProgress {
  /** Files handed over so far, of `total`. */
  sent: number;
  total: number;
  current: string | null;
  /** Bytes of the current file sent so far, of `bytesTotal` (0 when linking, not uploading). */
  bytesSent: number;
  bytesTotal: number;
}

/** What adding files did: the report, and the uploads that were cut off (to send again). */
export interface AddedFiles {
  report: ImportReport;
  /** Files whose upload did not get through (connection lost, host gone): nothing was kept. */
  interrupted: File[];
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

/** The upload did not get through; the host kept nothing of it, so it can be sent again whole. */
class Interrupted extends ApiError {}

/**
 * One file to the host, with its progress. XMLHttpRequest, because fetch cannot tell how much
 * of a body has been sent. The host sets no overall time limit on an upload, only an idle one,
 * so a large file over a slow link goes through as long as bytes keep moving.
 */
function uploadOne(file: File, onBytes: (sent: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/media/upload?name=${encodeURIComponent(file.name)}`);
    request.withCredentials = true;
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => onBytes(event.loaded);
    const cutOff = () =>
      reject(
        new Interrupted({
          code: 'UNAVAILABLE',
          message: `The upload of ${file.name} was cut off before it finished (the connection dropped or ReelPilot stopped). Nothing of it was kept; send it again.`,
        }),
      );
    request.onerror = cutOff;
    request.onabort = cutOff;
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // A proxy or a stopping host answered without JSON: the upload did not land.
        cutOff();
        return;
      }
      const parsed = resultSchema(importReportSchema).safeParse(body);
      if (!parsed.success) {
        reject(
          new ApiError({
            code: 'INTERNAL',
            message: 'The upload answer did not match the contract.',
          }),
        );
        return;
      }
      if (!parsed.data.ok) reject(new ApiError(parsed.data.error));
      else resolve(parsed.data.value);
    };
    request.send(file);
  });
}

function failedReport(file: File, index: number, error: unknown): ImportReport {
  return {
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
  };
}

/**
 * Brings dropped or picked files into the library. The desktop app knows their real paths and
 * links them where they are; a browser has no paths, so it uploads them to the library folder,
 * one at a time with their progress. One file failing is reported with the others, never stops
 * them; uploads that were cut off come back in `interrupted`, to be sent again.
 */
export async function addFiles(
  files: File[],
  onProgress: (progress: UploadProgress) => void,
  options: { copy?: boolean } = {},
): Promise<AddedFiles> {
  const pathFor = api().files?.pathForFile;
  if (pathFor) {
    const paths = files.map((file) => pathFor(file)).filter((p) => p !== '');
    if (paths.length > 0) {
      onProgress({ sent: 0, total: paths.length, current: null, bytesSent: 0, bytesTotal: 0 });
      const report = await call('media:import', { paths, copy: options.copy ?? false });
      return { report, interrupted: [] };
    }
  }
  const reports: ImportReport[] = [];
  const interrupted: File[] = [];
  for (const [index, file] of files.entries()) {
    const progress = (bytesSent: number) =>
      onProgress({
        sent: index,
        total: files.length,
        current: file.name,
        bytesSent,
        bytesTotal: file.size,
      });
    progress(0);
    try {
      reports.push(await uploadOne(file, progress));
    } catch (error) {
      if (error instanceof Interrupted) interrupted.push(file);
      reports.push(failedReport(file, index, error));
    }
  }
  onProgress({
    sent: files.length,
    total: files.length,
    current: null,
    bytesSent: 0,
    bytesTotal: 0,
  });
  return { report: mergeReports(reports), interrupted };
}
