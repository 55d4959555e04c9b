import type { ReactNode } from 'react';

/** A list or form that could not be loaded: the engine's words and a way to try again. */
export function LoadFailure({
  what,
  error,
  onRetry,
}: {
  /** "Accounts", "Posts": what could not be loaded. */
  what: string;
  error: string;
  onRetry(): void;
}) {
  return (
    <div className="card" role="alert">
      <p>
        {what} could not be loaded: {error}
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Said while the first answer is on its way. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="muted" role="status">
      {children}
    </p>
  );
}
