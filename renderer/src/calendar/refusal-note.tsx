import type { MoveRefusal } from '../stores/calendar-store';
import { dayClockIn } from './labels';

/** A move the engine refused: its words, and the nearest free time to take instead. */
export function RefusalNote({
  refusal,
  timeZone,
  onTake,
  onDismiss,
}: {
  refusal: MoveRefusal;
  timeZone: string;
  onTake(at: number): void;
  onDismiss?(): void;
}) {
  return (
    <div className="warning-box" role="alert">
      <p>
        <strong>Not moved.</strong> {refusal.message}
      </p>
      <div className="row">
        {refusal.nearest !== null && (
          <button type="button" className="small" onClick={() => onTake(refusal.nearest!)}>
            Move it to {dayClockIn(refusal.nearest, timeZone)} instead
          </button>
        )}
        {onDismiss && (
          <button type="button" className="secondary small" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
