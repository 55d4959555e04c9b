import { useState } from 'react';
import type { Config, ConfigDraft } from '../../../shared/domain/configs';
import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import { ConfigEditor } from '../configs/config-editor';
import { ConfigList } from '../configs/config-list';
import type { MediaPickerSlot } from '../configs/content-section';
import { LibraryMediaPicker } from '../configs/media-picker';
import { RunHistory } from '../configs/run-history';
import { useConfigs } from '../stores/configs-store';
import { useDomain } from '../stores/domain-store';
import { useNavigation } from '../stores/navigation-store';

type View =
  | { kind: 'list' }
  | { kind: 'edit'; id: string | null; draft: ConfigDraft }
  | { kind: 'history'; id: string };

/** What the editor edits: the config without what the engine keeps for itself. */
function draftOf(config: Config): ConfigDraft {
  const {
    id: _id,
    active: _a,
    nextRunAt: _n,
    lastRun: _l,
    createdAt: _c,
    updatedAt: _u,
    ...draft
  } = config;
  return draft;
}

const libraryPicker: MediaPickerSlot = (props) => <LibraryMediaPicker {...props} />;

/**
 * Generation configs: the list with next runs and outcomes, the editor, and each config's run
 * history. Media sources are picked in the library's GalleryDialog (`mediaPicker`).
 */
export function ConfigsScreen({
  mediaPicker = libraryPicker,
}: { mediaPicker?: MediaPickerSlot } = {}) {
  const configs = useConfigs((state) => state.items);
  const runs = useConfigs((state) => state.runs);
  const error = useConfigs((state) => state.error);
  const { load, defaults } = useConfigs((state) => state.actions);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [opening, setOpening] = useState(false);
  // "Configs" in the sidebar brings the list back from the editor or a history (the editor has
  // asked about unsaved changes before this moves).
  const visits = useNavigation((state) => state.visits);
  const [seenVisits, setSeenVisits] = useState(visits);
  if (seenVisits !== visits) {
    setSeenVisits(visits);
    setView({ kind: 'list' });
  }

  useDomain(useConfigs);

  const openNew = async () => {
    setOpening(true);
    const draft = await defaults();
    setOpening(false);
    if (draft) setView({ kind: 'edit', id: null, draft });
  };

  if (view.kind === 'edit') {
    return (
      <Screen width="wide">
        <ConfigEditor
          id={view.id}
          initial={view.draft}
          mediaPicker={mediaPicker}
          onDone={() => setView({ kind: 'list' })}
        />
      </Screen>
    );
  }

  const historyOf = view.kind === 'history' ? configs?.find((c) => c.id === view.id) : undefined;
  if (historyOf) {
    return (
      <Screen width="wide">
        <RunHistory config={historyOf} onBack={() => setView({ kind: 'list' })} />
      </Screen>
    );
  }

  return (
    <Screen width="wide" labelledBy="configs-title">
      <ScreenHeader
        id="configs-title"
        title="Configs"
        actions={
          <button type="button" onClick={() => void openNew()} disabled={opening}>
            {opening ? 'Opening…' : 'New config'}
          </button>
        }
      />
      {error && !configs ? (
        <LoadFailure what="Configs" error={error} onRetry={() => void load()} />
      ) : !configs ? (
        <Loading>Loading configs…</Loading>
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
        <ConfigList
          configs={configs}
          runs={runs}
          onEdit={(id) => {
            const config = configs.find((c) => c.id === id);
            if (config) setView({ kind: 'edit', id, draft: draftOf(config) });
          }}
          onHistory={(id) => setView({ kind: 'history', id })}
        />
      )}
    </Screen>
  );
}
