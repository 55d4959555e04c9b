import { displayHandle } from '../../../shared/domain/accounts';
import {
  configDraftSchema,
  noPosts,
  platformIds,
  type Config,
  type ConfigDraft,
  type ConfigInput,
  type PlatformSettings,
  type RunPosts,
  type RunSummary,
  type Schedule,
} from '../../../shared/domain/configs';
import { platformNames } from '../../../shared/domain/platforms';
import { postTextRules } from '../../../shared/domain/post-text';
import { defaultConfigStorage } from '../../../shared/domain/storage';
import type { ConfigRow, ConfigRunRow } from '../db/schema';
import { AppError } from '../errors';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import { nextOccurrence, upcomingOccurrences } from '../scheduler/occurrences';
import type { ConfigRepository } from './config-repository';

export function runSummary(row: ConfigRunRow, posts: RunPosts = noPosts): RunSummary {
  return {
    id: row.id,
    state: row.state,
    trigger: row.trigger,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    posts,
  };
}

type RunTargetRow = Awaited<ReturnType<ConfigRepository['runTargets']>>[number];

/** Sums a run's posts up; each distinct failure once, saying where it happened. */
function summarizePosts(rows: RunTargetRow[]): RunPosts {
  const problems = new Set<string>();
  for (const row of rows) {
    if (row.state !== 'failed') continue;
    const where = row.handle
      ? `${platformNames[row.platform]} ${displayHandle(row.platform, row.handle)}`
      : platformNames[row.platform];
    problems.add(`${where}: ${row.error_message ?? 'the post failed.'}`);
  }
  return {
    total: rows.length,
    posted: rows.filter((row) => row.state === 'success').length,
    failed: rows.filter((row) => row.state === 'failed').length,
    inProgress: rows.filter((row) => row.state === 'pending' || row.state === 'processing').length,
    platforms: new Set(rows.map((row) => row.platform)).size,
    problems: [...problems],
  };
}

/** The stored definition (everything but the name), read back through the draft schema. */
export function readDefinition(row: ConfigRow): ConfigDraft {
  const parsed = configDraftSchema.safeParse({
    ...(JSON.parse(row.definition) as object),
    name: row.name,
  });
  if (!parsed.success) {
    throw new AppError(
      'UNAVAILABLE',
      `The config "${row.name}" is stored in a form this version cannot read. Open it in the version of ReelPilot that saved it, or delete it.`,
    );
  }
  return parsed.data;
}

/** What is stored besides the name; a title kept for a platform that has none is dropped. */
function definitionText(config: ConfigInput): string {
  const { name: _name, ...definition } = config;
  const platforms = Object.fromEntries(
    platformIds.map((id) => [
      id,
      postTextRules[id].title
        ? definition.platforms[id]
        : { ...definition.platforms[id], titleTemplate: '' },
    ]),
  );
  return JSON.stringify({ ...definition, platforms });
}

export function defaultConfig(timeZone: string): ConfigDraft {
  // Nothing is posted that the person did not write: no title, caption or overlay until written.
  const platform: PlatformSettings = {
    enabled: false,
    titleTemplate: '',
    captionTemplate: '',
    hashtags: [],
    privacy: 'public',
    madeForKids: false,
  };
  return {
    name: 'New config',
    schedule: {
      rule: { kind: 'daily', times: ['09:00'] },
      timeZone,
      startDate: null,
      endDate: null,
    },
    content: {
      sources: { tags: [], folders: [], itemIds: [] },
      clipCount: 5,
      order: 'random',
      lengthSeconds: 15,
      stylePreset: 'clean',
      motion: 'kenBurnsIn',
      transition: { type: 'crossfade', durationMs: 500 },
      textOverlay: {
        enabled: false,
        template: '',
        font: 'DejaVu Sans',
        size: 56,
        color: '#ffffff',
        position: 'bottom',
        box: { enabled: true, color: '#000000', opacity: 0.5 },
      },
      audio: { source: { kind: 'none' }, volume: 0.8, fadeInMs: 500, fadeOutMs: 1000 },
      aspect: '9:16',
    },
    platforms: Object.fromEntries(
      platformIds.map((id) => [id, platform]),
    ) as ConfigDraft['platforms'],
    distribution: {
      mode: 'crossPost',
      strategy: 'roundRobin',
      accountIds: [],
      weights: {},
      videosPerRun: 1,
    },
    storage: defaultConfigStorage,
  };
}

/** BAD_INPUT on the name field, so the editor shows it there. */
function nameTaken(other: string): AppError {
  const message = `A config named “${other}” already exists. Choose another name, so the lists, history and posts can tell them apart.`;
  return new AppError('BAD_INPUT', message, { issues: [{ path: 'name', message }] });
}

