/**
 * The soak's random fault switches, drawn from a seeded generator so a failing run can be
 * replayed: what each platform answers when it breaks, and which routes may break.
 */
import type { Fault } from '../../../../emulators/kit/emulator-kit';
import { googleFaults } from '../../../../emulators/google/google-error-bodies';
import { metaFaults } from '../../../../emulators/meta/meta-graph-kit';
import { tiktokError } from '../../../../emulators/tiktok/tiktok-upload-routes';
import { xProblem } from '../../../../emulators/x/x-upload-routes';
import type { PlatformId } from '../../../../shared/domain/platforms';
import { KiB, platformSettings, platforms, type Emulators } from './soak-emulators';

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
export function seeded(seed: number) {
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
export type Random = ReturnType<typeof seeded>;

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
export function armFaults(
  e: Emulators,
  random: Random,
): { armed: string[]; later: Array<() => void> } {
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
