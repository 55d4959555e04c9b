import type { ConfigInput, ScheduleRule } from '../../../../shared/domain/configs';
import { defaultConfig } from '../config-service';

/** A saved-ready config drawing on media tagged "beach", with the given schedule rule. */
export function sampleConfig(
  rule: ScheduleRule,
  timeZone = 'UTC',
  overrides: Partial<ConfigInput> = {},
): ConfigInput {
  const base = defaultConfig(timeZone);
  return {
    ...base,
    name: 'Beach days',
    schedule: { ...base.schedule, rule },
    content: { ...base.content, sources: { tags: ['beach'], folders: [], itemIds: [] } },
    ...overrides,
  };
}
