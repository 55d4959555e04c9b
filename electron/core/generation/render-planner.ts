import { platformIds, type ConfigDraft, type MediaSources } from '../../../shared/domain/configs';
import { PermanentJobError } from '../jobs/jobs-module';
import { defaultVideoRules } from '../platforms/video-rules';
import type { MediaPick, MediaSource, RenderPlan } from './generation-ports';
import { fillTemplate, templateValues } from './text-template';

/**
 * The clips of one video: the same ones as a failed earlier attempt (`chosen`, their ids), or a
 * fresh pick from the config's sources (`takeOffset` reserves the next items of a sequential
 * order).
 */
export async function pickClips(
  media: MediaSource,
  config: ConfigDraft,
  chosen: string[],
  takeOffset: () => Promise<number>,
): Promise<MediaPick[]> {
  const content = config.content;
  if (chosen.length > 0) {
    // A retry renders the same clips as the first attempt.
    return media.pick({
      sources: { tags: [], folders: [], itemIds: chosen },
      count: chosen.length,
      order: 'sequential',
      offset: 0,
      kind: 'visual',
    });
  }
  const offset = content.order === 'sequential' ? await takeOffset() : 0;
  const clips = await media.pick({
    sources: content.sources,
    count: content.clipCount,
    order: content.order,
    offset,
    kind: 'visual',
  });
  if (clips.length === 0) throw new PermanentJobError(noMediaMessage(content.sources));
  return clips;
}

/** The clear words for a config whose sources match no photo or video. */
export function noMediaMessage(sources: MediaSources): string {
  const { tags, folders, itemIds } = sources;
  const wanted = [
    tags.length ? `add photos or videos tagged ${tags.join(', ')}` : '',
    folders.length ? `add media from ${folders.join(', ')}` : '',
    itemIds.length
      ? `pick items again (the ${itemIds.length === 1 ? 'picked item is' : `${itemIds.length} picked items are`} missing or removed)`
      : 'pick items',
  ].filter(Boolean);
  return `No media matches this config's sources: ${wanted.join(', or ')}.`;
}

/** Where a video stands: when it is made, its run, and its place among the run's videos. */
export interface VideoPlace {
  at: number;
  runId: string;
  /** 1-based. */
  index: number;
  count: number;
}

/** The plan of one video, for a run or for a preview of an unsaved config. */
export async function planVideo(
  media: MediaSource,
  config: ConfigDraft,
  place: VideoPlace,
  clips: MediaPick[],
): Promise<RenderPlan> {
  const content = config.content;
  let audio: RenderPlan['audio'] = null;
  const source = content.audio.source;
  if (source.kind !== 'none') {
    const [track] = await media.pick({
      sources: {
        tags: source.kind === 'tagged' ? source.tags : [],
        folders: [],
        itemIds: source.kind === 'track' ? [source.mediaId] : [],
      },
      count: 1,
      order: source.kind === 'track' ? 'sequential' : 'random',
      offset: 0,
      kind: 'audio',
    });
    if (!track) {
      throw new PermanentJobError(
        source.kind === 'track'
          ? 'The chosen audio track is no longer in the library. Pick another track.'
          : `No audio in the library has the tags ${source.tags.join(', ')}. Tag some audio, or change the audio setting.`,
      );
    }
    audio = {
      track,
      volume: content.audio.volume,
      fadeInMs: content.audio.fadeInMs,
      fadeOutMs: content.audio.fadeOutMs,
    };
  }
  const values = templateValues({
    at: place.at,
    timeZone: config.schedule.timeZone,
    index: place.index,
    count: place.count,
    title: clips[0]?.title ?? config.name,
    configName: config.name,
  });
  const { enabled, template, ...overlay } = content.textOverlay;
  const safeName = config.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 40) || 'video';
  return {
    outputName: `${safeName}-${values.date}-${place.runId.slice(0, 8)}-${place.index}`,
    configName: config.name,
    aspect: content.aspect,
    lengthSeconds: content.lengthSeconds,
    stylePreset: content.stylePreset,
    motion: content.motion,
    transition: content.transition,
    clips,
    audio,
    maxBytes: tightestSizeLimit(config),
    textOverlay: enabled ? { ...overlay, text: fillTemplate(template, values) } : null,
  };
}

/** The smallest file size the enabled platforms accept (the bitrate cap keeps under it). */
export function tightestSizeLimit(config: Pick<ConfigDraft, 'platforms'>): number | null {
  const limits = platformIds
    .filter((id) => config.platforms[id].enabled)
    .map((id) => defaultVideoRules[id].maxSizeBytes);
  return limits.length > 0 ? Math.min(...limits) : null;
}
