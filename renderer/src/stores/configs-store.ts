import { create } from 'zustand';
import type { Config, ConfigRun } from '../../../shared/domain/configs';
import { api, call } from '../api/api-client';
import { reportError } from './notices-store';

interface ConfigsState {
  configs: Config[] | null;
  loadError: string | null;
  /** Recent runs, newest first, for every config (kept fresh by push events). */
  runs: ConfigRun[];
  load(): Promise<void>;
  loadRuns(configId?: string): Promise<void>;
  /** Puts a config the engine just returned into the list (push events do the same). */
  upsert(config: Config): void;
}

function withConfig(configs: Config[], id: string, config: Config | null): Config[] {
  const others = configs.filter((existing) => existing.id !== id);
  return config ? [...others, config].sort((a, b) => a.name.localeCompare(b.name)) : others;
}

function upsertRun(runs: ConfigRun[], run: ConfigRun): ConfigRun[] {
  const index = runs.findIndex((existing) => existing.id === run.id);
  if (index === -1) return [run, ...runs].sort((a, b) => b.createdAt - a.createdAt);
  const next = runs.slice();
  next[index] = run;
  return next;
}

export const useConfigs = create<ConfigsState>((set) => ({
  upsert: (config) =>
    set((state) =>
      state.configs ? { configs: withConfig(state.configs, config.id, config) } : {},
    ),
  configs: null,
  loadError: null,
  runs: [],
  async load() {
    try {
      const [configs, runs] = await Promise.all([
        call('configs:list', {}),
        call('configs:history', { limit: 50 }),
      ]);
      set({ configs, runs, loadError: null });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error) });
      reportError('Configs could not be loaded', error);
    }
  },
  async loadRuns(configId) {
    try {
      const runs = await call('configs:history', { configId, limit: 50 });
      set((state) => ({ runs: runs.reduce(upsertRun, state.runs) }));
    } catch (error) {
      reportError('The run history could not be loaded', error);
    }
  },
}));

/** Keeps the list and the runs in step with the engine (scheduler, other windows). */
export function subscribeToConfigs(): () => void {
  const offChanged = api.on('configs:changed', ({ id, config }) =>
    useConfigs.setState((state) =>
      state.configs ? { configs: withConfig(state.configs, id, config) } : {},
    ),
  );
  const offRun = api.on('configs:runUpdated', (run) =>
    useConfigs.setState((state) => ({ runs: upsertRun(state.runs, run) })),
  );
  return () => {
    offChanged();
    offRun();
  };
}
