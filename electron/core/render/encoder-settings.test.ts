import { describe, expect, it } from 'vitest';
import { bitrateCap, encoderArgs, TIGHTEST_PLATFORM_BYTES } from './encoder-settings';

const vertical = { width: 1080, height: 1920, fps: 30 };

describe('bitrate cap', () => {
  it('caps a short by its frame size, more for higher frame rates', () => {
    expect(bitrateCap({ ...vertical, durationSec: 60 })).toEqual({
      maxrateKbps: 10_000,
      bufsizeKbps: 20_000,
    });
    expect(bitrateCap({ width: 1080, height: 1080, fps: 30, durationSec: 60 }).maxrateKbps).toBe(
      8_000,
    );
    expect(bitrateCap({ width: 576, height: 1024, fps: 30, durationSec: 60 }).maxrateKbps).toBe(
      5_000,
    );
    expect(bitrateCap({ width: 270, height: 480, fps: 30, durationSec: 5 }).maxrateKbps).toBe(
      2_500,
    );
    expect(bitrateCap({ ...vertical, fps: 60, durationSec: 60 }).maxrateKbps).toBe(20_000);
  });

  it('lowers the cap so a long video fits the tightest platform with a margin', () => {
    // Instagram: 300 MB for 15 minutes.
    const fifteen = bitrateCap({ ...vertical, durationSec: 900 }, TIGHTEST_PLATFORM_BYTES);
    expect(fifteen.maxrateKbps).toBe(2211);
    const worstCaseBytes = ((fifteen.maxrateKbps * 902 + 160 * 900) * 1000) / 8;
    expect(worstCaseBytes).toBeLessThan(TIGHTEST_PLATFORM_BYTES * 0.9);
    // The longest video a config makes (10 minutes) at 1080x1920.
    expect(bitrateCap({ ...vertical, durationSec: 600 }).maxrateKbps).toBe(3393);
    // No limit: the size's cap only.
    expect(bitrateCap({ ...vertical, durationSec: 900 }, null).maxrateKbps).toBe(10_000);
  });

  it('passes the cap to x264 as VBV maxrate and buffer', () => {
    const args = encoderArgs(30, { maxrateKbps: 8000, bufsizeKbps: 16000 });
    expect(args.slice(args.indexOf('-maxrate'), args.indexOf('-maxrate') + 4)).toEqual([
      '-maxrate',
      '8000k',
      '-bufsize',
      '16000k',
    ]);
  });
});
