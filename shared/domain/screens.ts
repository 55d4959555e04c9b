import { z } from 'zod';

/** The screens of the app, in the order of the sidebar (and of the Ctrl/Cmd+1…8 shortcuts). */
export const screenIds = [
  'accounts',
  'configs',
  'media',
  'distribution',
  'calendar',
  'statistics',
  'batch',
  'settings',
] as const;
export const screenIdSchema = z.enum(screenIds);
export type ScreenId = z.infer<typeof screenIdSchema>;

export const screenLabels: Record<ScreenId, string> = {
  accounts: 'Accounts',
  configs: 'Configs',
  media: 'Media',
  distribution: 'Distribution',
  calendar: 'Calendar',
  statistics: 'Statistics',
  batch: 'Batch',
  settings: 'Settings',
};

/** Where a notification, a menu item or the tray sends the person: a screen and maybe an item. */
export const navigationTargetSchema = z.object({
  screen: screenIdSchema,
  /** The item to show on that screen (a post target, an account, a config). */
  itemId: z.string().min(1).max(200).optional(),
});
export type NavigationTarget = z.infer<typeof navigationTargetSchema>;
