import { describe, expect, it } from 'vitest';
import { METRICS_HORIZON_MS, nextMetricsPoll } from './metrics-schedule';
import { videoStatus } from './target-dto';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the metrics schedule', () => {
  it('polls hourly on the first day, daily for a month, then weekly, and stops after a year', () => {
    const published = Date.UTC(2026, 0, 1);
    expect(nextMetricsPoll(published, published)).toBe(published + HOUR);
    expect(nextMetricsPoll(published, published + 23 * HOUR)).toBe(published + 24 * HOUR);
    expect(nextMetricsPoll(published, published + DAY)).toBe(published + 2 * DAY);
    expect(nextMetricsPoll(published, published + 29 * DAY)).toBe(published + 30 * DAY);
    expect(nextMetricsPoll(published, published + 30 * DAY)).toBe(published + 37 * DAY);
    expect(nextMetricsPoll(published, published + METRICS_HORIZON_MS)).toBeNull();
  });
});

describe("a video's status over its targets", () => {
  it('sums the targets up', () => {
    expect(videoStatus([])).toBe('pending');
    expect(videoStatus(['pending', 'pending'])).toBe('pending');
    expect(videoStatus(['success', 'pending'])).toBe('processing');
    expect(videoStatus(['success', 'processing'])).toBe('processing');
    expect(videoStatus(['success', 'success'])).toBe('success');
    expect(videoStatus(['success', 'failed'])).toBe('partial');
    expect(videoStatus(['failed', 'failed'])).toBe('failed');
  });
});
