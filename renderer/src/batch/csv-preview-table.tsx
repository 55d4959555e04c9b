import type { CsvPreview } from '../../../shared/domain/batch';
import { platformNames } from '../../../shared/domain/platforms';
import { Badge } from '../components/badge';
import { formatShortDateTime, plural } from '../format';
import styles from './batch.module.css';

/** A line per row of the file: ok, already imported, or what is wrong in words. */
export function CsvPreviewTable({ preview }: { preview: CsvPreview }) {
  return (
    <>
      <p data-testid="csv-summary">
        {plural(preview.rows.length, 'row')} read from {preview.fileName}:{' '}
        {plural(preview.validRows, 'row')} ready to import
        {preview.invalidRows > 0 &&
          `, ${plural(preview.invalidRows, 'row')} with errors (left out)`}
        {preview.duplicateRows > 0 &&
          `, ${plural(preview.duplicateRows, 'row')} imported before (nothing new)`}
        .
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Rows of the file">
          <thead>
            <tr>
              <th>Row</th>
              <th>Check</th>
              <th>Accounts</th>
              <th>Media</th>
              <th>When</th>
              <th>Caption</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.rowNumber} data-testid="csv-row" data-ok={row.ok}>
                <td>{row.rowNumber}</td>
                <td>
                  {!row.ok ? (
                    <>
                      <Badge tone="danger">Error</Badge>
                      <ul className={styles.errors}>
                        {row.errors.map((error) => (
                          <li key={error}>{error}</li>
                        ))}
                      </ul>
                    </>
                  ) : row.duplicate ? (
                    <Badge tone="neutral">Imported before</Badge>
                  ) : (
                    <Badge tone="ok">OK</Badge>
                  )}
                  {row.warnings.length > 0 && (
                    <ul className={styles.warnings}>
                      {row.warnings.map((warning) => (
                        <li key={warning}>{warning}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {row.accounts.join(', ') || '—'}
                  {row.platform && <div className="muted small">{platformNames[row.platform]}</div>}
                </td>
                <td className={styles.caption}>{row.media || '—'}</td>
                <td>
                  {row.scheduledAt === null
                    ? 'Next free slot'
                    : formatShortDateTime(row.scheduledAt)}
                </td>
                <td className={styles.caption} title={row.caption}>
                  {row.caption}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
