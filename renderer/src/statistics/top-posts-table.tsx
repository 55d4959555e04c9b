import { platformNames } from '../../../shared/domain/platforms';
import { minViewsForRate, type TopPost } from '../../../shared/domain/statistics';
import { cx } from '../components/class-names';
import { OpenOnPlatform } from '../distribution/post-box';
import { formatCount } from '../format';
import { mediaUrl } from '../media/media-url';
import { useStatistics, type TopSort } from '../stores/statistics-store';
import { formatPercent } from './labels';
import styles from './overview.module.css';
import { SegmentedChoice } from './segmented-choice';

const sorts: ReadonlyArray<readonly [TopSort, string]> = [
  ['views', 'Views'],
  ['engagementRate', 'Engagement rate'],
];

function Thumbnail({ post }: { post: TopPost }) {
  if (post.media && post.media.thumbnail === 'ready') {
    return (
      <img className={styles.thumb} src={mediaUrl(post.media, 'thumbnail')} alt="" loading="lazy" />
    );
  }
  return <span className={cx(styles.thumb, styles.thumbEmpty)} aria-hidden="true" />;
}

/** The period's best posts, with their thumbnail, where they went and how they did. */
export function TopPostsTable({ timeZone }: { timeZone: string }) {
  const posts = useStatistics((state) => state.topPosts);
  const sort = useStatistics((state) => state.topSort);
  const { setTopSort } = useStatistics((state) => state.actions);
  const published = new Intl.DateTimeFormat(undefined, {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <section className={cx('card', styles.tableCard)} aria-labelledby="top-posts-title">
      <div className={styles.chartHead}>
        <h2 id="top-posts-title" className={styles.caption}>
          Top posts
        </h2>
        <SegmentedChoice label="Rank by" options={sorts} value={sort} onChange={setTopSort} />
      </div>
      {sort === 'engagementRate' && (
        <p className="muted small">
          Posts with at least {minViewsForRate} views that report interactions.
        </p>
      )}
      {posts === null || posts.length === 0 ? (
        <p className="muted">
          {sort === 'views'
            ? 'No post published in this period has reported views yet.'
            : 'No post in this period has enough views to rank by engagement rate yet.'}
        </p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Thumbnail</span>
              </th>
              <th scope="col">Post</th>
              <th scope="col">Published</th>
              <th scope="col" className={styles.number}>
                Views
              </th>
              <th scope="col" className={styles.number}>
                Engagement rate
              </th>
              <th scope="col">
                <span className="visually-hidden">Link</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {posts.map((post) => (
              <tr key={post.targetId} data-testid="top-post">
                <td>
                  <Thumbnail post={post} />
                </td>
                <td>
                  <div className={styles.postTitle}>{post.title ?? 'Untitled video'}</div>
                  <div className="muted small">
                    {platformNames[post.platform]} · {post.handle ?? 'removed account'}
                  </div>
                </td>
                <td className="small">{published.format(new Date(post.publishedAt))}</td>
                <td className={styles.number}>{formatCount(post.views)}</td>
                <td className={styles.number}>{formatPercent(post.engagementRate)}</td>
                <td>
                  {post.url ? (
                    <OpenOnPlatform url={post.url} platform={platformNames[post.platform]} />
                  ) : (
                    <span className="muted small">No link</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
