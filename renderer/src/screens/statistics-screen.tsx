import { useState } from 'react';
import { cx } from '../components/class-names';
import { Screen, ScreenHeader } from '../components/screen';
import styles from '../statistics/overview.module.css';
import { statisticsTabs, type StatisticsTab } from '../statistics/statistics-tabs';

/** Statistics: one tab per view (the list in statistics/statistics-tabs.tsx). */
export function StatisticsScreen({ tabs = statisticsTabs }: { tabs?: readonly StatisticsTab[] }) {
  const [active, setActive] = useState(tabs[0]?.id);
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  return (
    <Screen width="wide" labelledBy="statistics-title">
      <ScreenHeader id="statistics-title" title="Statistics" />
      {tabs.length > 1 && (
        <div role="tablist" aria-label="Statistics views" className={styles.tabs}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`statistics-tab-${tab.id}`}
              aria-selected={tab.id === current?.id}
              aria-controls={`statistics-panel-${tab.id}`}
              className={cx(styles.tab, tab.id === current?.id && styles.tabActive)}
              onClick={() => setActive(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      )}
      {current && (
        <div
          role={tabs.length > 1 ? 'tabpanel' : undefined}
          id={`statistics-panel-${current.id}`}
          aria-labelledby={tabs.length > 1 ? `statistics-tab-${current.id}` : undefined}
        >
          <current.Component />
        </div>
      )}
    </Screen>
  );
}
