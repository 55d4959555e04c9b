import { create } from 'zustand';
import type { Account } from '../../../shared/domain/accounts';
import type {
  DistributionListInput,
  DistributionTarget,
  DistributionVideo,
  TargetState,
} from '../../../shared/domain/distribution';
import type { PlatformId } from '../../../shared/domain/platforms';
import { api, call } from '../api/api-client';
import { reportError } from './notices-store';

export interface DistributionFilters {
  status: TargetState | '';
  platform: PlatformId | '';
  accountId: string;
  /** Only videos from this many days back; 0 for all. */
  days: number;
}

interface DistributionState {
  videos: DistributionVideo[] | null;
  accounts: Account[];
  loadError: string | null;
  loading: boolean;
  filters: DistributionFilters;
  retrying: Set<string>;
  setFilters(patch: Partial<DistributionFilters>): void;
  load(): Promise<void>;
  retry(targetId: string): Promise<void>;
  applyTarget(target: DistributionTarget): void;
}

function listInput(filters: DistributionFilters): DistributionListInput {
  return {
    limit: 100,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.accountId ? { accountId: filters.accountId } : {}),
    ...(filters.days > 0 ? { from: Date.now() - filters.days * 86_400_000 } : {}),
  };
}

export const useDistribution = create<DistributionState>((set, get) => ({
  videos: null,
  accounts: [],
  loadError: null,
  loading: false,
  filters: { status: '', platform: '', accountId: '', days: 0 },
  retrying: new Set(),
  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    void get().load();
  },
  async load() {
    set({ loading: true });
    try {
      const [videos, accounts] = await Promise.all([
        call('distribution:list', listInput(get().filters)),
        call('accounts:list', {}),
      ]);
      set({ videos, accounts, loadError: null, loading: false });
    } catch (error) {
      set({ loadError: error instanceof Error ? error.message : String(error), loading: false });
    }
  },
  async retry(targetId) {
    set({ retrying: new Set([...get().retrying, targetId]) });
    try {
      get().applyTarget(await call('distribution:retry', { targetId }));
    } catch (error) {
      reportError('The post could not be retried', error);
    } finally {
      const retrying = new Set(get().retrying);
      retrying.delete(targetId);
      set({ retrying });
    }
  },
  applyTarget(target) {
    const videos = get().videos;
    if (!videos) return;
    const known = videos.some((v) => v.id === target.videoId);
    if (!known) {
      // A new video: the list (with its filters) decides whether it belongs.
      void get().load();
      return;
    }
    set({
      videos: videos.map((video) =>
        video.id !== target.videoId
          ? video
          : {
              ...video,
              targets: video.targets.some((t) => t.id === target.id)
                ? video.targets.map((t) => (t.id === target.id ? target : t))
                : [...video.targets, target],
            },
      ),
    });
  },
}));

/** Live upload progress and state changes from the engine. */
export function subscribeToDistribution(): () => void {
  return api.on('distribution:targetUpdated', (target) =>
    useDistribution.getState().applyTarget(target),
  );
}
