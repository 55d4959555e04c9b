import type { ComponentType } from 'react';
import { OverviewTab } from './overview-tab';

/** A view of the Statistics screen: its tab's label and what it shows. */
export interface StatisticsTab {
  id: string;
  label: string;
  Component: ComponentType;
}

/** The Statistics screen's tabs, in order; each feature adds its own here. */
export const statisticsTabs: readonly StatisticsTab[] = [
  { id: 'overview', label: 'Overview', Component: OverviewTab },
];
