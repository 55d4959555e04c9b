import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { CsvPreview } from '../../../shared/domain/batch';
import { Modal } from '../components/modal';
import { plural } from '../format';
import { messageOf } from '../stores/domain-store';
import { useBatches } from '../stores/batch-store';
import styles from './batch.module.css';
import { CsvDropZone } from './csv-drop-zone';
import { CsvPreviewTable } from './csv-preview-table';
import { StartField, fromLocalInput } from './start-field';

/** Import a CSV of posts: drop the file, read the row preview, import the valid rows. */
export function CsvImportDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} size="large" aria-describedby={undefined}>
      {open && <CsvImportBody onDone={() => onOpenChange(false)} />}
    </Modal>
  );
}

function CsvImportBody({ onDone }: { onDone(): void }) {
  const { previewCsv, importCsv, open } = useBatches((state) => state.actions);
  const [file, setFile] = useState<{ fileName: string; text: string } | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [concurrency, setConcurrency] = useState(2);
  const [start, setStart] = useState('');
  const [importing, setImporting] = useState(false);

  const check = async (next: { fileName: string; text: string }) => {
    setFile(next);
    setPreview(null);
    setError(null);
    setChecking(true);
    setName(next.fileName.replace(/\.csv$/i, ''));
    try {
      setPreview(await previewCsv(next));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setChecking(false);
    }
  };

  const submit = async () => {
    if (!file) return;
    setImporting(true);
    const startAt = fromLocalInput(start);
    const outcome = await importCsv({
      ...file,
      ...(name.trim() ? { name: name.trim() } : {}),
      concurrency,
      startAt,
    });
    setImporting(false);
    if (!outcome.ok) return;
    if (outcome.value.batch) {
      onDone();
      await open(outcome.value.batch.id);
    } else setPreview(outcome.value.preview);
  };

  const ready = preview && !preview.fileError ? preview.validRows : 0;
  return (
    <>
      <Dialog.Title>Import posts from a CSV file</Dialog.Title>
      <div className={styles.dialogBody}>
        <CsvDropZone onFile={(next) => void check(next)} />
        {checking && <p role="status">Checking {file?.fileName}…</p>}
        {error && (
          <p className="error-text" role="alert">
            The file could not be checked: {error}
          </p>
        )}
        {preview?.fileError && (
          <p className="error-text" role="alert">
            {preview.fileError}
          </p>
        )}
        {preview && !preview.fileError && <CsvPreviewTable preview={preview} />}
        {preview && ready > 0 && (
          <div className="row">
            <label className="field">
              <span>Batch name</span>
              <input
                value={name}
                onChange={(event) => setName(event.target.value)}
                maxLength={120}
              />
            </label>
            <label className="field">
              <span>Items at a time</span>
              <input
                type="number"
                min={1}
                max={20}
                value={concurrency}
                onChange={(event) =>
                  setConcurrency(Math.min(20, Math.max(1, Number(event.target.value) || 1)))
                }
              />
            </label>
            <StartField value={start} onChange={setStart} />
          </div>
        )}
      </div>
      <div className="form-actions">
        <button
          type="button"
          disabled={!preview || ready === 0 || importing}
          onClick={() => void submit()}
        >
          {importing
            ? 'Importing…'
            : ready > 0
              ? `Import ${plural(ready, 'row')}`
              : 'Nothing to import'}
        </button>
        <Dialog.Close asChild>
          <button type="button" className="secondary">
            Close
          </button>
        </Dialog.Close>
      </div>
    </>
  );
}
