import { describe, expect, it } from 'vitest';
import { sampleStatus } from '../testing/sample-status';
import { describeActivity, describeWork, formatRunTime, type AutomationStatus } from './automation';

const now = Date.parse('2026-03-10T12:30:00Z');

const status = (overrides: Partial<AutomationStatus>) => sampleStatus({ at: now, ...overrides });

const upload = (n: number) => ({
  jobId: `j${n}`,
  targetId: `t${n}`,
  platform: 'youtube' as const,
  accountHandle: '@beach',
  title: `Clip ${n}`,
  progress: 0.5,
});

describe('activity in words', () => {
  it('says what runs now and what comes next', () => {
    expect(
      describeActivity(
        status({
          state: 'working',
          renders: [
            { jobId: 'r', runId: null, configId: 'c', configName: 'Morning', progress: 0.4 },
          ],
          uploads: [upload(1), upload(2)],
          nextRuns: [
            { configId: 'c', configName: 'Morning', at: Date.parse('2026-03-10T14:00:00Z') },
          ],
        }),
      ),
    ).toBe('Rendering “Morning” 40 % · uploading 2 posts · next run at 14:00');
    expect(describeActivity(status({}))).toBe('Idle: no runs scheduled');
  });

  it('says when it is paused and what still finishes, and what needs the person', () => {
    expect(
      describeActivity(
        status({
          paused: true,
          pausedAt: Date.parse('2026-03-10T09:05:00Z'),
          uploads: [upload(1)],
          nextRuns: [{ configId: 'c', configName: 'M', at: now + 3_600_000 }],
        }),
      ),
    ).toBe('Paused since 09:05 · finishing 1 post');
    expect(
      describeActivity(
        status({
          attention: [
            {
              kind: 'accountReconnect',
              count: 1,
              message: '@beach needs to be reconnected',
              target: { screen: 'accounts' },
            },
          ],
        }),
      ),
    ).toBe('@beach needs to be reconnected');
  });

  it('lists each running piece of work for the tray menu', () => {
    expect(
      describeWork(
        status({
          renders: [{ jobId: 'r', runId: null, configId: 'c', configName: 'Noon', progress: null }],
          uploads: [upload(3)],
          rendersWaiting: 2,
          uploadsWaiting: 1,
        }),
      ),
    ).toEqual([
      'Rendering “Noon”',
      'Uploading “Clip 3” to @beach 50 %',
      '2 renders waiting',
      '1 post waiting to upload',
    ]);
  });

  it('shows run times in the app’s time zone, with the day when it is not today', () => {
    expect(formatRunTime(Date.parse('2026-03-10T14:00:00Z'), now, 'Europe/Paris')).toBe('15:00');
    expect(formatRunTime(Date.parse('2026-03-12T08:00:00Z'), now, 'UTC')).toBe('Thu 08:00');
    expect(formatRunTime(Date.parse('2026-04-02T08:00:00Z'), now, 'UTC')).toBe('2 Apr 08:00');
  });
});
