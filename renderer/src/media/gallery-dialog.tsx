import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useRef, useState } from 'react';
import type { ImportReport, MediaItem, MediaKind } from '../../../shared/domain/media';
import { call } from '../api/api-client';
import { reportError } from '../stores/notices-store';
import { GalleryBrowser } from './gallery-browser';
import { MediaPreview } from './media-preview';
import type { SelectionState } from './selection';
import { UploadPanel } from './upload-panel';
import './gallery.css';

export interface GalleryDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Receives the chosen items, in library order. */
  onConfirm(items: MediaItem[]): void;
  title?: string;
  confirmLabel?: string;
  multiple?: boolean;
  kinds?: readonly MediaKind[];
  initialTab?: 'library' | 'upload';
}

/**
 * The one media picker of the app: configs, batch jobs and audio tracks all choose media here.
 * Radix keeps focus inside while it is open and gives it back when it closes.
 */
export function GalleryDialog(props: GalleryDialogProps) {
  // Opened from any button, not a Radix trigger: focus goes back to whatever opened it.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="gallery-dialog"
          aria-describedby={undefined}
          onOpenAutoFocus={() => {
            opener.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          onCloseAutoFocus={(event) => {
            if (!opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
        >
          {props.open && <GalleryDialogBody {...props} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function GalleryDialogBody(props: GalleryDialogProps) {
  const multiple = props.multiple ?? true;
  const [tab, setTab] = useState<'library' | 'upload'>(props.initialTab ?? 'library');
  const [selection, setSelection] = useState<SelectionState>({ selected: [], anchor: null });
  const [active, setActive] = useState<MediaItem | null>(null);
  const [limit, setLimit] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    call('media:stats', {}).then(
      (stats) => setLimit(stats.uploadLimitBytes),
      (error: unknown) => reportError('The library could not be read', error),
    );
  }, []);

  const count = selection.selected.length;

  const confirm = async () => {
    if (count === 0) return;
    setConfirming(true);
    try {
      const { items } = await call('media:getMany', { ids: [...selection.selected] });
      props.onConfirm(items);
      props.onOpenChange(false);
    } catch (error) {
      reportError('The selection could not be used', error);
    } finally {
      setConfirming(false);
    }
  };

  const afterUpload = (report: ImportReport) => {
    const added = [
      ...report.imported.map((i) => i.id),
      ...report.duplicates.map((d) => d.existingId),
    ];
    if (added.length === 0) return;
    // What was just added is what the person most likely wants to pick.
    setSelection((current) => ({
      selected: multiple ? [...new Set([...current.selected, ...added])] : added.slice(0, 1),
      anchor: null,
    }));
  };

  return (
    <div className="gallery-dialog-layout">
      <header className="gallery-dialog-header">
        <Dialog.Title>{props.title ?? 'Choose media'}</Dialog.Title>
        <div className="tabs" role="tablist" aria-label="Source">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'library'}
            className={tab === 'library' ? 'tab on' : 'tab'}
            onClick={() => setTab('library')}
          >
            Library
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'upload'}
            className={tab === 'upload' ? 'tab on' : 'tab'}
            onClick={() => setTab('upload')}
          >
            Add media
          </button>
        </div>
        <Dialog.Close className="ghost" aria-label="Close">
          ×
        </Dialog.Close>
      </header>
      <div className="gallery-dialog-main" role="tabpanel">
        {tab === 'library' ? (
          <>
            <GalleryBrowser
              label="Media library"
              selection={selection}
              onSelectionChange={setSelection}
              multiple={multiple}
              kinds={props.kinds}
              onActiveItem={setActive}
              onActivate={(item) => {
                if (!multiple) {
                  setSelection({ selected: [item.id], anchor: null });
                }
                setActive(item);
              }}
              emptyHint={
                <button type="button" onClick={() => setTab('upload')}>
                  Add media
                </button>
              }
            />
            <MediaPreview item={active} />
          </>
        ) : (
          <UploadPanel uploadLimitBytes={limit} onDone={afterUpload} />
        )}
      </div>
      <footer className="gallery-dialog-footer">
        <span role="status" className="muted">
          {count === 0 ? 'Nothing selected' : `${count} selected`}
        </span>
        {tab === 'upload' && (
          <button type="button" className="secondary" onClick={() => setTab('library')}>
            Back to the library
          </button>
        )}
        <Dialog.Close className="secondary">Cancel</Dialog.Close>
        <button type="button" disabled={count === 0 || confirming} onClick={() => void confirm()}>
          {props.confirmLabel ??
            (multiple ? (count > 0 ? `Use ${count} selected` : 'Use selected') : 'Use this')}
        </button>
      </footer>
    </div>
  );
}
