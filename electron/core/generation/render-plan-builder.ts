import type { ContentSettings } from '../../../shared/domain/configs';
import type { MediaItem } from '../../../shared/domain/media';
import type {
  Motion,
  RenderClip,
  RenderPlanInput,
  RenderSource,
  TextOverlay,
  TransitionType,
} from '../../../shared/domain/render';
import { RenderError } from '../render/render-module';
import type { RenderPlan as ConfigRenderPlan } from './generation-ports';

const motions: Record<ContentSettings['motion'], Motion> = {
  kenBurnsIn: 'in',
  kenBurnsOut: 'out',
  pan: 'pan',
  none: 'none',
};

/** The configs' transition names as ffmpeg xfade transitions (`none` is a hard cut). */
const transitions: Record<ContentSettings['transition']['type'], TransitionType> = {
  none: 'cut',
  fade: 'fadeblack',
  crossfade: 'fade',
  slideLeft: 'slideleft',
  wipe: 'wipeleft',
};

function rightAngle(rotation: number): RenderSource['rotation'] {
  const turned = (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
  return turned as RenderSource['rotation'];
}

/** The library's probed facts of one clip, as the render engine reads them. */
export function renderSourceOf(item: MediaItem): RenderSource {
  if (item.kind === 'audio') {
    throw new RenderError(
      'input',
      `${item.name} is a sound file and cannot be a clip. Remove it from the config's picked items.`,
    );
  }
  if (item.width === null || item.height === null) {
    throw new RenderError(
      'input',
      `The size of ${item.name} is unknown: the library could not read it. Re-import the file or remove it from the config.`,
    );
  }
  return {
    kind: item.kind,
    path: item.path,
    width: item.width,
    height: item.height,
    durationSec:
      item.kind === 'video' && item.durationMs !== null && item.durationMs > 0
        ? item.durationMs / 1000
        : null,
    rotation: rightAngle(item.rotation),
  };
}

/** #RRGGBB plus an opacity from 0 to 1 as #RRGGBBAA. */
function withAlpha(color: string, opacity: number): string {
  const alpha = Math.round(Math.min(1, Math.max(0, opacity)) * 255);
  return `${color}${alpha.toString(16).padStart(2, '0')}`.toUpperCase();
}

/**
 * Turns what a config run decided (clips, overlay text, audio) into the render engine's plan:
 * every clip gets the same share of the video, transitions included, so the whole lasts the
 * config's length.
 */
export function buildRenderPlan(
  plan: ConfigRenderPlan,
  items: ReadonlyMap<string, MediaItem>,
  output: { outputPath: string; previewHeight?: number | null },
): RenderPlanInput {
  const count = plan.clips.length;
  const transition = transitions[plan.transition.type];
  const transitionSec = transition === 'cut' || count < 2 ? 0 : plan.transition.durationMs / 1000;
  // N clips overlapping by N-1 transitions fill the length exactly.
  const clipSec = (plan.lengthSeconds + (count - 1) * transitionSec) / count;
  const clips: RenderClip[] = plan.clips.map((pick) => {
    const item = items.get(pick.id);
    if (!item) {
      throw new RenderError(
        'input',
        `A clip of this video (${pick.title ?? pick.path}) is no longer in the library. Pick other media for the config.`,
      );
    }
    return {
      source: renderSourceOf(item),
      durationSec: clipSec,
      startSec: 0,
      motion: motions[plan.motion],
      transition: { type: transition, durationSec: transitionSec },
    };
  });
  const overlay = plan.textOverlay;
  const overlays: TextOverlay[] =
    overlay && overlay.text.trim() !== ''
      ? [
          {
            text: overlay.text.slice(0, 500),
            fontSize: Math.min(240, Math.max(12, Math.round(overlay.size))),
            color: overlay.color.toUpperCase(),
            position: overlay.position,
            box: overlay.box.enabled,
            boxColor: withAlpha(overlay.box.color, overlay.box.opacity),
            startSec: 0,
            endSec: null,
          },
        ]
      : [];
  return {
    clips,
    overlays,
    audio: plan.audio
      ? {
          path: plan.audio.track.path,
          volume: plan.audio.volume,
          fadeInSec: plan.audio.fadeInMs / 1000,
          fadeOutSec: plan.audio.fadeOutMs / 1000,
          startSec: 0,
          normalize: true,
        }
      : null,
    aspect: plan.aspect,
    look: plan.stylePreset,
    previewHeight: output.previewHeight ?? null,
    outputPath: output.outputPath,
    maxBytes: plan.maxBytes,
  };
}
