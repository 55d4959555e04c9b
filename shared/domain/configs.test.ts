import { describe, expect, it } from 'vitest';
import { configInputSchema, type ConfigInput } from './configs';
import { parseCron } from './cron';

function valid(): ConfigInput {
  const platform = {
    enabled: false,
    titleTemplate: '{title}',
    captionTemplate: '',
    hashtags: [],
    privacy: 'public' as const,
    madeForKids: false,
  };
  return {
    name: 'Beach days',
    schedule: {
      rule: { kind: 'daily', times: ['09:00'] },
      timeZone: 'Europe/Paris',
      startDate: null,
      endDate: null,
    },
    content: {
      sources: { tags: ['beach'], folders: [], itemIds: [] },
      clipCount: 5,
      order: 'random',
      lengthSeconds: 15,
      stylePreset: 'clean',
      motion: 'kenBurnsIn',
      transition: { type: 'crossfade', durationMs: 500 },
      textOverlay: {
        enabled: true,
        template: '{title} – {date}',
        font: 'DejaVu Sans',
        size: 56,
        color: '#ffffff',
        position: 'bottom',
        box: { enabled: true, color: '#000000', opacity: 0.5 },
      },
      audio: { source: { kind: 'none' }, volume: 0.8, fadeInMs: 0, fadeOutMs: 0 },
      aspect: '9:16',
    },
    platforms: {
      tiktok: platform,
      youtube: { ...platform, privacy: 'private' },
      instagram: platform,
      facebook: platform,
      x: platform,
    },
    distribution: {
      mode: 'spread',
      strategy: 'roundRobin',
      accountIds: [],
      weights: {},
      videosPerRun: 1,
    },
    storage: { uploadRendersToDrive: false },
  };
}

/** The messages by field path, as the editor shows them. */
function messages(input: unknown): Record<string, string> {
  const parsed = configInputSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(
    parsed.error.issues.map((issue) => [issue.path.map(String).join('.'), issue.message]),
  );
}

describe('config validation', () => {
  it('accepts a complete config and normalises hashtags', () => {
    const input = valid();
    input.platforms.tiktok.hashtags = ['#summer', 'beach_life'];
    const parsed = configInputSchema.parse(input);
    expect(parsed.platforms.tiktok.hashtags).toEqual(['summer', 'beach_life']);
  });

  it('explains schedule mistakes in words, on the right field', () => {
    const input = valid();
    expect(
      messages({
        ...input,
        schedule: { ...input.schedule, rule: { kind: 'daily', times: ['9h'] } },
      }),
    ).toEqual({
      'schedule.rule.times.0': 'Enter a time as HH:MM on the 24-hour clock, such as 09:30.',
    });
    expect(
      messages({ ...input, schedule: { ...input.schedule, rule: { kind: 'hourly', minute: 75 } } }),
    ).toEqual({ 'schedule.rule.minute': 'The minute must be between 0 and 59.' });
    expect(
      messages({
        ...input,
        schedule: { ...input.schedule, rule: { kind: 'interval', everyMinutes: 1 } },
      }),
    ).toEqual({ 'schedule.rule.everyMinutes': 'Runs must be at least 5 minutes apart.' });
    expect(
      messages({
        ...input,
        schedule: { ...input.schedule, rule: { kind: 'cron', expression: '61 * * * *' } },
      }),
    ).toEqual({ 'schedule.rule.expression': 'The minute 61 is out of range: use 0 to 59.' });
    expect(
      messages({ ...input, schedule: { ...input.schedule, timeZone: 'Mars/Olympus' } }),
    ).toEqual({
      'schedule.timeZone':
        'Unknown time zone. Use an IANA name such as Europe/Paris or America/New_York.',
    });
    expect(
      messages({
        ...input,
        schedule: { ...input.schedule, startDate: '2026-05-02', endDate: '2026-05-01' },
      }),
    ).toEqual({
      'schedule.endDate':
        'The end date is before the start date. Pick a later end date or clear it.',
    });
    expect(
      messages({ ...input, schedule: { ...input.schedule, startDate: '2026-02-30' } }),
    ).toEqual({
      'schedule.startDate': 'Enter a date as YYYY-MM-DD, for example 2026-03-01.',
    });
  });

  it('explains content mistakes', () => {
    const input = valid();
    expect(
      messages({
        ...input,
        content: { ...input.content, sources: { tags: [], folders: [], itemIds: [] } },
      }),
    ).toEqual({
      'content.sources':
        'Choose where the clips come from: at least one tag, folder or picked media item.',
    });
    expect(
      messages({
        ...input,
        content: {
          ...input.content,
          textOverlay: { ...input.content.textOverlay, template: 'Day {day}' },
        },
      }),
    ).toEqual({
      'content.textOverlay.template':
        'Unknown variable {day} in the overlay text. Use {date}, {time}, {index}, {count}, {title}, {config}.',
    });
    expect(
      messages({ ...input, content: { ...input.content, clipCount: 10, lengthSeconds: 5 } }),
    ).toEqual({
      'content.transition.durationMs':
        'Each clip lasts about 500 ms, too short for 500 ms transitions. Shorten the transitions, use fewer clips or make the video longer.',
    });
    expect(
      messages({
        ...input,
        content: {
          ...input.content,
          textOverlay: { ...input.content.textOverlay, color: 'white' },
        },
      }),
    ).toEqual({ 'content.textOverlay.color': 'Enter a colour as #RRGGBB, for example #ffffff.' });
  });

  it('explains platform and distribution mistakes', () => {
    const input = valid();
    expect(
      messages({
        ...input,
        platforms: {
          ...input.platforms,
          youtube: { ...input.platforms.youtube, privacy: 'friends' },
        },
      }),
    ).toEqual({
      'platforms.youtube.privacy': 'YouTube accepts only public, unlisted, private privacy.',
    });
    expect(
      messages({
        ...input,
        platforms: {
          ...input.platforms,
          youtube: { ...input.platforms.youtube, enabled: true, titleTemplate: ' ' },
        },
      }),
    ).toEqual({
      'platforms.youtube.titleTemplate': 'YouTube needs a title. Write one.',
    });
    expect(
      messages({
        ...input,
        platforms: { ...input.platforms, x: { ...input.platforms.x, hashtags: ['two words'] } },
      }),
    ).toEqual({
      'platforms.x.hashtags.0': 'A hashtag holds only letters, digits and underscores.',
    });
    expect(
      messages({
        ...input,
        distribution: {
          mode: 'spread',
          strategy: 'weighted',
          accountIds: ['a', 'b'],
          weights: { a: 0, b: 0 },
          videosPerRun: 2,
        },
      }),
    ).toEqual({ 'distribution.weights': 'At least one account needs a weight above 0.' });
    expect(
      messages({ ...input, distribution: { ...input.distribution, accountIds: ['a', 'a'] } }),
    ).toEqual({ 'distribution.accountIds': 'Each account may be chosen only once.' });
    expect(messages({ ...input, name: '  ' })).toEqual({ name: 'Give the config a name.' });
  });
});

