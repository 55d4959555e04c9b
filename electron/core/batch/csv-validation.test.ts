import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAccountLimits, type Account } from '../../../shared/domain/accounts';
import type { MediaItem } from '../../../shared/domain/media';
import type { PlatformId } from '../../../shared/domain/platforms';
import { defaultConfig } from '../configs/configs-module';
import { checkCsv, pairKey, type CsvContext } from './csv-validation';

const NOW = Date.UTC(2026, 2, 2, 12, 0);

function account(id: string, platform: PlatformId, handle: string): Account {
  return {
    id,
    platform,
    remoteId: `r-${id}`,
    handle,
    displayName: handle,
    avatarUrl: null,
    status: 'active',
    statusReason: null,
    audience: 'public',
    limits: defaultAccountLimits,
    counters: { postsTotal: 0, errorsTotal: 0, consecutiveErrors: 0, costTotalUsd: 0 },
    token: { expiresAt: null, refreshable: true, scopes: [] } as unknown as Account['token'],
    nextPost: { allowed: true },
    rateLimitedUntil: null,
    lastPostAt: null,
    lastErrorAt: null,
    lastTestedAt: null,
    connectedAt: NOW,
    updatedAt: NOW,
  } as Account;
}

const accounts = [
  account('acc-yt', 'youtube', '@studio'),
  account('acc-tt', 'tiktok', '@studio'),
  account('acc-x', 'x', '@shortposts'),
  account('acc-ig', 'instagram', '@grams'),
];

const video = {
  id: 'vid-1',
  name: 'beach.mp4',
  kind: 'video',
  missing: false,
  path: '/lib/beach.mp4',
  size: 4_000,
  contentHash: 'hash-of-beach',
};

/** Files on the fake disk: their size and the hash of their bytes. */
const disk: Record<string, { size: number; hash: string }> = {
  '/videos/on-disk.mp4': { size: 1_000, hash: 'hash-a' },
  '/videos/on-disk-copy.mp4': { size: 1_000, hash: 'hash-a' },
  '/videos/other-same-size.mp4': { size: 1_000, hash: 'hash-b' },
  '/videos/beach-again.mp4': { size: 4_000, hash: 'hash-of-beach' },
  '/videos/long.mp4': { size: 9_000, hash: 'hash-c' },
};

function context(overrides: Partial<CsvContext> = {}): CsvContext {
  const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
  const file = join(dir, 'clip.mp4');
  writeFileSync(file, 'x');
  return {
    now: NOW,
    accounts,
    mediaById: async (id) => (id === 'vid-1' ? (video as MediaItem) : null),
    fileExists: (path) => path === file || path in disk,
    fileSize: async (path) => disk[path]?.size ?? (path === file ? 1 : null),
    fileHash: async (path) => disk[path]?.hash ?? null,
    // beach-again.mp4 was imported before as a copy of the library's beach.mp4.
    libraryItemAt: async (path) =>
      path === '/videos/beach-again.mp4' ? (video as MediaItem) : null,
    postedOn: async () => new Set(),
    existingKeys: async () => new Set(),
    sameCaptionNear: async () => false,
    configByRef: async (ref) =>
      ref === 'cfg-1' || ref === 'Weekly tips'
        ? {
            id: 'cfg-1',
            name: 'Weekly tips',
            config: { ...defaultConfig('UTC'), name: 'Weekly tips' },
          }
        : null,
    ...overrides,
  };
}

const header = 'scheduled_at,account,platform,media,caption,title,hashtags,privacy,external_id';

