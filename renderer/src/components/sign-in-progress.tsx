import { Spinner } from './spinner';

export interface SignInState {
  stage: 'starting' | 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled';
  message: string;
  authorizeUrl: string | null;
}

export function signInBusy(flow: SignInState): boolean {
  return flow.stage === 'starting' || flow.stage === 'waiting' || flow.stage === 'exchanging';
}

/**
 * Where a sign-in through the browser stands (a platform account, Google Drive): its words, the
 * page to open when none opened, and Cancel while it runs or Done/Back once it ended.
 */
export function SignInProgress({
  flow,
  service,
  testId,
  onCancel,
  onDone,
}: {
  flow: SignInState;
  /** "YouTube", "Google": whose sign-in page it is. */
  service: string;
  testId: string;
  onCancel(): void;
  onDone(): void;
}) {
  const busy = signInBusy(flow);
  const done = flow.stage === 'connected';
  const failed = flow.stage === 'failed' || flow.stage === 'cancelled';
  return (
    <>
      <p
        role="status"
        className={done ? 'ok-text' : failed ? 'error-text' : undefined}
        data-testid={testId}
      >
        {busy && <Spinner />} {flow.message}
      </p>
      {busy && flow.authorizeUrl && (
        <p className="muted small">
          No page opened?{' '}
          <a href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open the {service} sign-in page
          </a>
          . It must be opened on this computer: it sends you back to ReelPilot at 127.0.0.1.
        </p>
      )}
      <div className="form-actions">
        {busy ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={onDone}>
            {done ? 'Done' : 'Back'}
          </button>
        )}
      </div>
    </>
  );
}
