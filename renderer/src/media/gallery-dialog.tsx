import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useRef, useState } from 'react';
import type { ImportReport, MediaItem, MediaKind } from '../../../shared/domain/media';
import { Modal } from '../components/modal';
import { useMedia } from '../stores/media-store';
import { GalleryBrowser } from './gallery-browser';
import styles from './gallery-dialog.module.css';
import { MediaPreview } from './media-preview';
import type { SelectionState } from './selection';
import { UploadPanel } from './upload-panel';

type Tab = 'library' | 'upload';

const tabs: ReadonlyArray<[Tab, string]> = [
  ['library', 'Library'],
  ['upload', 'Add media'],
];

export interface GalleryDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Receives the chosen items, in library order. */
  onConfirm(items: MediaItem[]): void;
  title?: string;
  confirmLabel?: string;
  multiple?: boolean;
  kinds?: readonly MediaKind[];
  initialTab?: Tab;
}

/**
 * The one media picker of the app: configs, batch jobs and audio tracks all choose media here.
 * Radix keeps focus inside while it is open and gives it back when it closes.
 */
export function GalleryDialog(props: GalleryDialogProps) {
  // Opened from any button, not a Radix trigger: focus goes back to whatever opened it.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      size="large"
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
    </Modal>
  );
}

function GalleryDialogBody(props: GalleryDialogProps) {
  const multiple = props.multiple ?? true;
  const { load: loadStats, pick } = useMedia((state) => state.actions);
  const limit = useMedia((state) => state.stats?.uploadLimitBytes ?? null);
  const [tab, setTab] = useState<Tab>(props.initialTab ?? 'library');
  const [selection, setSelection] = useState<SelectionState>({ selected: [], anchor: null });
  const [active, setActive] = useState<MediaItem | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void loadStats();
  }, [loadStats]);

  const count = selection.selected.length;

  const confirm = async () => {
    if (count === 0) return;
    setConfirming(true);
    const items = await pick(selection.selected);
    setConfirming(false);
    if (!items) return;
    props.onConfirm(items);
    props.onOpenChange(false);
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
    <div className={styles.layout}>
      <header className={styles.header}>
        <Dialog.Title>{props.title ?? 'Choose media'}</Dialog.Title>
        <div className={styles.tabs} role="tablist" aria-label="Source">
          {tabs.map(([value, label]) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={tab === value}
              className={styles.tab}
              onClick={() => setTab(value)}
            >
              {label}
            </button>
          ))}
        </div>
        <Dialog.Close className={`ghost ${styles.close}`} aria-label="Close">
          ×
        </Dialog.Close>
      </header>
      <div className={styles.main} role="tabpanel">
        {tab === 'library' ? (
          <>
            <GalleryBrowser
              label="Media library"
              selection={selection}
              onSelectionChange={setSelection}
              multiple={multiple}
              clickMode="pick"
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
          <UploadPanel className={styles.upload} uploadLimitBytes={limit} onDone={afterUpload} />
        )}
      </div>
      <footer className={styles.footer}>
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
