import { useState } from 'react';
import type { AppInfo } from '../../../shared/domain/app-info';
import { call } from '../api/api-client';
import { reportError, useNotices } from '../stores/notices-store';

export function DataFolderCard({ info }: { info: AppInfo }) {
  const push = useNotices((state) => state.push);
  const [target, setTarget] = useState('');
  const [moving, setMoving] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const move = async (event: React.FormEvent) => {
    event.preventDefault();
    setMoving(true);
    try {
      const result = await call('app:relocateData', { target });
      setDone(result.message);
      push({ level: 'info', title: 'Data copied', body: result.message });
    } catch (error) {
      reportError('The data folder was not moved', error);
    } finally {
      setMoving(false);
    }
  };

  return (
    <form className="card form" onSubmit={move} aria-label="Data folder">
      <h2>Data folder</h2>
      <p>
        ReelPilot keeps its database, logs and library copies in{' '}
        <code data-testid="data-dir">{info.dataDir}</code>.
      </p>
      {info.dataDirPinned ? (
        <p className="muted">
          This folder was given on the command line (--data), so it cannot be moved from here.
        </p>
      ) : done ? (
        <p role="status">{done}</p>
      ) : (
        <>
          <label className="field">
            <span>Move to (an empty or new folder)</span>
            <input
              name="target"
              value={target}
              spellCheck={false}
              placeholder="/path/to/new/folder"
              onChange={(event) => setTarget(event.target.value)}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="secondary" disabled={moving || target.trim() === ''}>
              {moving ? 'Copying…' : 'Copy data and use it after restart'}
            </button>
          </div>
        </>
      )}
      <p className="muted small">
        Secrets: {info.secretStore.backend}
        {info.secretStore.secure ? '' : ' — not encrypted by the operating system'}. ReelPilot{' '}
        {info.version} ({info.mode}), schema {info.schemaVersion}.
      </p>
    </form>
  );
}
