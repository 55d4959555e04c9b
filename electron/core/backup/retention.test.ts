import { describe, expect, it } from 'vitest';
import { isoWeek, retainedBackups, type RetainedBackup } from './retention';

const day = 86_400_000;
const zone = 'Europe/Paris';
const policy = { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };

/** A scheduled backup at 03:00 Paris time (02:00 UTC in winter, 01:00 in summer) on `date`. */
function at(
  date: string,
  hour = 3,
  trigger: RetainedBackup['trigger'] = 'scheduled',
): RetainedBackup {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  const offset = new Date(guess).toLocaleString('en-US', {
    timeZone: zone,
    timeZoneName: 'shortOffset',
  });
  const hours = Number(/GMT([+-]\d+)/.exec(offset)?.[1] ?? 0);
  return { id: `${date}T${hour}`, createdAt: guess - hours * 3_600_000, trigger };
}

function daily(from: string, days: number): RetainedBackup[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    at(new Date(start + i * day).toISOString().slice(0, 10)),
  );
}

describe('ISO weeks', () => {
  it('start on Monday and belong to the year of their Thursday', () => {
    expect(isoWeek(2026, 1, 1)).toBe('2026-W01');
    expect(isoWeek(2027, 1, 1)).toBe('2026-W53');
    expect(isoWeek(2025, 12, 29)).toBe('2026-W01');
    expect(isoWeek(2026, 3, 2)).toBe('2026-W10');
    expect(isoWeek(2026, 3, 1)).toBe('2026-W09');
  });
});

describe('retention', () => {
  it('keeps exactly the newest of the last 7 days, 4 weeks and 12 months', () => {
    // A backup every day for a year and a half, ending Sunday 2026-03-01.
    const backups = daily('2024-09-01', 547);
    const now = backups.at(-1)!.createdAt + 3_600_000;
    const kept = [...retainedBackups(backups, policy, zone, now)].sort();
    const expected = [
      // 7 days
      '2026-02-23T3',
      '2026-02-24T3',
      '2026-02-25T3',
      '2026-02-26T3',
      '2026-02-27T3',
      '2026-02-28T3',
      '2026-03-01T3',
      // 4 weeks: the Sundays ending W09, W08, W07, W06 (W09's is 2026-03-01, kept above)
      '2026-02-22T3',
      '2026-02-15T3',
      '2026-02-08T3',
      // 12 months: the last day of each (March's newest is 2026-03-01)
      '2026-02-28T3',
      '2026-01-31T3',
      '2025-12-31T3',
      '2025-11-30T3',
      '2025-10-31T3',
      '2025-09-30T3',
      '2025-08-31T3',
      '2025-07-31T3',
      '2025-06-30T3',
      '2025-05-31T3',
      '2025-04-30T3',
    ];
    expect(kept).toEqual([...new Set(expected)].sort());
  });

  it('counts days that have a backup, so a month away deletes nothing new', () => {
    const before = daily('2026-01-01', 10);
    const after = [at('2026-02-20')];
    const kept = retainedBackups(
      [...before, ...after],
      { ...policy, keepWeekly: 0, keepMonthly: 0 },
      zone,
      after[0]!.createdAt,
    );
    expect([...kept].sort()).toEqual(
      [
        '2026-01-05T3',
        '2026-01-06T3',
        '2026-01-07T3',
        '2026-01-08T3',
        '2026-01-09T3',
        '2026-01-10T3',
        '2026-02-20T3',
      ].sort(),
    );
  });

  it('keeps the newest of a day with several backups, and safety copies for 30 days', () => {
    const backups = [
      at('2026-03-01', 3),
      at('2026-03-01', 15, 'manual'),
      at('2026-03-01', 16, 'before-restore'),
      at('2026-03-01', 17),
      at('2026-01-10', 9, 'before-update'),
    ];
    const now = at('2026-03-02', 12).createdAt;
    const kept = retainedBackups(
      backups,
      { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 },
      zone,
      now,
    );
    expect([...kept].sort()).toEqual(['2026-03-01T16', '2026-03-01T17']);
    const soon = retainedBackups(
      backups,
      { keepDaily: 1, keepWeekly: 0, keepMonthly: 0 },
      zone,
      at('2026-02-05').createdAt,
    );
    expect(soon.has('2026-01-10T9')).toBe(true);
  });

  it('follows the person’s time zone for where a day ends', () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris: two different days there.
    const late = {
      id: 'late',
      createdAt: Date.UTC(2026, 2, 1, 23, 30),
      trigger: 'scheduled' as const,
    };
    const early = {
      id: 'early',
      createdAt: Date.UTC(2026, 2, 1, 20, 0),
      trigger: 'scheduled' as const,
    };
    const paris = retainedBackups(
      [late, early],
      { keepDaily: 2, keepWeekly: 0, keepMonthly: 0 },
      zone,
      late.createdAt,
    );
    expect(paris.size).toBe(2);
    const utc = retainedBackups(
      [late, early],
      { keepDaily: 2, keepWeekly: 0, keepMonthly: 0 },
      'UTC',
      late.createdAt,
    );
    expect([...utc]).toEqual(['late']);
  });
});
