import { useCallback, useEffect, useState } from 'react';
import type { ImportReport, MediaItem } from '../../../shared/domain/media';
import { api, call } from '../api/api-client';
import { ConfirmDialog } from '../components/confirm-dialog';
import { GalleryBrowser } from '../media/gallery-browser';
import { GalleryDialog } from '../media/gallery-dialog';
import { ImportProgressBanner } from '../media/import-progress-banner';
import { ImportReportView } from '../media/import-report-view';
import { MediaPreview } from '../media/media-preview';
import type { SelectionState } from '../media/selection';
import { droppedFolders, UploadPanel } from '../media/upload-panel';
import { addFiles } from '../media/upload-media';
import { reportError, useNotices } from '../stores/notices-store';
import { WatchedFoldersCard } from '../media/watched-folders-card';
import '../media/gallery.css';

interface Stats {
  total: number;
  image: number;
  video: number;
  audio: number;
  missing: number;
  uploadLimitBytes: number;
}

function useStats(): Stats | null {
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    const load = () =>
      call('media:stats', {}).then(setStats, (error: unknown) =>
        reportError('The library could not be read', error),
      );
    void load();
    return api.on('media:changed', () => void load());
  }, []);
  return stats;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The media library: browse, add, tag, check and pick media. */
export function MediaScreen() {
  const stats = useStats();
  const push = useNotices((state) => state.push);
  const [selection, setSelection] = useState<SelectionState>({ selected: [], anchor: null });
  const [active, setActive] = useState<MediaItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<MediaItem[] | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [tag, setTag] = useState('');
  const [checking, setChecking] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [dropBusy, setDropBusy] = useState(false);
  const [dropReport, setDropReport] = useState<ImportReport | null>(null);
  const ids = selection.selected;

  // Files dropped straight on the library are added without opening anything first.
  const onDrop = async (event: React.DragEvent) => {
    event.preventDefault();
    setDropping(false);
    if (dropBusy) return;
    const folders = api.transport === 'ipc' ? [] : droppedFolders(event.dataTransfer);
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
      setDropReport(await addFiles(files, () => {}));
    } catch (error) {
      reportError('Media could not be added', error);
    } finally {
      setDropBusy(false);
    }
  };

  const onActiveItem = useCallback((item: MediaItem | null) => setActive(item), []);

  const verify = async () => {
    setChecking(true);
    try {
      const report = await call('media:verify', {});
      push({
        level: report.nowMissing > 0 ? 'warning' : 'info',
        title: 'Files checked',
        body: `${report.checked} checked. ${report.nowMissing} newly missing, ${report.found} found again.`,
      });
    } catch (error) {
      reportError('The files could not be checked', error);
    } finally {
      setChecking(false);
    }
  };

  const applyTag = async (mode: 'add' | 'remove') => {
    const value = tag.trim();
    if (!value || ids.length === 0) return;
    try {
      const { updated } = await call('media:tag', {
        ids: [...ids],
        add: mode === 'add' ? [value] : [],
        remove: mode === 'remove' ? [value] : [],
      });
      push({
        level: 'info',
        title: mode === 'add' ? 'Tag added' : 'Tag removed',
        body: `“${value}” ${mode === 'add' ? 'added to' : 'removed from'} ${updated} ${updated === 1 ? 'item' : 'items'}.`,
      });
      setTag('');
    } catch (error) {
      reportError('Tags were not changed', error);
    }
  };

  const remove = async () => {
    setConfirmRemove(false);
    try {
      const { removed } = await call('media:remove', { ids: [...ids] });
      setSelection({ selected: [], anchor: null });
      push({
        level: 'info',
        title: 'Removed from the library',
        body: `${removed} ${removed === 1 ? 'item was' : 'items were'} removed. The files themselves were not deleted.`,
      });
    } catch (error) {
      reportError('Nothing was removed', error);
    }
  };

  const retryThumbnails = async () => {
    try {
      const { queued } = await call('media:retryThumbnails', { ids: [...ids] });
      push({ level: 'info', title: 'Thumbnails', body: `${queued} thumbnails are being redrawn.` });
    } catch (error) {
      reportError('Thumbnails could not be redrawn', error);
    }
  };

  return (
    <section className="screen wide" aria-labelledby="media-title">
      <header className="screen-header media-header">
        <div>
          <h1 id="media-title">Media</h1>
          {stats && (
            <p className="muted small" data-testid="media-stats">
              {plural(stats.total, 'item')} · {plural(stats.image, 'picture')} ·{' '}
              {plural(stats.video, 'video')} · {plural(stats.audio, 'sound file')}
              {stats.missing > 0 && <span className="error-text"> · {stats.missing} missing</span>}
            </p>
          )}
        </div>
        <div className="row">
          <button type="button" onClick={() => setAdding((open) => !open)} aria-expanded={adding}>
            {adding ? 'Close' : 'Add media'}
          </button>
          <button type="button" className="secondary" onClick={() => setPicking(true)}>
            Pick media…
          </button>
          <button
            type="button"
            className="secondary"
            disabled={checking}
            onClick={() => void verify()}
          >
            {checking ? 'Checking…' : 'Check files'}
          </button>
        </div>
      </header>

      <ImportProgressBanner />

      {adding && (
        <div className="card">
          <UploadPanel uploadLimitBytes={stats?.uploadLimitBytes ?? null} />
        </div>
      )}

      {picked && (
        <div className="card picked" role="status" aria-label="Picked media">
          <strong>{picked.length} selected</strong> with the picker:{' '}
          {picked.map((item) => item.name).join(', ')}
          <button
            type="button"
            className="ghost"
            aria-label="Dismiss"
            onClick={() => setPicked(null)}
          >
            ×
          </button>
        </div>
      )}

      {/* Always shown, so selecting never pushes the library down the page. */}
      <div className="selection-bar card" role="region" aria-label="Selection">
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
        <div className="card picked">
          {dropBusy ? (
            <span role="status">
              <span className="spinner" aria-hidden="true" /> Adding the dropped files…
            </span>
          ) : (
            dropReport && <ImportReportView report={dropReport} />
          )}
          {!dropBusy && (
            <button
              type="button"
              className="ghost"
              aria-label="Dismiss"
              onClick={() => setDropReport(null)}
            >
              ×
            </button>
          )}
        </div>
      )}

      <div
        className={dropping ? 'media-library card dropping' : 'media-library card'}
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

      <GalleryDialog
        open={picking}
        onOpenChange={setPicking}
        title="Pick media"
        onConfirm={(items) => {
          setPicked(items);
          setSelection({ selected: items.map((item) => item.id), anchor: null });
        }}
      />
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${ids.length} ${ids.length === 1 ? 'item' : 'items'} from the library?`}
        body="Configs will no longer find them. The files stay on your disk; files you uploaded stay in the library folder."
        confirmLabel="Remove"
        onConfirm={() => void remove()}
        onCancel={() => setConfirmRemove(false)}
      />
    </section>
  );
}
