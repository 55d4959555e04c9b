import { useRef, useState } from 'react';
import type { ConfigDraft, ConfigInput, ConfigPreview } from '../../../shared/domain/configs';
import { cx } from '../components/class-names';
import { formatSeconds } from '../format';
import { previewUrl } from '../media/media-url';
import { useConfigs } from '../stores/configs-store';
import { messageOf } from '../stores/domain-store';
import styles from './config-preview.module.css';
import editor from './editor.module.css';

const PREVIEW_SECONDS = 5;

type State =
  | { kind: 'idle' }
  | { kind: 'rendering'; requestId: string }
  | { kind: 'ready'; preview: ConfigPreview }
  | { kind: 'failed'; message: string };

/**
 * A quick look before saving: the first seconds of a video from the config as it is on screen,
 * rendered small by the engine and played here.
 */
export function ConfigPreviewPanel({
  draft,
  invalid,
  onInvalid,
}: {
  draft: ConfigDraft;
  /** The draft has errors: the preview explains instead of rendering. */
  invalid: boolean;
  onInvalid(): void;
}) {
  const { preview } = useConfigs((state) => state.actions);
  const progress = useConfigs((store) => store.previewProgress);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const latest = useRef<string | null>(null);
  const fraction =
    state.kind === 'rendering' && progress?.requestId === state.requestId ? progress.fraction : 0;

  const start = () => {
    if (invalid) {
      onInvalid();
      setState({ kind: 'failed', message: 'Fix the highlighted fields, then preview again.' });
      return;
    }
    const requestId = `preview-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    latest.current = requestId;
    setState({ kind: 'rendering', requestId });
    preview(requestId, draft as ConfigInput, PREVIEW_SECONDS).then(
      (made) => latest.current === requestId && setState({ kind: 'ready', preview: made }),
      (error: unknown) =>
        latest.current === requestId && setState({ kind: 'failed', message: messageOf(error) }),
    );
  };

  return (
    <fieldset className={cx('card', editor.section, styles.preview)}>
      <legend>Preview</legend>
      <p className="muted">
        The first {PREVIEW_SECONDS} seconds of a video from this config as it is now, at a low
        resolution. Nothing is saved or posted.
      </p>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={start}
          disabled={state.kind === 'rendering'}
        >
          {state.kind === 'rendering'
            ? 'Rendering preview…'
            : state.kind === 'ready'
              ? 'Preview again'
              : 'Preview'}
        </button>
        {state.kind === 'rendering' && (
          <>
            <progress max={1} value={fraction} aria-label="Preview progress" />
            <small className="muted" role="status">
              {Math.round(fraction * 100)}%
            </small>
          </>
        )}
      </div>
      {state.kind === 'failed' && (
        <p className="error-text" role="alert">
          The preview could not be made: {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <div>
          <video
            key={state.preview.previewId}
            data-testid="config-preview-video"
            src={previewUrl(state.preview.previewId)}
            controls
            autoPlay
            muted
            playsInline
          />
          <p className="muted">
            {formatSeconds(state.preview.durationMs)} at {state.preview.width}×
            {state.preview.height}, made in {formatSeconds(state.preview.elapsedMs)}.
          </p>
        </div>
      )}
    </fieldset>
  );
}
