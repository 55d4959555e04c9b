import type { TemplateValues } from '../../../shared/domain/text-template';
import { wallTimeAt } from '../time/zoned-time';

export { fillTemplate, type TemplateValues } from '../../../shared/domain/text-template';

export function templateValues(input: {
  at: number;
  timeZone: string;
  index: number;
  count: number;
  title: string;
  configName: string;
}): TemplateValues {
  const wall = wallTimeAt(input.at, input.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
    index: String(input.index),
    count: String(input.count),
    title: input.title,
    config: input.configName,
  };
}

/**
 * Fills one extra variable (a generate batch's `{topic}`) and leaves the config's own
 * variables for the run to fill.
 */
export function fillVariable(template: string, name: string, value: string): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, found: string) =>
    found === name ? value : whole,
  );
}
