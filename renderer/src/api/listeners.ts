import type { EventName, EventPayload } from '../../../shared/contract';

type Listener = (payload: unknown) => void;

/** Who listens to which push event: `Api.on` for the transports (and the tests' fake). */
export function createListeners() {
  const byEvent = new Map<EventName, Set<Listener>>();
  return {
    add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = byEvent.get(event);
      if (!set) {
        set = new Set();
        byEvent.set(event, set);
      }
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    /** Hands a payload (already checked against the contract) to the event's listeners. */
    notify(event: EventName, payload: unknown): void {
      for (const listener of [...(byEvent.get(event) ?? [])]) listener(payload);
    },
    count(event: EventName): number {
      return byEvent.get(event)?.size ?? 0;
    },
  };
}
