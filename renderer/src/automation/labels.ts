import type { AutomationState } from '../../../shared/domain/automation';
import type { StateLook } from '../components/badge';

/** What the tray icon shows, in words: the sidebar's status line says the same. */
export const automationStates: Record<AutomationState, StateLook> = {
  idle: { label: 'Idle', tone: 'muted' },
  working: { label: 'Working', tone: 'ok' },
  attention: { label: 'Needs you', tone: 'warning' },
  paused: { label: 'Paused', tone: 'muted' },
};
