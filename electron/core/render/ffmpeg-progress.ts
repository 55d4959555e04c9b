import type { RenderProgress } from '../../../shared/domain/render';

/**
 * Reads ffmpeg's `-progress` output (blocks of key=value lines, each ending in
 * `progress=continue` or `progress=end`) and turns each block into a progress report.
 */
export class ProgressParser {
  private buffer = '';
  private block = new Map<string, string>();
  /** The frame count of the last report: after `progress=end`, what the file holds. */
  encodedFrames: number | null = null;

  constructor(
    private readonly totalFrames: number,
    private readonly durationSec: number,
    private readonly onReport: (progress: RenderProgress) => void,
  ) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  private line(line: string): void {
    const equals = line.indexOf('=');
    if (equals <= 0) return;
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1).trim();
    if (key !== 'progress') {
      this.block.set(key, value);
      return;
    }
    this.onReport(this.report(value === 'end'));
    this.block.clear();
  }

  private number(key: string): number | null {
    const raw = this.block.get(key);
    if (raw === undefined) return null;
    const value = Number.parseFloat(raw);
    return Number.isFinite(value) ? value : null;
  }

  private report(ended: boolean): RenderProgress {
    const frame = this.number('frame');
    if (frame !== null) this.encodedFrames = frame;
    // out_time_us is microseconds (out_time_ms is too, despite its name); it can be negative or
    // N/A before the first packet.
    const outTimeUs = this.number('out_time_us') ?? this.number('out_time_ms');
    let fraction: number;
    if (frame !== null && this.totalFrames > 0) fraction = frame / this.totalFrames;
    else if (outTimeUs !== null && this.durationSec > 0)
      fraction = outTimeUs / 1e6 / this.durationSec;
    else fraction = 0;
    fraction = ended ? 1 : Math.min(0.999, Math.max(0, fraction));
    const fps = this.number('fps');
    const speedRaw = this.block.get('speed');
    const speed = speedRaw ? Number.parseFloat(speedRaw.replace(/x$/, '')) : Number.NaN;
    const speedOk = Number.isFinite(speed) && speed > 0 ? speed : null;
    const remainingSec = this.durationSec * (1 - fraction);
    return {
      fraction,
      framesDone: ended ? this.totalFrames : Math.max(0, Math.round(frame ?? 0)),
      totalFrames: this.totalFrames,
      fps: fps !== null && fps > 0 ? fps : null,
      speed: speedOk,
      etaMs: ended ? 0 : speedOk ? Math.round((remainingSec / speedOk) * 1000) : null,
    };
  }
}
