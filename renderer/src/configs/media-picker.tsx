import { useState } from 'react';
import type { MediaItem, MediaKind } from '../../../shared/domain/media';
import { formatDuration } from '../format';
import { GalleryDialog } from '../media/gallery-dialog';
import { mediaUrl } from '../media/media-url';
import { useMediaItems } from '../media/use-media-items';
import styles from './media-picker.module.css';

const visualKinds: readonly MediaKind[] = ['image', 'video'];
const audioKinds: readonly MediaKind[] = ['audio'];

function Thumb({ item }: { item: MediaItem }) {
  return item.thumbnail === 'ready' ? (
    <img src={mediaUrl(item, 'thumbnail')} alt="" loading="lazy" />
  ) : (
    <span className={styles.placeholder} aria-hidden="true">
      {item.kind === 'video' ? '▶' : item.kind === 'audio' ? '♪' : '▣'}
    </span>
  );
}

/** The media picked one by one for a config: thumbnails, names, and a way to remove each. */
export function LibraryMediaPicker({
  selected,
  onChange,
}: {
  selected: string[];
  onChange(ids: string[]): void;
}) {
  const [open, setOpen] = useState(false);
  const items = useMediaItems(selected);
  return (
    <div className={styles.picked}>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {selected.length === 0 ? 'Pick media…' : 'Pick more media…'}
      </button>
      {selected.length > 0 && (
        <ul className={styles.list} aria-label="Picked media">
          {selected.map((id) => {
            const item = items?.get(id);
            const name = item?.name ?? (items ? 'Removed from the library' : 'Loading…');
            return (
              <li key={id} className={styles.item} data-testid="picked-item">
                {item ? <Thumb item={item} /> : <span className={styles.placeholder} />}
                <span className={styles.name} title={item?.path ?? id}>
                  {name}
                  {item?.missing && <small className="error-text"> · file missing</small>}
                </span>
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Remove ${name}`}
                  onClick={() => onChange(selected.filter((other) => other !== id))}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <GalleryDialog
        open={open}
        onOpenChange={setOpen}
        kinds={visualKinds}
        title="Pick photos and videos"
        onConfirm={(chosen) => {
          const added = chosen.map((item) => item.id).filter((id) => !selected.includes(id));
          onChange([...selected, ...added]);
        }}
      />
    </div>
  );
}

/** One soundtrack chosen from the library's audio. */
export function AudioTrackPicker({
  id,
  mediaId,
  onChange,
  describedBy,
}: {
  /** The field's id: it names the current track (the button keeps its own words). */
  id: string;
  mediaId: string;
  onChange(id: string): void;
  describedBy?: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const items = useMediaItems(mediaId ? [mediaId] : []);
  const track = mediaId ? items?.get(mediaId) : undefined;
  return (
    <div className={styles.picked}>
      <span data-testid="audio-track" id={id}>
        {!mediaId
          ? 'No track chosen.'
          : track
            ? `${track.name}${track.durationMs !== null ? ` (${formatDuration(track.durationMs)})` : ''}`
            : items
              ? 'The chosen track is no longer in the library.'
              : 'Loading…'}
      </span>
      <button
        type="button"
        className="secondary"
        aria-describedby={[id, describedBy].filter(Boolean).join(' ')}
        onClick={() => setOpen(true)}
      >
        {mediaId ? 'Change track…' : 'Choose track…'}
      </button>
      <GalleryDialog
        open={open}
        onOpenChange={setOpen}
        kinds={audioKinds}
        multiple={false}
        title="Choose a soundtrack"
        onConfirm={(chosen) => {
          const [first] = chosen;
          if (first) onChange(first.id);
        }}
      />
    </div>
  );
}
