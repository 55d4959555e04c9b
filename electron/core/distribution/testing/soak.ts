import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { startFacebookEmulator } from '../../../../emulators/facebook/facebook-emulator';
import { facebookPosts } from '../../../../emulators/facebook/facebook-emulator-state';
import { googleFaults } from '../../../../emulators/google/google-error-bodies';
import { startInstagramEmulator } from '../../../../emulators/instagram/instagram-emulator';
import type { Fault, RunningEmulator, TokenRegistry } from '../../../../emulators/kit/emulator-kit';
import type { EmulatedEndpoints } from '../../../../emulators/kit/platform-emulator';
import { metaFaults } from '../../../../emulators/meta/meta-graph-kit';
import { startTikTokEmulator } from '../../../../emulators/tiktok/tiktok-emulator';
import { tiktokError } from '../../../../emulators/tiktok/tiktok-upload-routes';
import { startXEmulator } from '../../../../emulators/x/x-emulator';
import { xProblem } from '../../../../emulators/x/x-upload-routes';
import { startYouTubeEmulator } from '../../../../emulators/youtube/youtube-emulator';
import type { PlatformId } from '../../../../shared/domain/platforms';

/*
 * The soak: the engine as a child process over the five emulators, random fault switches,
 * SIGKILL at random moments and a restart each time, run after run; then every caption is
 * counted on the platforms. `npm run soak` prints the figures; a short, seeded version runs
 * in `npm test` (soak.test.ts).
 */

const KiB = 1024;
const platforms: PlatformId[] = ['youtube', 'tiktok', 'instagram', 'facebook', 'x'];
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

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
type Random = ReturnType<typeof seeded>;

const chunkRules = {
  minChunkBytes: 64 * KiB,
  maxChunkBytes: 256 * KiB,
  maxFinalChunkBytes: 512 * KiB,
};

/** The adapters' and uploads' timings in the child: every wait short, every deadline small. */
const platformSettings = {
  runtime: {
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 400 },
    pollIntervalMs: 40,
    maxStatusPolls: 8,
    timeouts: { connectMs: 2_000, idleMs: 2_500, totalMs: 30_000 },
    lookupSettleMs: 300,
  },
  youtubeChunkBytes: 256 * KiB,
  tiktokChunkBytes: 100 * KiB,
  tiktokChunkRules: chunkRules,
  metaChunkBytes: 96 * KiB,
  xSegmentBytes: 96 * KiB,
};
const uploadTimings = {
  recheckMs: 200,
  maxRecheckMs: 1_000,
  verifyDelayMs: 300,
  retryBackoff: { baseMs: 200, capMs: 2_000 },
};

/** What the soak uses of each emulator: its faults, tokens, processing switch and app. */
interface SoakEmulator extends RunningEmulator {
  state: {
    tokens: TokenRegistry;
    processingPolls: number;
    auth: { app: { clientId: string; clientSecret: string } };
  };
  endpoints: EmulatedEndpoints;
}

interface Emulators {
  byPlatform: Record<PlatformId, SoakEmulator>;
  close(): Promise<void>;
}

async function startEmulators(): Promise<Emulators & { posted(): Map<string, number> }> {
  const [youtube, tiktok, instagram, facebook, x] = await Promise.all([
    startYouTubeEmulator(),
    startTikTokEmulator({ audited: true, chunkRules }),
    startInstagramEmulator(),
    startFacebookEmulator(),
    startXEmulator(),
  ]);
  const byPlatform = { youtube, tiktok, instagram, facebook, x };
  return {
    byPlatform,
    /** Every post the platforms hold, counted by platform and caption. */
    posted() {
      const captions = [
        ...[...youtube.state.videos.values()].map((v) => `youtube ${v.snippet.description}`),
        ...[...tiktok.state.posts.values()].map((p) => `tiktok ${p.title}`),
        ...[...instagram.state.media.values()].map((m) => `instagram ${m.caption}`),
        ...facebookPosts(facebook.state).map((r) => `facebook ${r.description}`),
        ...[...x.state.tweets.values()].map((t) => `x ${t.text}`),
      ];
      const counts = new Map<string, number>();
      for (const caption of captions) counts.set(caption, (counts.get(caption) ?? 0) + 1);
      return counts;
    },
    close: async () => void (await Promise.all(Object.values(byPlatform).map((e) => e.close()))),
  };
}

