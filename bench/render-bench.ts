/**
 * Render benchmark: a 30 s 1080x1920 video from 6 photos (Ken Burns, 5 transitions, 4 captions,
 * a music track), timed against the floor measured in the same run: a plain re-encode of the
 * same 900 frames with the same encoder settings. Run with `npm run bench:render`.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RenderPlanInput } from '../shared/domain/render';
import { locateFfmpeg } from '../electron/core/ffmpeg/ffmpeg-locator';
import { silentLogger } from '../electron/core/logging/file-logger';
import { bitrateCap, encoderArgs } from '../electron/core/render/encoder-settings';
import { createRenderEngine } from '../electron/core/render/render-engine';

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, '..');

function say(line: string): void {
  process.stdout.write(line + '\n');
}

/**
 * CPU seconds used by finished child processes (Linux: cutime + cstime of /proc/self/stat, in
 * clock ticks of 1/100 s). Other programs on the machine slow the wall clock down but not this,
 * so the ratio is also given in CPU time.
 */
function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

interface Timing {
  wall: number;
  cpu: number | null;
}

function best(timings: Timing[]): Timing {
  const cpus = timings.map((t) => t.cpu).filter((c): c is number => c !== null);
  return {
    wall: Math.min(...timings.map((t) => t.wall)),
    cpu: cpus.length === timings.length ? Math.min(...cpus) : null,
  };
}

async function timed(label: string, work: () => Promise<unknown>): Promise<Timing> {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  await work();
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = childCpuSeconds();
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  say(
    `  ${label.padEnd(44)} ${wall.toFixed(2).padStart(6)} s wall${cpu === null ? '' : `, ${cpu.toFixed(2).padStart(6)} s CPU`}`,
  );
  return { wall, cpu };
}

