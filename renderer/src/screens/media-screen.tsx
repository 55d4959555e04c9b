import { useCallback, useState } from 'react';
import type { ImportReport, MediaItem } from '../../../shared/domain/media';
import { isDesktop } from '../api/api-client';
import { cx } from '../components/class-names';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DismissButton } from '../components/dismiss-button';
import { Screen, ScreenHeader } from '../components/screen';
import { Spinner } from '../components/spinner';
import { plural } from '../format';
import { GalleryBrowser } from '../media/gallery-browser';
import { ImportProgressBanner } from '../media/import-progress-banner';
import { ImportReportView } from '../media/import-report-view';
import { MediaPreview } from '../media/media-preview';
import type { SelectionState } from '../media/selection';
import { droppedFolders, UploadPanel } from '../media/upload-panel';
import { WatchedFoldersCard } from '../media/watched-folders-card';
import { useMedia } from '../stores/media-store';
import { useDomain } from '../stores/domain-store';
import { notify, reportError } from '../stores/notices-store';
import styles from './media-screen.module.css';

/** The media library: browse, add, tag, check and pick media. */
export function MediaScreen() {
  const stats = useMedia((state) => state.stats);
  const {
    addFiles,
    verify: verifyFiles,
    tag: tagItems,
    remove: removeItems,
    retryThumbnails: redrawThumbnails,
  } = useMedia((state) => state.actions);
  const [selection, setSelection] = useState<SelectionState>({ selected: [], anchor: null });
  const [active, setActive] = useState<MediaItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [tag, setTag] = useState('');
  const [checking, setChecking] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [dropBusy, setDropBusy] = useState(false);
  const [dropReport, setDropReport] = useState<ImportReport | null>(null);
  const ids = selection.selected;

  useDomain(useMedia);

  // Files dropped straight on the library are added without opening anything first.
  const onDrop = async (event: React.DragEvent) => {
    event.preventDefault();
    setDropping(false);
    if (dropBusy) return;
    const folders = isDesktop() ? [] : droppedFolders(event.dataTransfer);
    const files = [...event.dataTransfer.files].filter((file) => !folders.includes(file.name));
    if (folders.length > 0) {
      reportError(
        'Folders cannot be uploaded from a browser',
        new Error(`${folders.join(', ')}: drop the files inside it, or watch the folder instead.`),
      );
    }
    if (files.length === 0) return;
    setDropBusy(true);
    setDropReport(null);
    try {
      setDropReport((await addFiles(files, () => {})).report);
    } catch (error) {
      reportError('Media could not be added', error);
    } finally {
      setDropBusy(false);
    }
  };

  const onActiveItem = useCallback((item: MediaItem | null) => setActive(item), []);

  const verify = async () => {
    setChecking(true);
    const report = await verifyFiles();
    setChecking(false);
    if (!report) return;
    notify(
      'Files checked',
      `${report.checked} checked. ${report.nowMissing} newly missing, ${report.found} found again.`,
      report.nowMissing > 0 ? 'warning' : 'info',
    );
  };

  const applyTag = async (mode: 'add' | 'remove') => {
    const value = tag.trim();
    if (!value || ids.length === 0) return;
    const updated = await tagItems(ids, {
      add: mode === 'add' ? [value] : [],
      remove: mode === 'remove' ? [value] : [],
    });
    if (updated === null) return;
    notify(
      mode === 'add' ? 'Tag added' : 'Tag removed',
      `“${value}” ${mode === 'add' ? 'added to' : 'removed from'} ${plural(updated, 'item')}.`,
    );
    setTag('');
  };

  const remove = async () => {
    setConfirmRemove(false);
    const removed = await removeItems(ids);
    if (removed === null) return;
    setSelection({ selected: [], anchor: null });
    notify(
      'Removed from the library',
      `${removed} ${removed === 1 ? 'item was' : 'items were'} removed. The files themselves were not deleted.`,
    );
  };

  const retryThumbnails = async () => {
    const queued = await redrawThumbnails(ids);
    if (queued !== null) notify('Thumbnails', `${queued} thumbnails are being redrawn.`);
  };

  return (
    <Screen width="full" labelledBy="media-title">
      <ScreenHeader
        id="media-title"
        title="Media"
        subtitle={
          stats && (
            <span data-testid="media-stats">
              {plural(stats.total, 'item')} · {plural(stats.image, 'picture')} ·{' '}
              {plural(stats.video, 'video')} · {plural(stats.audio, 'sound file')}
              {stats.missing > 0 && <span className="error-text"> · {stats.missing} missing</span>}
            </span>
          )
        }
        actions={
          <>
            <button type="button" onClick={() => setAdding((open) => !open)} aria-expanded={adding}>
              {adding ? 'Close' : 'Add media'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={checking}
              onClick={() => void verify()}
            >
              {checking ? 'Checking…' : 'Check files'}
            </button>
          </>
        }
      />

      <ImportProgressBanner />

      {adding && (
        <div className="card">
          <UploadPanel uploadLimitBytes={stats?.uploadLimitBytes ?? null} />
        </div>
      )}

      {/* Always shown, so selecting never pushes the library down the page. */}
      <div className={cx('card', styles.selectionBar)} role="region" aria-label="Selection">
        <strong className={ids.length === 0 ? 'muted' : undefined}>
          {ids.length === 0 ? 'Nothing selected' : `${ids.length} selected`}
        </strong>
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            void applyTag('add');
          }}
        >
          <input
            aria-label="Tag"
            placeholder="Tag"
            value={tag}
            maxLength={60}
            onChange={(event) => setTag(event.target.value)}
          />
          <button type="submit" disabled={!tag.trim() || ids.length === 0}>
            Add tag
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!tag.trim() || ids.length === 0}
            onClick={() => void applyTag('remove')}
          >
            Remove tag
          </button>
        </form>
        <button
          type="button"
          className="secondary"
          disabled={ids.length === 0}
          onClick={() => void retryThumbnails()}
        >
          Redraw thumbnails
        </button>
        <button
          type="button"
          className="danger"
          disabled={ids.length === 0}
          onClick={() => setConfirmRemove(true)}
        >
          Remove from library…
        </button>
      </div>

      {(dropBusy || dropReport) && (
        <div className={cx('card', styles.notice)}>
          {dropBusy ? (
            <span role="status">
              <Spinner /> Adding the dropped files…
            </span>
          ) : (
            dropReport && <ImportReportView report={dropReport} />
          )}
          {!dropBusy && <DismissButton onClick={() => setDropReport(null)} />}
        </div>
      )}

      <div
        className={cx('card', styles.library, dropping && styles.dropping)}
        data-testid="media-library"
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDropping(true);
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
        }}
        onDrop={(event) => void onDrop(event)}
      >
        <GalleryBrowser
          label="Media library"
          selection={selection}
          onSelectionChange={setSelection}
          onActiveItem={onActiveItem}
          onActivate={setActive}
          emptyHint={
            <button type="button" onClick={() => setAdding(true)}>
              Add media
            </button>
          }
        />
        <MediaPreview item={active} />
      </div>

      <WatchedFoldersCard />

      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${plural(ids.length, 'item')} from the library?`}
        body="Configs will no longer find them. The files stay on your disk; files you uploaded stay in the library folder."
        confirmLabel="Remove"
        onConfirm={() => void remove()}
        onCancel={() => setConfirmRemove(false)}
      />
    </Screen>
  );
}
