import type { PlatformSettings } from './configs';
import { platformNames, type PlatformId } from './platforms';
import { checkPostText, composeCaption, postTextRules, unitWords, usageOf } from './post-text';
import {
  assumedTemplateValues,
  fillTemplate,
  templateAssumption,
  usesVariables,
  type TemplateValues,
} from './text-template';

/**
 * A config's text per platform, as posts would carry it and as the platform's rules judge it:
 * the editor's composer, the config schema's save check and the engine's post settings all use
 * these, over the rules of `post-text.ts`.
 */

type TextSettings = Pick<PlatformSettings, 'titleTemplate' | 'captionTemplate' | 'hashtags'>;

/** A platform's title and caption as a post would carry them, with the template's values. */
export function platformPostText(
  platform: PlatformId,
  settings: TextSettings,
  values: TemplateValues,
): { title: string | undefined; caption: string; captionAlone: string } {
  const captionAlone = fillTemplate(settings.captionTemplate, values).trim();
  return {
    title: postTextRules[platform].title
      ? fillTemplate(settings.titleTemplate, values).trim()
      : undefined,
    caption: composeCaption(captionAlone, settings.hashtags),
    captionAlone,
  };
}

export type TemplateField = 'titleTemplate' | 'captionTemplate' | 'hashtags';

/**
 * Every rule of `platform` its templates break, by field, counted with the assumed variable
 * values (`assumedTemplateValues`): the editor shows them as the person types, saving refuses
 * them for enabled platforms, and the engine checks the real text again when it makes each post.
 */
export function templateProblems(
  platform: PlatformId,
  settings: TextSettings,
  configName: string,
): Array<{ field: TemplateField; message: string }> {
  const rules = postTextRules[platform];
  const text = platformPostText(platform, settings, assumedTemplateValues(configName));
  const counted = (template: string) =>
    usesVariables(template) ? ` (${templateAssumption}.)` : '';
  return checkPostText(platform, platformNames[platform], {
    title: text.title,
    caption: text.caption,
    tags: settings.hashtags,
  }).map((problem) => {
    if (problem.field === 'title')
      return {
        field: 'titleTemplate',
        message: problem.message + counted(settings.titleTemplate),
      };
    if (problem.field === 'tags') return { field: 'hashtags', message: problem.message };
    // Too many hashtags, or too long only because of them: the hashtags are at fault.
    if (problem.rule === 'hashtags') return { field: 'hashtags', message: problem.message };
    const usage = usageOf(text.caption, rules.caption);
    if (
      usage.over &&
      settings.hashtags.length > 0 &&
      !usageOf(text.captionAlone, rules.caption).over
    )
      return {
        field: 'hashtags',
        message: `With its hashtags, the ${rules.caption.label} has ${usage.used} ${unitWords[usage.unit]}; ${platformNames[platform]} allows ${usage.max}. Use fewer hashtags or a shorter ${rules.caption.label}.`,
      };
    return {
      field: 'captionTemplate',
      message: problem.message + counted(settings.captionTemplate),
    };
  });
}
