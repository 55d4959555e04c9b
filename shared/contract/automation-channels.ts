import {
  automationPreferencesPatchSchema,
  automationPreferencesSchema,
  automationStatusSchema,
} from '../domain/automation';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const automationChannels = defineChannels({
  /** What is running, waiting and coming next, and whether automation is paused. */
  'automation:status': { input: emptyInput, output: automationStatusSchema },
  /**
   * Pause all automation: schedules do not fire and no new upload starts (running ones finish);
   * renders of runs the person starts by hand still run. Survives restarts.
   */
  'automation:pause': { input: emptyInput, output: automationStatusSchema },
  'automation:resume': { input: emptyInput, output: automationStatusSchema },
  'automation:preferences': { input: emptyInput, output: automationPreferencesSchema },
  'automation:updatePreferences': {
    input: automationPreferencesPatchSchema,
    output: automationPreferencesSchema,
  },
});
