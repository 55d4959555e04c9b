import { useEffect, useState } from 'react';
import type { PostChange, PostTextDto } from '../../../shared/domain/distribution';
import { composeCaption } from '../../../shared/domain/post-text';
import { privacyLabels } from '../configs/labels';
import { formatZonedDateTime } from '../format';
import { useSettings } from '../stores/settings-store';
import { messageOf } from '../stores/domain-store';
import { useDistribution } from '../stores/distribution-store';
import styles from './post-editor.module.css';

const sources: Record<PostChange['by'], string> = {
  ipc: 'in the desktop app',
  http: 'in a browser',
  internal: 'by ReelPilot',
};

const uploads: Record<Extract<PostChange, { kind: 'text' }>['upload'], string> = {
  kept: 'the upload was kept',
  restarted: 'the upload started over',
  none: 'nothing was uploaded yet',
};

function asPosted(text: PostTextDto): string {
  const caption = composeCaption(text.text, text.hashtags);
  return [text.title ? `Title: ${text.title}` : null, caption || '(no caption)']
    .filter(Boolean)
    .join('\n');
}

/** The person's earlier changes of a post, newest first, with the text each one replaced. */
export function PostHistory({ targetId, version }: { targetId: string; version: number | null }) {
  const { changes } = useDistribution((state) => state.actions);
  const timeZone = useSettings((state) => state.settings?.timeZone) ?? 'UTC';
  const when = (at: number) => formatZonedDateTime(at, timeZone);
  const [list, setList] = useState<PostChange[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    changes(targetId).then(
      (found) => live && setList(found),
      (error: unknown) => live && setFailure(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [targetId, version, changes]);

  if (failure)
    return <p className="error-text small">The history could not be loaded: {failure}</p>;
  if (!list || list.length === 0) return null;
  return (
    <section className={styles.history} aria-label="Changes">
      <h3 className="small">Changes ({list.length})</h3>
      <ol>
        {list.map((change) => (
          <li key={change.id}>
            {change.kind === 'text' ? (
              <>
                Text changed {sources[change.by]} on {when(change.at)}; {uploads[change.upload]}.
                {change.before.privacy !== change.after.privacy &&
                  ` Who can see it: ${privacyLabels[change.before.privacy]} → ${privacyLabels[change.after.privacy]}.`}
                <blockquote aria-label="Text before">{asPosted(change.before)}</blockquote>
              </>
            ) : (
              <>
                Moved {sources[change.by]} on {when(change.at)} to {when(change.to)}
                {change.from !== null && ` (was ${when(change.from)})`}.
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
