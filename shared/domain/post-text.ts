import type { PlatformId } from './platforms';

/**
 * The one source of truth for what text each platform accepts (PLATFORMS.md, "Text limits per
 * platform"): the engine validates targets with it before anything is uploaded, and the editor's
 * composer counts against it as the person types.
 */

/** How a platform counts: Unicode characters, UTF-16 code units, UTF-8 bytes or X's weights. */
export type TextUnit = 'characters' | 'utf16' | 'bytes' | 'weighted';

export interface TextLimit {
  max: number;
  unit: TextUnit;
}

export interface PlatformTextRules {
  /** Null: the platform has no title; never show a title field for it. */
  title: (TextLimit & { required: boolean }) | null;
  /** The caption with its hashtags, as posted (YouTube: the description). */
  caption: TextLimit & { label: string };
  maxHashtags: number | null;
  maxMentions: number | null;
  /** YouTube: all tags together, in characters. */
  tagsMaxTotal: number | null;
}

export const postTextRules: Record<PlatformId, PlatformTextRules> = {
  youtube: {
    title: { max: 100, unit: 'characters', required: true },
    caption: { max: 5000, unit: 'bytes', label: 'description' },
    maxHashtags: null,
    maxMentions: null,
    tagsMaxTotal: 500,
  },
  tiktok: {
    title: null,
    caption: { max: 2200, unit: 'utf16', label: 'caption' },
    maxHashtags: null,
    maxMentions: null,
    tagsMaxTotal: null,
  },
  instagram: {
    title: null,
    caption: { max: 2200, unit: 'characters', label: 'caption' },
    maxHashtags: 30,
    maxMentions: 20,
    tagsMaxTotal: null,
  },
  facebook: {
    title: null,
    caption: { max: 2200, unit: 'characters', label: 'description' },
    maxHashtags: null,
    maxMentions: null,
    tagsMaxTotal: null,
  },
  x: {
    title: null,
    caption: { max: 280, unit: 'weighted', label: 'post' },
    maxHashtags: null,
    maxMentions: null,
    tagsMaxTotal: null,
  },
};

/** How each unit is named in messages and beside the composer's counters. */
export const unitWords: Record<TextUnit, string> = {
  characters: 'characters',
  utf16: 'characters',
  bytes: 'bytes',
  weighted: 'characters (links count 23, emoji and most CJK count 2)',
};

// X counts a link as 23 whatever its length (t.co wrapping).
const X_URL_WEIGHT = 23;
const urlPattern = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+/giu;
const emojiPattern = /\p{Extended_Pictographic}/u;
/** Code point ranges X counts as 1 (twitter-text v3 configuration); everything else counts 2. */
const lightRanges: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function weightOfPlainText(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text.normalize('NFC'))) {
    if (emojiPattern.test(segment)) {
      weight += 2;
      continue;
    }
    for (const char of segment) {
      const code = char.codePointAt(0) ?? 0;
      weight += lightRanges.some(([from, to]) => code >= from && code <= to) ? 1 : 2;
    }
  }
  return weight;
}

/** X's weighted length: links 23, emoji 2, CJK and most other scripts 2, Latin and the like 1. */
export function xWeightedLength(text: string): number {
  let weight = 0;
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    weight += weightOfPlainText(text.slice(last, match.index)) + X_URL_WEIGHT;
    last = match.index + match[0].length;
  }
  return weight + weightOfPlainText(text.slice(last));
}

/** UTF-8 bytes without TextEncoder, which shared/ (no DOM, no Node types) cannot name. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export function measureText(text: string, unit: TextUnit): number {
  switch (unit) {
    case 'characters':
      return [...text].length;
    case 'utf16':
      return text.length;
    case 'bytes':
      return utf8Length(text);
    case 'weighted':
      return xWeightedLength(text);
  }
}

/** The caption as posted: the written text, a blank line, then the hashtags. */
export function composeCaption(caption: string, hashtags: readonly string[]): string {
  const tags = hashtags.map((tag) => `#${tag}`).join(' ');
  return [caption.trim(), tags].filter(Boolean).join('\n\n');
}

/**
 * The written text and the hashtags of a caption made by `composeCaption`, for editing it again.
 * A caption that does not end with those hashtags (written by hand) is all text.
 */
export function splitCaption(
  caption: string,
  hashtags: readonly string[],
): { text: string; hashtags: string[] } {
  const tags = composeCaption('', hashtags);
  if (tags === '' || !caption.endsWith(tags)) return { text: caption, hashtags: [] };
  return {
    text: caption.slice(0, caption.length - tags.length).trimEnd(),
    hashtags: [...hashtags],
  };
}

export function countHashtags(text: string): number {
  return [...text.matchAll(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)].length;
}

export function countMentions(text: string): number {
  return [...text.matchAll(/(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]+/gu)].length;
}

export interface TextUsage {
  used: number;
  max: number;
  unit: TextUnit;
  over: boolean;
}

