import path from 'node:path';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { Paths } from '../ports';
import type { MediaModule } from '../media/media-module';
import type { RenderEngine } from '../render/render-module';
import { ConfigPreviews } from './config-previews';
import { generationHandlers } from './generation-handlers';
import type { GenerationPorts } from './generation-ports';
import { LibraryRenderPort } from './library-render-port';
import { MediaLibrarySource } from './media-library-source';

export {
  renderingUnavailable,
  type GenerationPorts,
  type MediaPick,
  type MediaPickRequest,
  type MediaSource,
  type RenderPlan,
  type RenderPort,
  type RenderResult,
} from './generation-ports';
export { noMediaMessage, pickClips, planVideo, type VideoPlace } from './render-planner';
export { fillTemplate, fillVariable, templateValues, type TemplateValues } from './text-template';

/** Where config runs put the videos they render (in the data folder's media folder). */
export function rendersDirOf(paths: Paths): string {
  return path.join(paths.mediaDir, 'renders');
}

/**
 * From a config to a render plan and a video in the library. `ports` is what config runs
 * render through: the library and the render engine by default; `override` replaces them
 * (tests), and `null` builds the engine without rendering (runs and previews then say so).
 */
export function createGenerationModule(
  core: ModuleCore,
  deps: {
    media: MediaModule;
    render: RenderEngine;
    override: GenerationPorts | null | undefined;
    /** Tests only: every video rendered at this small frame height. */
    renderHeight: number | null;
  },
) {
  const { ports } = core;
  const renderPort = new LibraryRenderPort({
    engine: deps.render,
    library: deps.media.service,
    rendersDir: rendersDirOf(ports.paths),
    logger: ports.logger.child({ domain: 'render' }),
    renderHeight: deps.renderHeight,
  });
  const librarySource = new MediaLibrarySource(deps.media.service);
  const rendering = deps.override !== null;
  const previews = new ConfigPreviews({
    port: rendering ? renderPort : null,
    media: rendering ? librarySource : null,
    dir: path.join(ports.paths.cacheDir, 'previews'),
    ...servicePorts(core, 'previews'),
  });
  deps.media.servePreviews((id) => previews.fileOf(id));
  const generation: GenerationPorts | null =
    deps.override === undefined ? { render: renderPort, media: librarySource } : deps.override;
  return defineModule({
    name: 'generation',
    ports: generation,
    previews,
    handlers: generationHandlers(previews, deps.media.service, librarySource),
    stop: async () => previews.close(),
  });
}

export type GenerationModule = ReturnType<typeof createGenerationModule>;
