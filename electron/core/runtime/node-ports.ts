import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator, Notifier, PowerEvents } from '../ports';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export const randomIds: IdGenerator = { newId: () => randomUUID() };

/** Headless mode has no sleep notifications; the scheduler's wall-clock jump check covers it. */
export const noPowerEvents: PowerEvents = {
  onSuspend: () => () => {},
  onResume: () => () => {},
};

export function loggingNotifier(log: (line: string) => void): Notifier {
  return { notify: ({ level, title, body }) => log(`[${level}] ${title}: ${body}`) };
}
