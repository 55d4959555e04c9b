import type { Migration } from '../migration';
import { migration0001Settings } from './0001-settings';
import { migration0004Jobs } from './0004-jobs';
import { migration0005Configs } from './0005-configs';

/** Every migration in order, bundled statically so the packaged app needs no directory scan. */
export const migrations: readonly Migration[] = [
  migration0001Settings,
  migration0004Jobs,
  migration0005Configs,
];
