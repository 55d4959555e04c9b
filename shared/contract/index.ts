import type { z } from 'zod';
import { accountsChannels } from './accounts-channels';
import { alertsChannels } from './alerts-channels';
import { apiTokensChannels } from './api-tokens-channels';
import { appChannels } from './app-channels';
import { automationChannels } from './automation-channels';
import { batchChannels } from './batch-channels';
import { calendarChannels } from './calendar-channels';
import { backupChannels } from './backup-channels';
import { configsChannels } from './configs-channels';
import { distributionChannels } from './distribution-channels';
import { healthChannels } from './health-channels';
import { jobsChannels } from './jobs-channels';
import { mediaChannels } from './media-channels';
import { retentionChannels } from './retention-channels';
import { settingsChannels } from './settings-channels';
import { statisticsChannels } from './statistics-channels';
import { storageChannels } from './storage-channels';

/** Every channel of the app. A domain adds one spread here; its handlers must then exist. */
export const contract = {
  ...appChannels,
  ...settingsChannels,
  ...accountsChannels,
  ...jobsChannels,
  ...configsChannels,
  ...distributionChannels,
  ...calendarChannels,
  ...mediaChannels,
  ...automationChannels,
  ...apiTokensChannels,
  ...statisticsChannels,
  ...healthChannels,
  ...alertsChannels,
  ...retentionChannels,
  ...storageChannels,
  ...backupChannels,
  ...batchChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller may send (before defaults and transforms). */
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives (after validation). */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
export const channelNames = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './envelope';
export * from './events';
export * from './push-channel';
export type { ChannelSpec, ChannelMap } from './define';
export type { Api } from './api';
