import { describeActivity } from '../../../shared/domain/automation';
import { useAutomation } from './automation-store';
import { PauseToggle } from './pause-toggle';
import './automation.css';

const stateLabels = {
  idle: 'Idle',
  working: 'Working',
  attention: 'Needs you',
  paused: 'Paused',
} as const;

/** The sidebar's status line and the Pause all / Resume switch. */
export function AutomationControl() {
  const status = useAutomation((state) => state.status);
  if (!status) return null;
  return (
    <section className="automation-control" aria-label="Automation">
      <p className="automation-state" data-state={status.state} data-testid="automation-state">
        <span className="automation-dot" aria-hidden="true" />
        {stateLabels[status.state]}
      </p>
      <p className="automation-activity small muted" data-testid="automation-activity">
        {describeActivity(status)}
      </p>
      <PauseToggle />
    </section>
  );
}
