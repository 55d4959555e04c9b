import type { ContentSettings, MediaSources, TextOverlay } from '../../../shared/domain/configs';
import { AppError } from '../errors';

/**
 * The two narrow doors a config run needs into the rest of the engine. The render engine and
 * the media library implement them; the composition root passes them in.
 */
export interface MediaPick {
  id: string;
  /** Absolute path of the file to read. */
  path: string;
  kind: 'video' | 'image' | 'audio';
  durationMs: number | null;
  title: string | null;
}

export interface MediaPickRequest {
  sources: MediaSources;
  count: number;
  order: ContentSettings['order'];
  /** For sequential order: how many items earlier videos of this config used. */
  offset: number;
  kind: 'visual' | 'audio';
}

export interface MediaSource {
  /** Up to `count` items matching the sources (fewer when the library holds fewer). */
  pick(request: MediaPickRequest): Promise<MediaPick[]>;
}

export interface RenderPlan {
  /** A file name (no folder, no extension) naming the config, the run and the video. */
  outputName: string;
  /** The config's name as it was when the run started (the rendered video is tagged with it). */
  configName: string;
  aspect: ContentSettings['aspect'];
  lengthSeconds: number;
  stylePreset: ContentSettings['stylePreset'];
  motion: ContentSettings['motion'];
  transition: ContentSettings['transition'];
  clips: MediaPick[];
  audio: {
    track: MediaPick;
    volume: number;
    fadeInMs: number;
    fadeOutMs: number;
  } | null;
  /** The tightest file size limit of the platforms the video goes to; null: every platform's. */
  maxBytes: number | null;
  /** The overlay with its variables filled in; null when the overlay is off. */
  textOverlay: (Omit<TextOverlay, 'template' | 'enabled'> & { text: string }) | null;
}

export interface RenderResult {
  outputPath: string;
  durationMs: number;
}

export interface RenderPort {
  render(
    plan: RenderPlan,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ): Promise<RenderResult>;
}

export interface GenerationPorts {
  render: RenderPort;
  media: MediaSource;
}

/** Said when a build runs without generation ports: configs stay editable and schedulable. */
export function renderingUnavailable(): AppError {
  return new AppError(
    'UNAVAILABLE',
    'Rendering is not available in this build of ReelPilot: the render engine or the media library is missing. Update ReelPilot; your config is saved.',
  );
}
