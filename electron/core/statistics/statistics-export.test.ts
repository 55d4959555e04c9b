import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { postsCsv, spreadsheetSafe } from './statistics-export';
import { closeStatisticsWorld, openStatisticsWorld } from './testing/statistics-world';

afterEach(closeStatisticsWorld);

describe('CSV export', () => {
  it('keeps spreadsheets from running a cell as a formula', () => {
    for (const risky of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(spreadsheetSafe(risky)).toBe(`'${risky}`);
    }
    expect(spreadsheetSafe('Morning beach #1')).toBe('Morning beach #1');
    expect(spreadsheetSafe('a=b')).toBe('a=b');
  });

  it('writes the period’s posts oldest first, titles escaped, numbers as numbers, gaps empty', async () => {
    const world = await openStatisticsWorld('Europe/Paris');
    world.clock.set(Date.UTC(2026, 0, 15, 12));
    await world.post({ at: Date.UTC(2026, 0, 14, 8), reading: { views: 1000, likes: 50 } });
    await world.post({ at: Date.UTC(2026, 0, 13, 8), reading: { views: 10 } });
    await world.db
      .updateTable('distribution_videos')
      .set({ title: '=HYPERLINK("http://evil.test","click")' })
      .execute();
    const { period, posts } = await world.service.periodPosts({
      period: { kind: 'preset', preset: '7d' },
      filters: {},
    });
    const file = postsCsv(period, posts);
    expect(file.fileName).toBe('reelpilot-posts-2026-01-09-to-2026-01-15.csv');
    expect(file.rows).toBe(2);
    const rows = parse(file.content, { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      'Published (Europe/Paris)',
      'Platform',
      'Account',
      'Title',
      'Link',
      'Views',
      'Likes',
      'Comments',
      'Shares',
      'Saves',
      'Engagement rate (%)',
    ]);
    expect(rows[1]?.slice(0, 2)).toEqual(['2026-01-13 09:00', 'YouTube']);
    expect(rows[1]?.[3]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(rows[1]?.slice(5)).toEqual(['10', '', '', '', '', '']);
    expect(rows[2]?.slice(5)).toEqual(['1000', '50', '', '', '', '5']);
  });
});
