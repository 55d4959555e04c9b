import type { EndpointOverrides, PlatformId } from '../../../shared/domain/platforms';
import type { AccountsService } from '../accounts/accounts-module';
import type { AutomationModule } from '../automation/automation-module';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { FfmpegToolsPort } from '../ffmpeg/ffmpeg-module';
import type { JobQueue } from '../jobs/jobs-module';
import type { PlatformAdapter } from '../platforms/platform-adapter';
import {
  createPlatformAdapter,
  type PlatformAdapterSettings,
} from '../platforms/platform-adapters';
import { variantSize, type RenderEngine } from '../render/render-module';
import type { RunsModule } from '../runs/runs-module';
import type { StatisticsRecorder } from '../statistics/statistics-module';
import { distributionHandlers } from './distribution-handlers';
import { DistributionRepository } from './distribution-repository';
import { DistributionService } from './distribution-service';
import { UPLOAD_JOB } from './upload-job';
import type { UploadTimings } from './upload-timings';

export type { DistributionService, NewTarget } from './distribution-service';
export type { UploadTimings } from './upload-timings';
/** The errors log names failed posts' classes with the same words as Distribution. */
export { suggestedAction } from './target-dto';
export { UPLOAD_JOB } from './upload-job';
export { METRICS_JOB } from './metrics-job';
export { postPrivacy } from './post-settings';

export interface DistributionModuleOptions {
  endpointOverrides?: EndpointOverrides | undefined;
  /** Adapter tuning (chunk sizes, retry timing) on top of `endpointOverrides`. */
  platformSettings?: Omit<PlatformAdapterSettings, 'endpoints'> | undefined;
  /** Reads metrics every this many ms instead of the slowing schedule (the sandbox). */
  metricsEveryMs?: number | undefined;
  /** Processing deadlines and rechecks per platform (tests and the soak shrink them). */
  uploadTimings?: Partial<UploadTimings> | undefined;
}

/** One adapter per platform, made when first needed and kept. */
function adaptersFor(settings: PlatformAdapterSettings): (platform: PlatformId) => PlatformAdapter {
  const adapters = new Map<PlatformId, PlatformAdapter>();
  return (platform) => {
    let adapter = adapters.get(platform);
    if (!adapter) {
      adapter = createPlatformAdapter(platform, settings);
      adapters.set(platform, adapter);
    }
    return adapter;
  };
}

/**
 * Posting: every rendered video of a run gets one target per account, uploaded by `upload`
 * jobs and then read for metrics by `metrics` jobs. Takes the runs' videos (`handOverTo`).
 */
export function createDistributionModule(
  core: ModuleCore,
  deps: {
    jobs: JobQueue;
    accounts: AccountsService;
    ffmpeg: FfmpegToolsPort;
    render: RenderEngine;
    runs: Pick<RunsModule, 'handOverTo' | 'postsChanged'>;
    automation: Pick<AutomationModule, 'holdUploads'>;
    statistics: StatisticsRecorder;
    options: DistributionModuleOptions;
  },
) {
  const service = new DistributionService({
    repository: new DistributionRepository(core.db, deps.statistics),
    queue: deps.jobs,
    accounts: deps.accounts,
    adapterFor: adaptersFor({
      ...deps.options.platformSettings,
      // The engine's clock: marker times and lookups read the same time the engine keeps.
      runtime: { now: () => core.ports.clock.now(), ...deps.options.platformSettings?.runtime },
      endpoints: deps.options.endpointOverrides,
    }),
    probe: (file) => deps.ffmpeg.probeVideo(file),
    variantFor: async (platform, facts) => {
      if (!variantSize(platform, facts)) return null;
      const variant = await deps.render.variantFor(platform, {
        ...facts,
        durationMs: facts.durationSec * 1000,
      });
      return deps.ffmpeg.probeVideo(variant.path);
    },
    ...servicePorts(core, 'distribution'),
    metricsEveryMs: deps.options.metricsEveryMs,
    uploadTimings: deps.options.uploadTimings,
  });
  // Pause all and the machine's sleep hold uploads: nothing is posted until they end.
  deps.automation.holdUploads(UPLOAD_JOB);
  service.onRunPostChanged((runVideoId) => deps.runs.postsChanged(runVideoId));
  deps.runs.handOverTo({
    receive: async (video) => void (await service.distributeRunVideo(video)),
    received: (runVideoId) => service.hasRunVideo(runVideoId),
  });
  return defineModule({
    name: 'distribution',
    service,
    handlers: distributionHandlers(service),
    jobHandlers: [service.uploadHandler(), service.metricsHandler()],
    recover: () => service.recover(),
  });
}

export type DistributionModule = ReturnType<typeof createDistributionModule>;
