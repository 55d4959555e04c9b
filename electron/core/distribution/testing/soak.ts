import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import type { PlatformId } from '../../../../shared/domain/platforms';
import { armFaults, seeded } from './soak-faults';
import { platformSettings, platforms, startEmulators } from './soak-emulators';

/*
 * The soak: the engine as a child process over the five emulators, random fault switches,
 * SIGKILL at random moments and a restart each time, run after run; then every caption is
 * counted on the platforms. `npm run soak` prints the figures; a short, seeded version runs
 * in `npm test` (soak.test.ts).
 */

const engineChild = path.join(import.meta.dirname, 'engine-child.ts');

export interface SoakOptions {
  runs: number;
  seed: number;
  /** Videos handed over per run (each goes to all five platforms). */
  videosPerRun: number;
  /** SIGKILLs per run: a random number from `minKills` (default 0) to `maxKills`. */
  minKills?: number;
  maxKills: number;
  /** A run that has not settled by then counts its open posts as lost. */
  runTimeoutMs: number;
  log?: (line: string) => void;
}

export interface SoakFigures {
  runs: number;
  postsExpected: number;
  postsMade: number;
  lost: number;
  duplicated: number;
  integrityFailures: number;
  kills: number;
  worstPostMs: number;
  /** Which post took longest. */
  worstPost: string | null;
  /** Every fault armed, over all runs. */
  faults: string[];
  /** What went wrong, per lost or doubled post. */
  problems: string[];
}

const uploadTimings = {
  recheckMs: 200,
  maxRecheckMs: 1_000,
  verifyDelayMs: 300,
  retryBackoff: { baseMs: 200, capMs: 2_000 },
};

function makeVideos(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `video-${i}.mp4`);
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=540x960:rate=30:decimals=${i % 3}`],
      ...['-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '18', '-pix_fmt', 'yuv420p'],
      ...['-y', file],
    ]);
    return file;
  });
}

interface ChildRun {
  child: ChildProcess;
  done: Promise<string | null>;
}

function startEngine(configPath: string): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', engineChild, configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<string | null>((resolve) => {
    let result: string | null = null;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('done ')) result = line.slice(5);
    });
    child.once('exit', (code, signal) => {
      if (signal === null && code !== 0 && result === null)
        resolve(`crash ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
      else resolve(result);
    });
  });
  return { child, done };
}

interface TargetOutcome {
  platform: PlatformId;
  state: string;
  error: string | null;
  tookMs: number | null;
}

/** `PRAGMA integrity_check` of the run's database; a run that never made one fails it. */
function integrityOk(dataDir: string): boolean {
  const file = path.join(dataDir, 'reelpilot.db');
  if (!existsSync(file)) return false;
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>;
    return rows.length === 1 && rows[0]?.integrity_check === 'ok';
  } finally {
    db.close();
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const random = seeded(options.seed);
  const log = options.log ?? (() => {});
  const root = mkdtempSync(path.join(os.tmpdir(), 'reelpilot-soak-'));
  const files = makeVideos(path.join(root, 'videos'), options.videosPerRun);
  const figures: SoakFigures = {
    runs: 0,
    postsExpected: 0,
    postsMade: 0,
    lost: 0,
    duplicated: 0,
    integrityFailures: 0,
    kills: 0,
    worstPostMs: 0,
    worstPost: null,
    faults: [],
    problems: [],
  };
  const problem = (line: string) => {
    figures.problems.push(line);
    log(`! ${line}`);
  };
  try {
    for (let run = 1; run <= options.runs; run += 1) {
      const emulators = await startEmulators();
      const dataDir = path.join(root, `run-${run}`);
      try {
        const videos = files.map((file, i) => ({
          runVideoId: `soak-${run}-${i}`,
          path: file,
          caption: `Soak run ${run} video ${i + 1} #reelpilot`,
        }));
        const configPath = path.join(root, `run-${run}.json`);
        writeFileSync(
          configPath,
          JSON.stringify({
            mode: 'soak',
            dataDir,
            videoPath: files[0],
            clockOffsetMs: 0,
            endpointOverrides: Object.fromEntries(
              platforms.map((p) => [
                p,
                (emulators.byPlatform[p] as unknown as { endpoints: unknown }).endpoints,
              ]),
            ),
            app: { clientId: 'unused', clientSecret: 'unused' },
            apps: Object.fromEntries(
              platforms.map((p) => [
                p,
                (emulators.byPlatform[p].state as unknown as { auth: { app: unknown } }).auth.app,
              ]),
            ),
            platformSettings,
            uploadTimings,
            videos,
          }),
        );
        const { armed, later } = armFaults(emulators, random);
        figures.faults.push(...armed);
        const kills = random.between(options.minKills ?? 0, options.maxKills);
        log(`run ${run}: ${armed.length ? armed.join(', ') : 'no faults'}; ${kills} kill(s)`);
        const deadline = Date.now() + options.runTimeoutMs;
        let outcome: string | null = null;
        for (let attempt = 0; outcome === null && Date.now() < deadline; attempt += 1) {
          const engine = startEngine(configPath);
          if (attempt < kills) {
            const after = random.between(300, 4_000);
            const timer = setTimeout(() => {
              later.shift()?.();
              engine.child.kill('SIGKILL');
            }, after);
            outcome = await engine.done;
            clearTimeout(timer);
            if (engine.child.signalCode === 'SIGKILL') {
              figures.kills += 1;
              outcome = null;
            }
          } else {
            for (const flip of later.splice(0)) setTimeout(flip, random.between(200, 2_000));
            const timer = setTimeout(
              () => engine.child.kill('SIGKILL'),
              Math.max(0, deadline - Date.now()),
            );
            outcome = await engine.done;
            clearTimeout(timer);
            if (outcome === null) break;
          }
          if (engine.child.exitCode === null && engine.child.signalCode === null)
            await once(engine.child, 'exit');
        }
        figures.runs += 1;
        figures.postsExpected += videos.length * platforms.length;
        const posted = emulators.posted();
        for (const video of videos) {
          for (const platform of platforms) {
            const count = posted.get(`${platform} ${video.caption}`) ?? 0;
            if (count > 0) figures.postsMade += 1;
            if (count === 0) {
              figures.lost += 1;
              problem(
                `run ${run} (${armed.join(', ')}): ${platform} "${video.caption}" was never posted`,
              );
            }
            if (count > 1) {
              figures.duplicated += count - 1;
              problem(
                `run ${run} (${armed.join(', ')}): ${platform} "${video.caption}" was posted ${count} times`,
              );
            }
          }
        }
        log(
          `run ${run}: settled in ${((Date.now() - deadline + options.runTimeoutMs) / 1000).toFixed(1)} s`,
        );
        if (outcome === null || outcome.startsWith('crash')) {
          problem(`run ${run}: the engine did not settle (${outcome ?? 'timed out'})`);
        } else {
          for (const target of JSON.parse(outcome) as TargetOutcome[]) {
            if (target.tookMs !== null && target.tookMs > 20_000)
              log(`run ${run}: ${target.platform} took ${(target.tookMs / 1000).toFixed(1)} s`);
            if (target.tookMs !== null && target.tookMs > figures.worstPostMs) {
              figures.worstPostMs = target.tookMs;
              figures.worstPost = `run ${run}, ${target.platform}`;
            }
            if (target.state !== 'success')
              problem(`run ${run}: ${target.platform} ended ${target.state}: ${target.error}`);
          }
        }
        if (!integrityOk(dataDir)) {
          figures.integrityFailures += 1;
          problem(`run ${run}: integrity_check failed`);
        }
      } finally {
        await emulators.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return figures;
}
