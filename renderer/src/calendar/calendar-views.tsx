import { useEffect, useRef } from 'react';
import type { CalendarPost, CalendarRun } from '../../../shared/domain/calendar';
import { cx } from '../components/class-names';
import { PostChip, RunChip } from './calendar-items';
import { dayIndexOf, hourCells, wallClockOf, type CalendarDay } from './calendar-layout';
import styles from './calendar.module.css';
import type { PostDrag } from './use-post-drag';

/** What every view of the calendar is given. */
export interface CalendarViewProps {
  days: CalendarDay[];
  /** The engine's clock when the calendar was read. */
  now: number;
  runs: CalendarRun[];
  /** Posts with a time (held ones are listed apart). */
  posts: CalendarPost[];
  timeZone: string;
  drag: PostDrag | null;
  moving: ReadonlySet<string>;
  onDragStart(event: React.PointerEvent, post: CalendarPost): void;
  onOpen(post: CalendarPost): void;
}

type Entry =
  { kind: 'run'; at: number; run: CalendarRun } | { kind: 'post'; at: number; post: CalendarPost };

function entriesOf(runs: CalendarRun[], posts: CalendarPost[]): Entry[] {
  return [
    ...runs.map((run): Entry => ({ kind: 'run', at: run.at, run })),
    ...posts.map((post): Entry => ({ kind: 'post', at: post.at ?? 0, post })),
  ].sort((a, b) => a.at - b.at);
}

function dayWords(date: string, options: Intl.DateTimeFormatOptions): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function Entries({
  entries,
  props,
  compact = false,
}: {
  entries: Entry[];
  props: CalendarViewProps;
  /** One line per entry (the month's small cells). */
  compact?: boolean;
}) {
  return entries.map((entry) =>
    entry.kind === 'run' ? (
      <RunChip
        key={`${entry.run.configId}@${entry.at}`}
        run={entry.run}
        timeZone={props.timeZone}
        compact={compact}
      />
    ) : (
      <PostChip
        key={entry.post.targetId}
        post={entry.post}
        timeZone={props.timeZone}
        compact={compact}
        moving={props.moving.has(entry.post.targetId)}
        onPointerDown={(event) => props.onDragStart(event, entry.post)}
        onOpen={() => props.onOpen(entry.post)}
      />
    ),
  );
}

