import { calendarInputSchema, calendarSchema } from '../domain/calendar';
import { defineChannels } from './define';

export const calendarChannels = defineChannels({
  /**
   * Scheduled runs in [from, to), every post not out yet with its planned time, and the posts
   * published in the range; times are instants, laid out in `timeZone` (the Settings zone).
   */
  'calendar:agenda': { input: calendarInputSchema, output: calendarSchema },
});
