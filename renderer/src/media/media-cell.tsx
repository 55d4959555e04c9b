import type { CSSProperties, MouseEvent } from 'react';
import type { MediaItem } from '../../../shared/domain/media';
import { describeDimensions, formatBytes, formatDuration, kindLabels } from '../format';
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
    <span className={`thumb-placeholder kind-${item.kind}`} aria-hidden="true">
      {item.thumbnail === 'pending' && !item.missing ? '…' : kindLabels[item.kind]}
    </span>
  );
}

/** One item in the grid or the list; a skeleton until its details have arrived. */
export function MediaCell(props: MediaCellProps) {
  const { item, layout } = props;
  const className = [
    'media-cell',
    `media-cell-${layout}`,
    props.selected ? 'selected' : '',
    props.active ? 'active' : '',
    item?.missing ? 'missing' : '',
  ]
    .filter(Boolean)
    .join(' ');
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
        <span className="media-cell-skeleton" aria-hidden="true" />
      ) : layout === 'grid' ? (
        <>
          <span className="media-thumb">
            <Thumbnail item={item} />
            {item.durationMs !== null && (
              <span className="media-badge">{formatDuration(item.durationMs)}</span>
            )}
            {item.missing && <span className="media-badge warn">Missing</span>}
            {props.selected && (
              <span className="media-check" aria-hidden="true">
                ✓
              </span>
            )}
          </span>
          <span className="media-name" title={item.path}>
            {item.name}
          </span>
        </>
      ) : (
        <>
          <span className="media-thumb small">
            <Thumbnail item={item} />
          </span>
          <span className="media-name" title={item.path}>
            {item.name}
            {item.missing && <span className="media-badge warn inline">Missing</span>}
          </span>
          <span className="muted">{kindLabels[item.kind]}</span>
          <span className="muted">{describeDimensions(item)}</span>
          <span className="muted">{formatDuration(item.durationMs)}</span>
          <span className="muted">{formatBytes(item.size)}</span>
          <span className="muted media-tags">{item.tags.join(', ')}</span>
        </>
      )}
    </div>
  );
}
