import type { CalendarPost, CalendarRun } from '../../../shared/domain/calendar';
import { cx } from '../components/class-names';
import styles from './calendar.module.css';
import { platformNames } from '../../../shared/domain/platforms';
import { clockIn, postLabel, postVideoName, runWork } from './labels';

/** A config's scheduled run: its time, name and what it will make and post. */
export function RunChip({
  run,
  timeZone,
  compact = false,
}: {
  run: CalendarRun;
  timeZone: string;
  /** One line (the month's small cells); the rest is in the tooltip. */
  compact?: boolean;
}) {
  const ownZone =
    run.configTimeZone !== timeZone
      ? ` (${clockIn(run.at, run.configTimeZone)} in ${run.configTimeZone}, the config’s zone)`
      : '';
  return (
    <div
      className={cx(styles.chip, styles.run)}
      title={`${run.configName}: ${runWork(run)}${ownZone}`}
      data-testid="calendar-run"
    >
      <span className={styles.chipLine}>
        <span className={styles.time}>{clockIn(run.at, timeZone)}</span>{' '}
        <strong>{run.configName}</strong>
      </span>
      {!compact && <span className={styles.sub}>Run · {runWork(run)}</span>}
    </div>
  );
}

/**
 * A post at its planned (or actual) time. A waiting one is a button: dragged with the pointer
 * to another time, or pressed (Enter, click) for "Move to…".
 */
export function PostChip({
  post,
  timeZone,
  moving,
  compact = false,
  onPointerDown,
  onOpen,
}: {
  post: CalendarPost;
  timeZone: string;
  moving: boolean;
  /** One line (the month's small cells); the rest is in the tooltip. */
  compact?: boolean;
  onPointerDown?(event: React.PointerEvent): void;
  onOpen?(): void;
}) {
  const movable = post.state === 'waiting' && onOpen !== undefined;
  const content = (
    <>
      <span className={styles.chipLine}>
        <span className={styles.time}>
          {post.at === null ? 'Held' : clockIn(post.at, timeZone)}
        </span>{' '}
        <strong>{platformNames[post.platform]}</strong>
        {post.movedTo !== null && post.state === 'waiting' && (
          <span className={styles.moved} title="You moved this post here">
            {' '}
            · moved
          </span>
        )}
      </span>
      {!compact && (
        <>
          <span className={styles.sub}>{post.accountHandle ?? 'removed account'}</span>
          <span className={styles.sub}>{moving ? 'Moving…' : postVideoName(post, timeZone)}</span>
        </>
      )}
    </>
  );
  const className = cx(styles.chip, styles[post.state], moving && styles.busy);
  if (!movable)
    return (
      <div
        className={className}
        title={[post.accountHandle, postVideoName(post, timeZone), post.reason]
          .filter(Boolean)
          .join(' · ')}
        data-testid="calendar-post"
      >
        {content}
      </div>
    );
  return (
    <button
      type="button"
      className={cx(className, styles.movable)}
      aria-label={`${postLabel(post, timeZone)}. Move to…`}
      title={
        post.reason
          ? `${post.reason} Drag to another time, or press to move it.`
          : 'Drag to another time, or press to move it.'
      }
      data-testid="calendar-post"
      disabled={moving}
      onPointerDown={onPointerDown}
      onClick={onOpen}
    >
      {content}
    </button>
  );
}
