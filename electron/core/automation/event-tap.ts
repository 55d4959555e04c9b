import type { EventName, EventPayload } from '../../../shared/contract';
import { describeError } from '../errors';
import type { EventSink, Logger } from '../ports';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Passes every engine event on to the attached UI and lets the automation module watch them:
 * what is running, what failed for good, which account lost its sign-in. Watching the events
 * the domains already push keeps the hooks into the domains at zero.
 */
export class EventTap implements EventSink {
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly sink: EventSink,
    private readonly logger: Logger,
  ) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.sink.emit(event, payload);
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        this.logger.error('event listener failed', { event, error: describeError(error) });
      }
    }
  }

  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
