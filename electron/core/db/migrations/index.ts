import type { Migration } from '../migration';
import { migration0001Settings } from './0001-settings';
import { migration0002Accounts } from './0002-accounts';
import { migration0003Jobs } from './0003-jobs';
import { migration0004Configs } from './0004-configs';
import { migration0005Media } from './0005-media';
import { migration0006Distribution } from './0006-distribution';
import { migration0007PostChanges } from './0007-post-changes';
import { migration0008Statistics } from './0008-statistics';
import { migration0009ExactlyOnce } from './0009-exactly-once';
import { migration0010Alerts } from './0010-alerts';
import { migration0011StorageBackup } from './0011-storage-backup';
import { migration0012Batch } from './0012-batch';

/** Every migration in order, bundled statically so the packaged app needs no directory scan. */
export const migrations: readonly Migration[] = [
  migration0001Settings,
  migration0002Accounts,
  migration0003Jobs,
  migration0004Configs,
  migration0005Media,
  migration0006Distribution,
  migration0007PostChanges,
  migration0008Statistics,
  migration0009ExactlyOnce,
  migration0010Alerts,
  migration0011StorageBackup,
  migration0012Batch,
];
