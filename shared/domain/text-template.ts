/**
 * Text templates of a config (overlay, titles, captions): `{variable}` placeholders filled for
 * each video. The engine fills them with the video's values; the editor fills them with the
 * assumed values below to count a template against a platform's limits before it is saved.
 */
export const textVariables = ['date', 'time', 'index', 'count', 'title', 'config'] as const;
export type TextVariable = (typeof textVariables)[number];

export type TemplateValues = Record<TextVariable, string>;

/** What each variable stands for, in the editor's words. */
export const variableMeanings: Record<TextVariable, string> = {
  date: 'the day the video is made for, as 2026-11-30',
  time: 'the time it is made for, as 09:00',
  index: 'its number in the run, from 1',
  count: 'how many videos the run makes',
  title: "the first clip's file name, without its extension",
  config: "the config's name",
};

/** Fills `{variable}` placeholders; unknown ones were refused when the config was saved. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name as TextVariable] : whole,
  );
}

export function usesVariables(template: string): boolean {
  return /\{[a-z]+\}/.test(template);
}

/**
 * A clip's file name is not known before a run picks the clip: a template is counted with
 * `{title}` as this many characters. Longer names are caught when the posts are made.
 */
export const ASSUMED_TITLE_LENGTH = 40;

/**
 * The values a template is counted with before it is saved: the longest date, time and counts a
 * run can give, the config's own name, and `{title}` as ASSUMED_TITLE_LENGTH characters.
 */
export function assumedTemplateValues(configName: string): TemplateValues {
  return {
    date: '2026-11-30',
    time: '09:00',
    index: '20',
    count: '20',
    title: 'x'.repeat(ASSUMED_TITLE_LENGTH),
    config: configName.trim(),
  };
}

/** The assumption in words, for the editor and for messages about a template. */
export const templateAssumption = `{title} is counted as ${ASSUMED_TITLE_LENGTH} characters and {config} as the config's name; the real text is checked again when each post is made`;
