import { create } from 'zustand';
import type { InputOf, OutputOf } from '../../../shared/contract';
import type {
  Config,
  ConfigDraft,
  ConfigInput,
  ConfigPreview,
  ConfigRun,
  MediaSources,
} from '../../../shared/domain/configs';
import type { MediaItem } from '../../../shared/domain/media';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

interface ConfigsActions extends domain.DomainActions {
  /** Puts a config the engine just returned into the list (push events do the same). */
  upsert(config: Config): void;
  forget(id: string): void;
  upsertRun(run: ConfigRun): void;
  /** Adds a config's older runs to `runs`. */
  loadRuns(configId: string): Promise<void>;
  /** A new config's starting point; null when it could not be had (the failure is shown). */
  defaults(): Promise<ConfigDraft | null>;
  /** Creates (id null) or updates a config; refused fields come back by path. */
  save(id: string | null, draft: ConfigInput): Promise<domain.Outcome<Config>>;
  /** Moves the switch at once; a refusal puts it back and is shown. */
  setActive(config: Config, active: boolean): Promise<void>;
  remove(config: Config): Promise<boolean>;
  runNow(config: Config): Promise<void>;
  cancelRun(runId: string): Promise<void>;
  /** Lookups for one component, which shows their failure where the answer would go. */
  previewSchedule(
    input: InputOf<'configs:previewSchedule'>,
  ): Promise<OutputOf<'configs:previewSchedule'>>;
  preview(requestId: string, config: ConfigInput, seconds: number): Promise<ConfigPreview>;
  /** How many usable photos and clips the sources find in the library. */
  countSources(sources: MediaSources): Promise<number>;
  renderedMedia(path: string): Promise<MediaItem | null>;
}

interface ConfigsState extends domain.DomainState<ConfigsActions> {
  items: Config[] | null;
  /** Recent runs, newest first, for every config (kept fresh by push events). */
  runs: ConfigRun[];
  /** Automation switches moved by the person and not yet settled by the engine. */
  switching: Record<string, boolean>;
  /** The last progress report of a config preview being rendered. */
  previewProgress: { requestId: string; fraction: number } | null;
}

const byName = (a: Config, b: Config) => a.name.localeCompare(b.name);
const newestFirst = (a: ConfigRun, b: ConfigRun) => b.createdAt - a.createdAt;

function withRun(runs: ConfigRun[], run: ConfigRun): ConfigRun[] {
  const known = runs.some((existing) => existing.id === run.id);
  return known ? domain.upsertById(runs, run) : [run, ...runs].sort(newestFirst);
}

export const useConfigs = create<ConfigsState>((set, get) => ({
  items: null,
  runs: [],
  switching: {},
  previewProgress: null,
  ...domain.notLoaded,
  actions: {
    load: domain.loader<ConfigsState>(
      set,
      async () => {
        const [items, runs] = await Promise.all([
          call('configs:list', {}),
          call('configs:history', { limit: 50 }),
        ]);
        return { items, runs };
      },
      'Configs could not be loaded',
    ),
    // The scheduler, runs and other windows change configs behind the screen's back.
    subscribe: domain.sharedSubscription(() => {
      const offChanged = api().on('configs:changed', ({ id, config }) =>
        config ? get().actions.upsert(config) : get().actions.forget(id),
      );
      const offRun = api().on('configs:runUpdated', (run) => get().actions.upsertRun(run));
      const offPreview = api().on('configs:previewProgress', (previewProgress) =>
        set({ previewProgress }),
      );
      return () => {
        offChanged();
        offRun();
        offPreview();
      };
    }),
    upsert(config) {
      const items = get().items;
      if (items) set({ items: domain.upsertById(items, config).sort(byName) });
    },
    forget(id) {
      const items = get().items;
      if (items) set({ items: domain.withoutId(items, id) });
    },
    upsertRun(run) {
      set({ runs: withRun(get().runs, run) });
    },
    async loadRuns(configId) {
      const outcome = await domain.attempt('The run history could not be loaded', () =>
        call('configs:history', { configId, limit: 50 }),
      );
      if (outcome.ok) set({ runs: outcome.value.reduce(withRun, get().runs) });
    },
    async defaults() {
      const outcome = await domain.attempt('A new config could not be started', () =>
        call('configs:defaults', {}),
      );
      return outcome.ok ? outcome.value : null;
    },
    async save(id, config) {
      const outcome = await domain.attempt('The config was not saved', () =>
        id ? call('configs:update', { id, config }) : call('configs:create', config),
      );
      if (outcome.ok) {
        get().actions.upsert(outcome.value);
        return outcome;
      }
      // An update's fields are reported under "config."; the editor knows them without it.
      const fields: Record<string, string> = {};
      for (const [path, message] of Object.entries(outcome.fields))
        fields[path.replace(/^config\./, '')] = message;
      return { ok: false, fields };
    },
    async setActive(config, active) {
      set({ switching: { ...get().switching, [config.id]: active } });
      const outcome = await domain.attempt('Automation could not be changed', () =>
        call('configs:setActive', { id: config.id, active }),
      );
      if (outcome.ok) get().actions.upsert(outcome.value);
      const { [config.id]: _settled, ...rest } = get().switching;
      set({ switching: rest });
    },
    async remove(config) {
      const outcome = await domain.attempt('The config was not deleted', () =>
        call('configs:delete', { id: config.id }),
      );
      if (outcome.ok) get().actions.forget(config.id);
      return outcome.ok;
    },
    async runNow(config) {
      const outcome = await domain.attempt('The run could not start', () =>
        call('configs:executeNow', { id: config.id }),
      );
      if (outcome.ok) get().actions.upsertRun(outcome.value);
    },
    async cancelRun(runId) {
      const outcome = await domain.attempt('The run could not be cancelled', () =>
        call('configs:cancelRun', { runId }),
      );
      if (outcome.ok) get().actions.upsertRun(outcome.value);
    },
    previewSchedule: (input) => call('configs:previewSchedule', input),
    preview: (requestId, config, seconds) =>
      call('configs:preview', { requestId, config, seconds }),
    countSources: async (sources) => (await call('configs:countSources', { sources })).count,
    async renderedMedia(path) {
      const [found] = await call('configs:renderedMedia', { paths: [path] });
      return found?.item ?? null;
    },
  },
}));
