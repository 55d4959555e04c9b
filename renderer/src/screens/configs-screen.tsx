import { useEffect, useState } from 'react';
import type { ConfigDraft } from '../../../shared/domain/configs';
import { call } from '../api/api-client';
import { ConfigEditor } from '../configs/config-editor';
import { ConfigList } from '../configs/config-list';
import { LibraryMediaPicker } from '../configs/media-picker';
import type { MediaPickerSlot } from '../configs/content-section';
import { RunHistory } from '../configs/run-history';
import { reportError } from '../stores/notices-store';
import { subscribeToConfigs, useConfigs } from '../stores/configs-store';
import '../configs/configs.css';

type View =
  | { kind: 'list' }
  | { kind: 'edit'; id: string | null; draft: ConfigDraft }
  | { kind: 'history'; id: string };

/**
 * Generation configs: the list with next runs and outcomes, the editor, and each config's run
 * history. Media sources are picked in the library's GalleryDialog (`mediaPicker`).
 */
const libraryPicker: MediaPickerSlot = (props) => <LibraryMediaPicker {...props} />;

export function ConfigsScreen({
  mediaPicker = libraryPicker,
}: { mediaPicker?: MediaPickerSlot } = {}) {
  const configs = useConfigs((state) => state.configs);
  const runs = useConfigs((state) => state.runs);
  const loadError = useConfigs((state) => state.loadError);
  const load = useConfigs((state) => state.load);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    void load();
    return subscribeToConfigs();
  }, [load]);

  const openNew = async () => {
    setOpening(true);
    try {
      setView({ kind: 'edit', id: null, draft: await call('configs:defaults', {}) });
    } catch (error) {
      reportError('A new config could not be started', error);
    } finally {
      setOpening(false);
    }
  };

  if (view.kind === 'edit') {
    return (
      <section className="screen configs-screen">
        <ConfigEditor
          id={view.id}
          initial={view.draft}
          mediaPicker={mediaPicker}
          onDone={() => setView({ kind: 'list' })}
        />
      </section>
    );
  }

  const historyOf = view.kind === 'history' ? configs?.find((c) => c.id === view.id) : undefined;
  if (historyOf) {
    return (
      <section className="screen configs-screen">
        <RunHistory config={historyOf} onBack={() => setView({ kind: 'list' })} />
      </section>
    );
  }

  return (
    <section className="screen configs-screen" aria-labelledby="configs-title">
      <header className="screen-header row spread">
        <h1 id="configs-title">Configs</h1>
        <button type="button" onClick={() => void openNew()} disabled={opening}>
          {opening ? 'Opening…' : 'New config'}
        </button>
      </header>
      {loadError && !configs ? (
        <div className="card" role="alert">
          <p>Configs could not be loaded: {loadError}</p>
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : !configs ? (
        <p className="muted" role="status">
          Loading configs…
        </p>
      ) : configs.length === 0 ? (
        <div className="card empty-state">
          <p>
            <strong>No configs yet.</strong> A config says what videos to make from your media, when
            to make them, and where to post them.
          </p>
          <button type="button" onClick={() => void openNew()} disabled={opening}>
            Create your first config
          </button>
        </div>
      ) : (
        <div className="card table-card">
          <ConfigList
            configs={configs}
            runs={runs}
            onEdit={(id) => {
              const config = configs.find((c) => c.id === id);
              if (!config) return;
              const {
                id: _id,
                active: _a,
                nextRunAt: _n,
                lastRun: _l,
                createdAt: _c,
                updatedAt: _u,
                ...draft
              } = config;
              setView({ kind: 'edit', id, draft });
            }}
            onHistory={(id) => setView({ kind: 'history', id })}
          />
        </div>
      )}
    </section>
  );
}
