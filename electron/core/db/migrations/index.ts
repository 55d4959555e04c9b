import type { Migration } from '../migration';
import { migration0001Settings } from './0001-settings';
import { migration0003Media } from './0003-media';

/** Every migration in order, bundled statically so the packaged app needs no directory scan. */
export const migrations: readonly Migration[] = [migration0001Settings, migration0003Media];