/** Generation configs: saving, reading, turning automation on and off. */
export class ConfigService {
  private readonly changeListeners: Array<(id: string) => void> = [];

  constructor(
    private readonly repository: ConfigRepository,
    private readonly deps: {
      clock: Clock;
      ids: IdGenerator;
      events: EventSink;
      logger: Logger;
      defaultTimeZone: () => Promise<string>;
    },
  ) {}

  /** Called after any change that may move a next run (the scheduler re-arms its timer). */
  onChange(listener: (id: string) => void): void {
    this.changeListeners.push(listener);
  }

  async defaults(): Promise<ConfigDraft> {
    return defaultConfig(await this.deps.defaultTimeZone());
  }

  async list(): Promise<Config[]> {
    const [rows, lastRuns] = await Promise.all([
      this.repository.list(),
      this.repository.lastRuns(),
    ]);
    const posts = await this.runPosts([...lastRuns.values()].map((run) => run.id));
    return rows.map((row) => {
      const lastRun = lastRuns.get(row.id);
      return this.toDto(row, lastRun ? runSummary(lastRun, posts.get(lastRun.id)) : null);
    });
  }

  async get(id: string): Promise<Config> {
    const row = await this.require(id);
    const lastRun = (await this.repository.lastRuns()).get(id);
    const posts = lastRun ? await this.runPosts([lastRun.id]) : new Map<string, RunPosts>();
    return this.toDto(row, lastRun ? runSummary(lastRun, posts.get(lastRun.id)) : null);
  }

  /** What became of the posts of each run (runs without posts are left out). */
  async runPosts(runIds: readonly string[]): Promise<Map<string, RunPosts>> {
    const rows = await this.repository.runTargets(runIds);
    const byRun = new Map<string, RunTargetRow[]>();
    for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
    return new Map([...byRun].map(([runId, targets]) => [runId, summarizePosts(targets)]));
  }

  async require(id: string): Promise<ConfigRow> {
    const row = await this.repository.get(id);
    if (!row) {
      throw new AppError('NOT_FOUND', 'That config no longer exists. It may have been deleted.');
    }
    return row;
  }

  async create(input: ConfigInput): Promise<Config> {
    const now = this.deps.clock.now();
    const id = this.deps.ids.newId();
    const taken = await this.repository.withNameFree(input.name, null, (repository) =>
      repository.insert({
        id,
        name: input.name,
        definition: definitionText(input),
        active: true,
        nextRunAt: nextOccurrence(input.schedule, now, now),
        now,
      }),
    );
    if (taken !== null) throw nameTaken(taken);
    this.deps.logger.info('config created', { id });
    return this.changed(id);
  }

  async update(id: string, input: ConfigInput): Promise<Config> {
    const row = await this.require(id);
    const now = this.deps.clock.now();
    const taken = await this.repository.withNameFree(input.name, id, async (repository) => {
      await repository.update(
        id,
        {
          name: input.name,
          definition: definitionText(input),
          nextRunAt: row.active === 1 ? nextOccurrence(input.schedule, now, row.created_at) : null,
        },
        now,
      );
    });
    if (taken !== null) throw nameTaken(taken);
    this.deps.logger.info('config updated', { id });
    return this.changed(id);
  }

  /** Off: no scheduled runs (history kept). On again: the next occurrence from now, no catch-up. */
  async setActive(id: string, active: boolean): Promise<Config> {
    const row = await this.require(id);
    const now = this.deps.clock.now();
    const schedule = readDefinition(row).schedule;
    await this.repository.update(
      id,
      { active, nextRunAt: active ? nextOccurrence(schedule, now, row.created_at) : null },
      now,
    );
    this.deps.logger.info(active ? 'config automation on' : 'config automation off', { id });
    return this.changed(id);
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.repository.delete(id);
    if (deleted) {
      this.deps.logger.info('config deleted', { id });
      this.deps.events.emit('configs:changed', { id, config: null });
      for (const listener of this.changeListeners) listener(id);
    }
    return deleted;
  }

  previewSchedule(schedule: Schedule, count: number): number[] {
    const now = this.deps.clock.now();
    return upcomingOccurrences(schedule, now, now, count);
  }

  /** Re-reads a config and tells the UI and the scheduler it changed. */
  async changed(id: string): Promise<Config> {
    const config = await this.get(id);
    this.deps.events.emit('configs:changed', { id, config });
    for (const listener of this.changeListeners) listener(id);
    return config;
  }

  private toDto(row: ConfigRow, lastRun: RunSummary | null): Config {
    return {
      ...readDefinition(row),
      id: row.id,
      active: row.active === 1,
      nextRunAt: row.next_run_at,
      lastRun,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
