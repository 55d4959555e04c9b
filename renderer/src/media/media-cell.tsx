import type { CSSProperties, MouseEvent } from 'react';
import type { MediaItem } from '../../../shared/domain/media';
import { cx } from '../components/class-names';
import { formatBytes, formatDuration } from '../format';
import { describeDimensions, kindLabels } from './labels';
import styles from './media-cell.module.css';
import { mediaUrl } from './media-url';
import type { GalleryLayout } from './virtual-grid';

interface MediaCellProps {
  id: string;
  item: MediaItem | undefined;
  layout: GalleryLayout;
  style: CSSProperties;
  selected: boolean;
  active: boolean;
  onClick(event: MouseEvent): void;
  onDoubleClick(): void;
}

export function optionId(id: string): string {
  return `media-option-${id}`;
}

function Thumbnail({ item }: { item: MediaItem }) {
  if (item.thumbnail === 'ready' && !item.missing) {
    return <img src={mediaUrl(item, 'thumbnail')} alt="" loading="lazy" draggable={false} />;
  }
  return (
    <span className={styles.placeholder} aria-hidden="true">
      {item.thumbnail === 'pending' && !item.missing ? '…' : kindLabels[item.kind]}
    </span>
  );
}

/** One item in the grid or the list; a skeleton until its details have arrived. */
export function MediaCell(props: MediaCellProps) {
  const { item, layout } = props;
  const className = cx(
    styles.cell,
    layout === 'grid' ? styles.grid : styles.list,
    props.selected && styles.selected,
    props.active && styles.active,
    item?.missing && styles.missing,
  );
  return (
    <div
      id={optionId(props.id)}
      role="option"
      aria-selected={props.selected}
      aria-label={item ? item.name : 'Loading'}
      className={className}
      style={props.style}
      onClick={props.onClick}
      onDoubleClick={props.onDoubleClick}
    >
      {!item ? (
        <span className={styles.skeleton} aria-hidden="true" />
      ) : layout === 'grid' ? (
        <>
          <span className={styles.thumb}>
            <Thumbnail item={item} />
            {item.durationMs !== null && (
              <span className={styles.label}>{formatDuration(item.durationMs)}</span>
            )}
            {item.missing && <span className={cx(styles.label, styles.warn)}>Missing</span>}
            {props.selected && (
              <span className={styles.check} aria-hidden="true">
                ✓
              </span>
            )}
          </span>
          <span className={styles.name} title={item.path}>
            {item.name}
          </span>
        </>
      ) : (
        <>
          <span className={cx(styles.thumb, styles.thumbSmall)}>
            <Thumbnail item={item} />
          </span>
          <span className={styles.name} title={item.path}>
            {item.name}
            {item.missing && (
              <span className={cx(styles.label, styles.warn, styles.inline)}>Missing</span>
            )}
          </span>
          <span className="muted">{kindLabels[item.kind]}</span>
          <span className="muted">{describeDimensions(item)}</span>
          <span className="muted">{formatDuration(item.durationMs)}</span>
          <span className="muted">{formatBytes(item.size)}</span>
          <span className={cx('muted', styles.tags)}>{item.tags.join(', ')}</span>
        </>
      )}
    </div>
  );
}
