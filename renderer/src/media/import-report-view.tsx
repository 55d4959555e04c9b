import type { ImportReport } from '../../../shared/domain/media';
import styles from './import-report-view.module.css';

/** What an import did, with one line for every file that was not added and why. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const parts = [`${report.imported.length} added`];
  if (report.duplicates.length > 0)
    parts.push(`${report.duplicates.length} already in the library`);
  if (report.failed.length > 0) parts.push(`${report.failed.length} not added`);
  if (report.skipped > 0) parts.push(`${report.skipped} other files skipped`);
  return (
    <div className={styles.report} role="status" aria-label="Import report">
      <p>
        <strong>{parts.join(', ')}.</strong>
      </p>
      {report.failed.length > 0 && (
        <ul className={styles.failures}>
          {report.failed.map((failure) => (
            <li key={failure.path + failure.reason}>
              <span className="error-text">{failure.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
