import { create } from 'zustand';
import type {
  BackupList,
  BackupProgress,
  BackupSettingsPatch,
  BackupStatus,
  RestorePreview,
  RestoreResult,
  RestoreSource,
} from '../../../shared/domain/backup';
import { api, call } from '../api/api-client';
import * as domain from './domain-store';

interface BackupActions extends domain.DomainActions {
  upsert(status: BackupStatus): void;
  /** Reloads the list of backups (after a backup, an upload, retention). */
  reloadList(): Promise<void>;
  updateSettings(patch: BackupSettingsPatch): Promise<domain.Outcome<BackupStatus>>;
  runNow(): Promise<void>;
  /** What a restore would bring back and replace; throws the engine's refusal. */
  inspect(source: RestoreSource): Promise<RestorePreview>;
  restore(source: RestoreSource): Promise<domain.Outcome<RestoreResult>>;
  dismissReport(): Promise<void>;
  /** Waits for the restarted engine (it answers with the new restore), then reloads the page. */
  waitForRestart(): Promise<void>;
  clearRestarting(): void;
}

interface BackupState extends domain.DomainState<BackupActions> {
  backup: BackupStatus | null;
  list: BackupList | null;
  /** The backup or restore under way, as the engine last told. */
  progress: BackupProgress | null;
  /** A restore the engine accepted: ReelPilot is restarting with it. */
  restarting: RestoreResult | null;
  /** When the restore before this one happened, to tell the new engine's answer apart. */
  previousRestoreAt: number | null;
}

/** Backups: the schedule and retention, the list here and on Drive, backing up and restoring. */
export const useBackups = create<BackupState>((set, get) => ({
  backup: null,
  list: null,
  progress: null,
  restarting: null,
  previousRestoreAt: null,
  ...domain.notLoaded,
  actions: {
    load: domain.loader<BackupState>(set, async () => {
      const [backup, list] = await Promise.all([
        call('backup:status', {}),
        call('backup:list', {}),
      ]);
      return { backup, list, progress: backup.running };
    }),
    subscribe: domain.sharedSubscription(() => {
      const offProgress = api().on('backup:progress', (progress) => {
        set({ progress: progress.stage === 'done' ? null : progress });
        if (progress.stage === 'done' || progress.stage === 'failed') void get().actions.load();
      });
      const offChanged = api().on('backup:changed', () => void get().actions.load());
      const offUpload = api().on('storage:uploadUpdated', (upload) => {
        if (upload.kind === 'backup' && (upload.state === 'done' || upload.state === 'failed'))
          void get().actions.reloadList();
      });
      return () => {
        offProgress();
        offChanged();
        offUpload();
      };
    }),
    upsert: (backup) => set({ backup }),
    async reloadList() {
      try {
        set({ list: await call('backup:list', {}) });
      } catch (error) {
        set({ error: domain.messageOf(error) });
      }
    },
    async updateSettings(patch) {
      const outcome = await domain.attempt('The backup settings were not saved', () =>
        call('backup:updateSettings', patch),
      );
      if (outcome.ok) get().actions.upsert(outcome.value);
      return outcome;
    },
    async runNow() {
      const outcome = await domain.attempt('The backup could not start', () =>
        call('backup:run', {}),
      );
      if (outcome.ok)
        set({
          progress: {
            operation: 'backup',
            backupId: outcome.value.backupId,
            stage: 'snapshot',
            fraction: null,
            message: 'Starting the backup…',
          },
        });
    },
    inspect: (source) => call('backup:inspect', { source }),
    async restore(source) {
      set({ previousRestoreAt: get().backup?.lastRestore?.restoredAt ?? null });
      const outcome = await domain.attempt('The backup was not restored', () =>
        call('backup:restore', { source }),
      );
      if (outcome.ok) set({ restarting: outcome.value });
      else set({ progress: null });
      return outcome;
    },
    async waitForRestart() {
      const before = get().previousRestoreAt;
      for (let second = 0; second < 120; second += 1) {
        await new Promise((resolve) => window.setTimeout(resolve, 1000));
        try {
          const status = await call('backup:status', {});
          if (status.lastRestore && status.lastRestore.restoredAt !== before) {
            window.location.reload();
            return;
          }
        } catch {
          // The engine is restarting: ask again in a second.
        }
      }
      set({
        restarting: {
          state: 'staged',
          message:
            'ReelPilot did not come back within two minutes. The restore is saved and is finished at the next start: stop ReelPilot and start it again.',
        },
      });
    },
    clearRestarting: () => set({ restarting: null }),
    async dismissReport() {
      const outcome = await domain.attempt('The message could not be dismissed', () =>
        call('backup:dismissRestoreReport', {}),
      );
      if (outcome.ok) get().actions.upsert(outcome.value);
    },
  },
}));
