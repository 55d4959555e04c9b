import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { CsvPreview } from '../../../shared/domain/batch';
import { plural } from '../format';
import { messageOf } from '../stores/domain-store';
import { useBatches } from '../stores/batch-store';
import {
  BatchDialog,
  BatchDialogActions,
  BatchNameField,
  ConcurrencyField,
  useBatchCreation,
} from './batch-dialog-parts';
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
    <BatchDialog open={open} onOpenChange={onOpenChange}>
      {(done) => <CsvImportBody onDone={done} />}
    </BatchDialog>
  );
}

function CsvImportBody({ onDone }: { onDone(): void }) {
  const { previewCsv, importCsv } = useBatches((state) => state.actions);
  const { creating: importing, create } = useBatchCreation(onDone);
  const [file, setFile] = useState<{ fileName: string; text: string } | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [concurrency, setConcurrency] = useState(2);
  const [start, setStart] = useState('');

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

  const submit = (chosen: { fileName: string; text: string }) =>
    create(async () => {
      const outcome = await importCsv({
        ...chosen,
        ...(name.trim() ? { name: name.trim() } : {}),
        concurrency,
        startAt: fromLocalInput(start),
      });
      if (!outcome.ok) return null;
      // Every row was already imported: the preview says so, and nothing is made.
      if (!outcome.value.batch) setPreview(outcome.value.preview);
      return outcome.value.batch?.id ?? null;
    });

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
            <BatchNameField value={name} onChange={setName} />
            <ConcurrencyField
              label="Items at a time"
              value={concurrency}
              onChange={setConcurrency}
            />
            <StartField value={start} onChange={setStart} />
          </div>
        )}
      </div>
      <BatchDialogActions
        label={
          importing
            ? 'Importing…'
            : ready > 0
              ? `Import ${plural(ready, 'row')}`
              : 'Nothing to import'
        }
        disabled={!preview || ready === 0 || importing}
        onCreate={() => file && void submit(file)}
      />
    </>
  );
}
