import { useRef, useState } from 'react';
import { cx } from '../components/class-names';
import styles from './batch.module.css';

/** A file's text (UTF-8; a BOM is dropped), through FileReader, which every browser has. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read.`));
    reader.readAsText(file);
  });
}

/** Where a CSV file is dropped or chosen; hands over its name and text. */
export function CsvDropZone({
  onFile,
}: {
  onFile(file: { fileName: string; text: string }): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const take = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 10 * 1024 * 1024) {
      setError(`${file.name} is larger than 10 MB. Split it into smaller files.`);
      return;
    }
    setError(null);
    try {
      onFile({ fileName: file.name, text: await readText(file) });
    } catch (failure) {
      setError(
        `${file.name} could not be read: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    }
  };
  return (
    <div
      className={cx(styles.dropZone, over && styles.over)}
      data-testid="csv-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        void take(event.dataTransfer.files[0]);
      }}
    >
      <p>Drop a CSV file of posts here</p>
      <button type="button" className="secondary" onClick={() => input.current?.click()}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file"
        className="visually-hidden"
        onChange={(event) => {
          void take(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <small className="muted">
        Columns: scheduled_at, account, platform, media or config (a config renders the video),
        caption, title, hashtags, privacy, external_id. Commas or semicolons; Excel’s UTF-8 files
        work as saved.
      </small>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}
