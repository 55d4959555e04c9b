import { useAutomation } from './automation-store';

/** Pause all automation, or Resume: the one switch, wherever it is shown. */
export function PauseToggle() {
  const status = useAutomation((state) => state.status);
  const pause = useAutomation((state) => state.pause);
  const resume = useAutomation((state) => state.resume);
  const switching = useAutomation((state) => state.switching);
  return status?.paused ? (
    <button type="button" onClick={() => void resume()} disabled={switching}>
      Resume automation
    </button>
  ) : (
    <button
      type="button"
      className="secondary"
      onClick={() => void pause()}
      disabled={switching || !status}
    >
      Pause all automation
    </button>
  );
}
