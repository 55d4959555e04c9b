import { useEffect, useState } from 'react';
import { isDesktop } from '../api/api-client';
import { Loading } from '../components/load-state';
import { useMedia } from '../stores/media-store';
import { reportError } from '../stores/notices-store';
import styles from './watched-folders-card.module.css';

/** Folders whose new files join the library by themselves. */
export function WatchedFoldersCard() {
  const folders = useMedia((state) => state.watched);
  const { loadWatched, watch, unwatch, choose } = useMedia((state) => state.actions);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const desktop = isDesktop();

  useEffect(() => {
    void loadWatched();
  }, [loadWatched]);

  const add = async (folder: string) => {
    setBusy(true);
    setError(null);
    const outcome = await watch(folder);
    if (outcome.watched) setDraft('');
    else setError(outcome.problem);
    setBusy(false);
  };

  const chooseFolder = async () => {
    try {
      const [folder] = await choose('folder');
      if (folder) await add(folder);
    } catch (failure) {
      reportError('No folder was chosen', failure);
    }
  };

  return (
    <section className="card" aria-labelledby="watched-title">
      <h2 id="watched-title">Watched folders</h2>
      <p className="muted small">
        New pictures, videos and sound saved in these folders are added to the library a moment
        after they appear. Files stay where they are.
      </p>
      {folders === null ? (
        <Loading>Loading…</Loading>
      ) : folders.length === 0 ? (
        <p className="muted">No folder is watched.</p>
      ) : (
        <ul className={styles.list}>
          {folders.map((folder) => (
            <li key={folder.path}>
              <code>{folder.path}</code>{' '}
              {folder.active ? (
                <span className="ok-text small">watching</span>
              ) : (
                <span className="error-text small">{folder.problem ?? 'not watched'}</span>
              )}
              <button
                type="button"
                className="secondary"
                onClick={() => void unwatch(folder.path)}
                aria-label={`Stop watching ${folder.path}`}
              >
                Stop watching
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) void add(draft.trim());
        }}
      >
        {desktop && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void chooseFolder()}
          >
            Choose a folder…
          </button>
        )}
        <input
          className={styles.pathInput}
          aria-label="Folder to watch"
          placeholder={
            desktop ? 'or type a folder path' : 'Folder path on the computer running ReelPilot'
          }
          value={draft}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" disabled={busy || !draft.trim()}>
          Watch
        </button>
      </form>
      {error && <p className="error-text small">{error}</p>}
    </section>
  );
}
