import { formatRunTime } from '../../../shared/domain/automation';
import { plural } from '../format';
import { selectPaused, useAutomation } from '../stores/automation-store';
import styles from './pause-banner.module.css';
import { PauseToggle } from './pause-toggle';

/** At the top of every screen while automation is paused: what that means, and the way out. */
export function PauseBanner() {
  const activity = useAutomation((state) => state.activity);
  const paused = useAutomation(selectPaused);
  if (!activity || !paused) return null;
  const since =
    activity.paused && activity.pausedAt !== null
      ? ` since ${formatRunTime(activity.pausedAt, activity.at, activity.timeZone)}`
      : '';
  const finishing = activity.uploads.length;
  return (
    <div className={styles.banner} role="status" aria-label="Automation paused">
      <div>
        <strong>Automation is paused{since}.</strong>{' '}
        <span>
          Schedules do not run and no new upload starts. Run now still renders; its posts wait until
          you resume.
          {finishing > 0 &&
            ` ${plural(finishing, 'upload')} that ${finishing === 1 ? 'was' : 'were'} running ${finishing === 1 ? 'finishes' : 'finish'}.`}
        </span>
      </div>
      <PauseToggle className={styles.action} />
    </div>
  );
}
