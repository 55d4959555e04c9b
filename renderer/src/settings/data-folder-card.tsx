import { useState } from 'react';
import type { AppInfo } from '../../../shared/domain/app-info';
import { notify } from '../stores/notices-store';
import { useSettings } from '../stores/settings-store';

export function DataFolderCard({ info }: { info: AppInfo }) {
  const { relocateData } = useSettings((state) => state.actions);
  const [target, setTarget] = useState('');
  const [moving, setMoving] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const move = async (event: React.FormEvent) => {
    event.preventDefault();
    setMoving(true);
    const outcome = await relocateData(target);
    if (outcome.ok) {
      setDone(outcome.value.message);
      notify('Data copied', outcome.value.message);
    }
    setMoving(false);
  };

  return (
    <form className="card" onSubmit={move} aria-label="Data folder">
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
