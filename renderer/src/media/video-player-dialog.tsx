import * as Dialog from '@radix-ui/react-dialog';
import type { MediaItem } from '../../../shared/domain/media';
import { Modal } from '../components/modal';
import styles from './video-player-dialog.module.css';
import { mediaUrl } from './media-url';

/**
 * A rendered video played at a size a vertical video can be judged at, in a dialog: from a
 * post's card or a run's history. Says so when the file left the library or its folder.
 */
export function VideoPlayerDialog({
  item,
  title,
  path,
  open,
  onOpenChange,
}: {
  /** The library's item for the file; null when the library no longer has it. */
  item: MediaItem | null;
  title: string;
  /** The file's path, named when it cannot be played. */
  path: string;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  return (
    <Modal open={open} onOpenChange={onOpenChange} size="medium">
      <Dialog.Title>{title}</Dialog.Title>
      <Dialog.Description className="muted small">{path}</Dialog.Description>
      <div className={styles.stage}>
        {item === null ? (
          <p className="error-text" role="note">
            This video is no longer in the media library, so it cannot be played here. Import {path}{' '}
            again to see it.
          </p>
        ) : item.missing ? (
          <p className="error-text" role="note">
            The file is missing from its folder. Move it back to {item.path} to play it.
          </p>
        ) : (
          <video
            className={styles.video}
            src={mediaUrl(item, 'file')}
            controls
            autoPlay
            playsInline
            aria-label={title}
            data-testid="video-player"
          />
        )}
      </div>
      <div className="form-actions">
        <Dialog.Close asChild>
          <button type="button" className="secondary">
            Close
          </button>
        </Dialog.Close>
      </div>
    </Modal>
  );
}
