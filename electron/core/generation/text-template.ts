import { type textVariables } from '../../../shared/domain/configs';
import { wallTimeAt } from '../time/zoned-time';

export type TemplateValues = Record<(typeof textVariables)[number], string>;

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

/** Fills `{variable}` placeholders; unknown ones were refused when the config was saved. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name)
      ? values[name as keyof TemplateValues]
      : whole,
  );
}
