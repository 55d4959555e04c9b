import { useState } from 'react';
import type { DistributionVideo } from '../../../shared/domain/distribution';
import { Badge } from '../components/badge';
import { formatZonedDateTime } from '../format';
import { mediaUrl } from '../media/media-url';
import { VideoPlayerDialog } from '../media/video-player-dialog';
import { useDistribution } from '../stores/distribution-store';
import styles from './distribution.module.css';
import { videoStatusLook } from './labels';
import { PostBox } from './post-box';

/** The rendered video's first frame, which plays it at a watchable size when pressed. */
function Thumbnail({ video, name }: { video: DistributionVideo; name: string }) {
  const item = useDistribution((state) => state.media[video.filePath]);
  const lookupError = useDistribution((state) => state.mediaError);
  const [playing, setPlaying] = useState(false);
  if (item === undefined)
    return (
      <div className={styles.thumbnail} aria-hidden={lookupError === null}>
        {lookupError && <small className="error-text">No preview: {lookupError}</small>}
      </div>
    );
  return (
    <>
      <button
        type="button"
        className={styles.thumbnail}
        onClick={() => setPlaying(true)}
        aria-label={`Play ${name}`}
      >
        {item && item.thumbnail === 'ready' ? (
          <img src={mediaUrl(item, 'thumbnail')} alt="" />
        ) : (
          <small className="muted">{item ? 'No thumbnail' : 'Not in the library'}</small>
        )}
        <span className={styles.play} aria-hidden="true">
          ▶
        </span>
      </button>
      {playing && (
        <VideoPlayerDialog
          item={item}
          title={name}
          path={video.filePath}
          open={playing}
          onOpenChange={setPlaying}
        />
      )}
    </>
  );
}

/** One rendered video: its picture, its name and caption, and every post made of it. */
export function VideoCard({
  video,
  name,
  timeZone,
}: {
  video: DistributionVideo;
  name: string;
  timeZone: string;
}) {
  const status = videoStatusLook(video);
  const caption = video.targets[0]?.post;
  const words = caption ? [caption.title, caption.text].filter(Boolean).join(' — ') : '';
  return (
    <li className={`card ${styles.video}`} data-testid="distribution-video">
      <Thumbnail video={video} name={name} />
      <div className={styles.videoBody}>
        <header className={styles.videoHead}>
          <h2>{name}</h2>
          <Badge tone={status.tone}>{status.label}</Badge>
          <span className="muted small">
            Rendered {formatZonedDateTime(video.createdAt, timeZone)}
          </span>
        </header>
        {words && (
          <p className={styles.caption} title={words}>
            {words}
          </p>
        )}
        <ul className={styles.posts} aria-label={`Posts of ${name}`}>
          {video.targets.map((target) => (
            <PostBox key={target.id} target={target} />
          ))}
        </ul>
      </div>
    </li>
  );
}
