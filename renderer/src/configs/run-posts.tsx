import type { RunPosts } from '../../../shared/domain/configs';
import { describeRunPosts } from './labels';

/** What became of a run's posts, with the words of each distinct failure. */
export function RunPostsSummary({ posts }: { posts: RunPosts }) {
  const look = describeRunPosts(posts);
  if (!look) return null;
  return (
    <div data-testid="run-posts">
      <p className={look.tone === 'danger' ? 'error-text' : 'muted'}>Posts: {look.label}</p>
      {posts.problems.length > 0 && (
        <ul className="error-text small">
          {posts.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
