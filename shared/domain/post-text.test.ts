import { describe, expect, it } from 'vitest';
import {
  checkPostText,
  composeCaption,
  countHashtags,
  countMentions,
  cutForFeed,
  feedCuts,
  measureText,
  postTextRules,
  splitCaption,
  xWeightedLength,
} from './post-text';

describe('X weighted length', () => {
  it('counts Latin as 1, CJK and emoji as 2 and any link as 23', () => {
    expect(xWeightedLength('hello')).toBe(5);
    expect(xWeightedLength('日本語')).toBe(6);
    expect(xWeightedLength('👍')).toBe(2);
    // A family emoji is one grapheme of several code points: X counts it once, as 2.
    expect(xWeightedLength('👨‍👩‍👧')).toBe(2);
    expect(xWeightedLength('see https://example.com/a/very/long/path?with=query ok')).toBe(
      4 + 23 + 3,
    );
    expect(xWeightedLength('www.example.org')).toBe(23);
    expect(xWeightedLength('“quoted” – dash')).toBe(15);
  });

  it('puts a 280-character Latin post at the limit and one more over it', () => {
    const text = 'a'.repeat(280);
    expect(checkPostText('x', 'X', { caption: text })).toEqual([]);
    expect(checkPostText('x', 'X', { caption: `${text}b` })[0]?.message).toMatch(
      /has 281 characters .*X allows 280/,
    );
    // 141 CJK characters weigh 282.
    expect(checkPostText('x', 'X', { caption: '字'.repeat(141) })).toHaveLength(1);
  });
});

describe('units', () => {
  it('counts characters, UTF-16 code units and UTF-8 bytes', () => {
    expect(measureText('é👍', 'characters')).toBe(2);
    expect(measureText('é👍', 'utf16')).toBe(3);
    expect(measureText('é👍', 'bytes')).toBe(6);
  });

  it('measures TikTok captions in UTF-16 code units', () => {
    const emoji = '👍'.repeat(1100); // 2,200 code units
    expect(checkPostText('tiktok', 'TikTok', { caption: emoji })).toEqual([]);
    expect(checkPostText('tiktok', 'TikTok', { caption: `${emoji}a` })).toHaveLength(1);
  });

  it('measures the YouTube description in bytes', () => {
    expect(checkPostText('youtube', 'YouTube', { title: 't', caption: 'é'.repeat(2500) })).toEqual(
      [],
    );
    const problems = checkPostText('youtube', 'YouTube', { title: 't', caption: 'é'.repeat(2501) });
    expect(problems[0]?.message).toMatch(/description has 5002 bytes/);
  });
});

describe('titles', () => {
  it('requires a YouTube title of at most 100 characters without < or >', () => {
    expect(checkPostText('youtube', 'YouTube', { caption: '' })[0]).toEqual({
      field: 'title',
      rule: 'required',
      message: 'YouTube needs a title. Write one.',
    });
    expect(checkPostText('youtube', 'YouTube', { title: 'x'.repeat(100), caption: '' })).toEqual(
      [],
    );
    expect(
      checkPostText('youtube', 'YouTube', { title: 'x'.repeat(101), caption: '' })[0]?.message,
    ).toMatch(/title has 101 characters; YouTube allows 100/);
    expect(checkPostText('youtube', 'YouTube', { title: 'a <b>', caption: '' })).toHaveLength(1);
  });

  it('gives no title to the platforms that have none', () => {
    for (const platform of ['tiktok', 'instagram', 'facebook', 'x'] as const) {
      expect(postTextRules[platform].title).toBeNull();
      expect(checkPostText(platform, platform, { title: 'x'.repeat(500), caption: '' })).toEqual(
        [],
      );
    }
  });
});

describe('hashtags, mentions and tags', () => {
  it('composes the caption as posted: text, a blank line, the hashtags', () => {
    expect(composeCaption(' Hello ', ['a', 'b'])).toBe('Hello\n\n#a #b');
    expect(composeCaption('', ['a'])).toBe('#a');
    expect(composeCaption('Hello', [])).toBe('Hello');
  });

  it('splits a composed caption back into its text and hashtags', () => {
    const caption = composeCaption('Sunrise at the lake', ['travel', 'lake']);
    expect(splitCaption(caption, ['travel', 'lake'])).toEqual({
      text: 'Sunrise at the lake',
      hashtags: ['travel', 'lake'],
    });
    expect(splitCaption(composeCaption('', ['travel']), ['travel'])).toEqual({
      text: '',
      hashtags: ['travel'],
    });
    // Written by hand, or the hashtags changed since: all of it is text.
    expect(splitCaption('Sunrise #travel', ['lake'])).toEqual({
      text: 'Sunrise #travel',
      hashtags: [],
    });
    expect(splitCaption('Sunrise', [])).toEqual({ text: 'Sunrise', hashtags: [] });
  });

  it('counts hashtags and mentions, not anchors or e-mail addresses', () => {
    expect(countHashtags('#one two #three&#x27; a#b')).toBe(2);
    expect(countMentions('@ana and @bo.b, mail me@example.com')).toBe(2);
  });

  it('allows Instagram 30 hashtags and 20 mentions', () => {
    const tags = Array.from({ length: 30 }, (_, i) => `t${i}`);
    expect(checkPostText('instagram', 'Instagram', { caption: composeCaption('', tags) })).toEqual(
      [],
    );
    const over = checkPostText('instagram', 'Instagram', {
      caption: composeCaption('', [...tags, 'more']),
    });
    expect(over[0]?.message).toMatch(/31 hashtags; Instagram allows 30/);
    const mentions = Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ');
    expect(checkPostText('instagram', 'Instagram', { caption: mentions })[0]?.message).toMatch(
      /mentions 21 accounts/,
    );
  });

  it('limits YouTube tags to 500 characters with the commas between them', () => {
    const tags = Array.from({ length: 50 }, () => 'abcdefghi'); // 50*9 + 49 = 499
    expect(checkPostText('youtube', 'YouTube', { title: 't', caption: '', tags })).toEqual([]);
    const problems = checkPostText('youtube', 'YouTube', {
      title: 't',
      caption: '',
      tags: [...tags, 'x'],
    });
    expect(problems[0]).toMatchObject({ field: 'tags' });
  });
});

describe('feed cuts', () => {
  it('shows what a feed shows before "more", by characters and by lines', () => {
    const instagram = feedCuts.instagram!;
    expect(cutForFeed('short', instagram)).toEqual({ shown: 'short', hidden: false });
    expect(cutForFeed('a'.repeat(130), instagram)).toEqual({
      shown: 'a'.repeat(125),
      hidden: true,
    });
    expect(cutForFeed('one\ntwo\nthree\nfour', instagram)).toEqual({
      shown: 'one\ntwo\nthree',
      hidden: true,
    });
    expect(feedCuts.x).toBeNull();
    expect(feedCuts.youtube?.field).toBe('title');
  });
});
