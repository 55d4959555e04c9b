import { useEffect, useState } from 'react';
import type { WatchedFolder } from '../../../shared/domain/media';
import { api, ApiError, call } from '../api/api-client';
import { reportError } from '../stores/notices-store';

/** Folders whose new files join the library by themselves. */
export function WatchedFoldersCard() {
  const [folders, setFolders] = useState<WatchedFolder[] | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const desktop = api.transport === 'ipc';

  useEffect(() => {
    call('media:watchList', {}).then(
      (result) => setFolders(result.folders),
      (failure: unknown) => reportError('Watched folders could not be loaded', failure),
    );
  }, []);

  const add = async (folder: string) => {
    setBusy(true);
    setError(null);
    try {
      setFolders((await call('media:watchAdd', { path: folder })).folders);
      setDraft('');
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'BAD_INPUT')
        setError(failure.fieldErrors().path ?? failure.message);
      else reportError('The folder could not be watched', failure);
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    try {
      const { paths } = await call('media:choose', { mode: 'folder' });
      if (paths[0]) await add(paths[0]);
    } catch (failure) {
      reportError('No folder was chosen', failure);
    }
  };

  const remove = async (folder: string) => {
    try {
      setFolders((await call('media:watchRemove', { path: folder })).folders);
    } catch (failure) {
      reportError('The folder is still watched', failure);
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
        <p className="muted" role="status">
          Loading…
        </p>
      ) : folders.length === 0 ? (
        <p className="muted">No folder is watched.</p>
      ) : (
        <ul className="watched-list">
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
                onClick={() => void remove(folder.path)}
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
          <button type="button" className="secondary" disabled={busy} onClick={() => void choose()}>
            Choose a folder…
          </button>
        )}
        <input
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
