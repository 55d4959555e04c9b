import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { ImportReport } from '../../../shared/domain/media';
import { mediaExtensions } from '../../../shared/domain/media';
import { isDesktop } from '../api/api-client';
import type { AddedFiles, UploadProgress } from '../api/upload-media';
import { cx } from '../components/class-names';
import { Spinner } from '../components/spinner';
import { formatBytes, plural } from '../format';
import { useMedia } from '../stores/media-store';
import { reportError } from '../stores/notices-store';
import { ImportReportView } from './import-report-view';
import styles from './upload-panel.module.css';

const accept = Object.values(mediaExtensions).flat().join(',');

/** Names of dropped folders: a browser hands them over as empty files. */
export function droppedFolders(transfer: DataTransfer): string[] {
  const names: string[] = [];
  for (const item of transfer.items) {
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) names.push(entry.name);
  }
  return names;
}

interface UploadPanelProps {
  uploadLimitBytes: number | null;
  onDone?(report: ImportReport): void;
  className?: string;
}

/**
 * Adding media: a drop zone and a file picker; in the desktop app also the system dialog for
 * files and folders. Shows progress while it works (bytes, for a browser's uploads) and the
 * report when it is done; uploads that were cut off can be sent again.
 */
export function UploadPanel({ uploadLimitBytes, onDone, className }: UploadPanelProps) {
  const progress = useMedia((state) => state.importProgress);
  const {
    addFiles,
    choose: choosePaths,
    importPaths,
    subscribe,
  } = useMedia((state) => state.actions);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [interrupted, setInterrupted] = useState<File[]>([]);
  const [copy, setCopy] = useState(false);
  const desktop = isDesktop();

  useEffect(() => subscribe(), [subscribe]);

  const run = async (work: () => Promise<AddedFiles | null>) => {
    setBusy(true);
    setReport(null);
    setInterrupted([]);
    try {
      const result = await work();
      if (result) {
        setReport(result.report);
        setInterrupted(result.interrupted);
        onDone?.(result.report);
      }
    } catch (error) {
      reportError('Media could not be added', error);
    } finally {
      setBusy(false);
      setUpload(null);
    }
  };

  const takeFiles = (files: File[]) => {
    if (files.length === 0) return;
    void run(() => addFiles(files, setUpload, { copy }));
  };

  const choose = (mode: 'files' | 'folder') =>
    void run(async () => {
      const paths = await choosePaths(mode);
      if (paths.length === 0) return null;
      return { report: await importPaths(paths, copy), interrupted: [] };
    });

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (busy) return;
    const folders = droppedFolders(event.dataTransfer);
    if (folders.length > 0 && !desktop) {
      reportError(
        'Folders cannot be uploaded from a browser',
        new Error(
          `${folders.join(', ')}: open the folder and drop the files inside it, or add it as a watched folder on the computer running ReelPilot.`,
        ),
      );
    }
    const files = [...event.dataTransfer.files].filter(
      (file) => desktop || !folders.includes(file.name),
    );
    takeFiles(files);
  };

  return (
    <div className={cx(styles.panel, className)}>
      <div
        className={cx(styles.dropZone, over && styles.over)}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          <strong>Drop pictures, videos and sound here</strong>
        </p>
        <p className="muted small">
          {desktop
            ? copy
              ? 'Each file is copied into the library folder; your originals are left alone.'
              : 'Files stay where they are; ReelPilot links them.'
            : `They are uploaded to the library folder${uploadLimitBytes ? ` (up to ${formatBytes(uploadLimitBytes)} each)` : ''}.`}
        </p>
        <div className={cx('row', styles.buttons)}>
          <button type="button" disabled={busy} onClick={() => input.current?.click()}>
            Choose files…
          </button>
          {desktop && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => choose('folder')}
            >
              Add a folder…
            </button>
          )}
        </div>
        {desktop && (
          <label className={styles.copyOption}>
            <input
              type="checkbox"
              checked={copy}
              onChange={(event) => setCopy(event.target.checked)}
            />{' '}
            Copy into the library folder (keeps working if the originals move or a drive is
            disconnected)
          </label>
        )}
        <input
          ref={input}
          type="file"
          multiple
          accept={accept}
          hidden
          aria-label="Files to add"
          data-testid="upload-input"
          onChange={(event) => {
            takeFiles([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </div>
      {busy && (
        <div className={styles.progress} role="status" aria-live="polite">
          <Spinner />{' '}
          {upload && upload.current
            ? `Uploading ${upload.sent + 1} of ${upload.total}: ${upload.current} (${formatBytes(upload.bytesSent)} of ${formatBytes(upload.bytesTotal)})`
            : progress && progress.phase !== 'done'
              ? progress.phase === 'scanning'
                ? 'Looking through the folders…'
                : `Adding ${progress.done} of ${progress.total}…`
              : 'Adding…'}
          {upload && upload.current && upload.bytesTotal > 0 ? (
            <progress
              value={upload.bytesSent}
              max={upload.bytesTotal}
              aria-label={`Upload of ${upload.current}`}
            />
          ) : (
            progress &&
            progress.total > 0 &&
            progress.phase === 'importing' && (
              <progress value={progress.done} max={progress.total} />
            )
          )}
        </div>
      )}
      {report && <ImportReportView report={report} />}
      {!busy && interrupted.length > 0 && (
        <div className="row">
          <button type="button" onClick={() => takeFiles(interrupted)}>
            Send {plural(interrupted.length, 'cut-off upload')} again
          </button>
        </div>
      )}
    </div>
  );
}
