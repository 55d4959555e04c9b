import { describe, expect, it } from 'vitest';
import { formatZonedDateTime } from '../format';
import { nextRunText } from './labels';

describe('the next run of a config', () => {
  const schedule = (timeZone: string) =>
    ({ timeZone, rule: { kind: 'daily', times: ['09:00'] } }) as never;
  // 09:00 on Jan 15 in Chatham (UTC+13:45) is still Jan 14 in UTC.
  const at = Date.parse('2026-01-14T19:15:00Z');

  it('names the zone of Settings, and adds the config’s own clock when it reads differently', () => {
    const text = nextRunText(
      { active: true, nextRunAt: at, schedule: schedule('Pacific/Chatham') },
      'UTC',
    );
    expect(text.main).toBe(`${formatZonedDateTime(at, 'UTC')} UTC`);
    expect(text.own).toBe(`${formatZonedDateTime(at, 'Pacific/Chatham')} in Pacific/Chatham`);
    expect(text.own).not.toContain(formatZonedDateTime(at, 'UTC'));
  });

  it('says nothing more when both clocks read the same, and names paused or ended configs', () => {
    expect(
      nextRunText({ active: true, nextRunAt: at, schedule: schedule('Etc/UTC') }, 'UTC').own,
    ).toBeNull();
    expect(
      nextRunText({ active: false, nextRunAt: at, schedule: schedule('UTC') }, 'UTC').main,
    ).toBe('Paused');
    expect(
      nextRunText({ active: true, nextRunAt: null, schedule: schedule('UTC') }, 'UTC').main,
    ).toBe('No more runs (the schedule has ended)');
  });
});
