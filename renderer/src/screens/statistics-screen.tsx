import { useState, type KeyboardEvent } from 'react';
import { Screen, ScreenHeader } from '../components/screen';
import { statisticsTabs, type StatisticsTab } from '../statistics/statistics-tabs';
import styles from '../statistics/statistics.module.css';
import { useNavigation } from '../stores/navigation-store';

const storageKey = 'reelpilot.statisticsTab';

function firstTab(tabs: readonly StatisticsTab[]): string {
  const stored = window.localStorage.getItem(storageKey);
  return tabs.find((tab) => tab.id === stored)?.id ?? tabs[0]?.id ?? '';
}

/**
 * How the work is going and what needs the person: one tab each, taken from `tabs` (the
 * statistics feature's list). A navigation request for an item (a notification, an alert's
 * link) opens the tab that holds it; the last tab shown is remembered.
 */
export function StatisticsScreen({ tabs = statisticsTabs }: { tabs?: readonly StatisticsTab[] }) {
  const [selected, setSelected] = useState(() => firstTab(tabs));
  const reveal = useNavigation((state) => state.reveal);

  const choose = (id: string) => {
    window.localStorage.setItem(storageKey, id);
    setSelected(id);
  };

  // A request to show an item opens the tab holding it (once per request).
  const [handled, setHandled] = useState<number | null>(null);
  if (reveal && reveal.serial !== handled) {
    setHandled(reveal.serial);
    const holder = tabs.find((tab) => tab.shows(reveal.itemId));
    if (holder && holder.id !== selected) setSelected(holder.id);
  }

  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  const Content = current?.component;

  // The tab bar as ARIA describes it: arrows move between tabs, Home and End to the ends.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === current?.id);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1 + tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = tabs[to % tabs.length];
    if (!next) return;
    choose(next.id);
    document.getElementById(`statistics-tab-${next.id}`)?.focus();
  };

  return (
    <Screen width="full" labelledBy="statistics-title">
      <ScreenHeader id="statistics-title" title="Statistics" />
      <div className={styles.tabs} role="tablist" aria-label="Statistics" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`statistics-tab-${tab.id}`}
            type="button"
            role="tab"
            className={styles.tab}
            aria-selected={tab.id === current?.id}
            aria-controls="statistics-panel"
            tabIndex={tab.id === current?.id ? 0 : -1}
            onClick={() => choose(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        id="statistics-panel"
        role="tabpanel"
        aria-labelledby={current ? `statistics-tab-${current.id}` : undefined}
      >
        {Content && <Content />}
      </div>
    </Screen>
  );
}
