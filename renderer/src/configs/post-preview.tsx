import type { PlatformId } from '../../../shared/domain/platforms';
import { platformNames } from '../../../shared/domain/platforms';
import { cutForFeed, feedCuts } from '../../../shared/domain/post-text';
import { cx } from '../components/class-names';
import styles from './composer.module.css';

/** Text as a feed shows it: cut where the platform cuts, with its "more". */
function FeedText({
  text,
  platform,
  className,
}: {
  text: string;
  platform: PlatformId;
  className?: string;
}) {
  const cut = feedCuts[platform];
  if (!cut) return <p className={className}>{text}</p>;
  const { shown, hidden } = cutForFeed(text, cut);
  return (
    <p className={className}>
      {shown}
      {hidden && <span className={styles.more}>… more</span>}
    </p>
  );
}

/**
 * How a post will look on a platform's feed: the video's picture, the account, and the text cut
 * where the feed cuts it (`feedCuts`: not a limit, what viewers see before they tap "more").
 */
export function PostPreview({
  platform,
  handle,
  thumbnailUrl,
  title,
  caption,
}: {
  platform: PlatformId;
  handle: string;
  thumbnailUrl: string | null;
  title: string | undefined;
  caption: string;
}) {
  const cut = feedCuts[platform];
  const captionCut = cut?.field === 'caption' ? platform : null;
  return (
    <figure
      className={styles.preview}
      aria-label={`How the post looks on ${platformNames[platform]}`}
      data-testid={`preview-${platform}`}
    >
      <div className={styles.phone}>
        {thumbnailUrl ? (
          <img className={styles.thumb} src={thumbnailUrl} alt="" />
        ) : (
          <div className={cx(styles.thumb, styles.noThumb)} aria-hidden="true">
            ▶
          </div>
        )}
        <div className={styles.overlay}>
          <strong className={styles.handle}>{handle}</strong>
          {title !== undefined && (
            <FeedText
              className={styles.previewTitle}
              text={title || 'Title needed'}
              platform={platform}
            />
          )}
          {platform !== 'youtube' &&
            (caption ? (
              captionCut ? (
                <FeedText className={styles.previewCaption} text={caption} platform={platform} />
              ) : (
                <p className={styles.previewCaption}>{caption}</p>
              )
            ) : (
              <p className={cx(styles.previewCaption, styles.empty)}>No caption</p>
            ))}
        </div>
      </div>
      <figcaption className="muted small">
        {cut
          ? `In the feed, ${platformNames[platform]} shows about ${cut.characters} characters of the ${cut.field}${cut.lines ? ` (${cut.lines} lines at most)` : ''} before “more” (source: ${cut.source}).`
          : `${platformNames[platform]} shows the whole post in the feed.`}
      </figcaption>
    </figure>
  );
}
