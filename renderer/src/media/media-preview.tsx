import type { MediaItem } from '../../../shared/domain/media';
import { cx } from '../components/class-names';
import { formatBytes, formatDateTime, formatDuration } from '../format';
import { describeDimensions, kindLabels } from './labels';
import styles from './media-preview.module.css';
import { mediaUrl } from './media-url';

/** A player for the item and what the library knows about it. */
export function MediaPreview({ item }: { item: MediaItem | null }) {
  if (!item) {
    return (
      <aside className={cx(styles.preview, styles.empty)} aria-label="Preview">
        <p className="muted">Choose an item to preview it here.</p>
      </aside>
    );
  }
  const url = mediaUrl(item, 'file');
  const facts: Array<[string, string]> = [
    ['Kind', kindLabels[item.kind]],
    ['Size', formatBytes(item.size)],
  ];
  const dims = describeDimensions(item);
  if (dims) facts.push(['Dimensions', dims]);
  if (item.durationMs !== null) facts.push(['Length', formatDuration(item.durationMs)]);
  if (item.frameRate) facts.push(['Frame rate', `${item.frameRate} fps`]);
  if (item.rotation) facts.push(['Rotation', `${item.rotation}°`]);
  const codecs = [item.videoCodec, item.audioCodec].filter(Boolean).join(' + ');
  if (codecs) facts.push(['Codecs', codecs]);
  if (item.tags.length > 0) facts.push(['Tags', item.tags.join(', ')]);
  facts.push(['Added', formatDateTime(item.importedAt)]);
  return (
    <aside className={styles.preview} aria-label="Preview">
      <div className={styles.player}>
        {item.missing ? (
          <p className="error-text" role="note">
            This file is missing from {item.path}. Reconnect the drive or move the file back, then
            choose “Check files”.
          </p>
        ) : item.kind === 'image' ? (
          <img src={url} alt={item.name} />
        ) : item.kind === 'video' ? (
          <video key={item.id} src={url} controls preload="metadata" aria-label={item.name} />
        ) : (
          <>
            {item.thumbnail === 'ready' && <img src={mediaUrl(item, 'thumbnail')} alt="" />}
            <audio key={item.id} src={url} controls preload="metadata" aria-label={item.name} />
          </>
        )}
      </div>
      <h3 className={styles.name}>{item.name}</h3>
      <dl className={styles.facts}>
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className={cx('muted small', styles.path)} title={item.path}>
        {item.path}
      </p>
      {item.thumbnail === 'failed' && item.thumbnailError && (
        <p className="muted small">No thumbnail: {item.thumbnailError}</p>
      )}
    </aside>
  );
}