describe('CSV import: checking rows', () => {
  it('reads every column', async () => {
    const csv = [
      header,
      '2026-03-05T14:30:00+01:00,@studio,youtube,vid-1,"Sunset, again",Sunset,#sun beach,unlisted,post-1',
    ].join('\n');
    const { preview, posts } = await checkCsv('posts.csv', csv, context());
    expect(preview.fileError).toBeNull();
    expect(preview.rows).toEqual([
      expect.objectContaining({ rowNumber: 2, ok: true, errors: [], duplicate: false }),
    ]);
    expect(posts).toEqual([
      {
        rowNumber: 2,
        rowKey: 'ext:post-1',
        externalId: 'post-1',
        account: accounts[0],
        mediaId: 'vid-1',
        mediaPath: null,
        mediaName: 'beach.mp4',
        configId: null,
        post: {
          title: 'Sunset',
          caption: 'Sunset, again',
          hashtags: ['sun', 'beach'],
          privacy: 'unlisted',
        },
        scheduledAt: Date.UTC(2026, 2, 5, 13, 30),
      },
    ]);
  });

  it('reports bad rows by their number in words and keeps the good ones', async () => {
    const long = 'x'.repeat(281);
    const csv = [
      header,
      ',@nobody,x,vid-1,Hello,,,,a', // unknown account
      '2026-03-01T10:00:00Z,@shortposts,x,vid-1,Hello,,,,b', // past
      ',@shortposts,x,/videos/missing.mp4,Hello,,,,c', // missing media
      ',@shortposts,myspace,vid-1,Hello,,,,d', // bad platform
      `,@shortposts,x,vid-1,${long},,,,e`, // too long for X
      ',@shortposts,x,vid-1,Fine,,,,f', // good
      ',@shortposts,x,/videos/on-disk.mp4,From disk,,,,g', // good: a file imported on the fly
      'tomorrow,@shortposts,x,vid-1,Hello,,,,h', // not a date
    ].join('\r\n');
    const { preview, posts } = await checkCsv('posts.csv', csv, context());
    const byRow = new Map(preview.rows.map((r) => [r.rowNumber, r]));
    expect(byRow.get(2)!.errors).toEqual([
      'No X account "@nobody" is connected. Connect it in Accounts or fix the handle.',
    ]);
    expect(byRow.get(3)!.errors[0]).toMatch(/is in the past/);
    expect(byRow.get(4)!.errors[0]).toMatch(/No library item or file "\/videos\/missing.mp4"/);
    expect(byRow.get(5)!.errors[0]).toMatch(/"myspace" is not a platform/);
    expect(byRow.get(6)!.errors).toEqual([
      '@shortposts: The post has 281 characters (links count 23, emoji and most CJK count 2); X allows 280. Shorten it.',
    ]);
    expect(byRow.get(9)!.errors[0]).toMatch(/not a date and time with its offset/);
    expect(preview).toMatchObject({ validRows: 2, invalidRows: 6 });
    expect(posts.map((p) => p.rowNumber)).toEqual([7, 8]);
    expect(posts[1]).toMatchObject({ mediaId: null, mediaPath: '/videos/on-disk.mp4' });
  });

  it('accepts Excel’s BOM and semicolons; several accounts in one cell; platform names', async () => {
    const csv =
      '\uFEFFScheduled_At;ACCOUNT;Platform;Media;Caption;Title\n' +
      ';"@studio;@grams";;vid-1;Morning;Morning run\n' +
      ';@studio;TikTok;vid-1;Evening;\n';
    const { preview, posts } = await checkCsv('excel.csv', csv, context());
    expect(preview.delimiter).toBe(';');
    expect(preview.columns).toEqual([
      'scheduled_at',
      'account',
      'platform',
      'media',
      'caption',
      'title',
    ]);
    // "@studio" is on YouTube and TikTok: without a platform it is ambiguous.
    expect(preview.rows[0]!.errors).toEqual([
      '"@studio" is an account on YouTube and TikTok. Add the platform column to say which.',
    ]);
    expect(preview.rows[1]).toMatchObject({ ok: true, platform: 'tiktok' });
    expect(posts.map((p) => p.account.id)).toEqual(['acc-tt']);
  });

  it('makes one post per account of a row', async () => {
    const csv = `account,media,caption,title\n"@shortposts;@grams",vid-1,Two places,Two\n`;
    const { posts } = await checkCsv('two.csv', csv, context());
    expect(posts.map((p) => p.account.id)).toEqual(['acc-x', 'acc-ig']);
  });

  it('marks rows imported before as duplicates and repeated rows as errors', async () => {
    const csv = `account,media,caption,external_id\n@shortposts,vid-1,One,k1\n@shortposts,vid-1,Two,\n@shortposts,vid-1,Two,\n`;
    const first = await checkCsv('a.csv', csv, context());
    expect(first.preview.rows[2]!.errors).toEqual(['This row repeats row 3. Remove one of them.']);
    const imported = new Set(first.posts.map((p) => pairKey(p.rowKey, p.account.id)));
    const again = await checkCsv('a.csv', csv, context({ existingKeys: async () => imported }));
    expect(again.posts).toEqual([]);
    expect(again.preview).toMatchObject({ validRows: 0, duplicateRows: 2 });
  });

  it('flags the same caption on an account within 3 days', async () => {
    const csv = [
      'scheduled_at,account,media,caption',
      '2026-03-03T10:00:00Z,@shortposts,/videos/on-disk.mp4,Same words',
      '2026-03-05T09:00:00Z,@shortposts,/videos/other-same-size.mp4,Same words',
      '2026-03-09T09:00:00Z,@shortposts,/videos/long.mp4,Same words',
      '2026-03-20T09:00:00Z,@grams,vid-1,Known caption',
    ].join('\n');
    const { preview, posts } = await checkCsv(
      'c.csv',
      csv,
      context({ sameCaptionNear: async (accountId) => accountId === 'acc-ig' }),
    );
    expect(preview.rows.map((r) => r.warnings)).toEqual([
      [],
      ['@shortposts gets the same caption within 3 days (row 2).'],
      [],
      ['@grams already has a post with this caption within 3 days.'],
    ]);
    expect(posts).toHaveLength(4);
  });

  it('warns of a row whose video has the same bytes as an earlier row’s for that account, hashing only equal sizes', async () => {
    const hashed: string[] = [];
    const read: string[] = [];
    const csv = [
      'account,media,caption,external_id',
      '@shortposts,/videos/on-disk.mp4,First,r1',
      '@shortposts,/videos/on-disk-copy.mp4,Copy under another name,r2',
      '@shortposts,/videos/other-same-size.mp4,Same size other video,r3',
      '@shortposts,vid-1,From the library,r4',
      '@shortposts,/videos/beach-again.mp4,The library video as a file,r5',
      '@grams,/videos/on-disk-copy.mp4,Another account,r6',
      '@shortposts,/videos/long.mp4,Nothing like it,r7',
      '@shortposts,vid-1,The same item again,r8',
    ].join('\n');
    const { preview, posts } = await checkCsv(
      'c.csv',
      csv,
      context({
        mediaById: async (id) => {
          read.push(id);
          return id === 'vid-1' ? (video as MediaItem) : null;
        },
        fileHash: async (path) => {
          hashed.push(path);
          return disk[path]?.hash ?? null;
        },
      }),
    );
    const skipped = (row: number) =>
      `@shortposts gets the same video as row ${row} (the same bytes under another name): it is posted once, and this row will be skipped.`;
    expect(preview.rows.map((r) => r.warnings)).toEqual([
      [],
      [skipped(2)],
      [],
      [],
      [skipped(5)],
      [],
      [],
      [skipped(5)],
    ]);
    // Still imported: the item says skipped, and why, when it runs.
    expect(posts).toHaveLength(8);
    // Only the files that share a size with another video for the same account were read.
    // Two rows name library item vid-1: it is read once for the rows and the warnings.
    expect(read.filter((id) => id === 'vid-1')).toHaveLength(1);
    expect(hashed.sort()).toEqual([
      '/videos/beach-again.mp4',
      '/videos/on-disk-copy.mp4',
      '/videos/on-disk.mp4',
      '/videos/other-same-size.mp4',
    ]);
  });

  it('warns of a row whose video the account already has, by library id or a file imported before', async () => {
    const csv = [
      'account,platform,media,caption,title',
      '@shortposts,x,vid-1,By its library id,',
      '@grams,instagram,/videos/beach-again.mp4,A copy imported before,',
      '@studio,youtube,/videos/beach-again.mp4,Not posted there yet,A title',
      '@grams,instagram,/videos/long.mp4,Never imported,',
    ].join('\n');
    const asked: Array<{ mediaIds: readonly string[]; accountIds: readonly string[] }> = [];
    const { preview, posts } = await checkCsv(
      'c.csv',
      csv,
      context({
        postedOn: async (mediaIds, accountIds) => {
          asked.push({ mediaIds, accountIds });
          return new Set([`vid-1\u0000acc-x`, `vid-1\u0000acc-ig`] as const);
        },
      }),
    );
    const has = (handle: string) =>
      `${handle} already has this video, posted or planned: a video goes once to an account, so this row will be skipped.`;
    expect(preview.rows.map((r) => r.warnings)).toEqual([
      [has('@shortposts')],
      [has('@grams')],
      [],
      [],
    ]);
    expect(posts).toHaveLength(4);
    // One question for the whole file.
    expect(asked).toEqual([{ mediaIds: ['vid-1'], accountIds: ['acc-x', 'acc-ig', 'acc-yt'] }]);
  });

  it('says what is wrong with a file without the needed columns', async () => {
    const { preview } = await checkCsv('bad.csv', 'name,when\nx,y\n', context());
    expect(preview.fileError).toMatch(/The header has no account or media column/);
    expect((await checkCsv('empty.csv', '', context())).preview.fileError).toMatch(/empty/);
  });

  it('checks every platform’s text rules: YouTube needs a title', async () => {
    const { preview } = await checkCsv(
      't.csv',
      'account,platform,media,caption\n@studio,youtube,vid-1,No title\n',
      context(),
    );
    expect(preview.rows[0]!.errors).toEqual(['@studio: YouTube needs a title. Write one.']);
  });

  it('a row naming a config renders on demand: the config must exist, and media or config, not both', async () => {
    const csv = [
      'account,platform,media,config,caption,external_id',
      '@shortposts,x,,Weekly tips,Tip of the week,a', // good: by the config's exact name
      '@shortposts,x,,cfg-1,Another tip,b', // good: by the config's id
      '@shortposts,x,,Monthly tips,Hello,c', // unknown config
      '@shortposts,x,vid-1,cfg-1,Hello,d', // both
      '@shortposts,x,,,Hello,e', // neither
      '@shortposts,x,,cfg-1,Hello {nope},f', // text the config's run cannot take
    ].join('\n');
    const { preview, posts } = await checkCsv('configs.csv', csv, context());
    expect(preview.fileError).toBeNull();
    expect(preview.columns).toContain('config');
    expect(preview.rows.map((r) => [r.rowNumber, r.errors])).toEqual([
      [2, []],
      [3, []],
      [
        4,
        ['No config "Monthly tips". Give a config\'s id or its exact name, as Configs lists it.'],
      ],
      [
        5,
        [
          'The row names both a media and a config. Keep the media to post a finished video, or the config to render one.',
        ],
      ],
      [
        6,
        [
          'The media is missing. Give a library item id or a file path, or a config to render from.',
        ],
      ],
      [7, [expect.stringContaining('does not fit the config')]],
    ]);
    expect(
      posts.map((p) => [p.rowNumber, p.configId, p.mediaId, p.mediaPath, p.mediaName]),
    ).toEqual([
      [2, 'cfg-1', null, null, 'Rendered from Weekly tips'],
      [3, 'cfg-1', null, null, 'Rendered from Weekly tips'],
    ]);
    // A file with a config column and no media column is a valid file.
    const only = await checkCsv('c.csv', 'account,config\n@shortposts,cfg-1\n', context());
    expect(only.preview.fileError).toBeNull();
    expect(only.posts).toHaveLength(1);
  });
});
