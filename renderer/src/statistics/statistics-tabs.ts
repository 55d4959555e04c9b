import type { ComponentType } from 'react';
import { statisticsItems } from '../../../shared/domain/alerts';
import { AlertsTab } from './alerts-tab';
import { ErrorsTab } from './errors-tab';
import { HealthTab } from './health-tab';
import { OverviewTab } from './overview-tab';

/** One tab of the Statistics screen: what it is called, what it shows, which items it holds. */
export interface StatisticsTab {
  id: string;
  label: string;
  component: ComponentType;
  /** Whether a navigation request for this item id (a notification, an alert) opens this tab. */
  shows(itemId: string): boolean;
}

export const overviewTab: StatisticsTab = {
  id: 'overview',
  label: 'Overview',
  component: OverviewTab,
  // Figures, not items: nothing is revealed here.
  shows: () => false,
};

export const healthTab: StatisticsTab = {
  id: 'health',
  label: 'Health',
  component: HealthTab,
  shows: (itemId) =>
    itemId === statisticsItems.systemHealth || itemId.startsWith(statisticsItems.accountHealth('')),
};

export const alertsTab: StatisticsTab = {
  id: 'alerts',
  label: 'Alerts',
  component: AlertsTab,
  shows: (itemId) => itemId.startsWith(statisticsItems.alert('')),
};

export const errorsTab: StatisticsTab = {
  id: 'errors',
  label: 'Errors',
  component: ErrorsTab,
  shows: (itemId) => itemId === statisticsItems.errors,
};

/** The Statistics screen's tabs, in order. */
export const statisticsTabs: readonly StatisticsTab[] = [
  overviewTab,
  healthTab,
  alertsTab,
  errorsTab,
];
