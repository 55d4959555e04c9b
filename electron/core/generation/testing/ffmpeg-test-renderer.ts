import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RenderPlan, RenderPort, RenderResult } from '../generation-ports';

const sizes: Record<RenderPlan['aspect'], string> = {
  '9:16': '72x128',
  '1:1': '96x96',
  '16:9': '128x72',
};

/**
 * A real, tiny RenderPort for tests until the render engine lands: ffmpeg draws a colour clip
 * of the planned length and aspect, reports progress from `-progress`, and stops on abort.
 * `gate` lets a test hold a render before it starts.
 */
export class FfmpegTestRenderer implements RenderPort {
  readonly plans: RenderPlan[] = [];
  gate: Promise<void> | null = null;

  constructor(
    private readonly outputDir: string,
    private readonly ffmpeg = 'ffmpeg',
    /** Seconds actually rendered; plans ask for 3 s or more, tests need not wait that long. */
    private readonly maxSeconds = 1,
  ) {}

  async render(
    plan: RenderPlan,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<RenderResult> {
    this.plans.push(plan);
    if (this.gate) {
      await Promise.race([
        this.gate,
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('Render cancelled.')), {
            once: true,
          }),
        ),
      ]);
    }
    signal.throwIfAborted();
    mkdirSync(this.outputDir, { recursive: true });
    const seconds = Math.min(plan.lengthSeconds, this.maxSeconds);
    const outputPath = path.join(this.outputDir, `${plan.outputName}.mp4`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        this.ffmpeg,
        [
          '-hide_banner',
          '-nostdin',
          '-y',
          '-f',
          'lavfi',
          '-i',
          `color=c=blue:s=${sizes[plan.aspect]}:d=${seconds}:r=10`,
          '-pix_fmt',
          'yuv420p',
          '-progress',
          'pipe:1',
          outputPath,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], signal },
      );
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/out_time_us=(\d+)/g)) {
          onProgress(Math.min(1, Number(match[1]) / (seconds * 1_000_000)));
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', (error) =>
        reject(signal.aborted ? new Error('Render cancelled.') : error),
      );
      child.once('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`ffmpeg failed (${code}): ${stderr.slice(-300)}`));
      });
    });
    onProgress(1);
    return { outputPath, durationMs: seconds * 1000 };
  }
}
