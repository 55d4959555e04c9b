import { useEffect, useState } from 'react';
import type { MediaItem } from '../../../shared/domain/media';
import { mediaUrl } from '../media/media-url';
import { VideoPlayerDialog } from '../media/video-player-dialog';
import { useConfigs } from '../stores/configs-store';
import { messageOf } from '../stores/domain-store';
import styles from './rendered-video.module.css';

/**
 * A rendered video of a run, found in the media library by the path the run recorded: a link to
 * the file and a player in a dialog, big enough to judge it. Said in words when the video has
 * left the library.
 */
export function RenderedVideo({
  path,
  label,
  title,
}: {
  path: string;
  label: string;
  /** The config's name, for the player's title. */
  title: string;
}) {
  const { renderedMedia } = useConfigs((state) => state.actions);
  const [item, setItem] = useState<MediaItem | null | undefined>(undefined);
  const [failed, setFailed] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    let current = true;
    renderedMedia(path).then(
      (found) => current && setItem(found),
      (error: unknown) => current && setFailed(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [path, renderedMedia]);

  if (failed)
    return <small className="error-text">The video could not be looked up: {failed}</small>;
  if (item === undefined) return <small className="muted">Looking up the video…</small>;
  if (item === null) {
    return (
      <small className="muted" title={path}>
        No longer in the media library ({path})
      </small>
    );
  }
  return (
    <span className={styles.video}>
      <a href={mediaUrl(item, 'file')} target="_blank" rel="noreferrer" title={item.path}>
        {item.name}
      </a>{' '}
      {item.missing ? (
        <small className="error-text">The file is missing from its folder.</small>
      ) : (
        <button type="button" className="secondary small" onClick={() => setPlaying(true)}>
          Play {label}
        </button>
      )}
      {playing && (
        <VideoPlayerDialog
          item={item}
          title={`${title}: ${label}`}
          path={path}
          open={playing}
          onOpenChange={setPlaying}
        />
      )}
    </span>
  );
}
