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
import { distributionHandlers } from './distribution-handlers';
import { DistributionRepository } from './distribution-repository';
import { DistributionService } from './distribution-service';
import { UPLOAD_JOB } from './upload-job';

export type { DistributionService, NewTarget } from './distribution-service';
export { postPrivacy } from './post-settings';

export interface DistributionModuleOptions {
  endpointOverrides?: EndpointOverrides | undefined;
  /** Adapter tuning (chunk sizes, retry timing) on top of `endpointOverrides`. */
  platformSettings?: Omit<PlatformAdapterSettings, 'endpoints'> | undefined;
  /** Reads metrics every this many ms instead of the slowing schedule (the sandbox). */
  metricsEveryMs?: number | undefined;
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
    runs: Pick<RunsModule, 'handOverTo'>;
    automation: Pick<AutomationModule, 'holdUploads'>;
    options: DistributionModuleOptions;
  },
) {
  const service = new DistributionService({
    repository: new DistributionRepository(core.db),
    queue: deps.jobs,
    accounts: deps.accounts,
    adapterFor: adaptersFor({
      ...deps.options.platformSettings,
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
  });
  // Pause all and the machine's sleep hold uploads: nothing is posted until they end.
  deps.automation.holdUploads(UPLOAD_JOB);
  deps.runs.handOverTo({
    receive: async (video) => void (await service.distributeRunVideo(video)),
    received: (runVideoId) => service.hasRunVideo(runVideoId),
  });
  return defineModule({
    name: 'distribution',
    service,
    handlers: distributionHandlers(service),
    jobHandlers: [service.uploadHandler(), service.metricsHandler()],
  });
}

export type DistributionModule = ReturnType<typeof createDistributionModule>;