async function main(): Promise<void> {
  const located = await locateFfmpeg({
    configuredPath: null,
    resourcesDir: path.join(projectRoot, 'resources'),
  });
  if (!located.found || !located.ffmpegPath) throw new Error(located.message);
  const ffmpeg = located.ffmpegPath;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelpilot-render-bench-'));
  try {
    say(`ffmpeg ${located.version}, ${os.availableParallelism()} cores`);
    say('Preparing inputs (6 photos of 3000x4000, as a phone takes them; a 40 s music track)...');
    const photos: string[] = [];
    for (let i = 0; i < 6; i++) {
      const file = path.join(dir, `photo-${i}.jpg`);
      await run(ffmpeg, [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        `mandelbrot=s=3000x4000:start_scale=${(i + 1) * 0.7}:maxiter=60`,
        '-frames:v',
        '1',
        '-q:v',
        '3',
        '-y',
        file,
      ]);
      photos.push(file);
    }
    const music = path.join(dir, 'music.m4a');
    await run(ffmpeg, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=f=220:d=40',
      '-f',
      'lavfi',
      '-i',
      'sine=f=330:d=40',
      '-filter_complex',
      '[0:a][1:a]amerge=inputs=2,volume=0.3',
      '-c:a',
      'aac',
      '-y',
      music,
    ]);

    const motions = ['in', 'out', 'pan', 'in', 'out', 'pan'] as const;
    const transitions = ['fade', 'slideleft', 'dissolve', 'wipeup', 'circleopen'] as const;
    const output = path.join(dir, 'video.mp4');
    // 6 clips of 5.5 s joined by 0.6 s transitions: 6 x 165 - 5 x 18 = 900 frames = 30 s.
    const plan: RenderPlanInput = {
      clips: photos.map((photo, i) => ({
        source: { kind: 'image', path: photo, width: 3000, height: 4000, durationSec: null },
        durationSec: 5.5,
        motion: motions[i],
        transition: { type: transitions[i] ?? 'fade', durationSec: 0.6 },
      })),
      overlays: [
        {
          text: 'Four things nobody tells you about "mornings"',
          position: 'top',
          startSec: 0,
          endSec: 8,
        },
        { text: '1: wake up 100% earlier', position: 'center', startSec: 8, endSec: 15 },
        {
          text: 'C:\\path\\to\\coffee ☕ is the key',
          position: 'bottom',
          startSec: 15,
          endSec: 23,
        },
        {
          text: 'Follow for part 2 🚀',
          position: 'bottom',
          fontSize: 80,
          startSec: 23,
          endSec: null,
        },
      ],
      audio: { path: music, volume: 0.9, fadeInSec: 1, fadeOutSec: 2, normalize: true },
      aspect: '9:16',
      fps: 30,
      outputPath: output,
    };
    const engine = createRenderEngine({
      resolveFfmpeg: async () => ({ ffmpegPath: ffmpeg, ffprobePath: located.ffprobePath }),
      fontFile: path.join(projectRoot, 'resources', 'fonts', 'DejaVuSans-Bold.ttf'),
      tempDir: dir,
      logger: silentLogger,
    });

    // Other programs may share the CPU: render and floor alternate, and the best of each counts.
    const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
    // The floor gets the render's own cap (1080x1920, 30 s), so both encode alike.
    const encoder = encoderArgs(
      30,
      bitrateCap({ width: 1080, height: 1920, fps: 30, durationSec: 30 }),
    );
    const renders: Timing[] = [];
    const floors: Timing[] = [];
    const decodes: Timing[] = [];
    let lastSpeed: number | null = null;
    for (let round = 1; round <= rounds; round++) {
      say(`Round ${round} of ${rounds}:`);
      renders.push(
        await timed('render (graph, 30 s, 1080x1920)', async () => {
          await engine.render(plan, (p) => {
            lastSpeed = p.speed ?? lastSpeed;
          });
        }),
      );
      decodes.push(
        await timed('decode only of those frames (part of floor)', () =>
          run(ffmpeg, ['-v', 'error', '-i', output, '-f', 'null', '-']),
        ),
      );
      floors.push(
        await timed('floor: plain re-encode of the same frames', () =>
          run(ffmpeg, [
            '-v',
            'error',
            '-i',
            output,
            '-map',
            '0:v',
            '-map',
            '0:a',
            ...encoder,
            '-y',
            path.join(dir, 'floor.mp4'),
          ]),
        ),
      );
    }
    const render = best(renders);
    const floor = best(floors);
    const decode = best(decodes);

    say('Audio normalisation cost on the 30 s track (audio only):');
    for (const [label, filter] of [
      ['none', 'anull'],
      ['dynaudnorm', 'dynaudnorm'],
      ['loudnorm (one pass, chosen)', 'loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000'],
    ] as const) {
      await timed(label, () =>
        run(ffmpeg, [
          '-v',
          'error',
          '-t',
          '30',
          '-i',
          music,
          '-af',
          filter,
          '-c:a',
          'aac',
          '-ar',
          '48000',
          '-ac',
          '2',
          '-f',
          'null',
          '-',
        ]),
      );
    }

    const ratio = render.wall / floor.wall;
    say(`Result (best of ${rounds}):`);
    const bytes = statSync(output).size;
    say(
      `  output ${(bytes / 1024 / 1024).toFixed(1)} MB, ${Math.round((bytes * 8) / 30 / 1000)} kb/s on average (cap ${encoder[encoder.indexOf('-maxrate') + 1]} video)`,
    );
    say(`  render ${render.wall.toFixed(2)} s, floor ${floor.wall.toFixed(2)} s (wall)`);
    say(`  ratio render/floor ${ratio.toFixed(2)} (target <= 1.30)`);
    if (render.cpu !== null && floor.cpu !== null && decode.cpu !== null) {
      say(`  ratio in CPU time ${(render.cpu / floor.cpu).toFixed(2)}`);
      say(
        `  ratio in CPU time against the encode alone (floor minus decode) ${(render.cpu / (floor.cpu - decode.cpu)).toFixed(2)}`,
      );
    }
    say(`  realtime factor ${(30 / render.wall).toFixed(2)}x (target >= 1.00)`);
    if (lastSpeed !== null) say(`  last speed reported by progress ${String(lastSpeed)}x`);
    const load = os.loadavg()[0] ?? 0;
    if (load > os.availableParallelism() + 0.5) {
      say(`  note: load average ${load.toFixed(1)} during the run: other programs shared the CPU`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
