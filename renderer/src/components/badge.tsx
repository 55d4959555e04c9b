import type { HTMLAttributes } from 'react';
import { cx } from './class-names';
import styles from './badge.module.css';

/** How a state reads at a glance: done, failed, under way, held back, or nothing to report. */
export type BadgeTone = 'ok' | 'danger' | 'accent' | 'warning' | 'muted' | 'neutral';

/** How a state is said and shown: its words and its tone. */
export interface StateLook {
  label: string;
  tone: BadgeTone;
}

/** A state in a small pill. Other attributes (title, data-testid) go to the element. */
export function Badge({
  tone = 'neutral',
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span {...props} className={cx(styles.badge, tone !== 'neutral' && styles[tone], className)} />
  );
}
