import type { AutomationModule } from '../automation/automation-module';
import { describeError, isAppError } from '../errors';
import type { ConfigService } from '../configs/configs-module';
import { defineModule, servicePorts, type ModuleCore } from '../engine-module';
import type { GenerationPorts } from '../generation/generation-module';
import type { JobQueue } from '../jobs/jobs-module';
import type { StatisticsRecorder } from '../statistics/statistics-module';
import { ExecutionService, RENDER_JOB } from './execution-service';
import type { RenderedVideoReceiver } from './rendered-video';
import { createRunScheduler } from './run-scheduler';
import { RunRepository } from './run-repository';
import { runsHandlers } from './runs-handlers';

export type { ExecutionService } from './execution-service';
export type { RenderedVideo, RenderedVideoReceiver } from './rendered-video';
export type { RunScheduler } from './run-scheduler';
export { RENDER_JOB } from './execution-service';

/** Rendered videos older than this were handed over, or left alone on purpose, long ago. */
const REPLAY_WINDOW_MS = 7 * 86_400_000;

/**
 * Executing configs: runs started by hand or by the scheduler (each occurrence claimed once),
 * their render jobs and records, and the hand-over of rendered videos (`handOverTo`). Pause all
 * holds the scheduler and the automatic renders; Run now still renders.
 */
export function createRunsModule(
  core: ModuleCore,
  deps: {
    configs: ConfigService;
    jobs: JobQueue;
    generation: GenerationPorts | null;
    automation: Pick<AutomationModule, 'pause' | 'holdRenders'>;
    statistics: StatisticsRecorder;
  },
) {
  const { ports } = core;
  const basics = servicePorts(core, 'runs');
  const { logger } = basics;
  const repository = new RunRepository(core.db, deps.statistics);
  const execution = new ExecutionService(repository, {
    queue: deps.jobs,
    ...basics,
    random: Math.random,
    generation: deps.generation,
    runPosts: (runIds) => deps.configs.runPosts(runIds),
  });
  // A run started or ended, or a next run moved: the config's "last run" and "next run" change.
  const refreshConfig = (configId: string) =>
    void deps.configs.changed(configId).catch((error: unknown) => {
      // Deleted meanwhile: its deletion was announced already.
      if (isAppError(error) && error.code === 'NOT_FOUND') return;
      logger.warn('config not refreshed after its run changed', {
        configId,
        error: describeError(error),
      });
    });
  const scheduler = createRunScheduler({
    repository,
    execution,
    clock: ports.clock,
    power: ports.power,
    logger: ports.logger.child({ domain: 'scheduler' }),
    onConfigChanged: refreshConfig,
    isPaused: () => deps.automation.pause.paused,
  });
  deps.configs.onChange(() => scheduler.wake());
  // Paused: the scheduler drops its timer. Resumed: what came due gives one catch-up run.
  deps.automation.pause.onChange(() => scheduler.wake());
  deps.automation.holdRenders(RENDER_JOB);
  execution.onRunChanged(refreshConfig);
  const receivers: RenderedVideoReceiver[] = [];

  return defineModule({
    name: 'runs',
    service: execution,
    scheduler,
    handlers: runsHandlers(deps.configs, execution, scheduler, ports.clock),
    jobHandlers: [execution.renderHandler()],
    /** Every rendered video goes to `receiver`; errors are logged by the run, never lost. */
    handOverTo(receiver: RenderedVideoReceiver): void {
      receivers.push(receiver);
      execution.onVideoRendered((video) => receiver.receive(video));
    },
    /** A post of a run video changed state (distribution says so): the run shows it. */
    postsChanged(runVideoId: string): void {
      execution.postsChanged(runVideoId).catch((error: unknown) =>
        logger.warn('run not refreshed after its posts changed', {
          runVideoId,
          error: describeError(error),
        }),
      );
    },
    recover: async () => {
      await execution.resume();
      for (const receiver of receivers) {
        await execution.replayRendered(ports.clock.now() - REPLAY_WINDOW_MS, (id) =>
          receiver.received(id),
        );
      }
    },
    start: () => scheduler.start(),
    stop: async () => void (await scheduler.stop()),
  });
}

export type RunsModule = ReturnType<typeof createRunsModule>;
