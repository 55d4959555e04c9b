import { automationStateOf, describeActivity } from '../../../shared/domain/automation';
import { cx } from '../components/class-names';
import { selectPaused, useAutomation } from '../stores/automation-store';
import styles from './automation-control.module.css';
import { automationStates } from './labels';
import { PauseToggle } from './pause-toggle';

/** The sidebar's status line (what the tray icon shows) and the Pause all / Resume switch. */
export function AutomationControl() {
  const activity = useAutomation((state) => state.activity);
  const paused = useAutomation(selectPaused);
  if (!activity) return null;
  // A switch just moved shows at once; the rest is the engine's.
  const state = automationStateOf(paused ?? activity.paused, activity);
  const look = automationStates[state];
  return (
    <section className={styles.control} aria-label="Automation">
      <p className={styles.state} data-state={state} data-testid="automation-state">
        <span className={cx(styles.dot, styles[look.tone])} aria-hidden="true" />
        {look.label}
      </p>
      <p className={cx(styles.activity, 'small muted')} data-testid="automation-activity">
        {describeActivity({ ...activity, paused: paused ?? activity.paused })}
      </p>
      <PauseToggle className={styles.toggle} />
    </section>
  );
}
