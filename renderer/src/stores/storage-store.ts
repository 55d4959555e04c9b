import { create } from 'zustand';
import type {
  DriveUpload,
  StorageConnectProgress,
  StorageStatus,
} from '../../../shared/domain/storage';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';
import {
  cancelSignIn,
  connectSlot,
  startSignIn,
  withProgress,
  type SignInState,
} from './sign-in-flow';

export type DriveConnectState = SignInState<StorageConnectProgress['stage']>;

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
export const useStorage = create<StorageState>((set, get) => {
  const slot = connectSlot<DriveConnectState>(get, set);
  return {
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
          const next = withProgress(get().connect, progress);
          if (next) set({ connect: next });
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
      startConnect: (allowInsecureStorage) =>
        startSignIn(slot, {
          starting: { flowId: null, stage: 'starting', message: 'Starting…', authorizeUrl: null },
          request: () => call('storage:connect', { allowInsecureStorage }),
          belongs: () => true,
          waitingMessage: 'Waiting for you to allow ReelPilot in the Google page that opened…',
          failureTitle: 'Google Drive could not be connected',
        }),
      cancelConnect: () => cancelSignIn(slot, 'storage:cancelConnect'),
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
  };
});
