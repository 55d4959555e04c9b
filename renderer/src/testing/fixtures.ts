/**
 * Contract-valid answers for component tests, each with the fields a test cares about given
 * as overrides. The fake Api checks every answer against the contract, so these stay honest.
 * One file a domain under ./fixtures; this module gathers them so tests import from one place.
 */
export * from './fixtures/accounts';
export * from './fixtures/alerts-health';
export * from './fixtures/automation-settings';
export * from './fixtures/calendar';
export * from './fixtures/configs';
export * from './fixtures/distribution';
export * from './fixtures/media';
export * from './fixtures/statistics';
export * from './fixtures/storage-backup';