const serverError: Record<PlatformId, Fault> = {
  youtube: googleFaults.serverError,
  tiktok: { type: 'status', status: 500, body: tiktokError('internal_error', 'Something broke.') },
  instagram: metaFaults.serverError,
  facebook: metaFaults.serverError,
  x: { type: 'status', status: 503, body: xProblem(503, 'Service Unavailable', 'Overloaded') },
};
const rateLimited: Record<PlatformId, Fault> = {
  youtube: googleFaults.rateLimited(1),
  tiktok: {
    type: 'status',
    status: 429,
    headers: { 'retry-after': '1' },
    body: tiktokError('rate_limit_exceeded', 'Slow down.'),
  },
  instagram: { ...metaFaults.rateLimited, status: 429, headers: { 'retry-after': '1' } },
  facebook: { ...metaFaults.rateLimited, status: 429, headers: { 'retry-after': '1' } },
  x: {
    type: 'status',
    status: 429,
    headers: { 'retry-after': '1' },
    body: xProblem(429, 'Too Many Requests', 'Too Many Requests'),
  },
};
/** Routes of each upload, and the one that creates the post (its answer may be lost). */
const routes: Record<PlatformId, { steps: string[]; irreversible: string }> = {
  youtube: {
    steps: ['youtube.upload.start', 'youtube.upload.chunk', 'youtube.videos.list'],
    irreversible: 'youtube.upload.chunk',
  },
  tiktok: {
    steps: ['tiktok.init', 'tiktok.upload.chunk', 'tiktok.status'],
    irreversible: 'tiktok.upload.chunk',
  },
  instagram: {
    steps: ['instagram.container', 'instagram.upload', 'instagram.status'],
    irreversible: 'instagram.publish',
  },
  facebook: { steps: ['facebook.upload', 'facebook.status'], irreversible: 'facebook.reels' },
  x: {
    steps: ['x.media.initialize', 'x.media.append', 'x.media.finalize', 'x.media.status'],
    irreversible: 'x.tweets.create',
  },
};

/** Arms this run's faults; returns a description and the switches to flip later. */
function armFaults(e: Emulators, random: Random): { armed: string[]; later: Array<() => void> } {
  const armed: string[] = [];
  const later: Array<() => void> = [];
  for (const platform of platforms) {
    const emulator = e.byPlatform[platform];
    const { steps, irreversible } = routes[platform];
    if (random.chance(0.5)) {
      const route = random.pick(steps);
      emulator.faults.arm(route, serverError[platform], random.between(1, 3), random.between(0, 3));
      armed.push(`${route} 5xx`);
    }
    if (random.chance(0.3)) {
      const route = random.pick(steps);
      emulator.faults.arm(route, rateLimited[platform], 1, random.between(0, 3));
      armed.push(`${route} 429`);
    }
    if (random.chance(0.4)) {
      const route = random.pick(steps);
      emulator.faults.arm(
        route,
        { type: 'drop', afterBytes: random.between(0, 40 * KiB) },
        1,
        random.between(0, 4),
      );
      armed.push(`${route} dropped`);
    }
    if (random.chance(0.4)) {
      emulator.faults.arm(irreversible, { type: 'loseAnswer' }, 1, random.between(0, 6));
      armed.push(`${irreversible} lost answer`);
    }
    if (random.chance(0.15)) {
      emulator.faults.arm(random.pick(steps), { type: 'hang' }, 1, random.between(0, 3));
      armed.push(`${platform} hang`);
    }
    if (random.chance(0.3)) {
      emulator.state.processingPolls =
        platformSettings.runtime.maxStatusPolls + random.between(1, 6);
      armed.push(`${platform} slow processing`);
    }
    if (random.chance(0.3)) {
      later.push(() => emulator.state.tokens.expireAll());
      armed.push(`${platform} tokens expire`);
    }
  }
  return { armed, later };
}

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
