import type { AutomationStatus } from '../domain/automation';

/** An automation status for tests: idle, nothing running, in UTC, at a fixed time. */
export function sampleStatus(overrides: Partial<AutomationStatus> = {}): AutomationStatus {
  return {
    state: 'idle',
    paused: false,
    pausedAt: null,
    renders: [],
    rendersWaiting: 0,
    uploads: [],
    uploadsWaiting: 0,
    nextRuns: [],
    attention: [],
    favourites: [],
    keepAwake: false,
    diskFull: null,
    timeZone: 'UTC',
    at: Date.parse('2026-03-10T12:30:00Z'),
    ...overrides,
  };
}