export function usageOf(text: string, limit: TextLimit): TextUsage {
  const used = measureText(text, limit.unit);
  return { used, max: limit.max, unit: limit.unit, over: used > limit.max };
}

/**
 * Where a platform's feed hides the rest of a text behind "more": not a limit (the post is
 * accepted), but what viewers see before they tap. The platforms do not publish most of these
 * figures; each says where it comes from, and all of them vary with the screen.
 */
export interface FeedCut {
  field: 'title' | 'caption';
  /** Characters shown before "more". */
  characters: number;
  /** Lines shown before "more", when the platform also cuts by lines. */
  lines: number | null;
  source: string;
}

export const feedCuts: Record<PlatformId, FeedCut | null> = {
  instagram: {
    field: 'caption',
    characters: 125,
    lines: 3,
    source:
      'the Instagram Help Center, which says the feed shows three lines and recommends 125 characters or fewer',
  },
  tiktok: {
    field: 'caption',
    characters: 150,
    lines: null,
    source: 'caption counters and scheduling guides; TikTok publishes no figure',
  },
  facebook: {
    field: 'caption',
    characters: 125,
    lines: null,
    source: 'scheduling guides, for phones; Meta publishes no figure',
  },
  youtube: {
    field: 'title',
    characters: 60,
    lines: null,
    source:
      'YouTube title guides, for mobile search and feeds; the description is not shown in the Shorts feed',
  },
  // X shows a post up to 280 characters in full.
  x: null,
};

/** The part of `text` a feed shows before "more", and whether anything is hidden. */
export function cutForFeed(text: string, cut: FeedCut): { shown: string; hidden: boolean } {
  let shown = text;
  if (cut.lines !== null) shown = shown.split('\n').slice(0, cut.lines).join('\n');
  const characters = [...shown];
  if (characters.length > cut.characters) shown = characters.slice(0, cut.characters).join('');
  return { shown: shown.trimEnd(), hidden: shown.length < text.length };
}

export type PostTextField = 'title' | 'caption' | 'tags';

export interface PostTextProblem {
  field: PostTextField;
  /** Which rule: too long, too many hashtags or mentions, missing, or a refused character. */
  rule: 'length' | 'hashtags' | 'mentions' | 'required' | 'characters';
  message: string;
}

export interface PostText {
  title?: string | undefined;
  /** The caption as posted, hashtags included (see `composeCaption`). */
  caption: string;
  /** YouTube tags. */
  tags?: readonly string[] | undefined;
}

/** Every text rule of `platform` the post breaks, each saying what to change. */
export function checkPostText(
  platform: PlatformId,
  platformName: string,
  text: PostText,
): PostTextProblem[] {
  const rules = postTextRules[platform];
  const problems: PostTextProblem[] = [];
  const caption = usageOf(text.caption, rules.caption);
  if (caption.over)
    problems.push({
      field: 'caption',
      rule: 'length',
      message: `The ${rules.caption.label} has ${caption.used} ${unitWords[caption.unit]}; ${platformName} allows ${caption.max}. Shorten it.`,
    });
  const hashtags = countHashtags(text.caption);
  if (rules.maxHashtags !== null && hashtags > rules.maxHashtags)
    problems.push({
      field: 'caption',
      rule: 'hashtags',
      message: `The ${rules.caption.label} has ${hashtags} hashtags; ${platformName} allows ${rules.maxHashtags}. Remove some.`,
    });
  const mentions = countMentions(text.caption);
  if (rules.maxMentions !== null && mentions > rules.maxMentions)
    problems.push({
      field: 'caption',
      rule: 'mentions',
      message: `The ${rules.caption.label} mentions ${mentions} accounts; ${platformName} allows ${rules.maxMentions}. Remove some.`,
    });
  if (rules.title) {
    const title = text.title?.trim() ?? '';
    const usage = usageOf(title, rules.title);
    if (rules.title.required && title === '')
      problems.push({
        field: 'title',
        rule: 'required',
        message: `${platformName} needs a title. Write one.`,
      });
    else if (usage.over)
      problems.push({
        field: 'title',
        rule: 'length',
        message: `The title has ${usage.used} ${unitWords[usage.unit]}; ${platformName} allows ${usage.max}. Shorten it.`,
      });
    if (/[<>]/.test(title))
      problems.push({
        field: 'title',
        rule: 'characters',
        message: `${platformName} titles cannot contain < or >. Remove them.`,
      });
  }
  if (rules.tagsMaxTotal !== null && text.tags) {
    // YouTube counts the commas between tags, and quotes around a tag with a space.
    const total = text.tags.reduce(
      (sum, tag, index) => sum + [...tag].length + (tag.includes(' ') ? 2 : 0) + (index ? 1 : 0),
      0,
    );
    if (total > rules.tagsMaxTotal)
      problems.push({
        field: 'tags',
        rule: 'length',
        message: `The tags have ${total} characters in all; ${platformName} allows ${rules.tagsMaxTotal}. Use fewer or shorter hashtags.`,
      });
  }
  return problems;
}
