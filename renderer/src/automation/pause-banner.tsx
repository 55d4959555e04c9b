import { formatRunTime } from '../../../shared/domain/automation';
import { useAutomation } from './automation-store';
import './automation.css';

/** On every screen while automation is paused: what that means, and the way out. */
export function PauseBanner() {
  const status = useAutomation((state) => state.status);
  const resume = useAutomation((state) => state.resume);
  const switching = useAutomation((state) => state.switching);
  if (!status?.paused) return null;
  const since =
    status.pausedAt === null
      ? ''
      : ` since ${formatRunTime(status.pausedAt, status.at, status.timeZone)}`;
  const finishing = status.uploads.length;
  return (
    <div className="pause-banner" role="status" aria-label="Automation paused">
      <div>
        <strong>Automation is paused{since}.</strong>{' '}
        <span>
          Schedules do not run and no new upload starts. Run now still renders; its posts wait until
          you resume.
          {finishing > 0 &&
            ` ${finishing} ${finishing === 1 ? 'upload that was running finishes' : 'uploads that were running finish'}.`}
        </span>
      </div>
      <button type="button" onClick={() => void resume()} disabled={switching}>
        {switching ? 'Resuming…' : 'Resume automation'}
      </button>
    </div>
  );
}
