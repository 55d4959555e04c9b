import { create } from 'zustand';
import type {
  DriveUpload,
  StorageConnectProgress,
  StorageStatus,
} from '../../../shared/domain/storage';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';
import { reportError } from './notices-store';

export interface DriveConnectState {
  flowId: string | null;
  stage: StorageConnectProgress['stage'] | 'starting';
  message: string;
  authorizeUrl: string | null;
}

interface StorageActions extends domain.DomainActions {
  /** Puts the status the engine just returned in place (push events do the same). */
  upsert(status: StorageStatus): void;
  /** One upload moved on (progress, done, waiting, failed). */
  upsertUpload(upload: DriveUpload): void;
  startConnect(allowInsecureStorage: boolean): Promise<void>;
  cancelConnect(): Promise<void>;
  dismissConnect(): void;
  disconnect(): Promise<boolean>;
  refreshUsage(): Promise<void>;
  retryUpload(id: string): Promise<void>;
}

interface StorageState extends domain.DomainState<StorageActions> {
  storage: StorageStatus | null;
  connect: DriveConnectState | null;
  refreshing: boolean;
}

/** Google Drive: the connection, its folders, usage (Drive, disk, API) and recent uploads. */
export const useStorage = create<StorageState>((set, get) => ({
  storage: null,
  connect: null,
  refreshing: false,
  ...domain.notLoaded,
  actions: {
    load: domain.loader<StorageState>(set, async () => ({
      storage: await call('storage:status', {}),
    })),
    subscribe: domain.sharedSubscription(() => {
      const offChanged = api().on('storage:changed', (status) => get().actions.upsert(status));
      const offUpload = api().on('storage:uploadUpdated', (upload) =>
        get().actions.upsertUpload(upload),
      );
      const offProgress = api().on('storage:connectProgress', (progress) => {
        const current = get().connect;
        if (!current) return;
        if (current.flowId !== null && current.flowId !== progress.flowId) return;
        set({
          connect: {
            ...current,
            flowId: progress.flowId,
            stage: progress.stage,
            message: progress.message,
          },
        });
      });
      return () => {
        offChanged();
        offUpload();
        offProgress();
      };
    }),
    upsert: (storage) => set({ storage }),
    upsertUpload(upload) {
      const storage = get().storage;
      if (!storage) return;
      const recent = domain.upsertById(storage.uploads.recent, upload);
      recent.sort((a, b) => b.updatedAt - a.updatedAt);
      set({
        storage: { ...storage, uploads: { ...storage.uploads, recent: recent.slice(0, 10) } },
      });
    },
    async startConnect(allowInsecureStorage) {
      set({
        connect: { flowId: null, stage: 'starting', message: 'Starting…', authorizeUrl: null },
      });
      try {
        const started = await call('storage:connect', { allowInsecureStorage });
        // In a browser the engine cannot open a tab: this page does, without giving it a handle back.
        if (!started.openedExternally) window.open(started.authorizeUrl, '_blank', 'noopener');
        const current = get().connect;
        if (current && current.flowId === null) {
          set({
            connect: {
              ...current,
              flowId: started.flowId,
              authorizeUrl: started.authorizeUrl,
              stage: current.stage === 'starting' ? 'waiting' : current.stage,
              message:
                current.stage === 'starting'
                  ? 'Waiting for you to allow ReelPilot in the Google page that opened…'
                  : current.message,
            },
          });
        }
      } catch (error) {
        set({ connect: null });
        reportError('Google Drive could not be connected', error);
      }
    },
    async cancelConnect() {
      const flowId = get().connect?.flowId;
      if (!flowId) return set({ connect: null });
      await domain.attempt('The connection could not be cancelled', () =>
        call('storage:cancelConnect', { flowId }),
      );
    },
    dismissConnect: () => set({ connect: null }),
    async disconnect() {
      const outcome = await domain.attempt('Google Drive could not be disconnected', () =>
        call('storage:disconnect', {}),
      );
      if (outcome.ok) get().actions.upsert(outcome.value);
      return outcome.ok;
    },
    async refreshUsage() {
      set({ refreshing: true });
      const outcome = await domain.attempt('The storage figures could not be refreshed', () =>
        call('storage:refreshUsage', {}),
      );
      if (outcome.ok) get().actions.upsert(outcome.value);
      set({ refreshing: false });
    },
    async retryUpload(id) {
      const outcome = await domain.attempt('The upload could not be retried', () =>
        call('storage:retryUpload', { id }),
      );
      if (outcome.ok) get().actions.upsertUpload(outcome.value);
    },
  },
}));
