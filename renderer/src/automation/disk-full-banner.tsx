import { formatBytes, formatClock } from '../format';
import { useAutomation } from '../stores/automation-store';
import styles from './disk-full-banner.module.css';

/**
 * At the top of every screen while the disk holding the data is full: the engine holds every
 * render, upload and scheduled run until there is room, and says when there is again (the
 * banner goes by itself).
 */
export function DiskFullBanner() {
  const activity = useAutomation((state) => state.activity);
  const full = activity?.diskFull;
  if (!activity || !full) return null;
  const since = formatClock(full.since, activity.at);
  return (
    <div className={styles.banner} role="alert" aria-label="The disk is full">
      <strong>The disk holding your data is full (since {since}).</strong>{' '}
      <span>
        ReelPilot cannot save to <code className={styles.path}>{full.dataDir}</code>
        {full.freeBytes !== null && ` (${formatBytes(full.freeBytes)} free)`}, so renders, uploads
        and scheduled runs wait. Free some space on that disk: ReelPilot goes on by itself, and
        nothing saved is lost.
      </span>
    </div>
  );
}
