import { cx } from '../components/class-names';
import { selectPaused, useAutomation } from '../stores/automation-store';

/** Pause all automation, or Resume: the one switch, wherever it is shown. */
export function PauseToggle({ className }: { className?: string }) {
  const paused = useAutomation(selectPaused);
  const pending = useAutomation((state) => state.pending);
  const { pause, resume } = useAutomation((state) => state.actions);
  if (paused) {
    return (
      <button
        type="button"
        className={className}
        onClick={() => void resume()}
        disabled={pending !== null}
      >
        {pending === false ? 'Resuming…' : 'Resume automation'}
      </button>
    );
  }
  return (
    <button
      type="button"
      className={cx('secondary', className)}
      onClick={() => void pause()}
      disabled={pending !== null || paused === null}
    >
      Pause all automation
    </button>
  );
}
