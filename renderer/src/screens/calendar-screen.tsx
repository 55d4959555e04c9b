import { useState } from 'react';
import type { CalendarPost } from '../../../shared/domain/calendar';
import { platformIds, platformNames } from '../../../shared/domain/platforms';
import { PostChip } from '../calendar/calendar-items';
import {
  dateOf,
  daysOf,
  instantAt,
  titleOf,
  wallClockOf,
  type CalendarView,
} from '../calendar/calendar-layout';
import styles from '../calendar/calendar.module.css';
import {
  AgendaList,
  MonthGrid,
  WeekGrid,
  type CalendarViewProps,
} from '../calendar/calendar-views';
import { postLabel, postVideoName, postWhere } from '../calendar/labels';
import { MoveDialog } from '../calendar/move-dialog';
import { RefusalNote } from '../calendar/refusal-note';
import { usePostDrag, type DropTarget } from '../calendar/use-post-drag';
import { cx } from '../components/class-names';
import { LoadFailure, Loading } from '../components/load-state';
import { Screen, ScreenHeader } from '../components/screen';
import { useCalendar } from '../stores/calendar-store';
import { useDomain } from '../stores/domain-store';

const views: ReadonlyArray<readonly [CalendarView, string]> = [
  ['week', 'Week'],
  ['month', 'Month'],
  ['list', 'List'],
];

/**
 * The queue and calendar: configs' scheduled runs and posts waiting for their slot (and the
 * ones made) on a week or month grid or a list, in the Settings zone, which is named. A waiting
 * post is dragged to another time, or moved with "Move to…"; a refused time is said with the
 * nearest free one.
 */
