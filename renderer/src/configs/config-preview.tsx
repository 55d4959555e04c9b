import { useEffect, useRef, useState } from 'react';
import type { ConfigDraft, ConfigInput, ConfigPreview } from '../../../shared/domain/configs';
import { api, call } from '../api/api-client';
import { previewUrl } from '../media/media-url';

const PREVIEW_SECONDS = 5;

type State =
  | { kind: 'idle' }
  | { kind: 'rendering'; requestId: string; fraction: number }
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
  const [state, setState] = useState<State>({ kind: 'idle' });
  const latest = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('configs:previewProgress', ({ requestId, fraction }) =>
        setState((current) =>
          current.kind === 'rendering' && current.requestId === requestId
            ? { ...current, fraction }
            : current,
        ),
      ),
    [],
  );

  const start = () => {
    if (invalid) {
      onInvalid();
      setState({ kind: 'failed', message: 'Fix the highlighted fields, then preview again.' });
      return;
    }
    const requestId = `preview-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    latest.current = requestId;
    setState({ kind: 'rendering', requestId, fraction: 0 });
    call('configs:preview', {
      requestId,
      config: draft as ConfigInput,
      seconds: PREVIEW_SECONDS,
    })
      .then((preview) => {
        if (latest.current === requestId) setState({ kind: 'ready', preview });
      })
      .catch((error: unknown) => {
        if (latest.current !== requestId) return;
        setState({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      });
  };

  return (
    <fieldset className="card section config-preview">
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
            <progress max={1} value={state.fraction} aria-label="Preview progress" />
            <small className="muted" role="status">
              {Math.round(state.fraction * 100)}%
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
            {(state.preview.durationMs / 1000).toFixed(1)} s at {state.preview.width}×
            {state.preview.height}, made in {(state.preview.elapsedMs / 1000).toFixed(1)} s.
          </p>
        </div>
      )}
    </fieldset>
  );
}