describe('per-platform text on save', () => {
  const withX = (x: Partial<ConfigInput['platforms']['x']>) => {
    const input = valid();
    input.platforms.x = { ...input.platforms.x, enabled: true, ...x };
    return input;
  };

  it('refuses an X caption over 280 weighted characters, only while X is enabled', () => {
    expect(messages(withX({ captionTemplate: 'a'.repeat(280) }))).toEqual({});
    expect(messages(withX({ captionTemplate: 'a'.repeat(281) }))).toEqual({
      'platforms.x.captionTemplate':
        'The post has 281 characters (links count 23, emoji and most CJK count 2); X allows 280. Shorten it.',
    });
    expect(messages(withX({ enabled: false, captionTemplate: 'a'.repeat(281) }))).toEqual({});
    // The same caption suits TikTok (2,200).
    const input = valid();
    input.platforms.tiktok = {
      ...input.platforms.tiktok,
      enabled: true,
      captionTemplate: 'a'.repeat(281),
    };
    expect(messages(input)).toEqual({});
  });

  it('counts variables with the stated assumption and says so', () => {
    // 270 letters + {title} counted as 40 = 310.
    const problems = messages(withX({ captionTemplate: `${'a'.repeat(270)}{title}` }));
    expect(problems['platforms.x.captionTemplate']).toMatch(
      /^The post has 310 characters .*X allows 280\. Shorten it\. \(\{title\} is counted as 40 characters/,
    );
    // {config} is the config's own name ("Beach days", 10).
    expect(messages(withX({ captionTemplate: `${'a'.repeat(270)}{config}` }))).toEqual({});
  });

  it('blames the hashtags when only they make the caption too long', () => {
    expect(
      messages(withX({ captionTemplate: 'a'.repeat(270), hashtags: ['summer', 'beach'] })),
    ).toEqual({
      'platforms.x.hashtags':
        'With its hashtags, the post has 286 characters (links count 23, emoji and most CJK count 2); X allows 280. Use fewer hashtags or a shorter post.',
    });
  });

  it('checks the YouTube title against 100 characters', () => {
    const input = valid();
    input.platforms.youtube = {
      ...input.platforms.youtube,
      enabled: true,
      titleTemplate: 'b'.repeat(101),
    };
    expect(messages(input)).toEqual({
      'platforms.youtube.titleTemplate':
        'The title has 101 characters; YouTube allows 100. Shorten it.',
    });
  });
});

describe('configs stored before distribution modes', () => {
  it('read as spreading videos, the behaviour they had', () => {
    const { mode: _mode, ...old } = valid().distribution;
    const parsed = configInputSchema.parse({ ...valid(), distribution: old });
    expect(parsed.distribution.mode).toBe('spread');
  });
});

describe('cron expressions', () => {
  it('parses lists, ranges, steps, names and macros', () => {
    const spec = parseCron('0,30 9-17/2 * JAN-MAR mon-fri');
    expect(spec).toMatchObject({
      ok: true,
      spec: {
        minutes: [0, 30],
        hours: [9, 11, 13, 15, 17],
        months: [1, 2, 3],
        daysOfWeek: [1, 2, 3, 4, 5],
      },
    });
    expect(parseCron('@daily')).toMatchObject({ ok: true, spec: { minutes: [0], hours: [0] } });
    expect(parseCron('0 0 * * 7')).toMatchObject({ ok: true, spec: { daysOfWeek: [0] } });
  });

  it('says what is wrong', () => {
    expect(parseCron('* * *')).toMatchObject({
      ok: false,
      message: expect.stringContaining('has 5 fields'),
    });
    expect(parseCron('0 5-2 * * *')).toEqual({
      ok: false,
      message: 'The range "5-2" in the hour field runs backwards.',
    });
    expect(parseCron('0 0 * * */0')).toEqual({
      ok: false,
      message: 'The step in "*/0" must be a whole number of at least 1.',
    });
    expect(parseCron('0 0 * FOO *')).toEqual({ ok: false, message: '"FOO" is not a valid month.' });
  });
});
