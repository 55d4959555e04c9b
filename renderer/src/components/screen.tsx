import type { ReactNode } from 'react';
import { cx } from './class-names';
import styles from './screen.module.css';

/** A screen's frame: `normal` for forms and cards, `wide` for tables, `full` for the library. */
export function Screen({
  width = 'normal',
  labelledBy,
  label,
  children,
}: {
  width?: 'normal' | 'wide' | 'full';
  labelledBy?: string;
  label?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={cx(styles.screen, width !== 'normal' && styles[width])}
      aria-labelledby={labelledBy}
      aria-label={label}
    >
      {children}
    </section>
  );
}

/** The title of a screen (or of a view inside it), a line under it, and its main actions. */
export function ScreenHeader({
  id,
  title,
  subtitle,
  actions,
}: {
  id?: string;
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className={styles.header}>
      <div>
        <h1 id={id}>{title}</h1>
        {subtitle && <div className={cx('muted small', styles.subtitle)}>{subtitle}</div>}
      </div>
      {actions && <div className="row">{actions}</div>}
    </header>
  );
}
