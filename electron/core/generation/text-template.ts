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