/** Seven days by 24 wall-clock hours; a post dropped on an hour keeps its minutes. */
export function WeekGrid(props: CalendarViewProps) {
  const { days, timeZone, drag, now } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const buckets = new Map<string, Entry[]>();
  for (const entry of entriesOf(props.runs, props.posts)) {
    const index = dayIndexOf(entry.at, days);
    if (index < 0) continue;
    const key = `${days[index]!.date}@${wallClockOf(entry.at, timeZone).hour}`;
    buckets.set(key, [...(buckets.get(key) ?? []), entry]);
  }
  const cells = days.map((day) => hourCells(day.date, timeZone));
  // The week opens at the hour now on today (an hour before), else at its first entry or 08:00.
  const today = days.find((day) => day.isToday);
  const busyHours = [...buckets.keys()].map((key) => Number(key.split('@')[1]));
  const firstHour = today
    ? Math.max(
        0,
        wallClockOf(Math.min(Math.max(now, today.start), today.end - 1), timeZone).hour - 1,
      )
    : Math.min(8, ...busyHours);

  useEffect(() => {
    const row = scroller.current?.querySelector<HTMLElement>(`[data-hour-row="${firstHour}"]`);
    if (scroller.current && row) scroller.current.scrollTop = row.offsetTop - 40;
    // Only when the week shown changes, not on every reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [days[0]?.date]);

  return (
    <div className={styles.weekScroll} ref={scroller}>
      <table className={styles.week}>
        <thead>
          <tr>
            <th scope="col" className={styles.hourHead}>
              <span className="visually-hidden">Hour</span>
            </th>
            {days.map((day) => (
              <th
                key={day.date}
                scope="col"
                className={cx(day.isToday && styles.todayHead)}
                aria-current={day.isToday ? 'date' : undefined}
              >
                {dayWords(day.date, { weekday: 'short', day: 'numeric' })}
                {day.hours !== 24 && (
                  <small
                    className={styles.dst}
                    title={`This day lasts ${day.hours} hours: the clocks change.`}
                  >
                    {' '}
                    {day.hours} h
                  </small>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 24 }, (_, hour) => (
            <tr key={hour} data-hour-row={hour}>
              <th scope="row" className={styles.hourHead}>
                {String(hour).padStart(2, '0')}:00
              </th>
              {days.map((day, index) => {
                const cell = cells[index]![hour]!;
                const key = `${day.date}@${hour}`;
                return (
                  <td
                    key={key}
                    data-drop-date={day.date}
                    data-drop-hour={hour}
                    className={cx(
                      styles.slot,
                      day.isToday && styles.today,
                      cell.skipped && styles.gap,
                      drag?.over === key && styles.over,
                    )}
                    title={
                      cell.skipped
                        ? 'The clocks go forward: this hour does not exist this day.'
                        : cell.repeated
                          ? 'The clocks go back: this hour happens twice this day.'
                          : undefined
                    }
                  >
                    <Entries entries={buckets.get(key) ?? []} props={props} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const MONTH_CELL_ITEMS = 4;

/** The month's whole weeks; a post dropped on a day keeps its time of day. */
export function MonthGrid(props: CalendarViewProps & { onShowWeek(date: string): void }) {
  const { days, drag } = props;
  const buckets = new Map<string, Entry[]>();
  for (const entry of entriesOf(props.runs, props.posts)) {
    const index = dayIndexOf(entry.at, days);
    if (index >= 0)
      buckets.set(days[index]!.date, [...(buckets.get(days[index]!.date) ?? []), entry]);
  }
  const weeks = Array.from({ length: days.length / 7 }, (_, w) => days.slice(w * 7, w * 7 + 7));
  return (
    <table className={styles.month}>
      <thead>
        <tr>
          {weeks[0]?.map((day) => (
            <th key={day.date} scope="col">
              {dayWords(day.date, { weekday: 'short' })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]!.date}>
            {week.map((day) => {
              const entries = buckets.get(day.date) ?? [];
              const more = entries.length - MONTH_CELL_ITEMS;
              return (
                <td
                  key={day.date}
                  data-drop-date={day.date}
                  className={cx(
                    styles.day,
                    !day.inMonth && styles.otherMonth,
                    day.isToday && styles.today,
                    drag?.over === day.date && styles.over,
                  )}
                  aria-current={day.isToday ? 'date' : undefined}
                >
                  <span className={styles.dayNumber}>
                    {dayWords(day.date, {
                      day: 'numeric',
                      ...(day.date.endsWith('-01') ? { month: 'short' } : {}),
                    })}
                  </span>
                  <Entries entries={entries.slice(0, MONTH_CELL_ITEMS)} props={props} compact />
                  {more > 0 && (
                    <button
                      type="button"
                      className="link small"
                      onClick={() => props.onShowWeek(day.date)}
                    >
                      {more} more…
                    </button>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two weeks as a list, day by day; a day's heading is a drop target too. */
export function AgendaList(props: CalendarViewProps) {
  const { days, drag } = props;
  const byDay = days
    .map((day) => ({
      day,
      entries: entriesOf(props.runs, props.posts).filter(
        (e) => e.at >= day.start && e.at < day.end,
      ),
    }))
    .filter(({ entries }) => entries.length > 0);
  if (byDay.length === 0)
    return (
      <div className="card empty-state">
        <p className="muted">Nothing is planned in these two weeks.</p>
      </div>
    );
  return (
    <ol className={styles.list}>
      {byDay.map(({ day, entries }) => (
        <li
          key={day.date}
          data-drop-date={day.date}
          className={cx('card', styles.listDay, drag?.over === day.date && styles.over)}
        >
          <h2>
            {dayWords(day.date, { weekday: 'long', day: 'numeric', month: 'long' })}
            {day.isToday && <span className="muted small"> · today</span>}
          </h2>
          <div className={styles.listEntries}>
            <Entries entries={entries} props={props} />
          </div>
        </li>
      ))}
    </ol>
  );
}
