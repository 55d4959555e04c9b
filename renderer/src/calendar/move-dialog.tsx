import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import type { CalendarPost } from '../../../shared/domain/calendar';
import { Modal } from '../components/modal';
import { useCalendar } from '../stores/calendar-store';
import { dateOf, instantAt, wallClockOf } from './calendar-layout';
import { dayClockIn, postVideoName, postWhere } from './labels';
import { RefusalNote } from './refusal-note';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "Move to…": the keyboard's (and a click's) way to move a waiting post, by date and time in the
 * Settings zone. A refused time is said in the engine's words with the nearest free one to take.
 */
export function MoveDialog({
  post,
  timeZone,
  now,
  onClose,
}: {
  post: CalendarPost;
  timeZone: string;
  /** The engine's now, where a post without a time starts from. */
  now: number;
  onClose(): void;
}) {
  const { move } = useCalendar((state) => state.actions);
  const refusal = useCalendar((state) =>
    state.refusal?.targetId === post.targetId ? state.refusal : null,
  );
  const moving = useCalendar((state) => state.moving.has(post.targetId));
  const start = post.at ?? now;
  const wall = wallClockOf(start, timeZone);
  const [date, setDate] = useState(dateOf(start, timeZone));
  const [time, setTime] = useState(`${pad(wall.hour)}:${pad(wall.minute)}`);

  async function moveTo(at: number) {
    if (await move(post.targetId, at)) onClose();
  }

  function submit() {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    void moveTo(instantAt(date, hour, minute, timeZone));
  }

  return (
    <Modal open onOpenChange={(open) => !open && onClose()} size="small">
      <Dialog.Title>Move the {postWhere(post)} post</Dialog.Title>
      <Dialog.Description className="muted small">
        {postVideoName(post, timeZone)}
        {post.at !== null && ` · planned for ${dayClockIn(post.at, timeZone)}`}
        {post.reason && `: ${post.reason}`}
      </Dialog.Description>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="row">
          <div className="field">
            <label htmlFor="move-date">Date</label>
            <input
              id="move-date"
              type="date"
              required
              value={date}
              onChange={(event) => setDate(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="move-time">Time ({timeZone})</label>
            <input
              id="move-time"
              type="time"
              required
              value={time}
              onChange={(event) => setTime(event.target.value)}
            />
          </div>
        </div>
        {refusal && (
          <RefusalNote refusal={refusal} timeZone={timeZone} onTake={(at) => void moveTo(at)} />
        )}
        <div className="form-actions">
          <button type="submit" disabled={moving || !date || !time}>
            {moving ? 'Moving…' : 'Move'}
          </button>
          <Dialog.Close asChild>
            <button type="button" className="secondary">
              Cancel
            </button>
          </Dialog.Close>
        </div>
      </form>
    </Modal>
  );
}
