import type { ReactNode } from 'react';
import { cx } from '../components/class-names';
import styles from './overview.module.css';

/** A row of toggle buttons, one pressed: the period, the series' grain, the ranking. */
export function SegmentedChoice<T extends string>({
  label,
  options,
  value,
  onChange,
  children,
}: {
  label: string;
  options: ReadonlyArray<readonly [T, string]>;
  value: T | null;
  onChange(value: T): void;
  /** More buttons after the options (the period's custom range). */
  children?: ReactNode;
}) {
  return (
    <div role="group" aria-label={label} className={styles.segmented}>
      {options.map(([id, text]) => (
        <button
          key={id}
          type="button"
          className={cx('secondary small', styles.segment)}
          aria-pressed={value === id}
          onClick={() => onChange(id)}
        >
          {text}
        </button>
      ))}
      {children}
    </div>
  );
}
