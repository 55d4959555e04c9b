import path from 'node:path';
import type { Kysely } from 'kysely';
import type { RenderPlanInput, TransitionType } from '../../../shared/domain/render';
import type { ContentSettings } from '../../../shared/domain/configs';
import type { Database } from '../db/schema';
import { PermanentJobError } from '../jobs/job-handler';
import type { RenderEngine } from '../render/render-engine';
import type { GenerationPorts } from './execution-service';
import type { MediaPick, MediaPickRequest, RenderPlan } from './generation-ports';

const motionOf: Record<ContentSettings['motion'], 'in' | 'out' | 'pan' | 'none'> = {
  kenBurnsIn: 'in',
  kenBurnsOut: 'out',
  pan: 'pan',
  none: 'none',
};

const transitionOf: Record<ContentSettings['transition']['type'], TransitionType> = {
  none: 'cut',
  fade: 'fade',
  crossfade: 'dissolve',
  slideLeft: 'slideleft',
  wipe: 'wipeleft',
};

function parseTags(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function within(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Config runs on the real media library and render engine: clips are picked from the library's
 * items (by id, tag or folder, skipping missing files), the config's plan becomes the render
 * engine's plan, and every rendered video joins the library (origin "rendered").
 */
export function libraryGeneration(deps: {
  db: Kysely<Database>;
  render: RenderEngine;
  outputDir: string;
  registerRendered(file: string): Promise<unknown>;
  random?: () => number;
}): GenerationPorts {
  const random = deps.random ?? Math.random;
  const media = {
    async pick(request: MediaPickRequest): Promise<MediaPick[]> {
      const rows = await deps.db
        .selectFrom('media_items')
        .selectAll()
        .where('missing', '=', 0)
        .orderBy('imported_at')
        .orderBy('id')
        .execute();
      const { tags, folders, itemIds } = request.sources;
      const matches = rows.filter(
        (row) =>
          (request.kind === 'audio' ? row.kind === 'audio' : row.kind !== 'audio') &&
          (itemIds.includes(row.id) ||
            parseTags(row.tags).some((tag) => tags.includes(tag)) ||
            folders.some((folder) => within(row.path, folder))),
      );
      if (matches.length === 0) return [];
      const count = Math.min(request.count, matches.length);
      let chosen = matches;
      if (request.order === 'sequential') {
        chosen = Array.from(
          { length: count },
          (_, i) => matches[(request.offset + i) % matches.length]!,
        );
      } else {
        const pool = [...matches];
        chosen = [];
        while (chosen.length < count) {
          chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
        }
      }
      return chosen.map((row) => ({
        id: row.id,
        path: row.path,
        kind: row.kind as MediaPick['kind'],
        durationMs: row.duration_ms,
        title: path.parse(row.name).name,
      }));
    },
  };

  async function toRenderPlan(plan: RenderPlan): Promise<RenderPlanInput> {
    const ids = plan.clips.map((clip) => clip.id);
    const rows = await deps.db
      .selectFrom('media_items')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const clipSec = plan.lengthSeconds / plan.clips.length;
    const clips = plan.clips.map((clip) => {
      const row = byId.get(clip.id);
      if (!row?.width || !row.height) {
        throw new PermanentJobError(
          `${clip.path} has no known picture size in the library. Check the file in the media library (Verify), then run again.`,
        );
      }
      const video = row.kind === 'video';
      return {
        source: {
          kind: video ? ('video' as const) : ('image' as const),
          path: row.path,
          width: row.width,
          height: row.height,
          durationSec: video && row.duration_ms ? row.duration_ms / 1000 : null,
          rotation: ([0, 90, 180, 270].includes(row.rotation) ? row.rotation : 0) as
            0 | 90 | 180 | 270,
        },
        durationSec: clipSec,
        motion: motionOf[plan.motion],
        transition: {
          type: transitionOf[plan.transition.type],
          durationSec: plan.transition.durationMs / 1000,
        },
      };
    });
    const overlay = plan.textOverlay;
    const alpha = (opacity: number) =>
      Math.round(opacity * 255)
        .toString(16)
        .padStart(2, '0');
    return {
      clips,
      overlays:
        overlay && overlay.text.trim()
          ? [
              {
                text: overlay.text,
                fontSize: Math.min(240, Math.max(12, overlay.size)),
                color: overlay.color,
                position: overlay.position,
                box: overlay.box.enabled,
                boxColor: `${overlay.box.color}${alpha(overlay.box.opacity)}`,
              },
            ]
          : [],
      audio: plan.audio
        ? {
            path: plan.audio.track.path,
            volume: plan.audio.volume,
            fadeInSec: plan.audio.fadeInMs / 1000,
            fadeOutSec: plan.audio.fadeOutMs / 1000,
          }
        : null,
      aspect: plan.aspect,
      outputPath: path.join(deps.outputDir, `${plan.outputName}.mp4`),
    };
  }

  return {
    media,
    render: {
      async render(plan, onProgress, signal) {
        const result = await deps.render.render(
          await toRenderPlan(plan),
          (progress) => onProgress(progress.fraction),
          signal,
        );
        await deps.registerRendered(result.outputPath);
        return { outputPath: result.outputPath, durationMs: result.durationMs };
      },
    },
  };
}