export function CalendarScreen() {
  const agenda = useCalendar((state) => state.agenda);
  const error = useCalendar((state) => state.error);
  const view = useCalendar((state) => state.view);
  const anchor = useCalendar((state) => state.anchor);
  const filters = useCalendar((state) => state.filters);
  const moving = useCalendar((state) => state.moving);
  const refusal = useCalendar((state) => state.refusal);
  const accounts = useCalendar((state) => state.accounts);
  const actions = useCalendar((state) => state.actions);
  const [opened, setOpened] = useState<CalendarPost | null>(null);
  // Planned times move as posts go out and pacing frees slots.
  useDomain(useCalendar, 60_000);

  const timeZone = agenda?.timeZone ?? 'UTC';
  const days = agenda
    ? daysOf(view, anchor ?? dateOf(agenda.now, timeZone), timeZone, agenda.now)
    : [];

  const onDrop = (post: CalendarPost, target: DropTarget) => {
    if (post.at === null) return;
    const wall = wallClockOf(post.at, timeZone);
    const at = instantAt(target.date, target.hour ?? wall.hour, wall.minute, timeZone);
    if (at !== post.at) void actions.move(post.targetId, at);
  };
  const { drag, start, consumeDrag } = usePostDrag(onDrop);

  const posts = (agenda?.posts ?? []).filter(
    (post) =>
      (!filters.accountId || post.accountId === filters.accountId) &&
      (!filters.platform || post.platform === filters.platform),
  );
  const runs = (agenda?.runs ?? []).filter(
    (run) =>
      (!filters.accountId || run.accountIds.includes(filters.accountId)) &&
      (!filters.platform || run.platforms.includes(filters.platform)),
  );
  const held = posts.filter((post) => post.state === 'held');
  const props: CalendarViewProps = {
    days,
    now: agenda?.now ?? 0,
    runs,
    posts: posts.filter((post) => post.at !== null),
    timeZone,
    drag,
    moving,
    onDragStart: start,
    onOpen: (post) => {
      if (!consumeDrag()) setOpened(post);
    },
  };

  return (
    <Screen width="wide" labelledBy="calendar-title">
      <ScreenHeader
        id="calendar-title"
        title="Calendar"
        subtitle={
          agenda
            ? `Scheduled runs and posts waiting for their slot. Times in ${timeZone} (Settings).`
            : 'Scheduled runs and posts waiting for their slot.'
        }
        actions={
          <div className={styles.segments} role="group" aria-label="View">
            {views.map(([id, label]) => (
              <button
                key={id}
                type="button"
                aria-pressed={view === id}
                onClick={() => actions.setView(id)}
              >
                {label}
              </button>
            ))}
          </div>
        }
      />
      {agenda?.paused && (
        <p className={styles.paused} role="status">
          <strong>Automation is paused.</strong> Scheduled runs do not start and waiting posts wait
          until you resume it; the times below are when they go once it runs again.
        </p>
      )}
      <div className={styles.toolbar}>
        <div className="row">
          <button type="button" className="secondary" onClick={() => actions.today()}>
            Today
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={`Previous ${view === 'month' ? 'month' : view === 'week' ? 'week' : 'two weeks'}`}
            onClick={() => actions.step(-1)}
          >
            ‹
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={`Next ${view === 'month' ? 'month' : view === 'week' ? 'week' : 'two weeks'}`}
            onClick={() => actions.step(1)}
          >
            ›
          </button>
          <h2 aria-live="polite">{titleOf(view, days)}</h2>
        </div>
        <div className={styles.filters} role="group" aria-label="Filters">
          <label>
            Account
            <select
              value={filters.accountId}
              onChange={(event) => actions.setFilters({ accountId: event.target.value })}
            >
              <option value="">All</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {platformNames[account.platform]} · {account.handle}
                </option>
              ))}
            </select>
          </label>
          <label>
            Platform
            <select
              value={filters.platform}
              onChange={(event) =>
                actions.setFilters({ platform: event.target.value as typeof filters.platform })
              }
            >
              <option value="">All</option>
              {platformIds.map((id) => (
                <option key={id} value={id}>
                  {platformNames[id]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {refusal && !opened && (
        <RefusalNote
          refusal={refusal}
          timeZone={timeZone}
          onTake={(at) => void actions.move(refusal.targetId, at)}
          onDismiss={() => actions.dismissRefusal()}
        />
      )}
      {held.length > 0 && (
        <section className={cx('card', styles.heldList)} aria-label="Held posts">
          <h2>Held until you act</h2>
          <ul>
            {held.map((post) => (
              <li key={post.targetId}>
                <strong>{postWhere(post)}</strong> · {postVideoName(post, timeZone)}:{' '}
                {post.reason ?? 'the account cannot post.'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {error && !agenda ? (
        <LoadFailure what="The calendar" error={error} onRetry={() => void actions.load()} />
      ) : !agenda ? (
        <Loading>Loading the calendar…</Loading>
      ) : (
        <>
          {error && (
            <p className="error-text small">The calendar could not be refreshed: {error}</p>
          )}
          {view !== 'list' && props.runs.length + props.posts.length === 0 && (
            <p className="muted">
              Nothing is scheduled or waiting in these days
              {filters.accountId || filters.platform ? ' for these filters' : ''}. Active configs
              show their runs here, and posts wait here for their slot.
            </p>
          )}
          {view === 'week' ? (
            <WeekGrid {...props} />
          ) : view === 'month' ? (
            <MonthGrid {...props} onShowWeek={(date) => actions.showWeekOf(date)} />
          ) : (
            <AgendaList {...props} />
          )}
          {agenda.runsCut.length > 0 && (
            <p className="muted small">
              Configs that run every few minutes show their first 500 runs of this stretch.
            </p>
          )}
          <div className={styles.legend} aria-label="Legend">
            <span>Drag a waiting post to another time, or press it to move it.</span>
            <span className={cx(styles.chip, styles.run)}>Scheduled run</span>
            <span className={cx(styles.chip, styles.waiting)}>Waiting post</span>
            <span className={cx(styles.chip, styles.posted)}>Posted</span>
          </div>
        </>
      )}
      {drag && (
        <div
          className={styles.ghost}
          style={{ left: drag.x + 12, top: drag.y + 8 }}
          aria-hidden="true"
        >
          <PostChip post={drag.post} timeZone={timeZone} moving={false} />
        </div>
      )}
      {opened && (
        <MoveDialog
          key={opened.targetId}
          post={opened}
          timeZone={timeZone}
          now={agenda?.now ?? 0}
          onClose={() => {
            setOpened(null);
            actions.dismissRefusal();
          }}
        />
      )}
      <span className="visually-hidden" aria-live="polite">
        {drag ? `Moving ${postLabel(drag.post, timeZone)}` : ''}
      </span>
    </Screen>
  );
}
